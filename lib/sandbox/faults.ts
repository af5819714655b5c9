import "server-only";
import { and, asc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import { clock } from "./clock";
import { KlarnaApiError, notFound } from "./errors";
import { isUuid, newId } from "./ids";
import { namespaceCache } from "./namespace-cache";
import { currentNamespace } from "./scope";
import { db } from "./store";
import { CALLBACK_KINDS, sandboxFaults } from "./tables";
import { parseBody } from "./validation";

// Faults on demand, per namespace: slow or failing API calls, reset connections, timeouts,
// dropped or duplicated callbacks and dropped redirects, for the next N matches or with a
// probability. The HTTP layer, the callback sender and the hosted page each ask for the faults
// of their kind when they act.

export const CALLBACK_OPERATIONS = CALLBACK_KINDS.map((kind) => `callback.${kind}` as const);
export const REDIRECT_OPERATION = "hpp.redirect";

/** Faults on an API call: slow, failing, cut, or answered with only what Klarna guarantees. */
export const REQUEST_FAULT_KINDS = ["latency", "http_error", "reset", "timeout", "minimal_response"] as const;
const CALLBACK_FAULT_KINDS = ["drop_callback", "duplicate_callback"] as const;
export const FAULT_KINDS = [...REQUEST_FAULT_KINDS, ...CALLBACK_FAULT_KINDS, "drop_redirect"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type Fault = typeof sandboxFaults.$inferSelect;

const ERROR_CODES: Record<number, string> = {
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_SERVER_ERROR",
  502: "BAD_GATEWAY",
  503: "SERVICE_UNAVAILABLE",
  504: "GATEWAY_TIMEOUT",
};

export const FaultRequest = z
  .object({
    /** An API operation name (see /sandbox/api/openapi.json), a callback or redirect operation, or `*`. */
    operation: z.string().min(1).max(100).default("*"),
    kind: z.enum(FAULT_KINDS),
    /** http_error only. */
    status: z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
    /** latency: the delay added; timeout: how long the connection hangs before it is reset. */
    latency_ms: z.number().int().min(0).max(120_000).optional(),
    /** http_error, reset, timeout: let the operation take effect, then lose its reply. */
    after: z.boolean().default(false),
    /** Fire for the next `count` matches only. */
    count: z.number().int().min(1).max(1_000_000).optional(),
    probability: z.number().gt(0).max(1).default(1),
  })
  .strict();
export type FaultRequest = z.infer<typeof FaultRequest>;

/** Adds a fault to the current namespace; `apiOperations` are the operation names the API serves. */
export async function addFault(body: unknown, apiOperations: readonly string[]) {
  const request = parseBody(FaultRequest, body);
  const { kind, operation } = request;
  const fits = (REQUEST_FAULT_KINDS as readonly string[]).includes(kind)
    ? apiOperations.includes(operation)
    : (CALLBACK_FAULT_KINDS as readonly string[]).includes(kind)
      ? (CALLBACK_OPERATIONS as readonly string[]).includes(operation)
      : operation === REDIRECT_OPERATION;
  if (operation !== "*" && !fits) throw new KlarnaApiError(400, "BAD_VALUE", ["Bad value: operation", `A ${kind} fault cannot apply to ${operation}`]);
  if (request.status && kind !== "http_error") throw new KlarnaApiError(400, "BAD_VALUE", ["Bad value: status", "status applies to http_error faults only"]);
  const [fault] = await db()
    .insert(sandboxFaults)
    .values({
      id: newId(),
      namespace: currentNamespace(),
      operation,
      kind,
      status: kind === "http_error" ? (request.status ?? 503) : null,
      latencyMs: request.latency_ms ?? (kind === "timeout" ? 30_000 : kind === "latency" ? 1_000 : null),
      afterOperation: request.after,
      probability: request.probability,
      remaining: request.count ?? null,
      fired: 0,
      createdAt: clock.now(),
    })
    .returning();
  namespaceCache.forget(currentNamespace());
  return faultResource(fault!);
}

export async function listFaults() {
  const rows = await db().select().from(sandboxFaults).where(eq(sandboxFaults.namespace, currentNamespace())).orderBy(asc(sandboxFaults.createdAt));
  return rows.map(faultResource);
}

export async function removeFault(id: string): Promise<void> {
  const removed = await db()
    .delete(sandboxFaults)
    .where(and(eq(sandboxFaults.namespace, currentNamespace()), eq(sandboxFaults.id, isUuid(id) ? id : "00000000-0000-0000-0000-000000000000")))
    .returning({ id: sandboxFaults.id });
  if (removed.length === 0) throw notFound(`No fault ${id} in this namespace`);
  namespaceCache.forget(currentNamespace());
}

export async function clearFaults(): Promise<void> {
  await db().delete(sandboxFaults).where(eq(sandboxFaults.namespace, currentNamespace()));
  namespaceCache.forget(currentNamespace());
}

function faultResource(fault: Fault) {
  return {
    fault_id: fault.id,
    operation: fault.operation,
    kind: fault.kind,
    status: fault.status ?? undefined,
    latency_ms: fault.latencyMs ?? undefined,
    after: fault.afterOperation,
    probability: fault.probability,
    remaining: fault.remaining ?? undefined,
    fired: fault.fired,
    created_at: fault.createdAt.toISOString(),
  };
}

/**
 * The faults of `kinds` that fire now for `operation` in the current namespace. Each candidate
 * rolls its probability, then takes one of its remaining uses atomically, so "the next N" holds
 * across concurrent requests and instances.
 */
export async function takeFaults(operation: string, kinds: readonly FaultKind[]): Promise<Fault[]> {
  const candidates = await db()
    .select()
    .from(sandboxFaults)
    .where(
      and(
        eq(sandboxFaults.namespace, currentNamespace()),
        inArray(sandboxFaults.kind, [...kinds]),
        or(eq(sandboxFaults.operation, operation), eq(sandboxFaults.operation, "*")),
        or(isNull(sandboxFaults.remaining), gt(sandboxFaults.remaining, 0)),
      ),
    )
    .orderBy(asc(sandboxFaults.createdAt));
  const fired: Fault[] = [];
  for (const fault of candidates) {
    if (Math.random() >= fault.probability) continue;
    const [taken] = await db()
      .update(sandboxFaults)
      .set({ fired: sql`${sandboxFaults.fired} + 1`, remaining: sql`${sandboxFaults.remaining} - 1` })
      .where(and(eq(sandboxFaults.id, fault.id), or(isNull(sandboxFaults.remaining), gt(sandboxFaults.remaining, 0))))
      .returning();
    if (taken) fired.push(taken);
  }
  // A fault that fired may have used up its count.
  if (fired.length > 0) namespaceCache.forget(currentNamespace());
  return fired;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The error an http_error fault answers with, in Klarna's envelope. */
export function injectedError(fault: Fault): KlarnaApiError {
  const status = fault.status ?? 503;
  return new KlarnaApiError(status, ERROR_CODES[status] ?? "INTERNAL_SERVER_ERROR", [`Injected fault ${fault.id}`]);
}
