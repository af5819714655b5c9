import "server-only";
import bcrypt from "bcryptjs";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { signInAttempts, users } from "@/lib/db/schema";

// Credentials check for the back office, rate limited. Each attempt takes a place in two budgets
// before its password is checked, in one statement each: the account from this address (so a
// stranger's guesses do not lock the real user out from elsewhere) and the address across
// accounts (so one address cannot spray many). A full budget refuses without checking anything.

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS = 5;
export const MAX_ATTEMPTS_PER_ADDRESS = 20;

export type Role = "admin" | "viewer";
export interface BackOfficeUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

const Credentials = z.object({
  email: z
    .email()
    .max(254)
    .transform((email) => email.toLowerCase()),
  password: z.string().min(1).max(200),
});

export type SignInResult =
  { ok: true; user: BackOfficeUser & { sessionVersion: number } } | { ok: false; reason: "invalid" } | { ok: false; reason: "rate_limited"; until: Date };

// Compared against when the e-mail is unknown, so both paths cost one bcrypt comparison.
const NO_SUCH_USER_HASH = bcrypt.hashSync("no such user", 11);

/** Takes one attempt from `key`'s budget; returns how many the window holds now and when it ends. */
async function takeAttempt(key: string) {
  const windowSeconds = SIGN_IN_WINDOW_MS / 1000;
  const expired = sql`${signInAttempts.windowStartedAt} < now() - make_interval(secs => ${windowSeconds})`;
  const [row] = await db()
    .insert(signInAttempts)
    .values({ key, windowStartedAt: sql`now()`, attempts: 1 })
    .onConflictDoUpdate({
      target: signInAttempts.key,
      set: {
        attempts: sql`case when ${expired} then 1 else ${signInAttempts.attempts} + 1 end`,
        windowStartedAt: sql`case when ${expired} then now() else ${signInAttempts.windowStartedAt} end`,
      },
    })
    .returning();
  return { attempts: row!.attempts, until: new Date(row!.windowStartedAt.getTime() + SIGN_IN_WINDOW_MS) };
}

/** A successful sign-in gives its place back: only failures should fill a budget. */
async function giveBack(key: string) {
  await db()
    .update(signInAttempts)
    .set({ attempts: sql`greatest(${signInAttempts.attempts} - 1, 0)` })
    .where(eq(signInAttempts.key, key));
}

export async function verifyCredentials(input: unknown, address: string): Promise<SignInResult> {
  const parsed = Credentials.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const keys = [`account:${email}|${address}`, `address:${address}`];
  const [account, wide] = [await takeAttempt(keys[0]!), await takeAttempt(keys[1]!)];
  if (account.attempts > MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS || wide.attempts > MAX_ATTEMPTS_PER_ADDRESS) {
    const until = account.attempts > MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS ? account.until : wide.until;
    return { ok: false, reason: "rate_limited", until };
  }
  const [user] = await db().select().from(users).where(eq(users.email, email)).limit(1);
  const matches = await bcrypt.compare(password, user?.passwordHash ?? NO_SUCH_USER_HASH);
  if (!user || !matches) return { ok: false, reason: "invalid" };
  for (const key of keys) await giveBack(key);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion } };
}

/** The user's current session version, or null when the user is gone. */
export async function currentSessionVersion(userId: string): Promise<number | null> {
  const [user] = await db().select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, userId)).limit(1);
  return user?.sessionVersion ?? null;
}

/** Sign-out: every session issued to the user so far stops being accepted. */
export async function endSessions(userId: string): Promise<void> {
  await db()
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}
