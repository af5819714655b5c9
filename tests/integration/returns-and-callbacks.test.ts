import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseHandle, db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/prepare";
import { klarnaCallbacks, orders } from "@/lib/db/schema";
import { updateFromKlarna } from "@/lib/orders/back-office";
import { finalize } from "@/lib/orders/finalize";
import { orderPageKey, returnKey } from "@/lib/orders/url-keys";
import { listOrderEvents } from "@/lib/orders/queries";
import { resolveOrderPage, resolveReturn } from "@/lib/orders/shopper";
import { receiveStatusCallback } from "@/lib/orders/status-callback";
import { sweepOnce } from "@/lib/orders/sweep";
import { checkout, placeOrderCalls } from "../helpers/checkout";
import { DAY, MINUTE } from "../helpers/sandbox-client";
import { startSandboxServer, type SandboxServer } from "../helpers/sandbox-server";

let sandbox: SandboxServer;

beforeAll(async () => {
  sandbox = await startSandboxServer();
  await prepareDatabase(databaseHandle(), []);
});
afterAll(() => sandbox.close());

const statusOf = async (orderId: string) => (await db().select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)))[0]!.status;

describe("return pages", () => {
  it("place the order from what Klarna's read says, with the token from the read", async () => {
    const { order, session } = await checkout();
    const { redirect_to } = (await sandbox.pay(session.id)).body;
    const url = new URL(redirect_to!);
    expect(url.pathname).toBe("/success");
    // A forged token in the URL is never used: only the read's token reaches place order.
    const realToken = url.searchParams.get("authorization_token")!;
    const resolution = await resolveReturn("success", { ...Object.fromEntries(url.searchParams), authorization_token: "forged-token" });
    expect(resolution).toMatchObject({ kind: "order", order: { outcome: "placed", status: "authorized", reference: order.reference } });
    expect(sandbox.requests.some((line) => line.includes(`/authorizations/${realToken}/order`))).toBe(true);
    expect(sandbox.requests.some((line) => line.includes("forged-token"))).toBe(false);
  });

  it("put one 'came back' on the timeline per session and page, however often the page is loaded", async () => {
    const { order, session } = await checkout();
    const { redirect_to } = (await sandbox.pay(session.id)).body;
    const query = Object.fromEntries(new URL(redirect_to!).searchParams);
    for (let load = 0; load < 3; load += 1) await resolveReturn("success", query);
    await resolveReturn("cancel", query);
    const returns = (await listOrderEvents(order.id)).filter((event) => event.type === "returned");
    expect(returns.map((event) => event.message)).toEqual(["The shopper came back to /success", "The shopper came back to /cancel"]);
  });

  it("refuse a sid from another order, a missing sid and a missing key, changing nothing", async () => {
    const mine = await checkout();
    const theirs = await checkout();
    await sandbox.pay(theirs.session.id);
    const calls = placeOrderCalls(sandbox);
    expect(await resolveReturn("success", { sid: theirs.session.id, k: returnKey(mine.order.id) })).toEqual({
      kind: "invalid",
      message: "This payment link does not belong to an order of ours.",
    });
    expect(await resolveReturn("success", { k: returnKey(mine.order.id) })).toMatchObject({ kind: "invalid" });
    expect(await resolveReturn("success", { sid: theirs.session.id })).toMatchObject({ kind: "invalid" });
    expect(await resolveReturn("success", { sid: "not-a-session", k: "x" })).toMatchObject({ kind: "invalid" });
    expect(placeOrderCalls(sandbox)).toBe(calls);
    expect(await statusOf(theirs.order.id)).toBe("pending_payment");
  });

  it("show pending, not success, for a session still in progress, whatever token the URL carries", async () => {
    const { order, session } = await checkout({ paymentFallback: true });
    // Declined for one category, the shopper stays on the hosted page to choose another.
    expect((await sandbox.pay(session.id, "decline")).body).toMatchObject({ status: "IN_PROGRESS", redirect_to: null });
    const calls = placeOrderCalls(sandbox);
    const forged = { authorization_token: crypto.randomUUID(), order_id: crypto.randomUUID() };
    const resolution = await resolveReturn("success", { sid: session.id, k: returnKey(order.id), ...forged });
    expect(resolution).toMatchObject({ kind: "order", order: { outcome: "pending", status: "pending_payment" } });
    expect(placeOrderCalls(sandbox)).toBe(calls);
    expect(sandbox.requests.some((line) => line.includes(forged.authorization_token) || line.includes(forged.order_id))).toBe(false);
  });

  it("show a decline on /success if that is what Klarna says, and a cancel keeps the order pending", async () => {
    const declined = await checkout();
    await sandbox.pay(declined.session.id, "decline");
    expect(await resolveReturn("success", { sid: declined.session.id, k: returnKey(declined.order.id) })).toMatchObject({ order: { outcome: "declined" } });
    const cancelled = await checkout();
    await sandbox.pay(cancelled.session.id, "cancel");
    expect(await resolveReturn("cancel", { sid: cancelled.session.id, k: returnKey(cancelled.order.id) })).toMatchObject({
      order: { outcome: "cancelled", status: "pending_payment" },
    });
  });

  it("show a session the merchant disabled as ended, not as pending", async () => {
    const { order, session } = await checkout();
    expect((await sandbox.call("DELETE", `/hpp/v1/sessions/${session.id}`)).status).toBe(204);
    expect(await resolveOrderPage(order.reference, orderPageKey(order.reference))).toMatchObject({ outcome: "ended", status: "pending_payment" });
  });

  it("serve the order page only with its signed key", async () => {
    const { order } = await checkout();
    expect(await resolveOrderPage(order.reference, "forged")).toBeUndefined();
    expect(await resolveOrderPage("NW-NOPE", "forged")).toBeUndefined();
  });
});

describe("what the shopper's order page says when Klarna moves on without them", () => {
  const orderPage = (reference: string) => resolveOrderPage(reference, orderPageKey(reference));

  it("HPP TIMEOUT: the payment page is closed, nothing was charged and a new payment can start", async () => {
    const { order, session } = await checkout();
    const calls = placeOrderCalls(sandbox);
    expect((await sandbox.call("POST", `/_control/hpp/${session.id}/timeout`)).body.status).toBe("TIMEOUT");
    expect(await orderPage(order.reference)).toMatchObject({ outcome: "ended", status: "pending_payment" });
    expect(placeOrderCalls(sandbox)).toBe(calls);
  });

  it("HPP MANUAL_ID_CHECK: Klarna is checking the shopper's identity; once they approve, the order is placed", async () => {
    // The check starts while the shopper is on Klarna's page (IN_PROGRESS): here after a declined category, with fallback.
    const { order, session } = await checkout({ paymentFallback: true });
    await sandbox.pay(session.id, "decline");
    expect((await sandbox.call("POST", `/_control/hpp/${session.id}/manual-id-check`)).body.status).toBe("MANUAL_ID_CHECK");
    expect(await orderPage(order.reference)).toMatchObject({ outcome: "identity_check", status: "pending_payment" });
    expect((await sandbox.pay(session.id)).body.status).toBe("COMPLETED");
    expect(await orderPage(order.reference)).toMatchObject({ outcome: "placed", status: "authorized" });
  });

  /** A paid order and its Klarna order id. */
  async function paidOrder() {
    const { order, session } = await checkout();
    await sandbox.pay(session.id);
    expect(await orderPage(order.reference)).toMatchObject({ outcome: "placed", status: "authorized" });
    return { order, klarnaOrderId: (await db().select().from(orders).where(eq(orders.id, order.id)))[0]!.klarnaOrderId! };
  }

  it("OM CLOSED with nothing captured: once the merchant updates from Klarna, shopper and merchant see it cancelled", async () => {
    const { order, klarnaOrderId } = await paidOrder();
    expect((await sandbox.call("POST", `/_control/orders/${klarnaOrderId}/close`)).status).toBe(204);
    expect(await updateFromKlarna(order.id, "test")).toMatchObject({ ok: true, message: "Updated from Klarna: the order is cancelled." });
    expect(await statusOf(order.id)).toBe("cancelled");
    expect(await orderPage(order.reference)).toMatchObject({ outcome: "failed", status: "cancelled" });
  });

  it("OM CLOSED after a capture: what was captured stays, and the shopper's order stays shipped", async () => {
    const { order, klarnaOrderId } = await paidOrder();
    const captured = await sandbox.call("POST", `/ordermanagement/v1/orders/${klarnaOrderId}/captures`, { captured_amount: 1000 });
    expect(captured.status).toBe(201);
    expect((await sandbox.call("POST", `/_control/orders/${klarnaOrderId}/close`)).status).toBe(204);
    expect(await updateFromKlarna(order.id, "test")).toMatchObject({ ok: true });
    expect(await statusOf(order.id)).toBe("captured");
    expect(await orderPage(order.reference)).toMatchObject({ outcome: "placed", status: "captured" });
  });

  it("OM EXPIRED: an authorization left 28 days uncaptured lapses; shopper and merchant see it expired", async () => {
    const { order } = await paidOrder();
    // Klarna's default authorization lasts 28 days from the order's creation.
    await sandbox.advanceClock(28 * DAY + MINUTE);
    try {
      expect(await updateFromKlarna(order.id, "test")).toMatchObject({ ok: true, message: "Updated from Klarna: the order is expired." });
      expect(await statusOf(order.id)).toBe("expired");
      expect(await orderPage(order.reference)).toMatchObject({ outcome: "failed", status: "expired" });
    } finally {
      await sandbox.resetClock();
    }
  });
});

describe("status callback", () => {
  async function callbackFor(sessionId: string) {
    const reply = await sandbox.call("GET", `/hpp/v1/sessions/${sessionId}`);
    return { event_id: crypto.randomUUID(), session: reply.body };
  }

  /** The secret is only in the status_update URL Klarna holds: read it from the callbacks Klarna sent there. */
  const secretOf = async (sessionId: string) => new URL((await sandbox.latestCallback(sessionId)).url).searchParams.get("secret")!;

  it("refuses a wrong or missing secret with 401 and changes nothing", async () => {
    const { order, session } = await checkout();
    await sandbox.pay(session.id, "cancel"); // a status callback, and with it the secret
    const secret = await secretOf(session.id);
    const body = await callbackFor(session.id);
    const before = await listOrderEvents(order.id);
    expect(await receiveStatusCallback({ sid: session.id, secret: "wrong", body })).toMatchObject({ status: 401 });
    expect(await receiveStatusCallback({ sid: session.id, secret: null, body })).toMatchObject({ status: 401 });
    expect(await receiveStatusCallback({ sid: null, secret, body })).toMatchObject({ status: 401 });
    expect(await listOrderEvents(order.id)).toEqual(before);
    expect(await db().select().from(klarnaCallbacks).where(eq(klarnaCallbacks.eventId, body.event_id))).toEqual([]);
  });

  it("accepts a valid event once; a replayed event_id is acknowledged and ignored", async () => {
    const { order, session } = await checkout();
    await sandbox.pay(session.id);
    const body = await callbackFor(session.id);
    const secret = await secretOf(session.id);
    expect(await receiveStatusCallback({ sid: session.id, secret, body })).toEqual({ status: 200, duplicate: false, orderId: order.id });
    expect(await receiveStatusCallback({ sid: session.id, secret, body })).toEqual({ status: 200, duplicate: true, orderId: order.id });
    expect((await listOrderEvents(order.id)).filter((event) => event.type === "callback_received")).toHaveLength(1);
    expect(await receiveStatusCallback({ sid: session.id, secret, body: { nonsense: true } })).toMatchObject({ status: 400 });
    expect((await finalize(order.id, "callback")).status).toBe("authorized");
  });
});

describe("reconciliation sweep", () => {
  it("settles paid orders nobody came back for, and reports what it did", async () => {
    const { order, session } = await checkout({ returnStyle: "polling" });
    await sandbox.pay(session.id);
    const result = await sweepOnce();
    expect(result?.settled).toBeGreaterThanOrEqual(1);
    expect(await statusOf(order.id)).toBe("authorized");
    expect((await listOrderEvents(order.id)).map((event) => event.type)).toContain("swept");
  });

  it("runs once at a time", async () => {
    const [a, b] = await Promise.all([sweepOnce(), sweepOnce()]);
    expect([a, b].filter((result) => result === undefined)).toHaveLength(1);
  });
});
