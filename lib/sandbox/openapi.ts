import "server-only";
import { z } from "zod";
import { createDocument, type oas31, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import { config } from "@/lib/config";
import * as klarna from "@/lib/klarna-wire";
import { idHeader, tagOf } from "./operation-doc";
import { ClockState } from "./control-operations";
import { OPERATIONS } from "./operations";
import * as sandbox from "./schemas";

// The sandbox's OpenAPI 3.1 document, generated from the operations table (operations.ts) and the
// wire contract (@/lib/klarna-wire, written from Klarna's OpenAPI documents) for the routes the
// handler serves.

export const SANDBOX_API_PREFIX = "/sandbox/api";

/** Operations served without Basic auth: the API's own description, so docs tools can fetch it. */
export const PUBLIC_OPERATIONS: ReadonlySet<string> = new Set(["sandbox.openapi"]);

/** `idempotent`: the route honours Klarna-Idempotency-Key (the OM POSTs and PATCHes). */
type RouteInfo = { method: string; path: string; operation: string; idempotent?: boolean };

export const UNDOCUMENTED = "Undocumented";

/** Operations served but missing from OPERATIONS, and entries for operations no longer served. */
export function documentationGaps(routes: readonly { operation: string }[]) {
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
    let name =
      known?.name ??
      `${
        previous
          .replace(/s$/, "")
          .replace(/[^A-Za-z0-9]+/g, "_")
          .replace(/^_+|_+$/g, "") || "param"
      }_id`;
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

function operationObject(route: RouteInfo, params: { name: string; description: string }[]): ZodOpenApiOperationObject {
  const doc = OPERATIONS[route.operation];
  const path =
    params.length > 0 ? z.object(Object.fromEntries(params.map((param) => [param.name, z.string().meta({ description: param.description })]))) : undefined;
  const error = (description: string) => ({ description, headers: correlationHeaders, content: { "application/json": { schema: klarna.ErrorEnvelope } } });
  const isPublic = PUBLIC_OPERATIONS.has(route.operation);
  if (!doc) {
    return {
      operationId: route.operation,
      tags: [tagOf(route.operation)],
      summary: UNDOCUMENTED,
      description: `No entry for ${route.operation} in OPERATIONS (lib/sandbox/openapi.ts).`,
      ...(path ? { requestParams: { path } } : {}),
      ...(isPublic ? { security: [] } : {}),
      responses: {
        ...(isPublic ? {} : { 401: error(ERROR_DEFAULTS[401]!) }),
        default: { description: "Undocumented; errors use Klarna's envelope", content: { "application/json": { schema: klarna.ErrorEnvelope } } },
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
    tags: [tagOf(route.operation)],
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    ...(path || route.idempotent ? { requestParams: { ...(path ? { path } : {}), ...(route.idempotent ? { header: idempotencyKey } : {}) } } : {}),
    ...(doc.body ? { requestBody: { required: true, content: { "application/json": { schema: doc.body } } } } : {}),
    ...(isPublic ? { security: [] } : {}),
    responses,
  };
}

/** zod drops the default of a field whose schema preprocesses (`.default()` over a pipe): put it back. */
function restoreDefault(zodSchema: z.core.$ZodType, jsonSchema: z.core.JSONSchema.BaseSchema) {
  const def = zodSchema._zod.def;
  if (def.type === "default" && !("default" in jsonSchema)) jsonSchema.default = JSON.parse(JSON.stringify((def as z.core.$ZodDefaultDef).defaultValue));
}

/** The document for these routes; sandboxOpenApiDocument() is this for the routes served, cached. */
export function buildOpenApiDocument(appUrl: string, routes: readonly RouteInfo[]): oas31.OpenAPIObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const { path, params } = namePathParams(route.path);
    const method = route.method.toLowerCase() as "get" | "post" | "patch" | "delete";
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
        securitySchemes: {
          basicAuth: {
            type: "http",
            scheme: "basic",
            description: "The merchant API credentials (KLARNA_USERNAME / KLARNA_PASSWORD; sandbox / sandbox by default)",
          },
        },
        schemas: {
          ErrorResponse: klarna.ErrorEnvelope,
          KpSessionRequest: sandbox.KpSessionRequest,
          PlaceOrderRequest: sandbox.PlaceOrderRequest,
          HppSessionRequest: sandbox.HppSessionRequest,
          OrderLine: sandbox.OrderLine,
          Address: sandbox.Address,
          KpSessionCreated: klarna.KpSessionCreated,
          KpSessionRead: klarna.KpSessionRead,
          OrderLineReply: klarna.OrderLineReply,
          PaymentMethodCategory: klarna.PaymentMethodCategory,
          HppSessionCreated: klarna.HppSessionCreated,
          HppSessionRead: klarna.HppSessionRead,
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
        restoreDefault(zodSchema, jsonSchema);
        // Responses may carry fields beyond the ones the client relies on (zod strips them).
        const def = zodSchema._zod.def;
        if (io === "output" && def.type === "object" && !(def as z.core.$ZodObjectDef).catchall && jsonSchema.additionalProperties === false)
          delete jsonSchema.additionalProperties;
      },
    },
  );
}

let cached: { appUrl: string; document: oas31.OpenAPIObject } | undefined;

/** The document for this server (its servers entry follows APP_URL). Treat it as read-only. */
export function sandboxOpenApiDocument(routes: readonly RouteInfo[]): oas31.OpenAPIObject {
  const { appUrl } = config();
  if (cached?.appUrl !== appUrl) cached = { appUrl, document: buildOpenApiDocument(appUrl, routes) };
  return cached.document;
}
