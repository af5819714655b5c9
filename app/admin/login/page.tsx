import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/admin/sign-in-form";
import { currentUser } from "@/lib/auth/guards";
import { config } from "@/lib/config";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await currentUser()) redirect("/admin");
  // Outside production the seeded accounts are the documented demo ones: say so.
  const settings = config();
  const demoAccounts = settings.isProduction ? [] : settings.seedUsers;
  return (
    <main id="main" className="mx-auto w-full max-w-sm flex-1 px-4 py-24">
      <h1 className="mb-6 text-2xl font-bold">Back office sign-in</h1>
      <SignInForm />
      {demoAccounts.length > 0 ? (
        <div className="mt-6 text-sm text-ink-600 dark:text-ink-400" data-testid="demo-accounts">
          <p>Development demo accounts:</p>
          <ul className="mt-1 list-disc pl-5">
            {demoAccounts.map((account) => (
              <li key={account.email}>
                {account.role}: <code>{account.email}</code> / <code>{account.password}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </main>
  );
}
