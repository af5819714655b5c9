import "server-only";
import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { addMs, clock } from "./clock";
import { takeFaults } from "./faults";
import { isAllowedTarget } from "./targets";
import { newId } from "./ids";
import { currentNamespace, runInScope } from "./scope";
import { db, type Executor } from "./store";
import { sandboxCallbackAttempts, sandboxCallbacks, sandboxClocks } from "./tables";

// Callbacks to the merchant, delivered in the background as Klarna does: a POST with
// a 3 s timeout, retried up to 3 times a few seconds apart in sandbox time, then given up. Every
// attempt lands in a ledger (control API and dashboard).

const CALLBACK_TIMEOUT_MS = 3_000;
/** Wait before retry 1, 2 and 3, in sandbox time. */
export const RETRY_DELAYS_MS = [2_000, 4_000, 8_000];
const LOCK_MS = 30_000;

type CallbackKind = (typeof sandboxCallbacks.$inferSelect)["kind"];
type Callback = typeof sandboxCallbacks.$inferSelect;

/** Records a callback to send; delivery starts once the caller's transaction commits. */
export async function enqueueCallback(
  tx: Executor,
  callback: { kind: CallbackKind; subjectId: string; url: string; payload: (eventId: string) => Record<string, unknown> },
) {
  const id = newId();
  await tx.insert(sandboxCallbacks).values({
    id,
    namespace: currentNamespace(),
    kind: callback.kind,
    subjectId: callback.subjectId,
    url: callback.url,
    payload: callback.payload(id),
    state: "pending",
    attempts: 0,
    nextAttemptAt: clock.now(),
    createdAt: clock.now(),
  });
  return id;
}

// ---------------------------------------------------------------------------------------------
// Delivery: one loop per process, woken after enqueueing and every second for retries.

interface Delivery {
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  again: boolean;
}
const globalStore = globalThis as typeof globalThis & { __klarnaSandboxDelivery?: Delivery };
const delivery = (globalStore.__klarnaSandboxDelivery ??= { again: false });

/** Starts background delivery in this process (the custom server does, in sandbox mode). */
export function startCallbackDelivery(periodic: () => Promise<void>, intervalMs = 1_000): () => void {
  if (!delivery.timer) {
    delivery.timer = setInterval(() => void wakeDelivery(periodic), intervalMs);
    delivery.timer.unref();
  }
  return () => {
    clearInterval(delivery.timer);
    delivery.timer = undefined;
  };
}

/** Runs `work` now, or once more after the current run when one is under way. */
export function wakeDelivery(work: () => Promise<void>, options: { onlyIfStarted?: boolean } = {}): Promise<void> {
  if (options.onlyIfStarted && !delivery.timer) return Promise.resolve();
  if (delivery.running) {
    delivery.again = true;
    return delivery.running;
  }
  delivery.running = (async () => {
    try {
      do {
        delivery.again = false;
        await work();
      } while (delivery.again);
    } catch (error) {
      console.error("[sandbox] callback delivery failed", error);
    } finally {
      delivery.running = undefined;
    }
  })();
  return delivery.running;
}

/** Sends every callback whose attempt is due in its namespace's time; returns how many were tried. */
export async function deliverDueCallbacks(): Promise<number> {
  const pending = await db()
    .select({ callback: sandboxCallbacks, offsetMs: sandboxClocks.offsetMs })
    .from(sandboxCallbacks)
    .leftJoin(sandboxClocks, eq(sandboxClocks.namespace, sandboxCallbacks.namespace))
    .where(and(eq(sandboxCallbacks.state, "pending"), or(isNull(sandboxCallbacks.lockedUntil), lt(sandboxCallbacks.lockedUntil, new Date()))))
    .orderBy(asc(sandboxCallbacks.createdAt))
    .limit(100);
  const due = pending.filter(({ callback, offsetMs }) => callback.nextAttemptAt && callback.nextAttemptAt.getTime() <= Date.now() + (offsetMs ?? 0));
  await Promise.all(due.map(({ callback, offsetMs }) => runInScope({ namespace: callback.namespace, offsetMs: offsetMs ?? 0 }, () => deliverOnce(callback))));
  return due.length;
}

/** One attempt at one callback, if this instance wins it. */
async function deliverOnce(candidate: Callback): Promise<void> {
  const [callback] = await db()
    .update(sandboxCallbacks)
    .set({ lockedUntil: new Date(Date.now() + LOCK_MS) })
    .where(
      and(
        eq(sandboxCallbacks.id, candidate.id),
        eq(sandboxCallbacks.state, "pending"),
        or(isNull(sandboxCallbacks.lockedUntil), lt(sandboxCallbacks.lockedUntil, new Date())),
      ),
    )
    .returning();
  if (!callback) return;
  const attempt = callback.attempts + 1;
  const operation = `callback.${callback.kind}`;
  if ((await takeFaults(operation, ["drop_callback"])).length > 0) return endUnsent(callback, attempt, "dropped", "Dropped by an injected fault: never sent");
  // Allowed when the session was created; the configuration may have changed since.
  if (!isAllowedTarget(callback.url)) return endUnsent(callback, attempt, "failed", "Not sent: the target is no longer allowed (SANDBOX_ALLOWED_ORIGINS)");
  const result = await send(callback);
  await recordAttempt(callback, attempt, result);
  if ((await takeFaults(operation, ["duplicate_callback"])).length > 0) {
    await recordAttempt(callback, attempt, { ...(await send(callback)), note: "duplicate sent by an injected fault" });
  }
  const delivered = result.statusCode !== undefined && result.statusCode >= 200 && result.statusCode < 300;
  const retryDelay = RETRY_DELAYS_MS[attempt - 1];
  await db()
    .update(sandboxCallbacks)
    .set({
      attempts: attempt,
      state: delivered ? "delivered" : retryDelay === undefined ? "failed" : "pending",
      nextAttemptAt: delivered || retryDelay === undefined ? null : addMs(clock.now(), retryDelay),
      lockedUntil: null,
    })
    .where(eq(sandboxCallbacks.id, callback.id));
}

/** Ends a callback without sending it: the attempt is recorded with the reason, and no retry follows. */
async function endUnsent(callback: Callback, attempt: number, state: "dropped" | "failed", reason: string) {
  await recordAttempt(callback, attempt, { error: reason, latencyMs: 0 });
  await db().update(sandboxCallbacks).set({ state, attempts: attempt, nextAttemptAt: null, lockedUntil: null }).where(eq(sandboxCallbacks.id, callback.id));
}

async function send(callback: Callback): Promise<{ statusCode?: number; error?: string; latencyMs: number }> {
  const started = performance.now();
  try {
    const response = await fetch(callback.url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "klarna-sandbox-callbacks/1" },
      body: JSON.stringify(callback.payload),
      redirect: "manual",
      signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS),
    });
    await response.arrayBuffer().catch(() => undefined);
    return { statusCode: response.status, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return {
      error: timedOut ? `No reply within ${CALLBACK_TIMEOUT_MS / 1000} s` : `Could not connect (${cause ?? String(error)})`,
      latencyMs: Math.round(performance.now() - started),
    };
  }
}

async function recordAttempt(callback: Callback, attempt: number, result: { statusCode?: number; error?: string; latencyMs: number; note?: string }) {
  await db()
    .insert(sandboxCallbackAttempts)
    .values({
      id: newId(),
      callbackId: callback.id,
      attempt,
      sentAt: clock.now(),
      statusCode: result.statusCode ?? null,
      error: [result.error, result.note].filter(Boolean).join("; ") || null,
      latencyMs: result.latencyMs,
    });
}

/** The ledger of the current namespace, newest first, each callback with its attempts. */
export async function listCallbacks(limit = 200) {
  const callbacks = await db()
    .select()
    .from(sandboxCallbacks)
    .where(eq(sandboxCallbacks.namespace, currentNamespace()))
    .orderBy(desc(sandboxCallbacks.createdAt))
    .limit(limit);
  const attempts =
    callbacks.length === 0
      ? []
      : await db()
          .select()
          .from(sandboxCallbackAttempts)
          .where(
            inArray(
              sandboxCallbackAttempts.callbackId,
              callbacks.map((callback) => callback.id),
            ),
          )
          .orderBy(asc(sandboxCallbackAttempts.sentAt), sql`${sandboxCallbackAttempts.attempt}`);
  return callbacks.map((callback) => ({
    event_id: callback.id,
    kind: callback.kind,
    subject_id: callback.subjectId,
    url: callback.url,
    state: callback.state,
    attempts: callback.attempts,
    next_attempt_at: callback.state === "pending" ? (callback.nextAttemptAt?.toISOString() ?? null) : null,
    created_at: callback.createdAt.toISOString(),
    payload: callback.payload,
    deliveries: attempts
      .filter((attempt) => attempt.callbackId === callback.id)
      .map((attempt) => ({
        attempt: attempt.attempt,
        sent_at: attempt.sentAt.toISOString(),
        status_code: attempt.statusCode,
        error: attempt.error,
        latency_ms: attempt.latencyMs,
      })),
  }));
}
