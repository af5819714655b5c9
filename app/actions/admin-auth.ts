"use server";

import { AuthError } from "next-auth";
import { signIn, signOut } from "@/lib/auth";
import { currentUser } from "@/lib/auth/guards";
import { endSessions } from "@/lib/auth/sign-in";
import { formAction } from "@/lib/http/form-action";

export type SignInState = { message: string } | null;

export const signInToBackOffice = formAction(async (formData: FormData): Promise<SignInState> => {
  try {
    await signIn("credentials", { email: formData.get("email"), password: formData.get("password"), redirectTo: "/admin" });
  } catch (error) {
    // signIn redirects by throwing on success; only Auth.js's own errors are answered here.
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code ?? "";
      if (code.startsWith("rate_limited:")) {
        const until = new Date(code.slice("rate_limited:".length));
        return {
          message: `Too many sign-in attempts for this account from here. Try again after ${until.toISOString().slice(11, 16)} UTC (${until.toISOString().slice(0, 10)}).`,
        };
      }
      return { message: "Wrong e-mail or password." };
    }
    throw error;
  }
  return null;
});

export async function signOutOfBackOffice(): Promise<void> {
  // Ends every session of the user on the server, not only this browser's cookie.
  const user = await currentUser();
  if (user) await endSessions(user.id);
  await signOut({ redirectTo: "/admin/login" });
}
