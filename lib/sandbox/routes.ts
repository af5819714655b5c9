import "server-only";
import { config } from "@/lib/config";
import type { Presence } from "@/lib/klarna-wire";
import { listCallbacks } from "./callbacks";
import { clock } from "./clock";
import { advanceClock, clockState, namespaceSummary, resetNamespace } from "./control";
import { addFault, clearFaults, listFaults, removeFault } from "./faults";
import { actOnHostedPage, applyKlarnaEvent } from "./hosted-page";
import { createHppSession, disableHppSession, distributeHppSession, readHppSession } from "./hpp";
import { cancelAuthorization, createCustomerToken, createKpSession, placeOrder, readKpSession, updateKpSession } from "./kp";
import * as om from "./om";
import * as omState from "./om-state";
import * as omUpdates from "./om-updates";
import { SANDBOX_API_PREFIX, sandboxOpenApiDocument } from "./openapi";
import { inTransaction, type Executor } from "./store";

// What the sandbox serves: each operation's method, Klarna's path and the core function that
// answers it. http.ts authenticates, parses, finds the route and runs it.

export interface ApiResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Which of Klarna's documented conditions hold for this reply (see `requiredWhen` in lib/klarna-wire). */
  presence?: Presence[];
}

export type Params = Record<string, string>;
type Operation = (params: Params, body: unknown) => Promise<ApiResult>;

export interface Route {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Klarna's path below /sandbox/api, `{}` standing for an id. */
  path: string;
  /** A stable name for the operation, used by fault injection and the OpenAPI document. */
  operation: string;
  pattern: RegExp;
  /** The path up to its first id: a cheap test before the pattern's. */
  prefix: string;
  /** OM POSTs and PATCHes honour Klarna-Idempotency-Key and run in the transaction that stores the reply. */
  run: Operation | { idempotent: (tx: Executor, params: Params, body: unknown) => Promise<ApiResult> };
}

export const json =
  (status: number) =>
  (body: unknown): ApiResult => ({ status, body });
const noContent = (): ApiResult => ({ status: 204 });
/** The reply to a new capture or refund: its id, and its URL below the order. */
const createdBelowOrder = (orderId: string, what: "capture" | "refund", id: string): ApiResult => ({
  status: 201,
  headers: { [`${what}-id`]: id, location: `${config().appUrl}${SANDBOX_API_PREFIX}/ordermanagement/v1/orders/${orderId}/${what}s/${id}` },
});

const segment = "([^/]+)";
const route = (method: Route["method"], path: string, operation: string, run: Route["run"]): Route => ({
  method,
  path,
  operation,
  pattern: new RegExp(`^${path.replaceAll("{}", segment)}/?$`),
  prefix: path.split("{}")[0]!,
  run,
});
const ORDER = "/ordermanagement/v1/orders/{}";

export const ROUTES: Route[] = [
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

  route("GET", ORDER, "om.read_order", (p) => omState.readOrder(p[0]!).then(json(200))),
  route("GET", `${ORDER}/captures`, "om.list_captures", (p) => omState.listCaptures(p[0]!).then(json(200))),
  route("GET", `${ORDER}/captures/{}`, "om.read_capture", (p) => omState.getCapture(p[0]!, p[1]!).then(json(200))),
  route("GET", `${ORDER}/refunds/{}`, "om.read_refund", (p) => omState.getRefund(p[0]!, p[1]!).then(json(200))),
  route("GET", `${ORDER}/captures/{}/extend-due-date-options`, "om.extend_due_date_options", (p) =>
    omUpdates.extendDueDateOptions(p[0]!, p[1]!).then(json(200)),
  ),
  route("POST", `${ORDER}/captures`, "om.capture", {
    idempotent: async (tx, p, body) => createdBelowOrder(p[0]!, "capture", await om.captureOrder(tx, p[0]!, body)),
  }),
  route("POST", `${ORDER}/captures/{}/shipping-info`, "om.add_shipping_info", {
    idempotent: (tx, p, body) => omUpdates.addCaptureShippingInfo(tx, p[0]!, p[1]!, body).then(noContent),
  }),
  route("POST", `${ORDER}/captures/{}/trigger-send-out`, "om.trigger_send_out", {
    idempotent: (tx, p) => omUpdates.triggerSendOut(tx, p[0]!, p[1]!).then(noContent),
  }),
  route("PATCH", `${ORDER}/captures/{}/extend-due-date`, "om.extend_due_date", {
    idempotent: (tx, p, body) => omUpdates.extendDueDate(tx, p[0]!, p[1]!, body).then(noContent),
  }),
  route("POST", `${ORDER}/refunds`, "om.refund", {
    idempotent: async (tx, p, body) => createdBelowOrder(p[0]!, "refund", await om.refundOrder(tx, p[0]!, body)),
  }),
  route("POST", `${ORDER}/cancel`, "om.cancel_order", { idempotent: (tx, p) => om.cancelOrder(tx, p[0]!).then(noContent) }),
  route("POST", `${ORDER}/release-remaining-authorization`, "om.release_remaining_authorization", {
    idempotent: (tx, p) => om.releaseRemainingAuthorization(tx, p[0]!).then(noContent),
  }),
  route("POST", `${ORDER}/extend-authorization-time`, "om.extend_authorization_time", {
    idempotent: (tx, p) => om.extendAuthorizationTime(tx, p[0]!).then(noContent),
  }),
  route("PATCH", `${ORDER}/authorization`, "om.update_authorization", {
    idempotent: (tx, p, body) => omUpdates.updateAuthorization(tx, p[0]!, body).then(noContent),
  }),
  route("PATCH", `${ORDER}/merchant-references`, "om.update_merchant_references", {
    idempotent: (tx, p, body) => omUpdates.updateMerchantReferences(tx, p[0]!, body).then(noContent),
  }),
  route("PATCH", `${ORDER}/customer-details`, "om.update_customer_details", {
    idempotent: (tx, p, body) => omUpdates.updateCustomerDetails(tx, p[0]!, body).then(noContent),
  }),
  route("POST", `${ORDER}/shipping-info`, "om.add_order_shipping_info", {
    idempotent: (tx, p, body) => omUpdates.addOrderShippingInfo(tx, p[0]!, body).then(noContent),
  }),
  route("POST", `${ORDER}/acknowledge`, "om.acknowledge_order", { idempotent: (tx, p) => omUpdates.acknowledgeOrder(tx, p[0]!).then(noContent) }),

  route("POST", "/_control/hpp/{}/complete", "control.complete_hpp", (p, body) => actOnHostedPage(p[0]!, body).then(json(200))),
  route("POST", "/_control/hpp/{}/timeout", "control.time_out_hpp", (p) => applyKlarnaEvent(p[0]!, "timeout").then(json(200))),
  route("POST", "/_control/hpp/{}/manual-id-check", "control.start_manual_id_check", (p) => applyKlarnaEvent(p[0]!, "manual_id_check").then(json(200))),
  route("POST", "/_control/orders/{}/close", "control.close_order", (p) => inTransaction((tx) => omUpdates.closeOrder(tx, p[0]!)).then(noContent)),
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
export const SANDBOX_ROUTES = ROUTES.map(({ method, path, operation, run }) => ({ method, path, operation, idempotent: typeof run !== "function" }));

/** Klarna's own operations: the ones faults can hit (the control API and docs are never faulted). */
export const API_OPERATIONS = ROUTES.filter((entry) => /^(kp|hpp|om)\./.test(entry.operation)).map((entry) => entry.operation);
