import "server-only";
import { z } from "zod";
import * as klarna from "@/lib/klarna-wire";
import { idHeader, NOT_FOUND_HPP_SESSION, NOT_FOUND_ORDER, type OperationDoc } from "./operation-doc";
import * as sandbox from "./schemas";

// Klarna's own operations (KP, HPP, Order Management) as the sandbox answers them.

const ID_HEADER = { capture: "Capture-Id", refund: "Refund-Id" } as const;
/** A 201 for a new capture or refund: its id in Capture-Id or Refund-Id, its URL in Location. */
const createdBelowOrder = (what: keyof typeof ID_HEADER, description: string): OperationDoc["success"] => ({
  status: 201,
  description,
  headers: z.object({ [ID_HEADER[what]]: idHeader(`The new ${what}'s id`), Location: idHeader(`URL of the new ${what}`) }),
});

const NOT_FOUND_KP_SESSION = "Unknown or expired KP session (NOT_FOUND)";
const NOT_FOUND_AUTHORIZATION = "Unknown, used, cancelled or expired authorization token (NOT_FOUND)";

export const KLARNA_OPERATIONS: Record<string, OperationDoc> = {
  "kp.create_session": {
    leadsTo: ["KP incomplete"],
    summary: "Create a payment session",
    body: sandbox.KpSessionRequest,
    success: { status: 200, description: "The session, its client token and the payment method categories on offer", body: klarna.KpSessionCreated },
    errors: { 400: "A field fails validation or Klarna's order arithmetic (BAD_VALUE, naming every field)" },
  },
  "kp.read_session": {
    summary: "Read a payment session",
    success: { status: 200, description: "The session", body: klarna.KpSessionRead },
    errors: { 404: NOT_FOUND_KP_SESSION },
  },
  "kp.update_session": {
    summary: "Update a payment session",
    description: "Merges the fields sent into the session (none is required); the order rules run on the result.",
    body: sandbox.KpSessionUpdate,
    success: { status: 204, description: "Updated" },
    errors: {
      400: "A field fails validation or Klarna's order arithmetic (BAD_VALUE)",
      404: `${NOT_FOUND_KP_SESSION}, or the session is complete (SESSION_COMPLETED)`,
    },
  },
  "kp.place_order": {
    leadsTo: ["OM AUTHORIZED", "KP complete"],
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
    summary: "Generate a customer token",
    body: sandbox.CustomerTokenRequest,
    success: { status: 200, description: "The token", body: klarna.CustomerTokenReply },
    errors: { 403: "The session's intent is buy (INVALID_OPERATION)", 404: NOT_FOUND_AUTHORIZATION },
  },
  "kp.cancel_authorization": {
    summary: "Cancel an authorization",
    success: { status: 204, description: "Cancelled" },
    errors: { 404: NOT_FOUND_AUTHORIZATION },
  },

  "hpp.create_session": {
    summary: "Create an HPP session",
    description: "Wraps a KP session (payment_session_url) in a hosted payment page. Enum values are accepted in either case.",
    body: sandbox.HppSessionRequest,
    success: { status: 201, description: "The session and the URLs to send the consumer to", body: klarna.HppSessionCreated },
    errors: {
      400: "A field fails validation, or both payment_method_category and payment_method_categories are set (BAD_VALUE)",
      404: "The payment session has expired or is complete (NOT_FOUND)",
    },
  },
  "hpp.read_session": {
    summary: "Read an HPP session",
    success: { status: 200, description: "The session's status", body: klarna.HppSessionRead },
    errors: { 404: NOT_FOUND_HPP_SESSION },
  },
  "hpp.disable_session": {
    leadsTo: ["HPP DISABLED"],
    summary: "Disable an HPP session",
    success: { status: 204, description: "Disabled" },
    errors: { 400: "The session has already been completed (BAD_REQUEST)", 404: NOT_FOUND_HPP_SESSION },
  },
  "hpp.distribute_session": {
    summary: "Distribute an HPP session link",
    description: "Sends the payment link by e-mail or SMS; the sandbox delivers to its outbox (/sandbox/outbox).",
    body: sandbox.DistributionRequest,
    success: { status: 201, description: "Distributed" },
    errors: {
      400: "A bad contact (BAD_VALUE), missing contact data (MISSING_CONTACT_DATA) or a session in a final state (BAD_REQUEST)",
      404: NOT_FOUND_HPP_SESSION,
    },
  },

  "om.read_order": {
    summary: "Read an order",
    success: { status: 200, description: "The order with its captures and refunds", body: klarna.OmOrder },
    errors: { 404: NOT_FOUND_ORDER },
  },
  "om.list_captures": {
    summary: "List an order's captures",
    success: { status: 200, description: "The captures, oldest first", body: z.array(klarna.OmCapture) },
    errors: { 404: NOT_FOUND_ORDER },
  },
  "om.read_capture": {
    summary: "Read a capture",
    success: { status: 200, description: "The capture", body: klarna.OmCapture },
    errors: { 404: `${NOT_FOUND_ORDER} or capture (NO_SUCH_CAPTURE)` },
  },
  "om.read_refund": {
    summary: "Read a refund",
    success: { status: 200, description: "The refund", body: klarna.OmRefund },
    errors: { 404: `${NOT_FOUND_ORDER} or refund (NOT_FOUND)` },
  },
  "om.capture": {
    leadsTo: ["OM PART_CAPTURED", "OM CAPTURED"],
    summary: "Capture an order",
    body: sandbox.CaptureRequest,
    success: createdBelowOrder("capture", "Captured"),
    errors: {
      400: "A field fails validation or captured_amount is 0 (BAD_VALUE)",
      403: "The order cannot be captured for that amount (CAPTURE_NOT_ALLOWED)",
      404: NOT_FOUND_ORDER,
    },
  },
  "om.add_shipping_info": {
    summary: "Add shipping information to a capture",
    body: sandbox.ShippingInfoRequest,
    success: { status: 204, description: "Added" },
    errors: { 404: `${NOT_FOUND_ORDER} or capture (NO_SUCH_CAPTURE)` },
  },
  "om.refund": {
    summary: "Refund an amount of a captured order",
    body: sandbox.RefundRequest,
    success: createdBelowOrder("refund", "Refunded"),
    errors: {
      400: "A field fails validation or refunded_amount is 0 (BAD_VALUE)",
      403: "Nothing captured, or more than the captured amount not yet refunded (REFUND_NOT_ALLOWED)",
      404: NOT_FOUND_ORDER,
    },
  },
  "om.cancel_order": {
    leadsTo: ["OM CANCELLED"],
    summary: "Cancel an order",
    success: { status: 204, description: "Cancelled" },
    errors: { 403: "The order has captures or is already cancelled or closed (CANCEL_NOT_ALLOWED)", 404: NOT_FOUND_ORDER },
  },
  "om.release_remaining_authorization": {
    leadsTo: ["OM CAPTURED"],
    summary: "Release the remaining authorization",
    success: { status: 204, description: "Released; the order is closed" },
    errors: { 403: "The order is cancelled, has no captures or is fully captured (NOT_ALLOWED)", 404: NOT_FOUND_ORDER },
  },
  "om.extend_authorization_time": {
    summary: "Extend the authorization time",
    success: { status: 204, description: "Extended" },
    errors: { 403: "The order is expired or cancelled (NOT_ALLOWED)", 404: NOT_FOUND_ORDER },
  },
  "om.update_authorization": {
    summary: "Update the authorization: a new order amount and lines",
    description: "original_order_amount keeps the first amount; remaining_authorized_amount follows the new one.",
    body: sandbox.UpdateAuthorizationRequest,
    success: { status: 204, description: "Updated" },
    errors: { 403: "Below the captured amount, or the order is cancelled, expired or closed (NOT_ALLOWED)", 404: NOT_FOUND_ORDER },
  },
  "om.update_merchant_references": {
    summary: "Update the merchant references",
    body: sandbox.UpdateMerchantReferencesRequest,
    success: { status: 204, description: "Updated" },
    errors: { 403: "The order is cancelled (NOT_ALLOWED)", 404: NOT_FOUND_ORDER },
  },
  "om.update_customer_details": {
    summary: "Update the customer's addresses",
    body: sandbox.UpdateCustomerDetailsRequest,
    success: { status: 204, description: "Updated" },
    errors: { 404: NOT_FOUND_ORDER },
  },
  "om.add_order_shipping_info": {
    summary: "Add shipping information to the order",
    body: sandbox.ShippingInfoRequest,
    success: { status: 204, description: "Added" },
    errors: { 404: NOT_FOUND_ORDER },
  },
  "om.acknowledge_order": {
    summary: "Acknowledge the order",
    success: { status: 204, description: "Acknowledged" },
    errors: { 404: NOT_FOUND_ORDER },
  },
  "om.trigger_send_out": {
    summary: "Send the customer's invoice for a capture again",
    description: "The sandbox delivers it to its outbox (/sandbox/outbox).",
    success: { status: 204, description: "Sent" },
    errors: { 403: "The order has no e-mail address (NOT_ALLOWED)", 404: `${NOT_FOUND_ORDER} or capture (NO_SUCH_CAPTURE)` },
  },
  "om.extend_due_date_options": {
    summary: "The options for extending a capture's due date",
    success: { status: 200, description: "Days and fee of each option, in the order's currency", body: klarna.ExtendDueDateOptions },
    errors: { 404: `${NOT_FOUND_ORDER} or capture (NO_SUCH_CAPTURE)` },
  },
  "om.extend_due_date": {
    summary: "Extend a capture's due date",
    description: "number_of_days must be one of the options; the capture's due_date moves by that many days.",
    body: sandbox.ExtendDueDateRequest,
    success: { status: 204, description: "Extended" },
    errors: {
      400: "Not one of the options (BAD_VALUE)",
      403: "The order is cancelled or the capture fully refunded (NOT_ALLOWED)",
      404: `${NOT_FOUND_ORDER} or capture (NO_SUCH_CAPTURE)`,
    },
  },
};
