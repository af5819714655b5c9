import { describe, expect, it } from "vitest";
import { handleSandboxRequest } from "@/lib/sandbox";
import { ErrorEnvelope } from "@/lib/klarna-wire";
import { BASE, call, gbSession } from "../helpers/sandbox";
import { countRows, withSandboxDatabase } from "../helpers/sandbox-db";

withSandboxDatabase();

async function raw(path: string, init: RequestInit) {
  const response = await handleSandboxRequest(new Request(`${BASE}${path}`, init));
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString("base64")}`;

function expectEnvelope(reply: { status: number; headers: Headers; body: unknown }, status: number, code: string) {
  expect(reply.status).toBe(status);
  const body = ErrorEnvelope.parse(reply.body);
  expect(body.error_code).toBe(code);
  expect(body.error_messages?.length).toBeGreaterThan(0);
  expect(body.correlation_id).toBe(reply.headers.get("klarna-correlation-id"));
}

describe("sandbox HTTP layer", () => {
  it.each([
    ["no credentials", undefined],
    ["wrong password", basic("sandbox:wrong")],
    ["wrong user", basic("merchant:sandbox")],
    ["another scheme", "Bearer sandbox"],
    ["garbage", "Basic %%%"],
  ])("refuses %s with 401 PERMISSION_DENIED and stores nothing", async (_label, authorization) => {
    const before = await countRows("sandbox_kp_sessions");
    const reply = await raw("/payments/v1/sessions", {
      method: "POST",
      headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(gbSession()),
    });
    expectEnvelope(reply, 401, "PERMISSION_DENIED");
    expect(await countRows("sandbox_kp_sessions")).toBe(before);
  });

  it("puts a correlation id on every response, success included", async () => {
    const created = await call("POST", "/payments/v1/sessions", gbSession());
    expect(created.status).toBe(200);
    expect(created.headers.get("klarna-correlation-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("answers unknown routes with 404 and wrong methods with 405", async () => {
    expectEnvelope(await call("GET", "/payments/v2/whatever"), 404, "NOT_FOUND");
    expectEnvelope(await call("PUT", "/payments/v1/sessions"), 405, "METHOD_NOT_ALLOWED");
  });

  it.each([
    ["malformed JSON", '{"purchase_country": ', "application/json", 400, "BAD_REQUEST"],
    ["a wrong content type", JSON.stringify(gbSession()), "text/plain", 415, "UNSUPPORTED_MEDIA_TYPE"],
    ["a body over 1 MB", JSON.stringify({ ...gbSession(), merchant_data: "x".repeat(1_100_000) }), "application/json", 413, "REQUEST_TOO_LARGE"],
    ["a JSON array", "[]", "application/json", 400, "BAD_VALUE"],
    ["an empty body", "", "application/json", 400, "BAD_VALUE"],
  ])("refuses %s with a 4xx envelope and stores nothing", async (_label, body, contentType, status, code) => {
    const before = await countRows("sandbox_kp_sessions");
    const reply = await call("POST", "/payments/v1/sessions", body, { "content-type": contentType });
    expectEnvelope(reply, status, code);
    expect(await countRows("sandbox_kp_sessions")).toBe(before);
  });

  it("refuses text Postgres cannot store as Klarna refuses a bad field: 400 BAD_VALUE naming it, nothing stored", async () => {
    const before = await countRows("sandbox_kp_sessions");
    const lines = gbSession().order_lines as Record<string, unknown>[];
    for (const [body, field] of [
      [gbSession({ merchant_reference1: "A\u0000B" }), "merchant_reference1"],
      [gbSession({ order_lines: [{ ...lines[0], name: "Mug \ud800" }, ...lines.slice(1)] }), "order_lines[0].name"],
    ] as const) {
      const reply = await call("POST", "/payments/v1/sessions", body);
      expectEnvelope(reply, 400, "BAD_VALUE");
      expect(reply.body.error_messages).toEqual([`Bad value: ${field}`]);
    }
    expect(await countRows("sandbox_kp_sessions")).toBe(before);
  });

  it("refuses a streamed body over 1 MB that declares no length", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const reply = await raw("/payments/v1/sessions", {
      method: "POST",
      headers: { authorization: basic("sandbox:sandbox"), "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expectEnvelope(reply, 413, "REQUEST_TOO_LARGE");
  });

  it.each([
    ["GET", "/payments/v1/sessions/not-a-uuid"],
    ["POST", "/payments/v1/authorizations/1234/order"],
    ["DELETE", "/payments/v1/authorizations/'%20or%201=1"],
    ["GET", "/hpp/v1/sessions/abc"],
    ["DELETE", "/hpp/v1/sessions/abc"],
    ["GET", "/ordermanagement/v1/orders/abc"],
    ["POST", "/ordermanagement/v1/orders/abc/cancel"],
    ["POST", "/_control/hpp/abc/complete"],
  ])("answers %s %s (a non-UUID id) with a 404 envelope, never a 500", async (method, path) => {
    const body = method === "POST" ? (path.includes("/order") ? gbSession() : path.includes("complete") ? { outcome: "approve" } : undefined) : undefined;
    const reply = await call(method, path, body);
    expect(reply.status).toBe(404);
    ErrorEnvelope.parse(reply.body);
  });

  it.each([
    ["GET", "/hpp/v1/sessions/%zz"],
    ["GET", "/payments/v1/sessions/%E0%A4%A"],
    ["POST", "/payments/v1/authorizations/%/order"],
    ["POST", "/ordermanagement/v1/orders/%ff/captures"],
    ["DELETE", "/_control/faults/%C0%80"],
  ])("answers %s %s (a malformed percent-escape) with a 404 envelope, never a 500", async (method, path) => {
    expectEnvelope(await call(method, path, method === "POST" ? {} : undefined), 404, "NOT_FOUND");
  });
});

describe("sandbox clock control", () => {
  it("reads, advances and resets sandbox time", async () => {
    const start = await call("GET", "/_control/clock");
    expect(start.body.offset_seconds).toBe(0);
    const advanced = await call("POST", "/_control/clock/advance", { seconds: 3600 });
    expect(advanced.body.offset_seconds).toBe(3600);
    expect(new Date(advanced.body.now).getTime() - new Date(start.body.now).getTime()).toBeGreaterThanOrEqual(3600_000);
    expect((await call("POST", "/_control/clock/advance", { seconds: -5 })).body).toMatchObject({
      error_code: "BAD_VALUE",
      error_messages: ["Bad value: seconds"],
    });
    expect((await call("POST", "/_control/clock/reset")).body.offset_seconds).toBe(0);
  });
});
