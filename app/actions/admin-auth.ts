"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { textField } from "@/lib/actions/form-fields";
import { validatedAction, type Refusal } from "@/lib/actions/validated-action";
import { signIn, signOut } from "@/lib/auth";
import { currentUser } from "@/lib/auth/guards";
import { endSessions } from "@/lib/auth/sign-in";

// The credentials provider checks the e-mail and password (lib/auth/sign-in.ts): a blank one is a wrong one.
const SignInForm = z.object({ email: textField, password: textField });

export const signInToBackOffice = validatedAction(
  { schema: SignInForm, role: "shopper", secrets: ["password"] },
  async ({ email, password }): Promise<Refusal | null> => {
    try {
      await signIn("credentials", { email, password, redirectTo: "/admin" });
    } catch (error) {
      // signIn redirects by throwing on success; only Auth.js's own errors are answered here.
      if (error instanceof AuthError) {
        const code = (error as AuthError & { code?: string }).code ?? "";
        if (code.startsWith("rate_limited:")) {
          const until = new Date(code.slice("rate_limited:".length));
          return {
            ok: false,
            message: `Too many sign-in attempts for this account from here. Try again after ${until.toISOString().slice(11, 16)} UTC (${until.toISOString().slice(0, 10)}).`,
          };
        }
        return { ok: false, message: "Wrong e-mail or password." };
      }
      throw error;
    }
    return null;
  },
);

/** A plain action: it takes no form, and anyone may sign out (it ends the sessions of whoever is signed in, if anyone). */
export async function signOutOfBackOffice(): Promise<void> {
  // Ends every session of the user on the server, not only this browser's cookie.
  const user = await currentUser();
  if (user) await endSessions(user.id);
  await signOut({ redirectTo: "/admin/login" });
}
