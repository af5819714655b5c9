import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { actOnHostedPage, openHostedPage } from "@/lib/sandbox";
import { runSandboxBackground } from "@/lib/sandbox/background";
import { DAY, MINUTE } from "@/lib/sandbox/clock";
import { changed, readThrough, trackChanges, type HppEntry } from "@/lib/sandbox/read-model";
import { call, pay, createHppSession, createKpSession, gbSession } from "../helpers/sandbox";
import { withSandboxDatabase } from "../helpers/sandbox-db";

// Reads come from memory on PGlite: every way of writing must show on the next read, and what
// follows from the clock must be worked out when read, not when kept.

withSandboxDatabase();

const hppRead = (id: string) => call("GET", `/hpp/v1/sessions/${id}`);
const kpRead = (id: string) => call("GET", `/payments/v1/sessions/${id}`);
const orderRead = (id: string) => call("GET", `/ordermanagement/v1/orders/${id}`);
const advance = (seconds: number) => call("POST", "/_control/clock/advance", { seconds });

async function placedOrder(email = "customer@email.uk"): Promise<string> {
  const hpp = await createHppSession(await createKpSession({ billing_address: { email, postal_code: "W1S 3BE", country: "GB" } }), {
    place_order_mode: "PLACE_ORDER",
  });
  await pay(hpp.session_id, "approve");
  return (await hppRead(hpp.session_id)).body.order_id;
}

describe("reads after writes", () => {
  it("shows a KP session's update on the next read", async () => {
    const id = await createKpSession();
    expect((await kpRead(id)).body.merchant_reference1).toBe("ORDER-1");
    expect((await call("POST", `/payments/v1/sessions/${id}`, { merchant_reference1: "CHANGED" })).status).toBe(204);
    expect((await kpRead(id)).body.merchant_reference1).toBe("CHANGED");
  });

  it("shows what the hosted page does (lib/sandbox's own functions, as the pages call them), and an authorization's effect on the KP read", async () => {
    const kpId = await createKpSession({ billing_address: { email: "customer@email.uk", postal_code: "W1S 3BE", country: "GB" } });
    const { session_id: id } = await createHppSession(kpId);
    expect((await hppRead(id)).body.status).toBe("WAITING");
    expect((await kpRead(kpId)).body.billing_address).toBeUndefined();

    await openHostedPage(id);
    expect((await hppRead(id)).body.status).toBe("IN_PROGRESS");
    await actOnHostedPage(id, { outcome: "approve" });
    const completed = (await hppRead(id)).body;
    expect(completed).toMatchObject({ status: "COMPLETED", authorization_token: expect.any(String) });
    expect((await kpRead(kpId)).body.billing_address).toMatchObject({ email: "customer@email.uk" });

    expect((await call("DELETE", `/payments/v1/authorizations/${completed.authorization_token}`)).status).toBe(204);
    expect((await kpRead(kpId)).body.billing_address).toBeUndefined();
  });

  it("shows a sibling HPP session that followed another's approval to COMPLETED", async () => {
    const kpId = await createKpSession();
    const [first, second] = [await createHppSession(kpId), await createHppSession(kpId)];
    expect((await hppRead(second.session_id)).body.status).toBe("WAITING");
    await pay(first.session_id, "approve");
    expect((await hppRead(second.session_id)).body.status).toBe("COMPLETED");
  });

  it("shows captures, refunds and Klarna closing the order, and a replayed idempotent capture adds nothing", async () => {
    const id = await placedOrder();
    expect((await orderRead(id)).body).toMatchObject({ status: "AUTHORIZED", captured_amount: 0, captures: [] });
    const key = { "klarna-idempotency-key": crypto.randomUUID() };
    expect((await call("POST", `/ordermanagement/v1/orders/${id}/captures`, { captured_amount: 1000 }, key)).status).toBe(201);
    expect((await call("POST", `/ordermanagement/v1/orders/${id}/captures`, { captured_amount: 1000 }, key)).status).toBe(201);
    expect((await orderRead(id)).body).toMatchObject({ status: "PART_CAPTURED", captured_amount: 1000, captures: [{ captured_amount: 1000 }] });
    expect((await call("POST", `/ordermanagement/v1/orders/${id}/refunds`, { refunded_amount: 400 })).status).toBe(201);
    const captureId = (await orderRead(id)).body.captures[0].capture_id;
    expect((await call("GET", `/ordermanagement/v1/orders/${id}/captures/${captureId}`)).body.refunded_amount).toBe(400);
    expect((await orderRead(id)).body).toMatchObject({ refunded_amount: 400, refunds: [{ refunded_amount: 400 }] });
    expect((await call("POST", `/_control/orders/${id}/close`)).status).toBe(204);
    expect((await orderRead(id)).body).toMatchObject({ status: "CLOSED", remaining_authorized_amount: 0 });
  });

  it("shows a fraud review that the background loop decided", async () => {
    const id = await placedOrder("customer+pend-reject-05@email.uk");
    expect((await orderRead(id)).body).toMatchObject({ fraud_status: "PENDING", status: "AUTHORIZED" });
    await advance(6 * 60);
    await runSandboxBackground();
    expect((await orderRead(id)).body).toMatchObject({ fraud_status: "REJECTED", status: "CANCELLED" });
  });

  it("forgets a namespace that is reset", async () => {
    const namespace = { "klarna-sandbox-namespace": `reset-${crypto.randomUUID().slice(0, 8)}` };
    const kp = await call("POST", "/payments/v1/sessions", gbSession(), namespace);
    expect((await kpRead(kp.body.session_id)).status).toBe(200);
    expect((await call("POST", "/_control/reset", undefined, namespace)).status).toBe(200);
    expect((await kpRead(kp.body.session_id)).status).toBe(404);
  });
});

describe("reads from memory", () => {
  it("answers a second read of a session or an order without the database (rows deleted behind the sandbox's back stay visible)", async () => {
    const orderId = await placedOrder();
    const kpId = await createKpSession();
    const { session_id: hppId } = await createHppSession(kpId);
    for (const read of [orderRead(orderId), hppRead(hppId), kpRead(kpId)]) expect((await read).status).toBe(200);
    await db().execute(sql`delete from sandbox_orders where id = ${orderId}`);
    await db().execute(sql`delete from sandbox_hpp_sessions where id = ${hppId}`);
    await db().execute(sql`delete from sandbox_kp_sessions where id = ${kpId}`);
    for (const read of [orderRead(orderId), hppRead(hppId), kpRead(kpId)]) expect((await read).status).toBe(200);
  });
});

describe("what follows from the clock", () => {
  it("expires a kept order, HPP session and KP session when the namespace's clock moves, with nothing written", async () => {
    const orderId = await placedOrder();
    const kpId = await createKpSession();
    const { session_id: hppId } = await createHppSession(kpId);
    expect((await orderRead(orderId)).body.status).toBe("AUTHORIZED");
    expect((await hppRead(hppId)).status).toBe(200);
    expect((await kpRead(kpId)).status).toBe(200);

    await advance(29 * (DAY / 1000));
    expect((await orderRead(orderId)).body).toMatchObject({ status: "EXPIRED", remaining_authorized_amount: 0 });
    expect((await hppRead(hppId)).status).toBe(404);
    expect((await kpRead(kpId)).status).toBe(404);
  });

  it("decides a pending fraud review at read time once its minutes have passed", async () => {
    const id = await placedOrder("customer+pend-accept-05@email.uk");
    expect((await orderRead(id)).body.fraud_status).toBe("PENDING");
    await advance((6 * MINUTE) / 1000);
    expect((await orderRead(id)).body.fraud_status).toBe("ACCEPTED");
  });
});

describe("the read model itself", () => {
  const entry = (id: string) => ({ id, namespace: "default" }) as HppEntry;
  const counting = (id: string) => {
    const load = async () => {
      load.calls += 1;
      return entry(id);
    };
    load.calls = 0;
    return load;
  };

  it("is one model for every copy of the module (the custom server's and Next's bundles)", async () => {
    const copy: typeof import("@/lib/sandbox/read-model") = await import(
      /* @vite-ignore */ `${new URL("../../lib/sandbox/read-model.ts", import.meta.url).href}?copy`
    );
    expect(copy.readThrough).not.toBe(readThrough);
    const id = crypto.randomUUID();
    const load = counting(id);
    await readThrough("hpp", id, load);
    await copy.readThrough("hpp", id, load);
    expect(load.calls).toBe(1);
    copy.changed("hpp", id);
    await readThrough("hpp", id, load);
    expect(load.calls).toBe(2);
  });

  it("keeps nothing from a read that a write overlapped", async () => {
    const id = crypto.randomUUID();
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const overlapped = readThrough("hpp", id, async () => {
      await gate;
      return entry(id);
    });
    changed("hpp", id);
    release();
    await overlapped;
    const load = counting(id);
    await readThrough("hpp", id, load);
    expect(load.calls).toBe(1);
  });

  it("forgets what a transaction changed when it ends, not before", async () => {
    const id = crypto.randomUUID();
    const load = counting(id);
    await readThrough("hpp", id, load);
    await trackChanges(async () => {
      changed("hpp", id);
      await readThrough("hpp", id, load);
      expect(load.calls).toBe(1);
    });
    await readThrough("hpp", id, load);
    expect(load.calls).toBe(2);
  });

  it("forgets what a transaction changed when it fails too", async () => {
    const id = crypto.randomUUID();
    const load = counting(id);
    await readThrough("hpp", id, load);
    await expect(
      trackChanges(async () => {
        changed("hpp", id);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await readThrough("hpp", id, load);
    expect(load.calls).toBe(2);
  });
});
