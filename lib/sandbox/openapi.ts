import "server-only";
import { z } from "zod";
import { createDocument, type oas31, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import { config } from "@/lib/config";
import * as klarna from "@/lib/klarna/schemas";
import { PUBLIC_OPERATIONS, SANDBOX_API_PREFIX, SANDBOX_ROUTES } from "./http";
import { FaultRequest } from "./faults";
import * as sandbox from "./schemas";

// The sandbox's OpenAPI 3.1 document, generated from the zod schemas the handlers parse requests
// with (./schemas) and the merchant client parses responses with (@/lib/klarna/schemas), so the
// document cannot drift from what the sandbox accepts and answers.
//
// To document a route: add one entry to OPERATIONS under its operation name (the third argument of
// `route(...)` in http.ts). A route without an entry still appears, as "Undocumented", and the
// completeness test in tests/integration/sandbox-openapi.test.ts fails until it has one.

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
  /** Honours Klarna-Idempotency-Key (the OM POSTs). */
  idempotent?: boolean;
}

// Control-API replies have no Klarna schema; these describe what lib/sandbox returns.
const ClockState = z.object({
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
  kind: z.enum(["hpp_status", "fraud_notification"]),
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

const idHeader = (description: string) => z.string().meta({ description });
const locationHeader = (what: string) => idHeader(`URL of the new ${what}`);

const NOT_FOUND_KP_SESSION = "Unknown or expired KP session (NOT_FOUND)";
const NOT_FOUND_AUTHORIZATION = "Unknown, used, cancelled or expired authorization token (NOT_FOUND)";
const NOT_FOUND_HPP_SESSION = "Unknown or expired HPP session (NOT_FOUND)";
const NOT_FOUND_ORDER = "Unknown order (NO_SUCH_ORDER)";

/** One entry per operation of SANDBOX_ROUTES, keyed by its operation name. */
export const OPERATIONS: Record<string, OperationDoc> = {
  "kp.create_session": {
    tag: "KP",
    summary: "Create a payment session",
    body: sandbox.KpSessionRequest,
    success: { status: 200, description: "The session, its client token and the payment method categories on offer", body: klarna.KpSessionCreated },
    errors: { 400: "A field fails validation or Klarna's order arithmetic (BAD_VALUE, naming every field)" },
  },
  "kp.read_session": {
    tag: "KP",
    summary: "Read a payment session",
    success: { status: 200, description: "The session", body: klarna.KpSession },
    errors: { 404: NOT_FOUND_KP_SESSION },
  },
  "kp.update_session": {
    tag: "KP",
    summary: "Update a payment session",
    description: "Replaces the session's order data.",
    body: sandbox.KpSessionRequest,
    success: { status: 204, description: "Updated" },
    errors: { 400: "A field fails validation or Klarna's order arithmetic (BAD_VALUE)", 404: `${NOT_FOUND_KP_SESSION}, or the session is complete (SESSION_COMPLETED)` },
  },
  "kp.place_order": {
    tag: "KP",
    summary: "Create an order from an authorization",
    body: sandbox.PlaceOrderRequest,
    success: { status: 200, description: "The order", body: klarna.PlaceOrderResponse },
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
    success: { status: 200, description: "The token", body: klarna.CustomerTokenResponse },
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
    success: { status: 200, description: "The session's status", body: klarna.HppSession },
    errors: { 404: NOT_FOUND_HPP_SESSION },
  },
  "hpp.disable_session": {
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
    tag: "OM",
    summary: "Cancel an order",
    idempotent: true,
    success: { status: 204, description: "Cancelled" },
    errors: { 403: "The order has captures or is already cancelled or closed (CANCEL_NOT_ALLOWED)", 404: NOT_FOUND_ORDER },
  },
  "om.release_remaining_authorization": {
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

  "control.complete_hpp": {
    tag: "Control",
    summary: "Act on a hosted page as the consumer",
    description: "Does what the hosted page's buttons do: approve, decline, cancel, back or error.",
    body: sandbox.CompleteHppRequest,
    success: { status: 200, description: "The session's new status and where the browser would go", body: ConsumerResult },
    errors: { 400: "The session no longer takes consumer actions (BAD_REQUEST), or the category is not on offer (BAD_VALUE)", 404: `${NOT_FOUND_HPP_SESSION}, or its KP session already has its order (SESSION_COMPLETED)` },
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
      "latency, http_error (429 or 5xx), reset or timeout on one API operation or all (`*`); drop_callback or duplicate_callback on callback.hpp_status or callback.fraud_notification; drop_redirect on hpp.redirect. For the next `count` matches or with a probability; `after` lets the operation take effect before its reply is lost.",
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

export const UNDOCUMENTED = "Undocumented";

/** Operations served but missing from OPERATIONS, and entries for operations no longer served. */
export function documentationGaps(routes: readonly { operation: string }[] = SANDBOX_ROUTES) {
  const served = new Set(routes.map((route) => route.operation));
  return {
    undocumented: [...served].filter((operation) => !(operation in OPERATIONS)),
    stale: Object.keys(OPERATIONS).filter((operation) => !served.has(operation)),
  };
}

// Path parameters, named after the path segment before each `{}`.
const PATH_PARAMS: Record<string, { name: string; description: string }> = {
  sessions: { name: "session_id", description: "The session's id" },
  hpp: { name: "session_id", description: "The HPP session's id" },
  authorizations: { name: "authorization_token", description: "The authorization token from the consumer's approval" },
  orders: { name: "order_id", description: "The order's id" },
  captures: { name: "capture_id", description: "The capture's id" },
  refunds: { name: "refund_id", description: "The refund's id" },
};

/** `/payments/v1/sessions/{}` → `/payments/v1/sessions/{session_id}` and its parameter. */
export function namePathParams(path: string): { path: string; params: { name: string; description: string }[] } {
  const params: { name: string; description: string }[] = [];
  const segments = path.split("/").map((segment, index, all) => {
    if (segment !== "{}") return segment;
    const previous = all[index - 1] ?? "";
    const known = PATH_PARAMS[previous];
    let name = known?.name ?? `${previous.replace(/s$/, "").replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "") || "param"}_id`;
    while (params.some((param) => param.name === name)) name = `${name}_${params.length}`;
    params.push({ name, description: known?.description ?? "An id" });
    return `{${name}}`;
  });
  return { path: segments.join("/"), params };
}

const ERROR_DEFAULTS: Record<number, string> = {
  400: "Malformed JSON, or a field failing validation (BAD_VALUE names each field)",
  401: "Missing or wrong Basic credentials (PERMISSION_DENIED)",
  413: "Request body over 1 MB (REQUEST_TOO_LARGE)",
  415: "Content-Type is not application/json (UNSUPPORTED_MEDIA_TYPE)",
};

const correlationHeaders = z.object({ "Klarna-Correlation-Id": idHeader("A fresh id for every response, success or error") });
const idempotencyKey = z.object({
  "Klarna-Idempotency-Key": z
    .string()
    .optional()
    .meta({ description: "A repeat within 24 hours (sandbox time) gets the first reply, error replies included, and changes nothing" }),
});

const TAG_OF_PREFIX: Record<string, Tag> = { kp: "KP", hpp: "HPP", om: "OM", control: "Control", sandbox: "Control" };

function operationObject(route: { method: string; operation: string }, params: { name: string; description: string }[]): ZodOpenApiOperationObject {
  const doc = OPERATIONS[route.operation];
  const path = params.length > 0 ? z.object(Object.fromEntries(params.map((param) => [param.name, z.string().meta({ description: param.description })]))) : undefined;
  const error = (description: string) => ({ description, headers: correlationHeaders, content: { "application/json": { schema: klarna.KlarnaErrorBody } } });
  const isPublic = PUBLIC_OPERATIONS.has(route.operation);
  if (!doc) {
    return {
      operationId: route.operation,
      tags: [TAG_OF_PREFIX[route.operation.split(".")[0] ?? ""] ?? "Control"],
      summary: UNDOCUMENTED,
      description: `No entry for ${route.operation} in OPERATIONS (lib/sandbox/openapi.ts).`,
      ...(path ? { requestParams: { path } } : {}),
      ...(isPublic ? { security: [] } : {}),
      responses: {
        ...(isPublic ? {} : { 401: error(ERROR_DEFAULTS[401]!) }),
        default: { description: "Undocumented; errors use Klarna's envelope", content: { "application/json": { schema: klarna.KlarnaErrorBody } } },
      },
    };
  }
  const errors = new Map<number, string>();
  if (doc.body) for (const status of [400, 413, 415]) errors.set(status, ERROR_DEFAULTS[status]!);
  if (!isPublic) errors.set(401, ERROR_DEFAULTS[401]!);
  for (const [status, description] of Object.entries(doc.errors ?? {})) errors.set(Number(status), description);

  const { success } = doc;
  const responses: ZodOpenApiResponsesObject = {
    [String(success.status)]: {
      description: success.description,
      headers: success.headers ? correlationHeaders.extend(success.headers.shape) : correlationHeaders,
      ...(success.body ? { content: { "application/json": { schema: success.body } } } : {}),
    },
  };
  for (const [status, description] of [...errors].sort(([a], [b]) => a - b)) responses[String(status) as `4${string}`] = error(description);

  return {
    operationId: route.operation,
    tags: [doc.tag],
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    ...(path || doc.idempotent ? { requestParams: { ...(path ? { path } : {}), ...(doc.idempotent ? { header: idempotencyKey } : {}) } } : {}),
    ...(doc.body ? { requestBody: { required: true, content: { "application/json": { schema: doc.body } } } } : {}),
    ...(isPublic ? { security: [] } : {}),
    responses,
  };
}

/** Case-folding enums (`z.preprocess(toUpperCase, z.enum(...))`) list every case the schema accepts. */
function caseVariants(zodSchema: z.core.$ZodType, jsonSchema: z.core.JSONSchema.BaseSchema) {
  const def = zodSchema._zod.def;
  if (def.type !== "pipe" || !Array.isArray(jsonSchema.enum)) return;
  const { in: first } = def as z.core.$ZodPipeDef;
  if (first._zod.def.type !== "transform") return;
  const accepted = new Set<string | number | boolean | null>();
  for (const value of jsonSchema.enum) {
    const variants = typeof value === "string" ? [value, value.toLowerCase(), value.toUpperCase()] : [value];
    for (const variant of variants) if (variant === value || z.safeParse(zodSchema, variant).success) accepted.add(variant);
  }
  jsonSchema.enum = [...accepted];
  jsonSchema.description ??= "Case-insensitive: values are accepted in any case";
}

/** zod drops the default of a field whose schema preprocesses (`.default()` over a pipe): put it back. */
function restoreDefault(zodSchema: z.core.$ZodType, jsonSchema: z.core.JSONSchema.BaseSchema) {
  const def = zodSchema._zod.def;
  if (def.type === "default" && !("default" in jsonSchema)) jsonSchema.default = JSON.parse(JSON.stringify((def as z.core.$ZodDefaultDef).defaultValue));
}

type RouteInfo = { method: string; path: string; operation: string };

/** The document for these routes; sandboxOpenApiDocument() is this for SANDBOX_ROUTES, cached. */
export function buildOpenApiDocument(appUrl: string, routes: readonly RouteInfo[] = SANDBOX_ROUTES): oas31.OpenAPIObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const { path, params } = namePathParams(route.path);
    const method = route.method.toLowerCase() as "get" | "post" | "delete";
    paths[path] = { ...paths[path], [method]: operationObject(route, params) };
  }
  return createDocument(
    {
      openapi: "3.1.0",
      info: {
        title: "Klarna sandbox",
        version: "1.0.0",
        description:
          "The embedded Klarna sandbox: Klarna Payments (KP v1), the Hosted Payment Page (HPP v1) and Order Management (OM v1) as this sandbox implements them, plus its control API for tests and demos. Generated from the zod schemas the sandbox parses requests with and the merchant client parses responses with. Errors use Klarna's envelope.",
      },
      servers: [{ url: `${appUrl}${SANDBOX_API_PREFIX}`, description: "This sandbox" }],
      security: [{ basicAuth: [] }],
      tags: [
        { name: "KP", description: "Klarna Payments v1: payment sessions, authorizations, orders and customer tokens" },
        { name: "HPP", description: "Hosted Payment Page v1: sessions wrapping a KP session in Klarna's hosted page" },
        { name: "OM", description: "Order Management v1: orders, captures, refunds" },
        { name: "Control", description: "Sandbox-only: act as the consumer, move time, read the sandbox's state. No Klarna equivalent." },
      ],
      paths,
      components: {
        securitySchemes: { basicAuth: { type: "http", scheme: "basic", description: "The merchant API credentials (KLARNA_USERNAME / KLARNA_PASSWORD; sandbox / sandbox by default)" } },
        schemas: {
          ErrorResponse: klarna.KlarnaErrorBody,
          KpSessionRequest: sandbox.KpSessionRequest,
          PlaceOrderRequest: sandbox.PlaceOrderRequest,
          OrderLine: sandbox.OrderLine,
          Address: sandbox.Address,
          HppSessionRequest: sandbox.HppSessionRequest,
          KpSessionCreated: klarna.KpSessionCreated,
          KpSession: klarna.KpSession,
          KpOrderLine: klarna.KpOrderLine,
          PaymentMethodCategory: klarna.PaymentMethodCategory,
          HppSessionCreated: klarna.HppSessionCreated,
          HppSession: klarna.HppSession,
          HppStatus: klarna.HppStatus,
          OmOrder: klarna.OmOrder,
          OmCapture: klarna.OmCapture,
          OmRefund: klarna.OmRefund,
          ClockState,
        },
      },
    },
    {
      override: ({ jsonSchema, zodSchema, io }) => {
        caseVariants(zodSchema, jsonSchema);
        restoreDefault(zodSchema, jsonSchema);
        // Responses may carry fields beyond the ones the client relies on (zod strips them).
        const def = zodSchema._zod.def;
        if (io === "output" && def.type === "object" && !(def as z.core.$ZodObjectDef).catchall && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
      },
    },
  );
}

let cached: { appUrl: string; document: oas31.OpenAPIObject } | undefined;

/** The document for this server (its servers entry follows APP_URL). Treat it as read-only. */
export function sandboxOpenApiDocument(): oas31.OpenAPIObject {
  const { appUrl } = config();
  if (cached?.appUrl !== appUrl) cached = { appUrl, document: buildOpenApiDocument(appUrl) };
  return cached.document;
}

// ---- For the docs page (/sandbox/docs): the document's operations grouped by tag, in route order.

type Schema = oas31.SchemaObject | oas31.ReferenceObject;

export interface ReferenceParameter {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  schema?: Schema;
}

export interface ReferenceResponse {
  status: string;
  description: string;
  headers: { name: string; description?: string }[];
  schema?: Schema;
}

export interface ReferenceOperation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  authenticated: boolean;
  parameters: ReferenceParameter[];
  requestBody?: Schema;
  responses: ReferenceResponse[];
}

export interface ApiReference {
  title: string;
  description?: string;
  serverUrl: string;
  /** Named schemas the operations' schemas refer to (`#/components/schemas/<name>`). */
  schemas: Record<string, Schema>;
  errorSchema: Schema;
  tags: { name: string; description?: string; operations: ReferenceOperation[] }[];
}

const isReference = (value: object): value is oas31.ReferenceObject => "$ref" in value;
const jsonSchemaOf = (content: oas31.ContentObject | undefined) => content?.["application/json"]?.schema;

export function sandboxApiReference(): ApiReference {
  const document = sandboxOpenApiDocument();
  const operations: (ReferenceOperation & { tag: string })[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of ["get", "post", "delete"] as const) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = (operation.parameters ?? []).filter((parameter): parameter is oas31.ParameterObject => !isReference(parameter));
      const body = operation.requestBody && !isReference(operation.requestBody) ? jsonSchemaOf(operation.requestBody.content) : undefined;
      operations.push({
        tag: operation.tags?.[0] ?? "Control",
        operationId: operation.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        summary: operation.summary ?? "",
        description: operation.description,
        authenticated: !(operation.security && operation.security.length === 0),
        parameters: parameters.map((parameter) => ({
          name: parameter.name,
          in: parameter.in,
          required: parameter.required ?? false,
          description: parameter.description,
          schema: parameter.schema,
        })),
        requestBody: body,
        responses: Object.entries(operation.responses ?? {}).flatMap(([status, response]: [string, oas31.ResponseObject | oas31.ReferenceObject]) =>
          isReference(response)
            ? []
            : [
                {
                  status,
                  description: response.description,
                  headers: Object.entries(response.headers ?? {}).map(([name, header]) => ({ name, description: isReference(header) ? undefined : header.description })),
                  schema: jsonSchemaOf(response.content),
                },
              ],
        ),
      });
    }
  }
  const declared = document.tags ?? [];
  const extra = [...new Set(operations.map((operation) => operation.tag))].filter((name) => !declared.some((tag) => tag.name === name));
  const tags = [...declared, ...extra.map((name) => ({ name, description: undefined }))].map((tag) => ({
    name: tag.name,
    description: tag.description,
    operations: operations.filter((operation) => operation.tag === tag.name),
  }));
  return {
    title: document.info.title,
    description: document.info.description,
    serverUrl: document.servers?.[0]?.url ?? SANDBOX_API_PREFIX,
    schemas: document.components?.schemas ?? {},
    errorSchema: { $ref: "#/components/schemas/ErrorResponse" },
    tags: tags.filter((tag) => tag.operations.length > 0),
  };
}
