import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, gt, sql } from "drizzle-orm";
import { config } from "@/lib/config";
import { basicAuthMatches } from "@/lib/http/basic-auth";
import type { Presence } from "@/lib/klarna-wire";
import { listCallbacks } from "./callbacks";
import { clock, DAY } from "./clock";
import { advanceClock, clockState, namespaceSummary, resetNamespace, resolveScope } from "./control";
import { KlarnaApiError, notFound } from "./errors";
import { addFault, clearFaults, injectedError, listFaults, REQUEST_FAULT_KINDS, removeFault, sleep, takeFaults, type Fault } from "./faults";
import { actOnHostedPage, applyKlarnaEvent, createHppSession, disableHppSession, distributeHppSession, readHppSession } from "./hpp";
import { cancelAuthorization, createCustomerToken, createKpSession, placeOrder, readKpSession, updateKpSession } from "./kp";
import { leanReply } from "./lean-replies";
import * as om from "./om";
import * as omState from "./om-state";
import * as omUpdates from "./om-updates";
import { PUBLIC_OPERATIONS, SANDBOX_API_PREFIX, sandboxOpenApiDocument } from "./openapi";
import { OPERATIONS } from "./operations";
import { runInScope } from "./scope";
import { inTransaction, type Executor } from "./store";
import { sandboxIdempotency } from "./tables";

// The sandbox's HTTP face: one framework-free handler `(Request) => Promise<Response>` for the KP,
// HPP, OM and control APIs. It authenticates, bounds and parses bodies, routes, and renders
// Klarna's error envelope; the operations themselves live in kp.ts, hpp.ts and om.ts.

export { SANDBOX_API_PREFIX };
const MAX_BODY_BYTES = 1024 * 1024;

interface ApiResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Which of Klarna's documented conditions hold for this reply (see `requiredWhen` in lib/klarna-wire). */
  presence?: Presence[];
}

type Params = Record<string, string>;
type Operation = (params: Params, body: unknown) => Promise<ApiResult>;

interface Route {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Klarna's path below /sandbox/api, `{}` standing for an id. */
  path: string;
  /** A stable name for the operation, used by fault injection and the OpenAPI document. */
  operation: string;
  pattern: RegExp;
  /** OM POSTs and PATCHes honour Klarna-Idempotency-Key and run in the transaction that stores the reply. */
  run: Operation | { idempotent: (tx: Executor, params: Params, body: unknown) => Promise<ApiResult> };
}

const json = (status: number) => (body: unknown): ApiResult => ({ status, body });
const noContent = (): ApiResult => ({ status: 204 });
const orderPath = (id: string) => `${config().appUrl}${SANDBOX_API_PREFIX}/ordermanagement/v1/orders/${id}`;
const inTx = <T>(work: (tx: Executor) => Promise<T>) => inTransaction(work);

const segment = "([^/]+)";
const route = (method: Route["method"], path: string, operation: string, run: Route["run"]): Route => ({
  method,
  path,
  operation,
  pattern: new RegExp(`^${path.replaceAll("{}", segment)}/?$`),
  run,
});
const ORDER = "/ordermanagement/v1/orders/{}";

const ROUTES: Route[] = [
  route("POST", "/payments/v1/sessions", "kp.create_session", (_p, body) => createKpSession(body).then(json(200))),
  route("GET", "/payments/v1/sessions/{}", "kp.read_session", (p) => readKpSession(p[0]!).then(json(200))),
  route("POST", "/payments/v1/sessions/{}", "kp.update_session", (p, body) => updateKpSession(p[0]!, body).then(noContent)),
  route("POST", "/payments/v1/authorizations/{}/order", "kp.place_order", (p, body) => placeOrder(p[0]!, body).then(json(200))),
  route("POST", "/payments/v1/authorizations/{}/customer-token", "kp.create_customer_token", (p, body) => createCustomerToken(p[0]!, body).then(json(200))),
  route("DELETE", "/payments/v1/authorizations/{}", "kp.cancel_authorization", (p) => cancelAuthorization(p[0]!).then(noContent)),

  route("POST", "/hpp/v1/sessions", "hpp.create_session", async (_p, body) => {
    const { reply, channel } = await createHppSession(body);
    return { status: 201, body: reply, presence: channel === "ECOMMERCE" ? ["ecommerce_channel"] : [] };
  }),
  route("GET", "/hpp/v1/sessions/{}", "hpp.read_session", async (p) => {
    const reply = await readHppSession(p[0]!);
    return { status: 200, body: reply, presence: reply.status === "COMPLETED" ? ["completed_none_mode", "completed_by_klarna"] : [] };
  }),
  route("DELETE", "/hpp/v1/sessions/{}", "hpp.disable_session", (p) => disableHppSession(p[0]!).then(noContent)),
  route("POST", "/hpp/v1/sessions/{}/distribution", "hpp.distribute_session", (p, body) => distributeHppSession(p[0]!, body).then(() => ({ status: 201 }))),

  route("GET", ORDER, "om.read_order", (p) => inTx((tx) => omState.getOrder(tx, p[0]!)).then(json(200))),
  route("GET", `${ORDER}/captures`, "om.list_captures", (p) => inTx((tx) => omState.listCaptures(tx, p[0]!)).then(json(200))),
  route("GET", `${ORDER}/captures/{}`, "om.read_capture", (p) => inTx((tx) => omState.getCapture(tx, p[0]!, p[1]!)).then(json(200))),
  route("GET", `${ORDER}/refunds/{}`, "om.read_refund", (p) => inTx((tx) => omState.getRefund(tx, p[0]!, p[1]!)).then(json(200))),
  route("GET", `${ORDER}/captures/{}/extend-due-date-options`, "om.extend_due_date_options", (p) => inTx((tx) => omUpdates.extendDueDateOptions(tx, p[0]!, p[1]!)).then(json(200))),
  route("POST", `${ORDER}/captures`, "om.capture", {
    idempotent: async (tx, p, body) => {
      const id = await om.captureOrder(tx, p[0]!, body);
      return { status: 201, headers: { "capture-id": id, location: `${orderPath(p[0]!)}/captures/${id}` } };
    },
  }),
  route("POST", `${ORDER}/captures/{}/shipping-info`, "om.add_shipping_info", { idempotent: (tx, p, body) => omUpdates.addCaptureShippingInfo(tx, p[0]!, p[1]!, body).then(noContent) }),
  route("POST", `${ORDER}/captures/{}/trigger-send-out`, "om.trigger_send_out", { idempotent: (tx, p) => omUpdates.triggerSendOut(tx, p[0]!, p[1]!).then(noContent) }),
  route("PATCH", `${ORDER}/captures/{}/extend-due-date`, "om.extend_due_date", { idempotent: (tx, p, body) => omUpdates.extendDueDate(tx, p[0]!, p[1]!, body).then(noContent) }),
  route("POST", `${ORDER}/refunds`, "om.refund", {
    idempotent: async (tx, p, body) => {
      const id = await om.refundOrder(tx, p[0]!, body);
      return { status: 201, headers: { "refund-id": id, location: `${orderPath(p[0]!)}/refunds/${id}` } };
    },
  }),
  route("POST", `${ORDER}/cancel`, "om.cancel_order", { idempotent: (tx, p) => om.cancelOrder(tx, p[0]!).then(noContent) }),
  route("POST", `${ORDER}/release-remaining-authorization`, "om.release_remaining_authorization", { idempotent: (tx, p) => om.releaseRemainingAuthorization(tx, p[0]!).then(noContent) }),
  route("POST", `${ORDER}/extend-authorization-time`, "om.extend_authorization_time", { idempotent: (tx, p) => om.extendAuthorizationTime(tx, p[0]!).then(noContent) }),
  route("PATCH", `${ORDER}/authorization`, "om.update_authorization", { idempotent: (tx, p, body) => omUpdates.updateAuthorization(tx, p[0]!, body).then(noContent) }),
  route("PATCH", `${ORDER}/merchant-references`, "om.update_merchant_references", { idempotent: (tx, p, body) => omUpdates.updateMerchantReferences(tx, p[0]!, body).then(noContent) }),
  route("PATCH", `${ORDER}/customer-details`, "om.update_customer_details", { idempotent: (tx, p, body) => omUpdates.updateCustomerDetails(tx, p[0]!, body).then(noContent) }),
  route("POST", `${ORDER}/shipping-info`, "om.add_order_shipping_info", { idempotent: (tx, p, body) => omUpdates.addOrderShippingInfo(tx, p[0]!, body).then(noContent) }),
  route("POST", `${ORDER}/acknowledge`, "om.acknowledge_order", { idempotent: (tx, p) => omUpdates.acknowledgeOrder(tx, p[0]!).then(noContent) }),

  route("POST", "/_control/hpp/{}/complete", "control.complete_hpp", (p, body) => actOnHostedPage(p[0]!, body).then(json(200))),
  route("POST", "/_control/hpp/{}/timeout", "control.time_out_hpp", (p) => applyKlarnaEvent(p[0]!, "timeout").then(json(200))),
  route("POST", "/_control/hpp/{}/manual-id-check", "control.start_manual_id_check", (p) => applyKlarnaEvent(p[0]!, "manual_id_check").then(json(200))),
  route("POST", "/_control/orders/{}/close", "control.close_order", (p) => inTx((tx) => omUpdates.closeOrder(tx, p[0]!)).then(noContent)),
  route("GET", "/_control/clock", "control.read_clock", async () => json(200)(clockState())),
  route("POST", "/_control/clock/advance", "control.advance_clock", async (_p, body) => json(200)(await advanceClock(body))),
  route("POST", "/_control/clock/reset", "control.reset_clock", async () => {
    await clock.reset();
    return json(200)(clockState());
  }),
  route("GET", "/_control/callbacks", "control.list_callbacks", async () => json(200)({ callbacks: await listCallbacks() })),
  route("GET", "/_control/faults", "control.list_faults", async () => json(200)({ faults: await listFaults() })),
  route("POST", "/_control/faults", "control.add_fault", async (_p, body) => json(201)(await addFault(body, API_OPERATIONS))),
  route("DELETE", "/_control/faults", "control.clear_faults", () => clearFaults().then(noContent)),
  route("DELETE", "/_control/faults/{}", "control.remove_fault", (p) => removeFault(p[0]!).then(noContent)),
  route("GET", "/_control/namespace", "control.read_namespace", async () => json(200)(await namespaceSummary())),
  route("POST", "/_control/reset", "control.reset_namespace", async () => {
    await resetNamespace();
    return json(200)(await namespaceSummary());
  }),
  route("GET", "/openapi.json", "sandbox.openapi", async () => json(200)(sandboxOpenApiDocument(SANDBOX_ROUTES))),
];

/** What the handler serves, for the OpenAPI document and its completeness test. */
export const SANDBOX_ROUTES = ROUTES.map(({ method, path, operation }) => ({ method, path, operation }));

/** Klarna's own operations: the ones faults can hit (the control API and docs are never faulted). */
export const API_OPERATIONS = ROUTES.filter((entry) => /^(kp|hpp|om)\./.test(entry.operation)).map((entry) => entry.operation);

const envelope = (error: KlarnaApiError, correlationId: string): ApiResult => ({
  status: error.status,
  ...(error.status === 429 ? { headers: { "retry-after": "1" } } : {}),
  body: { error_code: error.code, error_messages: error.messages, correlation_id: correlationId },
});

const authorized = (request: Request) => basicAuthMatches(request.headers.get("authorization"), config().sandboxCredentials);

/** Reads a JSON body of at most 1 MB; an empty body is `undefined`. */
async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw new KlarnaApiError(413, "REQUEST_TOO_LARGE", ["Request body exceeds 1 MB"]);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) throw new KlarnaApiError(413, "REQUEST_TOO_LARGE", ["Request body exceeds 1 MB"]);
      chunks.push(chunk);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(contentType)) {
    throw new KlarnaApiError(415, "UNSUPPORTED_MEDIA_TYPE", ["Content-Type must be application/json"]);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new KlarnaApiError(400, "BAD_REQUEST", ["Malformed JSON in request body"]);
  }
}

const IDEMPOTENCY_WINDOW = DAY;

/** Runs an OM POST once per Klarna-Idempotency-Key: a repeat within 24 h gets the first reply. */
async function runIdempotent(key: string | null, correlationId: string, work: (tx: Executor) => Promise<ApiResult>): Promise<ApiResult> {
  if (!key) return inTransaction(work);
  return inTransaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
    const now = clock.now();
    const [stored] = await tx
      .select()
      .from(sandboxIdempotency)
      .where(and(eq(sandboxIdempotency.key, key), gt(sandboxIdempotency.createdAt, new Date(now.getTime() - IDEMPOTENCY_WINDOW))))
      .limit(1);
    if (stored) return { status: stored.status, headers: stored.headers, body: stored.body ? JSON.parse(stored.body) : undefined };
    let result: ApiResult;
    try {
      // A savepoint, so a refused operation leaves nothing behind but its stored reply.
      result = await tx.transaction((inner) => work(inner as unknown as Executor));
    } catch (error) {
      if (!(error instanceof KlarnaApiError) || error.status >= 500) throw error;
      result = envelope(error, correlationId);
    }
    const record = { status: result.status, headers: result.headers ?? {}, body: result.body === undefined ? "" : JSON.stringify(result.body), createdAt: now };
    await tx.insert(sandboxIdempotency).values({ key, ...record }).onConflictDoUpdate({ target: sandboxIdempotency.key, set: record });
    return result;
  });
}

function toResponse(result: ApiResult, correlationId: string): Response {
  const headers = new Headers({ "klarna-correlation-id": correlationId, ...result.headers });
  if (result.body === undefined) return new Response(null, { status: result.status, headers });
  headers.set("content-type", "application/json;charset=utf-8");
  return new Response(JSON.stringify(result.body), { status: result.status, headers });
}

/** A path segment as text; a malformed escape such as `%zz` names no resource (URIError otherwise). */
function decodePathSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw notFound(`No such resource: malformed path segment ${value}`);
  }
}

const CONNECTION_RESET = Symbol("connection reset");

async function dispatch(request: Request, correlationId: string): Promise<ApiResult | typeof CONNECTION_RESET> {
  const path = new URL(request.url).pathname.slice(SANDBOX_API_PREFIX.length) || "/";
  const candidates = ROUTES.filter((candidate) => candidate.pattern.test(path));
  const matched = candidates.find((candidate) => candidate.method === request.method);
  // Credentials first, as Klarna checks them: an anonymous caller learns nothing of what exists.
  if (!(matched && PUBLIC_OPERATIONS.has(matched.operation)) && !authorized(request)) throw new KlarnaApiError(401, "PERMISSION_DENIED", ["Authentication failed or permission not granted"]);
  if (candidates.length === 0) throw notFound(`No such resource: ${path}`);
  if (!matched) throw new KlarnaApiError(405, "METHOD_NOT_ALLOWED", [`${request.method} is not allowed on ${path}`]);
  const params = Object.fromEntries((matched.pattern.exec(path) ?? []).slice(1).map((value, index) => [index, decodePathSegment(value)])) as Params;
  const body = request.method === "POST" || request.method === "PATCH" ? await readJsonBody(request) : undefined;
  const scope = await resolveScope(request, matched.operation === "control.remove_fault" ? undefined : params[0], body);
  return runInScope(scope, async () => {
    const faults = scope.faultsArmed && API_OPERATIONS.includes(matched.operation) ? await takeFaults(matched.operation, REQUEST_FAULT_KINDS) : [];
    const delay = faults.filter((fault) => fault.kind === "latency").reduce((sum, fault) => sum + (fault.latencyMs ?? 0), 0);
    if (delay > 0) await sleep(delay);
    const failure = faults.find((fault) => fault.kind === "http_error" || fault.kind === "reset" || fault.kind === "timeout");
    if (failure && !failure.afterOperation) return injectFailure(failure);
    const { run } = matched;
    const result =
      typeof run === "function"
        ? await run(params, body)
        : await runIdempotent(request.headers.get("klarna-idempotency-key"), correlationId, (tx) => run.idempotent(tx, params, body));
    if (failure) return injectFailure(failure);
    // Klarna's date is the namespace's clock: "the day of the call" for extensions, as a client sees it.
    result.headers = { date: clock.now().toUTCString(), ...result.headers };
    // Only what Klarna's OpenAPI marks required (and what its conditions guarantee): a client must cope.
    const lean = faults.some((fault) => fault.kind === "minimal_response");
    const reply = OPERATIONS[matched.operation]?.success.body;
    return lean && reply && result.status < 300 ? { ...result, body: leanReply(reply, result.body, result.presence ?? []) } : result;
  });
}

/** An injected failure: an error reply, or a connection that is reset (after hanging, for a timeout). */
async function injectFailure(fault: Fault): Promise<ApiResult | typeof CONNECTION_RESET> {
  if (fault.kind === "timeout") await sleep(fault.latencyMs ?? 30_000);
  if (fault.kind !== "http_error") return CONNECTION_RESET;
  throw injectedError(fault);
}

export async function handleSandboxRequest(request: Request): Promise<Response> {
  const correlationId = randomUUID();
  try {
    const result = await dispatch(request, correlationId);
    // A network error: the custom server resets the client's connection without answering.
    return result === CONNECTION_RESET ? Response.error() : toResponse(result, correlationId);
  } catch (error) {
    if (error instanceof KlarnaApiError) return toResponse(envelope(error, correlationId), correlationId);
    console.error(`[sandbox] ${request.method} ${request.url} failed (correlation id ${correlationId})`, error);
    return toResponse(envelope(new KlarnaApiError(500, "INTERNAL_SERVER_ERROR", ["An unexpected error occurred"]), correlationId), correlationId);
  }
}
