import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authSecret } from "@/lib/config";
import { CLIENT_IP_HEADER } from "./client-ip";
import { currentSessionVersion, verifyCredentials, type Role } from "./sign-in";

// next-auth (Auth.js v5): e-mail and password against the users table, JWT sessions carrying the
// user's role. Pages and actions check the session themselves (guards.ts), not only a proxy.

/** The code carries the end of the lock-out, for the sign-in page to say when to try again. */
class TooManyAttempts extends CredentialsSignin {
  constructor(until: Date) {
    super();
    this.code = `rate_limited:${until.toISOString()}`;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/admin/login" },
  // A wrong password is an answer, not an error: Auth.js would log a stack trace for each one.
  logger: {
    error: (error) => {
      if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin") return;
      // Auth.js's class names are minified in the build; its `type` names the error.
      const type = (error as { type?: string }).type ?? error.name;
      const meaning =
        type === "JWTSessionError" ? "a session cookie that does not decode (forged, or signed with another AUTH_SECRET)" : error.message.split("\n")[0];
      console.error(`[auth] ${type}: ${meaning}`);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: async (credentials, request) => {
        const result = await verifyCredentials(credentials, request.headers.get(CLIENT_IP_HEADER) ?? "unknown");
        if (result.ok) return result.user;
        if (result.reason === "rate_limited") throw new TooManyAttempts(result.until);
        return null;
      },
    }),
  ],
  callbacks: {
    // Checked on every request: a session from before the user's last sign-out is over.
    jwt: async ({ token, user }) => {
      if (user) return Object.assign(token, { id: user.id, role: (user as { role: Role }).role, version: (user as { sessionVersion: number }).sessionVersion });
      const current = typeof token.id === "string" ? await currentSessionVersion(token.id) : null;
      return current !== null && current === token.version ? token : null;
    },
    session: ({ session, token }) => {
      Object.assign(session.user, { id: token.id, role: token.role });
      return session;
    },
  },
}));
