import "server-only";
import { desc, eq } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import { listCallbacks } from "./callbacks";
import { clock, DAY, HOUR, MINUTE } from "./clock";
import { advanceClock, clockState, inNamespace, namespaceSummary, nextDeadline, resetNamespace } from "./control";
import { addFault, CALLBACK_OPERATIONS, clearFaults, FAULT_KINDS, listFaults, REDIRECT_OPERATION, removeFault } from "./faults";
import { API_OPERATIONS, SANDBOX_ROUTES } from "./http";
import { PERSONA_RULES } from "./personas";
import { hppExpiresAt } from "./lifetimes";
import { currentNamespace } from "./scope";
import { db } from "./store";
import { sandboxHppSessions, sandboxKpSessions, sandboxOrders } from "./tables";

// What the /sandbox dashboard shows and does, for one namespace. Every function runs the core in
// that namespace (and on its clock), exactly as the control API would, minus HTTP and credentials.

const ROWS = 50;

/** Every operation a fault may name, `*` first. */
export const FAULT_OPERATIONS = ["*", ...API_OPERATIONS, ...CALLBACK_OPERATIONS, REDIRECT_OPERATION];
export { FAULT_KINDS };
export const FAULT_STATUSES = [429, 500, 502, 503, 504] as const;

/** The personas table the authorization code uses, without its matchers. */
export const PERSONA_CATALOGUE = PERSONA_RULES.map(({ pattern, example, effect }) => ({ pattern, example, effect }));

/** The control API's endpoints, as served. */
export const CONTROL_ENDPOINTS = SANDBOX_ROUTES.filter((route) => route.operation.startsWith("control.")).map((route) => ({
  method: route.method,
  path: `/sandbox/api${route.path}`,
  operation: route.operation,
}));

/**
 * A dashboard list's query narrowed to the namespace's newest `limit` rows of `table`, ties broken by
 * id so that the order is stable (Drizzle's dynamic query building).
 */
function newestOfNamespace<Query extends PgSelect>(
  query: Query,
  table: typeof sandboxHppSessions | typeof sandboxKpSessions | typeof sandboxOrders,
  limit: number,
) {
  return query.where(eq(table.namespace, currentNamespace())).orderBy(desc(table.createdAt), desc(table.id)).limit(limit);
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);
const amount = (value: unknown) => (typeof value === "number" ? value : undefined);

/** The newest HPP sessions of the current namespace, each with its KP session's amount. */
export async function listHppSessions(limit = ROWS) {
  const now = clock.now();
  const rows = await newestOfNamespace(
    db()
      .select({ hpp: sandboxHppSessions, kp: { status: sandboxKpSessions.status, data: sandboxKpSessions.data, expiresAt: sandboxKpSessions.expiresAt } })
      .from(sandboxHppSessions)
      .leftJoin(sandboxKpSessions, eq(sandboxKpSessions.id, sandboxHppSessions.kpSessionId))
      .$dynamic(),
    sandboxHppSessions,
    limit,
  );
  return rows.map(({ hpp, kp }) => {
    const expiresAt = kp ? hppExpiresAt(kp.expiresAt) : null;
    return {
      id: hpp.id,
      status: hpp.status,
      expired: expiresAt !== null && expiresAt <= now,
      kp_session_id: hpp.kpSessionId,
      kp_status: kp?.status ?? null,
      order_amount: amount(kp?.data.order_amount) ?? null,
      purchase_currency: text(kp?.data.purchase_currency) ?? null,
      locale: text(kp?.data.locale) ?? null,
      klarna_reference: hpp.klarnaReference,
      created_at: hpp.createdAt,
      updated_at: hpp.updatedAt,
      expires_at: expiresAt,
    };
  });
}

/** The newest KP sessions of the current namespace. */
export async function listKpSessions(limit = ROWS) {
  const now = clock.now();
  const rows = await newestOfNamespace(db().select().from(sandboxKpSessions).$dynamic(), sandboxKpSessions, limit);
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    expired: row.expiresAt <= now,
    order_amount: amount(row.data.order_amount) ?? null,
    purchase_currency: text(row.data.purchase_currency) ?? null,
    locale: text(row.data.locale) ?? null,
    created_at: row.createdAt,
    expires_at: row.expiresAt,
  }));
}

/** The newest orders of the current namespace. */
export async function listOrders(limit = ROWS) {
  const rows = await newestOfNamespace(db().select().from(sandboxOrders).$dynamic(), sandboxOrders, limit);
  return rows.map((row) => ({
    id: row.id,
    klarna_reference: row.klarnaReference,
    status: row.status,
    fraud_status: row.fraudStatus,
    fraud_decision_at: row.fraudStatus === "PENDING" ? row.fraudDecisionAt : null,
    order_amount: row.orderAmount,
    captured_amount: row.capturedAmount,
    refunded_amount: row.refundedAmount,
    purchase_currency: text(row.data.purchase_currency) ?? null,
    locale: text(row.data.locale) ?? null,
    created_at: row.createdAt,
    expires_at: row.expiresAt,
  }));
}

const SECRET_PARAMETERS = ["secret", "k", "key", "token"];

/** A callback URL as the dashboard shows it: the receiver's secrets replaced by `…`. */
export function withoutSecrets(url: string): string {
  try {
    const parsed = new URL(url);
    for (const name of SECRET_PARAMETERS) if (parsed.searchParams.has(name)) parsed.searchParams.set(name, "…");
    return parsed.toString().replaceAll("%E2%80%A6", "…");
  } catch {
    return "(not a URL)";
  }
}

/** Everything the dashboard shows for `namespace`; callback secrets masked. */
export function loadDashboard(namespace: string) {
  return inNamespace(namespace, async () => {
    const [deadline, summary, faults, hppSessions, kpSessions, orders, callbacks] = await Promise.all([
      nextDeadline(),
      namespaceSummary(),
      listFaults(),
      listHppSessions(),
      listKpSessions(),
      listOrders(),
      listCallbacks(ROWS),
    ]);
    return {
      clock: clockState(),
      nextDeadline: deadline,
      counts: summary.counts,
      faults,
      hppSessions,
      kpSessions,
      orders,
      callbacks: callbacks.map((callback) => ({ ...callback, url: withoutSecrets(callback.url) })),
      outboxCount: summary.counts.outbox ?? 0,
    };
  });
}
export type DashboardData = Awaited<ReturnType<typeof loadDashboard>>;

export const CLOCK_UNITS = { minutes: MINUTE, hours: HOUR, days: DAY } as const;
export type ClockUnit = keyof typeof CLOCK_UNITS;

/** Moves `namespace`'s clock forward by `amount` `unit`s (validated like the control API). */
export const advanceDashboardClock = (namespace: string, amount: number, unit: ClockUnit) =>
  inNamespace(namespace, () => advanceClock({ seconds: Math.round((amount * CLOCK_UNITS[unit]) / 1000) }));

export const advanceToNextDeadline = (namespace: string) => inNamespace(namespace, () => advanceClock({ to: "next_deadline" }));

export const resetDashboardClock = (namespace: string) =>
  inNamespace(namespace, async () => {
    await clock.reset();
    return clockState();
  });

export const resetDashboardNamespace = (namespace: string) => inNamespace(namespace, () => resetNamespace());

export const addDashboardFault = (namespace: string, body: unknown) => inNamespace(namespace, () => addFault(body, API_OPERATIONS));

export const removeDashboardFault = (namespace: string, id: string) => inNamespace(namespace, () => removeFault(id));

export const clearDashboardFaults = (namespace: string) => inNamespace(namespace, () => clearFaults());
