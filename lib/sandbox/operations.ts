import "server-only";
import { z } from "zod";
import * as klarna from "@/lib/klarna-wire";
import { FaultRequest } from "./faults";
import * as sandbox from "./schemas";
import { CALLBACK_KINDS } from "./tables";

// What each operation of the sandbox's HTTP handler takes and answers, by operation name (the third
// argument of `route(...)` in http.ts): the request and reply schemas come from the wire contract,
// so the OpenAPI document and the lean replies of the minimal_response fault say what Klarna does.
// A route without an entry still appears in the document, as "Undocumented", and the completeness
// test in tests/integration/sandbox-openapi.test.ts fails until it has one.

export type Tag = "KP" | "HPP" | "OM" | "Control";
type ErrorStatus = 400 | 403 | 404 | 409;

export interface OperationDoc {
  tag: Tag;
  summary: string;
  description?: string;
  /** The request body, as the handler parses it. 400, 413 and 415 are then documented too. */
  body?: z.ZodType;
  /** The success reply. */
  success: { status: 200 | 201 | 204; description: string; body?: z.ZodType; headers?: z.ZodObject };
  /** Errors beyond 401 (unless in PUBLIC_OPERATIONS) and 400/413/415 (with a body), and their causes. */
  errors?: Partial<Record<ErrorStatus, string>>;
  /** Honours Klarna-Idempotency-Key (the OM POSTs and PATCHes). */
  idempotent?: boolean;
  /** The statuses the operation can lead to, for the scenario catalogue (/sandbox/scenarios). */
  leadsTo?: string[];
}

// Control-API replies have no Klarna schema; these describe what lib/sandbox returns.
export const ClockState = z.object({
  namespace: z.string().meta({ description: "The namespace whose clock this is" }),
  now: z.iso.datetime().meta({ description: "Sandbox time: the wall clock plus the offset" }),
  offset_seconds: z.number().int().meta({ description: "How far sandbox time runs ahead of the wall clock" }),
});
const AdvancedClock = ClockState.extend({
  deadline: z
    .object({ kind: z.string(), at: z.iso.datetime() })
    .nullable()
    .optional()
    .meta({ description: "With {to: next_deadline}: what fell due (token, HPP, KP or order expiry, fraud decision, callback retry), or null when nothing is pending" }),
});
const FaultResource = z.object({
  fault_id: z.uuid(),
  operation: z.string(),
  kind: z.string(),
  status: z.number().int().optional(),
  latency_ms: z.number().int().optional(),
  after: z.boolean(),
  probability: z.number(),
  remaining: z.number().int().optional().meta({ description: "Uses left; absent for no limit" }),
  fired: z.number().int(),
  created_at: z.iso.datetime(),
});
const CallbackEntry = z.object({
  event_id: z.uuid(),
  kind: z.enum(CALLBACK_KINDS),
  subject_id: z.uuid().meta({ description: "The HPP session or the order the callback is about" }),
  url: z.string(),
  state: z.enum(["pending", "delivered", "failed", "dropped"]),
  attempts: z.number().int(),
  next_attempt_at: z.iso.datetime().nullable().meta({ description: "Sandbox time of the next retry while pending" }),
  created_at: z.iso.datetime(),
  payload: z.record(z.string(), z.unknown()),
  deliveries: z.array(
    z.object({ attempt: z.number().int(), sent_at: z.iso.datetime(), status_code: z.number().int().nullable(), error: z.string().nullable(), latency_ms: z.number().int() }),
  ),
});
const NamespaceSummary = z.object({
  namespace: z.string(),
  clock: ClockState,
  counts: z.object({ kp_sessions: z.number().int(), hpp_sessions: z.number().int(), orders: z.number().int(), callbacks: z.number().int(), faults: z.number().int(), outbox: z.number().int() }),
});
const ConsumerResult = z.object({
  status: klarna.HppStatus,
  redirect_to: z.string().nullable().meta({ description: "The merchant URL the browser would be sent to, placeholders filled; null while the consumer stays on the page" }),
  fallback_categories: z.array(z.string()).optional().meta({ description: "Set when a decline with payment_fallback keeps the consumer on the page" }),
});

export const idHeader = (description: string) => z.string().meta({ description });
const locationHeader = (what: string) => idHeader(`URL of the new ${what}`);

const NOT_FOUND_KP_SESSION = "Unknown or expired KP session (NOT_FOUND)";
const NOT_FOUND_AUTHORIZATION = "Unknown, used, cancelled or expired authorization token (NOT_FOUND)";
const NOT_FOUND_HPP_SESSION = "Unknown or expired HPP session (NOT_FOUND)";
const NOT_FOUND_ORDER = "Unknown order (NO_SUCH_ORDER)";

/** One entry per operation of SANDBOX_ROUTES, keyed by its operation name. */
export const OPERATIONS: Record<string, OperationDoc> = {
  "kp.create_session": {
    leadsTo: ["KP incomplete"],
    tag: "KP",
    summary: "Create a payment session",
    body: sandbox.KpSessionRequest,
    success: { status: 200, description: "The session, its client token and the payment method categories on offer", body: klarna.KpSessionCreated },
    errors: { 400: "A field fails validation or Klarna's order arithmetic (BAD_VALUE, naming every field)" },
  },
  "kp.read_session": {
    tag: "KP",
    summary: "Read a payment session",
    success: { status: 200, description: "The session", body: klarna.KpSessionRead },
    errors: { 404: NOT_FOUND_KP_SESSION },
  },
  "kp.update_session": {
    tag: "KP",
    summary: "Update a payment session",
    description: "Merges the fields sent into the session (none is required); the order rules run on the result.",
    body: sandbox.KpSessionUpdate,
    success: { status: 204, description: "Updated" },
    errors: { 400: "A field fails validation or Klarna's order arithmetic (BAD_VALUE)", 404: `${NOT_FOUND_KP_SESSION}, or the session is complete (SESSION_COMPLETED)` },
  },
  "kp.place_order": {
    leadsTo: ["OM AUTHORIZED", "KP complete"],
    tag: "KP",
    summary: "Create an order from an authorization",
    body: sandbox.PlaceOrderRequest,
    success: { status: 200, description: "The order", body: klarna.PlaceOrderReply },
    errors: {
      400: "A field fails validation or Klarna's order arithmetic (BAD_VALUE)",
      404: `${NOT_FOUND_AUTHORIZATION}, or the session already has its order (SESSION_COMPLETED)`,
      409: "The order data does not match the authorized session (BAD_VALUE, naming the fields)",
    },
  },
  "kp.create_customer_token": {
    tag: "KP",
    summary: "Generate a customer token",
    body: sandbox.CustomerTokenRequest,
    success: { status: 200, description: "The token", body: klarna.CustomerTokenReply },
    errors: { 403: "The session's intent is buy (INVALID_OPERATION)", 404: NOT_FOUND_AUTHORIZATION },
  },
  "kp.cancel_authorization": {
    tag: "KP",
    summary: "Cancel an authorization",
    success: { status: 204, description: "Cancelled" },
    errors: { 404: NOT_FOUND_AUTHORIZATION },
  },

  "hpp.create_session": {
    tag: "HPP",
    summary: "Create an HPP session",
    description: "Wraps a KP session (payment_session_url) in a hosted payment page. Enum values are accepted in either case.",
    body: sandbox.HppSessionRequest,
    success: { status: 201, description: "The session and the URLs to send the consumer to", body: klarna.HppSessionCreated },
    errors: { 400: "A field fails validation, or both payment_method_category and payment_method_categories are set (BAD_VALUE)", 404: "The payment session has expired or is complete (NOT_FOUND)" },
  },
  "hpp.read_session": {
    tag: "HPP",
    summary: "Read an HPP session",
    success: { status: 200, description: "The session's status", body: klarna.HppSessionRead },
    errors: { 404: NOT_FOUND_HPP_SESSION },
  },
  "hpp.disable_session": {
    leadsTo: ["HPP DISABLED"],
    tag: "HPP",
    summary: "Disable an HPP session",
    success: { status: 204, description: "Disabled" },
    errors: { 400: "The session has already been completed (BAD_REQUEST)", 404: NOT_FOUND_HPP_SESSION },
  },
  "hpp.distribute_session": {
    tag: "HPP",
    summary: "Distribute an HPP session link",
    description: "Sends the payment link by e-mail or SMS; the sandbox delivers to its outbox (/sandbox/outbox).",
    body: sandbox.DistributionRequest,
    success: { status: 201, description: "Distributed" },
    errors: { 400: "A bad contact (BAD_VALUE), missing contact data (MISSING_CONTACT_DATA) or a session in a final state (BAD_REQUEST)", 404: NOT_FOUND_HPP_SESSION },
  },

  "om.read_order": {
    tag: "OM",
    summary: "Read an order",
    success: { status: 200, description: "The order with its captures and refunds", body: klarna.OmOrder },
    errors: { 404: NOT_FOUND_ORDER },
  },
  "om.list_captures": {
    tag: "OM",
    summary: "List an order's captures",
    success: { status: 200, description: "The captures, oldest first", body: z.array(klarna.OmCapture) },
    errors: { 404: NOT_FOUND_ORDER },
  },
  "om.read_capture": {
    tag: "OM",
    summary: "Read a capture",
    success: { status: 200, description: "The capture", body: klarna.OmCapture },
    errors: { 404: `${NOT_FOUND_ORDER} or capture (NO_SUCH_CAPTURE)` },
  },
  "om.read_refund": {
    tag: "OM",
    summary: "Read a refund",
    success: { status: 200, description: "The refund", body: klarna.OmRefund },
    errors: { 404: `${NOT_FOUND_ORDER} or refund (NOT_FOUND)` },
  },
  "om.capture": {
    leadsTo: ["OM PART_CAPTURED", "OM CAPTURED"],
    tag: "OM",
    summary: "Capture an order",
    idempotent: true,
    body: sandbox.CaptureRequest,
    success: {
      status: 201,
      description: "Captured",
      headers: z.object({ "Capture-Id": idHeader("The new capture's id"), Location: locationHeader("capture") }),
    },
    errors: { 400: "A field fails validation or captured_amount is 0 (BAD_VALUE)", 403: "The order cannot be captured for that amount (CAPTURE_NOT_ALLOWED)", 404: NOT_FOUND_ORDER },
  },
  "om.add_shipping_info": {
    tag: "OM",
    summary: "Add shipping information to a capture",
    idempotent: true,
    body: sandbox.ShippingInfoRequest,
    success: { status: 204, description: "Added" },
    errors: { 404: `${NOT_FOUND_ORDER} or capture (NO_SUCH_CAPTURE)` },
  },
  "om.refund": {
    tag: "OM",
    summary: "Refund an amount of a captured order",
    idempotent: true,
    body: sandbox.RefundRequest,
    success: {
      status: 201,
      description: "Refunded",
      headers: z.object({ "Refund-Id": idHeader("The new refund's id"), Location: locationHeader("refund") }),
    },
    errors: { 400: "A field fails validation or refunded_amount is 0 (BAD_VALUE)", 403: "Nothing captured, or more than the captured amount not yet refunded (REFUND_NOT_ALLOWED)", 404: NOT_FOUND_ORDER },
  },
  "om.cancel_order": {
    leadsTo: ["OM CANCELLED"],
    tag: "OM",
    summary: "Cancel an order",
    idempotent: true,
    success: { status: 204, description: "Cancelled" },
    errors: { 403: "The order has captures or is already cancelled or closed (CANCEL_NOT_ALLOWED)", 404: NOT_FOUND_ORDER },
  },
  "om.release_remaining_authorization": {
    leadsTo: ["OM CAPTURED"],
    tag: "OM",
    summary: "Release the remaining authorization",
    idempotent: true,
    success: { status: 204, description: "Released; the order is closed" },
    errors: { 403: "The order is cancelled, has no captures or is fully captured (NOT_ALLOWED)", 404: NOT_FOUND_ORDER },
  },
  "om.extend_authorization_time": {
    tag: "OM",
    summary: "Extend the authorization time",
    idempotent: true,
    success: { status: 204, description: "Extended" },
    errors: { 403: "The order is expired or cancelled (NOT_ALLOWED)", 404: NOT_FOUND_ORDER },
  },
  "om.update_authorization": {
    tag: "OM",
    summary: "Update the authorization: a new order amount and lines",
    description: "original_order_amount keeps the first amount; remaining_authorized_amount follows the new one.",
    idempotent: true,
    body: sandbox.UpdateAuthorizationRequest,
    success: { status: 204, description: "Updated" },
    errors: { 403: "Below the captured amount, or the order is cancelled, expired or closed (NOT_ALLOWED)", 404: NOT_FOUND_ORDER },
  },
  "om.update_merchant_references": {
    tag: "OM",
    summary: "Update the merchant references",
    idempotent: true,
    body: sandbox.UpdateMerchantReferencesRequest,
    success: { status: 204, description: "Updated" },
    errors: { 403: "The order is cancelled (NOT_ALLOWED)", 404: NOT_FOUND_ORDER },
  },
  "om.update_customer_details": {
    tag: "OM",
    summary: "Update the customer's addresses",
    idempotent: true,
    body: sandbox.UpdateCustomerDetailsRequest,
    success: { status: 204, description: "Updated" },
    errors: { 404: NOT_FOUND_ORDER },
  },
  "om.add_order_shipping_info": {
    tag: "OM",
    summary: "Add shipping information to the order",
    idempotent: true,
    body: sandbox.ShippingInfoRequest,
    success: { status: 204, description: "Added" },
    errors: { 404: NOT_FOUND_ORDER },
  },
  "om.acknowledge_order": {
    tag: "OM",
    summary: "Acknowledge the order",
    idempotent: true,
    success: { status: 204, description: "Acknowledged" },
    errors: { 404: NOT_FOUND_ORDER },
  },
  "om.trigger_send_out": {
    tag: "OM",
    summary: "Send the customer's invoice for a capture again",
    description: "The sandbox delivers it to its outbox (/sandbox/outbox).",
    idempotent: true,
    success: { status: 204, description: "Sent" },
    errors: { 403: "The order has no e-mail address (NOT_ALLOWED)", 404: `${NOT_FOUND_ORDER} or capture (NO_SUCH_CAPTURE)` },
  },
  "om.extend_due_date_options": {
    tag: "OM",
    summary: "The options for extending a capture's due date",
    success: { status: 200, description: "Days and fee of each option, in the order's currency", body: klarna.ExtendDueDateOptions },
    errors: { 404: `${NOT_FOUND_ORDER} or capture (NO_SUCH_CAPTURE)` },
  },
  "om.extend_due_date": {
    tag: "OM",
    summary: "Extend a capture's due date",
    description: "number_of_days must be one of the options; the capture's due_date moves by that many days.",
    idempotent: true,
    body: sandbox.ExtendDueDateRequest,
    success: { status: 204, description: "Extended" },
    errors: { 400: "Not one of the options (BAD_VALUE)", 403: "The order is cancelled or the capture fully refunded (NOT_ALLOWED)", 404: `${NOT_FOUND_ORDER} or capture (NO_SUCH_CAPTURE)` },
  },

  "control.complete_hpp": {
    tag: "Control",
    summary: "Act on a hosted page as the consumer",
    description: "Does what the hosted page's buttons do: approve, decline, cancel, back or error.",
    body: sandbox.CompleteHppRequest,
    success: { status: 200, description: "The session's new status and where the browser would go", body: ConsumerResult },
    errors: { 400: "The session no longer takes consumer actions (BAD_REQUEST), or the category is not on offer (BAD_VALUE)", 404: `${NOT_FOUND_HPP_SESSION}, or its KP session already has its order (SESSION_COMPLETED)` },
  },
  "control.time_out_hpp": {
    leadsTo: ["HPP TIMEOUT"],
    tag: "Control",
    summary: "Time out an HPP session, as Klarna's per-session timer does",
    description: "A session that is not final moves to TIMEOUT (final) and the merchant's status_update hears of it.",
    success: { status: 200, description: "The session as a read now returns it", body: klarna.HppSessionRead },
    errors: { 400: "The session is final already (BAD_REQUEST)", 404: NOT_FOUND_HPP_SESSION },
  },
  "control.start_manual_id_check": {
    leadsTo: ["HPP MANUAL_ID_CHECK"],
    tag: "Control",
    summary: "Start an in-store identity check on an HPP session",
    description: "An IN_PROGRESS session moves to MANUAL_ID_CHECK, with a manual_identification challenge in its reads; the consumer then approves, is declined or cancels as usual.",
    success: { status: 200, description: "The session as a read now returns it", body: klarna.HppSessionRead },
    errors: { 400: "The session is not IN_PROGRESS (BAD_REQUEST)", 404: NOT_FOUND_HPP_SESSION },
  },
  "control.close_order": {
    leadsTo: ["OM CLOSED"],
    tag: "Control",
    summary: "Close an order, as Klarna does on its own side",
    description: "The order becomes CLOSED: what was captured stays (and can be refunded), nothing more can be captured.",
    success: { status: 204, description: "Closed" },
    errors: { 403: "The order is cancelled or closed already (NOT_ALLOWED)", 404: NOT_FOUND_ORDER },
  },
  "control.read_clock": {
    tag: "Control",
    summary: "Read the sandbox clock",
    success: { status: 200, description: "Sandbox time", body: ClockState },
  },
  "control.advance_clock": {
    tag: "Control",
    summary: "Advance the sandbox clock",
    description: "Moves the namespace's time forward by `seconds` (at most a year) or `{\"to\": \"next_deadline\"}`: expiries, fraud decisions, callback retries and idempotency keys follow it.",
    body: sandbox.AdvanceClockRequest,
    success: { status: 200, description: "Sandbox time after the move", body: AdvancedClock },
  },
  "control.reset_clock": {
    tag: "Control",
    summary: "Reset the sandbox clock to the wall clock",
    success: { status: 200, description: "Sandbox time, now the wall clock", body: ClockState },
  },
  "control.list_callbacks": {
    tag: "Control",
    summary: "The callback ledger",
    description: "Every HPP status callback and fraud notification of the namespace, newest first, with each delivery attempt (time, status code or error, latency) and the next retry.",
    success: { status: 200, description: "The ledger", body: z.object({ callbacks: z.array(CallbackEntry) }) },
  },
  "control.list_faults": {
    tag: "Control",
    summary: "List injected faults",
    success: { status: 200, description: "The namespace's faults", body: z.object({ faults: z.array(FaultResource) }) },
  },
  "control.add_fault": {
    tag: "Control",
    summary: "Inject a fault",
    description:
      "latency, http_error (429 or 5xx), reset, timeout or minimal_response on one API operation or all (`*`); drop_callback or duplicate_callback on callback.hpp_status, callback.fraud_notification or callback.kp_authorization; drop_redirect on hpp.redirect. For the next `count` matches or with a probability; `after` lets the operation take effect before its reply is lost. minimal_response answers with only the fields Klarna's OpenAPI marks required (and those Klarna documents as present under a condition that holds, such as redirect_url for an ECOMMERCE session); headers such as Capture-Id and Location stay.",
    body: FaultRequest,
    success: { status: 201, description: "The fault", body: FaultResource },
  },
  "control.clear_faults": {
    tag: "Control",
    summary: "Remove every fault of the namespace",
    success: { status: 204, description: "Removed" },
  },
  "control.remove_fault": {
    tag: "Control",
    summary: "Remove one fault",
    success: { status: 204, description: "Removed" },
    errors: { 404: "No such fault in this namespace (NOT_FOUND)" },
  },
  "control.read_namespace": {
    tag: "Control",
    summary: "The namespace's clock and what it holds",
    description: "The namespace comes from the Klarna-Sandbox-Namespace header or the sandbox_namespace cookie; requests about an existing resource run in that resource's namespace.",
    success: { status: 200, description: "Summary", body: NamespaceSummary },
  },
  "control.reset_namespace": {
    tag: "Control",
    summary: "Reset the namespace",
    description: "Forgets every session, order, callback, fault and outbox message of the namespace and puts its clock back; other namespaces are untouched.",
    success: { status: 200, description: "The emptied namespace", body: NamespaceSummary },
  },
  "sandbox.openapi": {
    tag: "Control",
    summary: "This OpenAPI document",
    description: "Served without Basic auth.",
    success: { status: 200, description: "The OpenAPI 3.1 document", body: z.record(z.string(), z.unknown()) },
  },
};

