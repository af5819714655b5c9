import { Agent, request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseHandle } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/prepare";
import { startSandboxServer, type SandboxServer } from "../helpers/sandbox-server";
import { SANDBOX_AUTH } from "../helpers/sandbox-auth";

// A test client keeps its connection alive between calls: a request the server refuses early (a
// body over the limit, missing credentials) must not break the next one on the same agent.

let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandboxServer();
  await prepareDatabase(databaseHandle(), []);
});
afterAll(() => sandbox.close());

const AUTH = SANDBOX_AUTH.authorization;

function send(agent: Agent, method: string, path: string, options: { body?: Buffer; chunked?: boolean; auth?: boolean } = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const headers: Record<string, string> = { "content-type": "application/json", ...(options.auth === false ? {} : { authorization: AUTH }) };
    if (options.body && !options.chunked) headers["content-length"] = String(options.body.length);
    const call = request(`${sandbox.origin}${path}`, { method, agent, headers }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, body }));
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

const twoMegabytes = Buffer.from(JSON.stringify({ order_lines: "x".repeat(2 * 1024 * 1024) }));

describe("early refusals on a keep-alive connection", () => {
  it.each([
    ["a 2 MB body with its length declared", { body: twoMegabytes }],
    ["a 2 MB body streamed in chunks", { body: twoMegabytes, chunked: true }],
  ])("%s gets 413 REQUEST_TOO_LARGE, and the next request on the agent succeeds", async (_label, options) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const refused = await send(agent, "POST", "/sandbox/api/payments/v1/sessions", options);
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body).error_code).toBe("REQUEST_TOO_LARGE");
    expect((await send(agent, "GET", "/sandbox/api/_control/clock")).status).toBe(200);
    agent.destroy();
  });

  it("a body sent without credentials gets 401, and the next request on the agent succeeds", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    expect((await send(agent, "POST", "/sandbox/api/payments/v1/sessions", { body: twoMegabytes, auth: false })).status).toBe(401);
    expect((await send(agent, "GET", "/sandbox/api/_control/clock")).status).toBe(200);
    agent.destroy();
  });
});
