import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { handleSandboxRequest } from "@/lib/sandbox";
import { SANDBOX_ROUTES } from "@/lib/sandbox/http";
import { describeSchema } from "@/components/sandbox/schema-fields";
import { sandboxApiReference } from "@/lib/sandbox/api-reference";
import { buildOpenApiDocument, documentationGaps, UNDOCUMENTED } from "@/lib/sandbox/openapi";
import { BASE, call, createKpSession, gbSession } from "../helpers/sandbox";
import { withSandboxDatabase } from "../helpers/sandbox-db";

withSandboxDatabase();

const METHODS = ["get", "post", "delete", "put", "patch"] as const;

/** The document as served, fetched without credentials (it is public). */
async function served() {
  const response = await handleSandboxRequest(new Request(`${BASE}/openapi.json`));
  return { status: response.status, contentType: response.headers.get("content-type"), body: await response.json() };
}

function operations(document: any) {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]: [string, any]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method], item })),
  );
}

/** Every `$ref` in the document, with where it was found. */
function refs(node: unknown, at = "#"): { ref: string; at: string }[] {
  if (Array.isArray(node)) return node.flatMap((child, index) => refs(child, `${at}/${index}`));
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([key, value]) => (key === "$ref" && typeof value === "string" ? [{ ref: value, at }] : refs(value, `${at}/${key}`)));
}

function resolvePointer(document: any, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<any>((node, part) => (node === undefined ? undefined : node[part]), document);
}

/** A validator for one schema of the document, its `#/components/...` references resolved. */
function jsonSchemaValidator(document: any, schema: unknown) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  return ajv.compile({ $id: "https://sandbox.invalid/openapi.json", components: document.components, ...(schema as object) });
}

function requestSchema(document: any, operationId: string) {
  const found = operations(document).find(({ operation }) => operation.operationId === operationId);
  const schema = found?.operation.requestBody?.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`${operationId} has no JSON request body in the document`);
  return schema;
}

function responseSchema(document: any, operationId: string, status: string) {
  const found = operations(document).find(({ operation }) => operation.operationId === operationId);
  const schema = found?.operation.responses?.[status]?.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`${operationId} has no JSON ${status} response in the document`);
  return schema;
}

describe("GET /sandbox/api/openapi.json", () => {
  it("answers 200 without credentials with an OpenAPI 3 document", async () => {
    const reply = await served();
    expect(reply.status).toBe(200);
    expect(reply.contentType).toMatch(/^application\/json/);
    expect(reply.body.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(reply.body.servers[0].url).toBe("http://localhost:3000/sandbox/api");
  });

  it("documents every operation: none is left Undocumented and no entry outlives its route", async () => {
    const { body } = await served();
    const undocumented = operations(body)
      .filter(({ operation }) => operation.summary === UNDOCUMENTED)
      .map(({ operation }) => operation.operationId);
    expect(undocumented, "add an entry to OPERATIONS in lib/sandbox/operations.ts for each").toEqual([]);
    expect(documentationGaps(SANDBOX_ROUTES)).toEqual({ undocumented: [], stale: [] });
    for (const { operation } of operations(body)) {
      expect(operation.tags).toHaveLength(1);
      expect(["KP", "HPP", "OM", "Control"]).toContain(operation.tags[0]);
      expect(
        Object.keys(operation.responses).some((status) => /^2\d\d$/.test(status)),
        operation.operationId,
      ).toBe(true);
    }
  });

  it("still lists a route without an entry, as Undocumented, so a completeness check catches it", () => {
    const routes = [...SANDBOX_ROUTES, { method: "GET", path: "/_control/widgets/{}", operation: "control.read_widget" }];
    const document = buildOpenApiDocument("http://localhost:3000", routes);
    const operation = document.paths?.["/_control/widgets/{widget_id}"]?.get;
    expect(operation?.operationId).toBe("control.read_widget");
    expect(operation?.summary).toBe(UNDOCUMENTED);
    expect(operation?.parameters).toEqual([expect.objectContaining({ in: "path", name: "widget_id", required: true })]);
    // Relative to the served routes' own gaps, which the test above reports.
    const { undocumented, stale } = documentationGaps(SANDBOX_ROUTES);
    expect(documentationGaps(routes).undocumented.sort()).toEqual([...undocumented, "control.read_widget"].sort());
    expect(documentationGaps(routes.slice(1)).stale.sort()).toEqual([...stale, SANDBOX_ROUTES[0]!.operation].sort());
  });
});

describe("the OpenAPI document's structure", () => {
  it("passes an OpenAPI schema validator", async () => {
    const { body } = await served();
    const validator = new Validator();
    const result = await validator.validate(body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toMatch(/^3\.1/);
  });

  it("resolves every $ref", async () => {
    const { body } = await served();
    const found = refs(body);
    expect(found.length).toBeGreaterThan(10);
    const dangling = found.filter(({ ref }) => resolvePointer(body, ref) === undefined);
    expect(dangling).toEqual([]);
  });

  it("declares each path's parameters, required, and no others; uses unique operation ids; secures all but itself", async () => {
    const { body } = await served();
    const ids = operations(body).map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, operation, item } of operations(body)) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
      const declared = [...(item.parameters ?? []), ...(operation.parameters ?? [])].filter((parameter: any) => parameter.in === "path");
      expect(declared.map((parameter: any) => parameter.name).sort(), `${method} ${path}`).toEqual(inPath);
      for (const parameter of declared) expect(parameter.required).toBe(true);
      const isPublic = operation.operationId === "sandbox.openapi";
      expect(operation.security, operation.operationId).toEqual(isPublic ? [] : undefined);
      if (!isPublic) expect(operation.responses["401"], operation.operationId).toBeDefined();
    }
    expect(body.security).toEqual([{ basicAuth: [] }]);
    expect(body.components.securitySchemes.basicAuth).toMatchObject({ type: "http", scheme: "basic" });
  });

  it("describes errors with Klarna's envelope and success headers such as Capture-Id and Location", async () => {
    const { body } = await served();
    // Klarna's error schemas (ErrorV2, ErrorMessageDto) mark no field required.
    expect(Object.keys(body.components.schemas.ErrorResponse.properties)).toEqual(expect.arrayContaining(["error_code", "error_messages", "correlation_id"]));
    for (const { operation } of operations(body)) {
      for (const [status, response] of Object.entries<any>(operation.responses)) {
        if (!status.startsWith("4")) continue;
        expect(response.content["application/json"].schema, `${operation.operationId} ${status}`).toEqual({ $ref: "#/components/schemas/ErrorResponse" });
      }
    }
    const capture = body.paths["/ordermanagement/v1/orders/{order_id}/captures"].post;
    expect(Object.keys(capture.responses["201"].headers).sort()).toEqual(["Capture-Id", "Klarna-Correlation-Id", "Location"]);
    expect(capture.parameters.map((parameter: any) => `${parameter.in}:${parameter.name}`)).toEqual(["path:order_id", "header:Klarna-Idempotency-Key"]);
    const refund = body.paths["/ordermanagement/v1/orders/{order_id}/refunds"].post;
    expect(Object.keys(refund.responses["201"].headers)).toContain("Refund-Id");
    expect(Object.keys(body.paths["/hpp/v1/sessions"].post.responses).sort()).toEqual(["201", "400", "401", "404", "413", "415"]);
  });
});

describe("the document's schemas against the zod schemas and the handler", () => {
  it("requires in hpp.create_session's request body only what Klarna requires: payment_session_url", async () => {
    const { body } = await served();
    const schema: any = resolvePointer(body, requestSchema(body, "hpp.create_session").$ref);
    expect(schema.required).toEqual(["payment_session_url"]);
    expect(schema.properties.options.properties.place_order_mode.default).toBe("NONE");
    // And the handler agrees: refused without it, accepted with it alone.
    expect(await call("POST", "/hpp/v1/sessions", {})).toMatchObject({ status: 400, body: { error_code: "BAD_VALUE" } });
    const kpSessionId = await createKpSession();
    expect((await call("POST", "/hpp/v1/sessions", { payment_session_url: `${BASE}/payments/v1/sessions/${kpSessionId}` })).status).toBe(201);
  });

  it("lists minimal_response among the fault kinds control.add_fault takes", async () => {
    const { body } = await served();
    const reference = requestSchema(body, "control.add_fault");
    const schema: any = reference.$ref ? resolvePointer(body, reference.$ref) : reference;
    expect(schema.properties.kind.enum).toContain("minimal_response");
  });

  it("describes what the handler answers: a KP session, an HPP session, the clock and an error", async () => {
    const { body } = await served();
    const check = (operationId: string, status: string, reply: { status: number; body: unknown }) => {
      expect(reply.status, operationId).toBe(Number(status));
      const validate = jsonSchemaValidator(body, responseSchema(body, operationId, status));
      expect(validate(reply.body), `${operationId}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };
    check("kp.create_session", "200", await call("POST", "/payments/v1/sessions", gbSession()));
    const kpSessionId = await createKpSession();
    check("kp.read_session", "200", await call("GET", `/payments/v1/sessions/${kpSessionId}`));
    const hpp = await call("POST", "/hpp/v1/sessions", { payment_session_url: `${BASE}/payments/v1/sessions/${kpSessionId}` });
    check("hpp.create_session", "201", hpp);
    check("hpp.read_session", "200", await call("GET", `/hpp/v1/sessions/${hpp.body.session_id}`));
    check("control.read_clock", "200", await call("GET", "/_control/clock"));
    check("hpp.read_session", "404", await call("GET", "/hpp/v1/sessions/00000000-0000-4000-8000-000000000000"));
  });
});

describe("the docs page's data (/sandbox/docs)", () => {
  it("lists the operations under their tags, with request and response fields", () => {
    const reference = sandboxApiReference();
    expect(reference.serverUrl).toBe("http://localhost:3000/sandbox/api");
    expect(reference.tags.map((tag) => tag.name)).toEqual(["KP", "HPP", "OM", "Control"]);

    const create = reference.tags.flatMap((tag) => tag.operations).find((operation) => operation.operationId === "hpp.create_session")!;
    const body = describeSchema(create.requestBody, reference.schemas);
    expect(body.type).toBe("HppSessionRequest");
    expect(body.fields?.find((field) => field.name === "payment_session_url")).toMatchObject({ required: true, type: "string" });
    const options = body.fields?.find((field) => field.name === "options");
    expect(options?.fields?.find((field) => field.name === "place_order_mode")?.details).toContain("default: NONE");
    expect(create.responses.map((response) => response.status)).toEqual(["201", "400", "401", "404", "413", "415"]);

    const capture = reference.tags.flatMap((tag) => tag.operations).find((operation) => operation.operationId === "om.capture")!;
    const lines = describeSchema(capture.requestBody, reference.schemas).fields?.find((field) => field.name === "order_lines");
    expect(lines).toMatchObject({ type: "array of OrderLine", ref: "OrderLine" });
  });
});
