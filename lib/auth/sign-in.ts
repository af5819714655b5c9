import "server-only";
import bcrypt from "bcryptjs";
import { and, eq, gt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { signInFailures, users } from "@/lib/db/schema";

// Credentials check for the back office, with rate limiting: after too many failures in the
// window, further attempts for that e-mail or from that address are refused without checking.

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;

export type Role = "admin" | "viewer";
export interface BackOfficeUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

const Credentials = z.object({ email: z.email().max(254).transform((email) => email.toLowerCase()), password: z.string().min(1).max(200) });

export type SignInResult = { ok: true; user: BackOfficeUser } | { ok: false; reason: "invalid" | "rate_limited" };

// Compared against when the e-mail is unknown, so both paths cost one bcrypt comparison.
const NO_SUCH_USER_HASH = bcrypt.hashSync("no such user", 11);

export async function verifyCredentials(input: unknown, ip: string): Promise<SignInResult> {
  const parsed = Credentials.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const since = new Date(Date.now() - SIGN_IN_WINDOW_MS);
  const [counts] = await db()
    .select({
      byEmail: sql<number>`count(*) filter (where ${signInFailures.email} = ${email})::int`,
      byIp: sql<number>`count(*) filter (where ${signInFailures.ip} = ${ip})::int`,
    })
    .from(signInFailures)
    .where(and(gt(signInFailures.failedAt, since), or(eq(signInFailures.email, email), eq(signInFailures.ip, ip))));
  if ((counts?.byEmail ?? 0) >= MAX_FAILURES_PER_EMAIL || (counts?.byIp ?? 0) >= MAX_FAILURES_PER_IP) return { ok: false, reason: "rate_limited" };

  const [user] = await db().select().from(users).where(eq(users.email, email)).limit(1);
  const matches = await bcrypt.compare(password, user?.passwordHash ?? NO_SUCH_USER_HASH);
  if (!user || !matches) {
    await db().insert(signInFailures).values({ email, ip });
    return { ok: false, reason: "invalid" };
  }
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
