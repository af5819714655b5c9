import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { databaseHandle } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/prepare";
import { clock } from "@/lib/sandbox/clock";
import { call, pay, createHppSession, createKpSession, gbSession } from "../helpers/sandbox";
import { countRows } from "../helpers/sandbox-db";
import { createTemporaryDatabase, TEST_DATABASE_URL } from "../helpers/postgres";

// Sandbox operations on one KP session racing on Postgres, where transactions really overlap
// (PGlite runs them one at a time): no deadlock, no error, one order.

describe.skipIf(!TEST_DATABASE_URL)("sandbox races on Postgres", () => {
  let database: Awaited<ReturnType<typeof createTemporaryDatabase>>;

  beforeAll(async () => {
    database = await createTemporaryDatabase(TEST_DATABASE_URL!);
    process.env.DATABASE_URL = database.url;
    await prepareDatabase(databaseHandle(), []);
  });
  afterEach(() => clock.reset());
  afterAll(async () => {
    await databaseHandle().close();
    await database?.drop();
  });

  it("sibling HPP sessions approved and disabled at once: one approval wins, the rest follow, no deadlock", async () => {
    for (let round = 0; round < 30; round += 1) {
      const kp = await createKpSession();
      const options = { place_order_mode: round % 2 === 0 ? "NONE" : "PLACE_ORDER" };
      const siblings = [await createHppSession(kp, options), await createHppSession(kp, options), await createHppSession(kp, options)];
      const replies = await Promise.all([
        ...siblings.map((sibling) => pay(sibling.session_id, "approve")),
        call("DELETE", `/hpp/v1/sessions/${siblings[2]!.session_id}`),
      ]);
      expect(replies.map((reply) => reply.status).filter((status) => status >= 500)).toEqual([]);
      expect(replies.filter((reply) => reply.body?.status === "COMPLETED")).toHaveLength(1);
      const statuses = await Promise.all(siblings.map(async (sibling) => (await call("GET", `/hpp/v1/sessions/${sibling.session_id}`)).body.status));
      expect(statuses.slice(0, 2)).toEqual(["COMPLETED", "COMPLETED"]);
      expect(["COMPLETED", "DISABLED"]).toContain(statuses[2]);
    }
  });

  it("several tokens and a CAPTURE_ORDER approval of one KP session placed at once: one order", async () => {
    const kp = await createKpSession();
    const tokens: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const hpp = await createHppSession(kp);
      await pay(hpp.session_id, "approve");
      tokens.push((await call("GET", `/hpp/v1/sessions/${hpp.session_id}`)).body.authorization_token);
    }
    const capturing = await createHppSession(kp, { place_order_mode: "CAPTURE_ORDER" });
    const orders = await countRows("sandbox_orders");
    const replies = await Promise.all([
      ...tokens.map((token) => call("POST", `/payments/v1/authorizations/${token}/order`, gbSession())),
      pay(capturing.session_id, "approve"),
    ]);
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(1);
    expect(replies.filter((reply) => reply.body?.error_code === "SESSION_COMPLETED")).toHaveLength(3);
    expect(await countRows("sandbox_orders")).toBe(orders + 1);
  });
});
