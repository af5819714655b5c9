import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/admin/sign-in-form";
import { currentUser } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await currentUser()) redirect("/admin");
  return (
    <main id="main" className="mx-auto w-full max-w-sm flex-1 px-4 py-24">
      <h1 className="mb-6 text-2xl font-bold">Back office sign-in</h1>
      <SignInForm />
    </main>
  );
}
