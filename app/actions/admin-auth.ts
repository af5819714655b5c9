"use server";

import { AuthError } from "next-auth";
import { signIn, signOut } from "@/lib/auth";

export type SignInState = { message: string } | null;

export async function signInToBackOffice(_previous: SignInState, formData: FormData): Promise<SignInState> {
  try {
    await signIn("credentials", { email: formData.get("email"), password: formData.get("password"), redirectTo: "/admin" });
  } catch (error) {
    // signIn redirects by throwing on success; only Auth.js's own errors are answered here.
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      return { message: code === "rate_limited" ? "Too many failed attempts. Wait 15 minutes and try again." : "Wrong e-mail or password." };
    }
    throw error;
  }
  return null;
}

export async function signOutOfBackOffice(): Promise<void> {
  await signOut({ redirectTo: "/admin/login" });
}
