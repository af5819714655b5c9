import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseHandle, db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/prepare";
import { orderPaymentSessions, orders } from "@/lib/db/schema";
import { finalize } from "@/lib/orders/finalize";
import { orderPageKey, returnKey } from "@/lib/orders/url-keys";
import { listOrderEvents } from "@/lib/orders/queries";
import { sweepOnce } from "@/lib/orders/sweep";
import { ensureProductionBuild, OPERATOR, OPERATOR_AUTH, startProductionServer, type RunningServer } from "../../scripts/lib/server";
import { checkout } from "../helpers/checkout";
import { createTemporaryDatabase, TEST_DATABASE_URL } from "../helpers/postgres";
import { sandboxClient } from "../helpers/sandbox-client";

// Two production servers sharing one Postgres, and this test process as a third participant:
// every way an outcome can arrive fires at once, and exactly one Klarna order must result.

describe.skipIf(!TEST_DATABASE_URL)("two instances on one Postgres", () => {
  let database: Awaited<ReturnType<typeof createTemporaryDatabase>>;
  let servers: RunningServer[] = [];

  beforeAll(async () => {
    await ensureProductionBuild();
    database = await createTemporaryDatabase(TEST_DATABASE_URL!);
    // Two ports are two origins here, while behind a real load balancer both share APP_URL's: let
    // either instance's sandbox call back to the other's shop.
    const env = {
      DATABASE_URL: database.url,
      AUTH_SECRET: "multi-instance-secret-multi-instance",
      SWEEP_INTERVAL_SECONDS: "1",
      SANDBOX_ALLOWED_ORIGINS: "localhost",
    };
    servers = await Promise.all([startProductionServer(env), startProductionServer(env)]);
    // This process shares the database and speaks to instance A's sandbox.
    Object.assign(process.env, env, { APP_URL: servers[0]!.baseUrl, KLARNA_USERNAME: OPERATOR.username, KLARNA_PASSWORD: OPERATOR.password });
    await prepareDatabase(databaseHandle(), []);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await databaseHandle().close();
    await database?.drop();
  });

  it("places one order when the success page, callbacks, polling and sweeps race on both instances", async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const sandbox = sandboxClient(a.baseUrl, { authorization: OPERATOR_AUTH.authorization });
    const klarnaOrdersBefore = (await sandbox.namespaceSummary()).counts.orders;
    const { order, session } = await checkout();
    expect((await sandbox.pay(session.id)).status).toBe(200);

    // The status_update URL the shop gave Klarna, as the callback Klarna sent there shows it.
    const statusUpdate = new URL((await sandbox.latestCallback(session.id)).url);
    const read = (await sandbox.call("GET", `/hpp/v1/sessions/${session.id}`)).body;
    const successPath = `/success?sid=${session.id}&k=${returnKey(order.id)}&authorization_token=forged`;
    const pollPath = `/api/orders/${order.reference}?k=${orderPageKey(order.reference)}`;

    const attempts = Array.from({ length: 20 }, (_, index) => {
      const server = index % 2 === 0 ? a : b;
      switch (index % 4) {
        case 0:
          return fetch(`${server.baseUrl}${successPath}`).then((response) => response.status);
        case 1:
          return fetch(`${server.baseUrl}${statusUpdate.pathname}${statusUpdate.search}`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ event_id: crypto.randomUUID(), session: read }),
          }).then((response) => response.status);
        case 2:
          return fetch(`${server.baseUrl}${pollPath}`).then((response) => response.status);
        default:
          return sweepOnce().then(() => 200);
      }
    });
    expect(new Set(await Promise.all(attempts))).toEqual(new Set([200]));

    // Callbacks finalize after replying: wait for the order to settle.
    for (let tries = 0; tries < 50 && (await finalize(order.id, "poll")).status === "pending_payment"; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [after] = await db().select().from(orders).where(eq(orders.id, order.id));
    expect(after?.status).toBe("authorized");
    expect((await sandbox.namespaceSummary()).counts.orders - klarnaOrdersBefore).toBe(1);
    expect((await sandbox.call("GET", `/ordermanagement/v1/orders/${after?.klarnaOrderId}`)).body).toMatchObject({ order_amount: order.totalMinor });
    const events = (await listOrderEvents(order.id)).map((event) => event.type);
    expect(events.filter((type) => type === "order_placed")).toHaveLength(1);
    // A second place-order call would have been refused and recorded: there is none.
    expect(events.filter((type) => ["place_order_failed", "place_order_deferred", "needs_attention"].includes(type))).toEqual([]);
    const sessions = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(orderPaymentSessions)
      .where(eq(orderPaymentSessions.orderId, order.id));
    expect(sessions[0]!.n).toBe(1);
  }, 60_000);
});
