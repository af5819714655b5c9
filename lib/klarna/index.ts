import "server-only";
import { config } from "@/lib/config";
import { callKlarna } from "./client";
import { HppSession, HppSessionCreated, KpSessionCreated, OmOrder, PlaceOrderResponse } from "./schemas";
import type { CaptureRequest, DistributionRequest, HppSessionRequest, KlarnaOrderData, PaymentSessionRequest, RefundRequest } from "./types";

// Klarna's operations, named as Klarna names them. The storefront calls these and nothing else;
// which Klarna (sandbox, playground, production) answers is decided by configuration alone.

export { KlarnaError, type KlarnaErrorKind } from "./client";
export type * from "./types";
export type { HppSession, HppSessionCreated, HppStatus, HppStatusCallback, OmOrder, PlaceOrderResponse } from "./schemas";
export { FraudNotification as FraudNotificationSchema, HppStatusCallback as HppStatusCallbackSchema } from "./schemas";

const id = (value: string) => encodeURIComponent(value);

/** The API URL of a KP session, as HPP's payment_session_url wants it. */
export const paymentSessionUrl = (sessionId: string) => `${config().klarna.baseUrl}/payments/v1/sessions/${id(sessionId)}`;

export async function createPaymentSession(request: PaymentSessionRequest, options: { sandboxNamespace?: string | null } = {}) {
  return (await callKlarna({ method: "POST", path: "/payments/v1/sessions", body: request, schema: KpSessionCreated, ...options })).data;
}

export async function createHppSession(request: HppSessionRequest) {
  return (await callKlarna({ method: "POST", path: "/hpp/v1/sessions", body: request, schema: HppSessionCreated })).data;
}

/** `retry: false` for a shopper who is waiting: one attempt, then the page polls. */
export async function readHppSession(sessionId: string, { retry = true }: { retry?: boolean } = {}) {
  return (await callKlarna({ method: "GET", path: `/hpp/v1/sessions/${id(sessionId)}`, schema: HppSession, retry })).data;
}

export async function disableHppSession(sessionId: string) {
  await callKlarna({ method: "DELETE", path: `/hpp/v1/sessions/${id(sessionId)}`, retry: true });
}

export async function distributeHppSession(sessionId: string, request: DistributionRequest) {
  await callKlarna({ method: "POST", path: `/hpp/v1/sessions/${id(sessionId)}/distribution`, body: request });
}

/** Never repeated here: a repeat could place a second order. finalize() decides what a failure means. */
export async function placeOrder(authorizationToken: string, request: KlarnaOrderData & { auto_capture?: boolean }) {
  return (await callKlarna({ method: "POST", path: `/payments/v1/authorizations/${id(authorizationToken)}/order`, body: request, schema: PlaceOrderResponse })).data;
}

const orderPath = (orderId: string) => `/ordermanagement/v1/orders/${id(orderId)}`;

export async function getOrder(orderId: string) {
  return (await callKlarna({ method: "GET", path: orderPath(orderId), schema: OmOrder, retry: true })).data;
}

export async function captureOrder(orderId: string, request: CaptureRequest, idempotencyKey: string) {
  const reply = await callKlarna({ method: "POST", path: `${orderPath(orderId)}/captures`, body: request, idempotencyKey, retry: true });
  return { captureId: reply.headers.get("capture-id") ?? undefined };
}

export async function refundOrder(orderId: string, request: RefundRequest, idempotencyKey: string) {
  const reply = await callKlarna({ method: "POST", path: `${orderPath(orderId)}/refunds`, body: request, idempotencyKey, retry: true });
  return { refundId: reply.headers.get("refund-id") ?? undefined };
}

export async function cancelOrder(orderId: string, idempotencyKey: string) {
  await callKlarna({ method: "POST", path: `${orderPath(orderId)}/cancel`, idempotencyKey, retry: true });
}

export async function releaseRemainingAuthorization(orderId: string, idempotencyKey: string) {
  await callKlarna({ method: "POST", path: `${orderPath(orderId)}/release-remaining-authorization`, idempotencyKey, retry: true });
}

export async function extendAuthorizationTime(orderId: string, idempotencyKey: string) {
  await callKlarna({ method: "POST", path: `${orderPath(orderId)}/extend-authorization-time`, idempotencyKey, retry: true });
}
