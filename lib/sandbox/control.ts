import "server-only";
import { and, eq, gt, inArray, min, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { addMs, clock } from "./clock";
import { badValue } from "./errors";
import { isUuid, KP_SESSION_PATH } from "./ids";
import { HPP_EXPIRY_MARGIN_MS, hppExpiresAt } from "./lifetimes";
import { namespaceCache } from "./namespace-cache";
import { forgetNamespace } from "./read-model";
import { AdvanceClockRequest } from "./schemas";
import { currentNamespace, DEFAULT_NAMESPACE, Namespace, NAMESPACE_COOKIE, NAMESPACE_HEADER, runInScope } from "./scope";
import { db } from "./store";
import {
  sandboxAuthorizations,
  sandboxCallbackAttempts,
  sandboxCallbacks,
  sandboxCaptures,
  sandboxClocks,
  sandboxFaults,
  sandboxHppSessions,
  sandboxKpSessions,
  sandboxOrders,
  sandboxOutbox,
  sandboxRefunds,
} from "./tables";
import { parseBody } from "./validation";

// The control plane's own operations: which namespace a request belongs to, the clock's state
// and its deadlines, and resetting one namespace.

/** Where a request runs: its namespace, that namespace's clock, and whether any fault is armed there. */
export interface ResolvedScope {
  namespace: string;
  offsetMs: number;
  faultsArmed: boolean;
}

/**
 * Where a request about resource `id` runs: the namespace the resource was created in, else
 * `fallback`, with that namespace's clock offset and whether it has a fault left to fire.
 * Every API call pays for this, so it is one query, or none when the answers are cached.
 * Undefined when the id is unknown and there is no fallback.
 */
async function loadScope(id: string | undefined, fallback: string | undefined): Promise<ResolvedScope | undefined> {
  const resourceId = id && isUuid(id) ? id : undefined;
  const knownOwner = resourceId ? namespaceCache.owner(resourceId) : undefined;
  // An id not seen before may name a resource in another namespace: only the database can tell.
  const namespace = resourceId && !knownOwner ? undefined : (knownOwner ?? fallback);
  const cached = namespace ? namespaceCache.state(namespace) : undefined;
  if (namespace && cached) return { namespace, ...cached };
  const lookupId = knownOwner ? null : (resourceId ?? null);
  const result = (await db().execute(sql`
    with owner as (
      select (
        select namespace from sandbox_kp_sessions where id = ${lookupId}::uuid
        union all select namespace from sandbox_hpp_sessions where id = ${lookupId}::uuid
        union all select namespace from sandbox_authorizations where token = ${lookupId}::uuid
        union all select namespace from sandbox_orders where id = ${lookupId}::uuid
        limit 1) as namespace
    ), found as (
      select coalesce(owner.namespace, ${knownOwner ?? fallback ?? null}::text) as namespace, owner.namespace is not null as owned from owner
    )
    select found.namespace, found.owned,
      coalesce((select offset_ms from sandbox_clocks where namespace = found.namespace), 0)::float8 as offset_ms,
      exists(select 1 from sandbox_faults where namespace = found.namespace and (remaining is null or remaining > 0)) as faults_armed
    from found`)) as unknown as { rows: { namespace: string | null; owned: boolean; offset_ms: number; faults_armed: boolean }[] };
  const row = result.rows[0];
  if (!row?.namespace) return undefined;
  if (row.owned && lookupId) namespaceCache.rememberOwner(lookupId, row.namespace);
  const state = { offsetMs: Number(row.offset_ms), faultsArmed: row.faults_armed };
  namespaceCache.rememberState(row.namespace, state);
  return { namespace: row.namespace, ...state };
}

/** A cookie's value as text; a malformed escape names no namespace (and is refused as such). */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A request header by its lower-case name. */
type HeaderOf = (name: string) => string | undefined;

/** The namespace the caller asked for: the header, else the cookie, else the default one; undefined when malformed. */
function requestedNamespace(header: HeaderOf): string | undefined {
  const fromCookie = header("cookie")
    ?.split(";")
    .map((pair) => pair.trim().split("="))
    .find(([name]) => name === NAMESPACE_COOKIE)?.[1];
  const requested = header(NAMESPACE_HEADER) ?? (fromCookie ? safeDecode(fromCookie) : DEFAULT_NAMESPACE);
  return requested === DEFAULT_NAMESPACE || Namespace.safeParse(requested).success ? requested : undefined;
}

/**
 * A request about an existing resource runs in that resource's namespace (so the merchant needs
 * to name it only when creating the KP session); anything else in the namespace it asks for.
 */
export async function resolveScope(header: HeaderOf, resourceId: string | undefined, body: unknown): Promise<ResolvedScope> {
  const kpSessionUrl = (body as { payment_session_url?: unknown } | undefined)?.payment_session_url;
  const id = resourceId ?? (typeof kpSessionUrl === "string" ? kpSessionUrl.match(KP_SESSION_PATH)?.[1] : undefined);
  const scope = await loadScope(id, requestedNamespace(header));
  if (!scope) throw badValue(`${NAMESPACE_HEADER} header`);
  return scope;
}

/** Runs `work` in `namespace`, on that namespace's clock as stored now. */
export async function inNamespace<T>(namespace: string, work: () => Promise<T>): Promise<T> {
  return runInScope((await loadScope(undefined, namespace))!, work);
}

/** Runs `work` in the namespace of the session `id` (the hosted page's), else the default one. */
export async function inSessionNamespace<T>(id: string, work: () => Promise<T>): Promise<T> {
  return runInScope((await loadScope(id, DEFAULT_NAMESPACE))!, work);
}

export const clockState = () => ({ namespace: currentNamespace(), now: clock.now().toISOString(), offset_seconds: Math.round(clock.offsetMs / 1000) });

/** What the clock brings about when it reaches each kind of deadline (also listed at /sandbox/scenarios). */
export const DEADLINES = {
  authorization_token_expiry: "The authorization token expires: place order answers 404 NOT_FOUND (60 min after approval)",
  hpp_session_expiry: "The HPP session expires: reads answer 404, the hosted page says so (1 h before its KP session)",
  kp_session_expiry: "The KP session expires: reads and updates answer 404 NOT_FOUND (48 h after its last update)",
  order_authorization_expiry: "The order's authorization expires: OM status EXPIRED, nothing more can be captured (28 days, or as extended)",
  fraud_decision: "A pending fraud review ends: fraud_status ACCEPTED, or REJECTED and the order CANCELLED (after the persona's NN minutes)",
  callback_retry: "A failed callback is sent again (2, 4 and 8 s after the attempts before it)",
} as const;
export type DeadlineKind = keyof typeof DEADLINES;

type DeadlineTable = typeof sandboxAuthorizations | typeof sandboxKpSessions | typeof sandboxOrders | typeof sandboxCallbacks;

/** The earliest moment after now at which something in the namespace expires or falls due. */
export async function nextDeadline(): Promise<{ kind: DeadlineKind; at: Date } | null> {
  const namespace = currentNamespace();
  const now = clock.now();
  // The smallest `column` later than `after` among the namespace's rows of `table` that meet `condition`.
  const earliest = async (kind: DeadlineKind, table: DeadlineTable, column: AnyPgColumn<{ data: Date }>, condition?: SQL, after = now) => {
    const [row] = await db()
      .select({ at: min(column) })
      .from(table)
      .where(and(eq(table.namespace, namespace), condition, gt(column, after)));
    return { kind, at: row?.at ?? null };
  };
  const candidates = await Promise.all([
    earliest("authorization_token_expiry", sandboxAuthorizations, sandboxAuthorizations.expiresAt, eq(sandboxAuthorizations.status, "valid")),
    // An HPP session expires a margin before its KP session.
    earliest("hpp_session_expiry", sandboxKpSessions, sandboxKpSessions.expiresAt, undefined, addMs(now, HPP_EXPIRY_MARGIN_MS)).then(({ kind, at }) => ({
      kind,
      at: at && hppExpiresAt(new Date(at)),
    })),
    earliest("kp_session_expiry", sandboxKpSessions, sandboxKpSessions.expiresAt),
    earliest("order_authorization_expiry", sandboxOrders, sandboxOrders.expiresAt, inArray(sandboxOrders.status, ["AUTHORIZED", "PART_CAPTURED"])),
    earliest("fraud_decision", sandboxOrders, sandboxOrders.fraudDecisionAt, eq(sandboxOrders.fraudStatus, "PENDING")),
    earliest("callback_retry", sandboxCallbacks, sandboxCallbacks.nextAttemptAt, eq(sandboxCallbacks.state, "pending")),
  ]);
  const found = candidates.filter((candidate): candidate is { kind: DeadlineKind; at: Date } => candidate.at !== null);
  found.sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
  return found[0] ? { kind: found[0].kind, at: new Date(found[0].at) } : null;
}

export async function advanceClock(body: unknown) {
  const request = parseBody(AdvanceClockRequest, body);
  if ("seconds" in request) {
    await clock.advance(request.seconds * 1000);
    return clockState();
  }
  const deadline = await nextDeadline();
  // Exactly to the deadline: every check treats "at or after" as passed.
  if (deadline) await clock.advance(Math.max(0, deadline.at.getTime() - clock.now().getTime()));
  return { ...clockState(), deadline: deadline ? { kind: deadline.kind, at: deadline.at.toISOString() } : null };
}

/** Counts of what the namespace holds, for the control API and the dashboard. */
export async function namespaceSummary() {
  const namespace = currentNamespace();
  const count = async (
    table: typeof sandboxKpSessions | typeof sandboxHppSessions | typeof sandboxOrders | typeof sandboxCallbacks | typeof sandboxFaults | typeof sandboxOutbox,
  ) =>
    (
      await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(table)
        .where(eq(table.namespace, namespace))
    )[0]!.n;
  const [kp, hpp, orders, callbacks, faults, outbox] = await Promise.all(
    [sandboxKpSessions, sandboxHppSessions, sandboxOrders, sandboxCallbacks, sandboxFaults, sandboxOutbox].map(count),
  );
  return { namespace, clock: clockState(), counts: { kp_sessions: kp, hpp_sessions: hpp, orders, callbacks, faults, outbox } };
}

/** Forgets everything in the current namespace (and puts its clock back); others are untouched. */
export async function resetNamespace(): Promise<void> {
  const namespace = currentNamespace();
  await db().transaction(async (tx) => {
    const orderIds = tx.select({ id: sandboxOrders.id }).from(sandboxOrders).where(eq(sandboxOrders.namespace, namespace));
    await tx.delete(sandboxCaptures).where(inArray(sandboxCaptures.orderId, orderIds));
    await tx.delete(sandboxRefunds).where(inArray(sandboxRefunds.orderId, orderIds));
    const callbackIds = tx.select({ id: sandboxCallbacks.id }).from(sandboxCallbacks).where(eq(sandboxCallbacks.namespace, namespace));
    await tx.delete(sandboxCallbackAttempts).where(inArray(sandboxCallbackAttempts.callbackId, callbackIds));
    for (const table of [
      sandboxCallbacks,
      sandboxOrders,
      sandboxAuthorizations,
      sandboxHppSessions,
      sandboxKpSessions,
      sandboxOutbox,
      sandboxFaults,
      sandboxClocks,
    ]) {
      await tx.delete(table).where(eq(table.namespace, namespace));
    }
  });
  forgetNamespace(namespace);
  await clock.reset();
}
