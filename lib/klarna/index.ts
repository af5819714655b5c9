import "server-only";
import { config } from "@/lib/config";
import {
  HppSessionCreated,
  HppSessionRead,
  KpSessionCreated,
  OmOrder,
  PlaceOrderReply,
  type CaptureRequest,
  type DistributionRequest,
  type HppSessionCreateRequest,
  type KlarnaRegion,
  type KpSessionCreateRequest,
  type PlaceOrderRequest,
  type RefundRequest,
} from "@/lib/klarna-wire";
import { callKlarna } from "./client";

// Klarna's operations, named as Klarna names them. The storefront calls these and nothing else;
// which Klarna answers (sandbox, playground, production, and which region) is decided by
// configuration and the order's market alone. Replies are read as lib/klarna-wire describes:
// only what Klarna guarantees is required.

export { KlarnaError, type KlarnaErrorKind } from "./client";
export type { KlarnaRegion } from "@/lib/klarna-wire";

const id = (value: string) => encodeURIComponent(value);

/** The API URL of a KP session, as HPP's payment_session_url wants it. */
export function paymentSessionUrl(region: KlarnaRegion, sessionId: string): string {
  const account = config().klarna.accounts[region];
  return `${account?.baseUrl ?? ""}/payments/v1/sessions/${id(sessionId)}`;
}

export async function createPaymentSession(region: KlarnaRegion, request: KpSessionCreateRequest, options: { sandboxNamespace?: string | null } = {}) {
  return (await callKlarna({ region, method: "POST", path: "/payments/v1/sessions", body: request, schema: KpSessionCreated, ...options })).data;
}

export async function createHppSession(region: KlarnaRegion, request: HppSessionCreateRequest) {
  return (await callKlarna({ region, method: "POST", path: "/hpp/v1/sessions", body: request, schema: HppSessionCreated })).data;
}

/** `retry: false` for a shopper who is waiting: one attempt, then the page polls. */
export async function readHppSession(region: KlarnaRegion, sessionId: string, { retry = true }: { retry?: boolean } = {}) {
  return (await callKlarna({ region, method: "GET", path: `/hpp/v1/sessions/${id(sessionId)}`, schema: HppSessionRead, retry })).data;
}

export async function disableHppSession(region: KlarnaRegion, sessionId: string) {
  await callKlarna({ region, method: "DELETE", path: `/hpp/v1/sessions/${id(sessionId)}`, retry: true });
}

export async function distributeHppSession(region: KlarnaRegion, sessionId: string, request: DistributionRequest) {
  await callKlarna({ region, method: "POST", path: `/hpp/v1/sessions/${id(sessionId)}/distribution`, body: request });
}

/** Never repeated here: a repeat could place a second order. finalize() decides what a failure means. */
export async function placeOrder(region: KlarnaRegion, authorizationToken: string, request: PlaceOrderRequest) {
  return (
    await callKlarna({ region, method: "POST", path: `/payments/v1/authorizations/${id(authorizationToken)}/order`, body: request, schema: PlaceOrderReply })
  ).data;
}

const orderPath = (orderId: string) => `/ordermanagement/v1/orders/${id(orderId)}`;

/** The order, and Klarna's date when it answered (its "day of the call", which extensions count from). */
export async function getOrder(region: KlarnaRegion, orderId: string) {
  const reply = await callKlarna({ region, method: "GET", path: orderPath(orderId), schema: OmOrder, retry: true });
  const date = reply.headers.get("date");
  return { order: reply.data, klarnaDate: date ? new Date(date) : null };
}

export async function captureOrder(region: KlarnaRegion, orderId: string, request: CaptureRequest, idempotencyKey: string) {
  const reply = await callKlarna({ region, method: "POST", path: `${orderPath(orderId)}/captures`, body: request, idempotencyKey, retry: true });
  return { captureId: reply.headers.get("capture-id") ?? undefined };
}

export async function refundOrder(region: KlarnaRegion, orderId: string, request: RefundRequest, idempotencyKey: string) {
  const reply = await callKlarna({ region, method: "POST", path: `${orderPath(orderId)}/refunds`, body: request, idempotencyKey, retry: true });
  return { refundId: reply.headers.get("refund-id") ?? undefined };
}

export async function cancelOrder(region: KlarnaRegion, orderId: string, idempotencyKey: string) {
  await callKlarna({ region, method: "POST", path: `${orderPath(orderId)}/cancel`, idempotencyKey, retry: true });
}

export async function releaseRemainingAuthorization(region: KlarnaRegion, orderId: string, idempotencyKey: string) {
  await callKlarna({ region, method: "POST", path: `${orderPath(orderId)}/release-remaining-authorization`, idempotencyKey, retry: true });
}

export async function extendAuthorizationTime(region: KlarnaRegion, orderId: string, idempotencyKey: string) {
  await callKlarna({ region, method: "POST", path: `${orderPath(orderId)}/extend-authorization-time`, idempotencyKey, retry: true });
}
