import { eq, sql } from "drizzle-orm";
import { namespaceCache } from "./namespace-cache";
import { currentScope } from "./scope";
import { db } from "./store";
import { sandboxClocks } from "./tables";

// The sandbox's one source of time. Every lifetime (sessions, tokens, orders, callback retries,
// fraud reviews) reads it, so tests and demos move time forward instead of waiting. Each
// namespace has its own offset, kept in the database so it survives restarts and is shared by
// every instance.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const addMs = (date: Date, ms: number) => new Date(date.getTime() + ms);

export const clock = {
  /** Sandbox time in the current namespace. */
  now: (): Date => new Date(Date.now() + currentScope().offsetMs),

  get offsetMs(): number {
    return currentScope().offsetMs;
  },

  /** Moves the current namespace's time forward by `ms` (never backwards). */
  async advance(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("The sandbox clock only moves forward");
    const scope = currentScope();
    const [row] = await db()
      .insert(sandboxClocks)
      .values({ namespace: scope.namespace, offsetMs: Math.round(ms), updatedAt: new Date() })
      .onConflictDoUpdate({ target: sandboxClocks.namespace, set: { offsetMs: sql`${sandboxClocks.offsetMs} + ${Math.round(ms)}`, updatedAt: new Date() } })
      .returning({ offsetMs: sandboxClocks.offsetMs });
    scope.offsetMs = row!.offsetMs;
    namespaceCache.forget(scope.namespace);
  },

  /** Puts the current namespace back on real time. */
  async reset(): Promise<void> {
    const scope = currentScope();
    await db().delete(sandboxClocks).where(eq(sandboxClocks.namespace, scope.namespace));
    scope.offsetMs = 0;
    namespaceCache.forget(scope.namespace);
  },
};
