import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureProductionBuild, OPERATOR_AUTH, startProductionServer, type RunningServer } from "../../scripts/lib/server";
import { gbSession } from "../helpers/klarna-bodies";
import { createTemporaryDatabase, TEST_DATABASE_URL } from "../helpers/postgres";

// On Postgres other instances write too: a read on one instance must show what another wrote,
// even when the first has read the same session or order just before.

const AUTH = { ...OPERATOR_AUTH, "content-type": "application/json" };

describe.skipIf(!TEST_DATABASE_URL)("reads on one instance after writes on another (Postgres)", () => {
  let database: Awaited<ReturnType<typeof createTemporaryDatabase>>;
  let servers: RunningServer[] = [];

  beforeAll(async () => {
    await ensureProductionBuild();
    database = await createTemporaryDatabase(TEST_DATABASE_URL!);
    const env = { DATABASE_URL: database.url, AUTH_SECRET: "read-model-secret-read-model-secret" };
    servers = await Promise.all([startProductionServer(env), startProductionServer(env)]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
  });

  const send = async (server: RunningServer, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.baseUrl}/sandbox/api${path}`, {
      method,
      headers: AUTH,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  it("sees another instance's KP update, hosted-page approval and capture", async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const kp = (await send(a, "POST", "/payments/v1/sessions", gbSession())).body;
    const sessionUrl = `${a.baseUrl}/sandbox/api/payments/v1/sessions/${kp.session_id}`;
    const hpp = (await send(a, "POST", "/hpp/v1/sessions", { payment_session_url: sessionUrl, options: { place_order_mode: "PLACE_ORDER" } })).body;
    expect((await send(a, "GET", `/payments/v1/sessions/${kp.session_id}`)).body.merchant_reference1).toBe("ORDER-1");
    expect((await send(a, "GET", `/hpp/v1/sessions/${hpp.session_id}`)).body.status).toBe("WAITING");

    expect((await send(b, "POST", `/payments/v1/sessions/${kp.session_id}`, { merchant_reference1: "CHANGED-ON-B" })).status).toBe(204);
    expect((await send(a, "GET", `/payments/v1/sessions/${kp.session_id}`)).body.merchant_reference1).toBe("CHANGED-ON-B");

    expect((await send(b, "POST", `/_control/hpp/${hpp.session_id}/complete`, { outcome: "approve" })).status).toBe(200);
    const completed = (await send(a, "GET", `/hpp/v1/sessions/${hpp.session_id}`)).body;
    expect(completed.status).toBe("COMPLETED");

    const orderPath = `/ordermanagement/v1/orders/${completed.order_id}`;
    expect((await send(a, "GET", orderPath)).body.captured_amount).toBe(0);
    expect((await send(b, "POST", `${orderPath}/captures`, { captured_amount: 1000 })).status).toBe(201);
    expect((await send(a, "GET", orderPath)).body).toMatchObject({ status: "PART_CAPTURED", captured_amount: 1000 });
  });
});
