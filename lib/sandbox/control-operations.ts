import "server-only";
import { z } from "zod";
import * as klarna from "@/lib/klarna-wire";
import { FaultRequest } from "./faults";
import { NOT_FOUND_HPP_SESSION, NOT_FOUND_ORDER, type OperationDoc } from "./operation-doc";
import * as sandbox from "./schemas";
import { CALLBACK_KINDS } from "./tables";

// The sandbox's control plane (clock, faults, callbacks, namespaces, the consumer's actions) and
// its own OpenAPI document, as the handler answers them.

// Control-API replies have no Klarna schema; these describe what lib/sandbox returns.
export const ClockState = z.object({
  namespace: z.string().meta({ description: "The namespace whose clock this is" }),
  now: z.iso.datetime().meta({ description: "Sandbox time: the wall clock plus the offset" }),
  offset_seconds: z.number().int().meta({ description: "How far sandbox time runs ahead of the wall clock" }),
});
const AdvancedClock = ClockState.extend({
  deadline: z.object({ kind: z.string(), at: z.iso.datetime() }).nullable().optional().meta({
    description: "With {to: next_deadline}: what fell due (token, HPP, KP or order expiry, fraud decision, callback retry), or null when nothing is pending",
  }),
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
    z.object({
      attempt: z.number().int(),
      sent_at: z.iso.datetime(),
      status_code: z.number().int().nullable(),
      error: z.string().nullable(),
      latency_ms: z.number().int(),
    }),
  ),
});
const NamespaceSummary = z.object({
  namespace: z.string(),
  clock: ClockState,
  counts: z.object({
    kp_sessions: z.number().int(),
    hpp_sessions: z.number().int(),
    orders: z.number().int(),
    callbacks: z.number().int(),
    faults: z.number().int(),
    outbox: z.number().int(),
  }),
});
const ConsumerResult = z.object({
  status: klarna.HppStatus,
  redirect_to: z
    .string()
    .nullable()
    .meta({ description: "The merchant URL the browser would be sent to, placeholders filled; null while the consumer stays on the page" }),
  fallback_categories: z.array(z.string()).optional().meta({ description: "Set when a decline with payment_fallback keeps the consumer on the page" }),
});

export const CONTROL_OPERATIONS: Record<string, OperationDoc> = {
  "control.complete_hpp": {
    summary: "Act on a hosted page as the consumer",
    description: "Does what the hosted page's buttons do: approve, decline, cancel, back or error.",
    body: sandbox.CompleteHppRequest,
    success: { status: 200, description: "The session's new status and where the browser would go", body: ConsumerResult },
    errors: {
      400: "The session no longer takes consumer actions (BAD_REQUEST), or the category is not on offer (BAD_VALUE)",
      404: `${NOT_FOUND_HPP_SESSION}, or its KP session already has its order (SESSION_COMPLETED)`,
    },
  },
  "control.time_out_hpp": {
    leadsTo: ["HPP TIMEOUT"],
    summary: "Time out an HPP session, as Klarna's per-session timer does",
    description: "A session that is not final moves to TIMEOUT (final) and the merchant's status_update hears of it.",
    success: { status: 200, description: "The session as a read now returns it", body: klarna.HppSessionRead },
    errors: { 400: "The session is final already (BAD_REQUEST)", 404: NOT_FOUND_HPP_SESSION },
  },
  "control.start_manual_id_check": {
    leadsTo: ["HPP MANUAL_ID_CHECK"],
    summary: "Start an in-store identity check on an HPP session",
    description:
      "An IN_PROGRESS session moves to MANUAL_ID_CHECK, with a manual_identification challenge in its reads; the consumer then approves, is declined or cancels as usual.",
    success: { status: 200, description: "The session as a read now returns it", body: klarna.HppSessionRead },
    errors: { 400: "The session is not IN_PROGRESS (BAD_REQUEST)", 404: NOT_FOUND_HPP_SESSION },
  },
  "control.close_order": {
    leadsTo: ["OM CLOSED"],
    summary: "Close an order, as Klarna does on its own side",
    description: "The order becomes CLOSED: what was captured stays (and can be refunded), nothing more can be captured.",
    success: { status: 204, description: "Closed" },
    errors: { 403: "The order is cancelled or closed already (NOT_ALLOWED)", 404: NOT_FOUND_ORDER },
  },
  "control.read_clock": {
    summary: "Read the sandbox clock",
    success: { status: 200, description: "Sandbox time", body: ClockState },
  },
  "control.advance_clock": {
    summary: "Advance the sandbox clock",
    description:
      'Moves the namespace\'s time forward by `seconds` (at most a year) or `{"to": "next_deadline"}`: expiries, fraud decisions, callback retries and idempotency keys follow it.',
    body: sandbox.AdvanceClockRequest,
    success: { status: 200, description: "Sandbox time after the move", body: AdvancedClock },
  },
  "control.reset_clock": {
    summary: "Reset the sandbox clock to the wall clock",
    success: { status: 200, description: "Sandbox time, now the wall clock", body: ClockState },
  },
  "control.list_callbacks": {
    summary: "The callback ledger",
    description:
      "Every HPP status callback and fraud notification of the namespace, newest first, with each delivery attempt (time, status code or error, latency) and the next retry.",
    success: { status: 200, description: "The ledger", body: z.object({ callbacks: z.array(CallbackEntry) }) },
  },
  "control.list_faults": {
    summary: "List injected faults",
    success: { status: 200, description: "The namespace's faults", body: z.object({ faults: z.array(FaultResource) }) },
  },
  "control.add_fault": {
    summary: "Inject a fault",
    description:
      "latency, http_error (429 or 5xx), reset, timeout or minimal_response on one API operation or all (`*`); drop_callback or duplicate_callback on callback.hpp_status, callback.fraud_notification or callback.kp_authorization; drop_redirect on hpp.redirect. For the next `count` matches or with a probability; `after` lets the operation take effect before its reply is lost. minimal_response answers with only the fields Klarna's OpenAPI marks required (and those Klarna documents as present under a condition that holds, such as redirect_url for an ECOMMERCE session); headers such as Capture-Id and Location stay.",
    body: FaultRequest,
    success: { status: 201, description: "The fault", body: FaultResource },
  },
  "control.clear_faults": {
    summary: "Remove every fault of the namespace",
    success: { status: 204, description: "Removed" },
  },
  "control.remove_fault": {
    summary: "Remove one fault",
    success: { status: 204, description: "Removed" },
    errors: { 404: "No such fault in this namespace (NOT_FOUND)" },
  },
  "control.read_namespace": {
    summary: "The namespace's clock and what it holds",
    description:
      "The namespace comes from the Klarna-Sandbox-Namespace header or the sandbox_namespace cookie; requests about an existing resource run in that resource's namespace.",
    success: { status: 200, description: "Summary", body: NamespaceSummary },
  },
  "control.reset_namespace": {
    summary: "Reset the namespace",
    description: "Forgets every session, order, callback, fault and outbox message of the namespace and puts its clock back; other namespaces are untouched.",
    success: { status: 200, description: "The emptied namespace", body: NamespaceSummary },
  },
  "sandbox.openapi": {
    summary: "This OpenAPI document",
    description: "Served without Basic auth.",
    success: { status: 200, description: "The OpenAPI 3.1 document", body: z.record(z.string(), z.unknown()) },
  },
};
