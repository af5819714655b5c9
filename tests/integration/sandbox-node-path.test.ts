import { Agent, createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseHandle } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/prepare";
import { serveSandboxRequest } from "@/lib/sandbox";
import { pathOf } from "@/lib/sandbox/node";
import { SANDBOX_AUTH } from "../helpers/sandbox-auth";

// The custom server hands node:http's request to the sandbox as it is (no web Request): body
// limits, early refusals on a keep-alive connection, reset connections and path normalization must
// behave as on the web Request path.

let server: Server;
let origin = "";
beforeAll(async () => {
  await prepareDatabase(databaseHandle(), []);
  server = createServer((req, res) => void serveSandboxRequest(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const AUTH = SANDBOX_AUTH.authorization;

function send(
  agent: Agent,
  method: string,
  path: string,
  options: { body?: Buffer; chunked?: boolean; auth?: boolean; headers?: Record<string, string> } = {},
) {
  return new Promise<{ status: number; body: string; connection?: string }>((resolve, reject) => {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      ...(options.auth === false ? {} : { authorization: AUTH }),
      ...options.headers,
    };
    if (options.body && !options.chunked) headers["content-length"] = String(options.body.length);
    const call = request(`${origin}${path}`, { method, agent, headers }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, body, connection: response.headers.connection }));
    });
    call.on("error", reject);
    if (options.body && options.chunked) {
      for (let offset = 0; offset < options.body.length; offset += 64 * 1024) call.write(options.body.subarray(offset, offset + 64 * 1024));
    } else if (options.body) {
      call.write(options.body);
    }
    call.end();
  });
}

const body = (bytes: number) => Buffer.from(JSON.stringify({ order_lines: "x".repeat(bytes) }));

describe("the sandbox on node:http's own request", () => {
  it.each([
    ["a 2 MB body with its length declared", { body: body(2 * 1024 * 1024) }, "REQUEST_TOO_LARGE"],
    ["a 2 MB body streamed in chunks", { body: body(2 * 1024 * 1024), chunked: true }, "REQUEST_TOO_LARGE"],
    ["a 2 MB body without credentials", { body: body(2 * 1024 * 1024), auth: false }, "PERMISSION_DENIED"],
  ])("%s is refused, and the next request on the keep-alive connection succeeds", async (_label, options, code) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const refused = await send(agent, "POST", "/sandbox/api/payments/v1/sessions", options);
    expect(JSON.parse(refused.body).error_code).toBe(code);
    expect((await send(agent, "GET", "/sandbox/api/_control/clock")).status).toBe(200);
    agent.destroy();
  });

  it("closes the connection after refusing a body too large to read away", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const refused = await send(agent, "POST", "/sandbox/api/payments/v1/sessions", { body: body(20 * 1024 * 1024), chunked: true });
    expect(refused).toMatchObject({ status: 413, connection: "close" });
    agent.destroy();
  });

  it("answers a JSON body with Klarna's headers and a namespace from the header", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const namespace = { "klarna-sandbox-namespace": "node-path" };
    const clock = await send(agent, "GET", "/sandbox/api/_control/clock?ignored=1", { headers: namespace });
    expect(clock.status).toBe(200);
    expect(JSON.parse(clock.body).namespace).toBe("node-path");
    const malformed = await send(agent, "POST", "/sandbox/api/payments/v1/sessions", { body: Buffer.from("{not json") });
    expect(malformed.status).toBe(400);
    agent.destroy();
  });

  it("resets the connection for an injected reset fault", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const namespace = { "klarna-sandbox-namespace": "node-path-reset" };
    const fault = await send(agent, "POST", "/sandbox/api/_control/faults", {
      body: Buffer.from(JSON.stringify({ operation: "kp.read_session", kind: "reset", count: 1 })),
      headers: namespace,
    });
    expect(fault.status).toBe(201);
    await expect(send(agent, "GET", `/sandbox/api/payments/v1/sessions/${crypto.randomUUID()}`, { headers: namespace })).rejects.toThrow(
      /socket hang up|ECONNRESET/,
    );
    agent.destroy();
  });

  it.each([
    "/sandbox/api/hpp/v1/sessions/abc",
    "/sandbox/api/openapi.json?x=1",
    "/sandbox/api/a/../hpp",
    "/sandbox/api/%2e%2E/x",
    "/sandbox/api/a b",
    "/sandbox/api/x\\y",
    "/sandbox/api/é",
    "/sandbox/api/x#frag",
    "/sandbox/api//double",
  ])("reads the path of %s as WHATWG URL does", (target) => {
    expect(pathOf(target)).toBe(new URL(target, "http://localhost").pathname);
  });
});
