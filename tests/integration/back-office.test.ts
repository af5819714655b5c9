import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import bcrypt from "bcryptjs";
import { MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS, MAX_ATTEMPTS_PER_ADDRESS, verifyCredentials } from "@/lib/auth/sign-in";
import { databaseHandle, db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/prepare";
import { orderOperations, orders } from "@/lib/db/schema";
import { cancelOrder, getOrder as getKlarnaOrder } from "@/lib/klarna";
import { runOrderOperation, updateFromKlarna } from "@/lib/orders/back-office";
import { adminOrderDetail } from "@/lib/orders/admin-detail";
import { finalize } from "@/lib/orders/finalize";
import { createPayByLink } from "@/lib/orders/payment-links";
import { listOrderEvents } from "@/lib/orders/queries";
import { personasFor } from "@/lib/orders/test-personas";
import { checkout, productId } from "../helpers/checkout";
import { DAY, MINUTE } from "../helpers/sandbox-client";
import { startSandboxServer, type SandboxServer } from "../helpers/sandbox-server";

let sandbox: SandboxServer;

beforeAll(async () => {
  sandbox = await startSandboxServer();
  await prepareDatabase(databaseHandle(), [{ email: "owner@example.com", password: "owner-password", role: "admin" }]);
});
afterAll(() => sandbox.close());

async function paidOrder(options: Record<string, unknown> = {}, persona = 0) {
  const { order, session } = await checkout(options, { persona });
  await sandbox.pay(session.id);
  return finalize(order.id, "return_page");
}

const operation = (orderId: string, kind: string, extra: Record<string, unknown> = {}) => ({ operationId: crypto.randomUUID(), orderId, kind, ...extra });
const captureCalls = () => sandbox.requests.filter((line) => /^POST .*\/captures$/.test(line)).length;
const statusOf = async (orderId: string) => (await db().select().from(orders).where(eq(orders.id, orderId)))[0]!;

describe("Order Management from the back office", () => {
  it("captures in parts, refunds part, and keeps the merchant status and timeline in step with Klarna", async () => {
    const order = await paidOrder();
    const half = Math.floor(order.totalMinor / 2);
    expect(await runOrderOperation(operation(order.id, "capture", { amountMinor: half }), "admin@example.com")).toMatchObject({
      ok: true,
      message: "Capture of £38.50 done.",
    });
    expect(await statusOf(order.id)).toMatchObject({ status: "part_captured", capturedMinor: half });
    expect((await runOrderOperation(operation(order.id, "capture", { amountMinor: order.totalMinor - half }), "admin@example.com")).ok).toBe(true);
    expect(await statusOf(order.id)).toMatchObject({ status: "captured", capturedMinor: order.totalMinor });
    expect((await runOrderOperation(operation(order.id, "refund", { amountMinor: 1000 }), "admin@example.com")).ok).toBe(true);
    expect(await statusOf(order.id)).toMatchObject({ status: "part_refunded", refundedMinor: 1000 });
    const types = (await listOrderEvents(order.id)).map((event) => event.type);
    expect(types.filter((type) => type === "operation_capture")).toHaveLength(2);
    expect(types).toContain("operation_refund");
  });

  it("captures chosen lines with shipping information", async () => {
    const order = await paidOrder();
    const result = await runOrderOperation(
      operation(order.id, "capture", { lines: [0], shippingCompany: "Royal Mail", trackingNumber: "RM1" }),
      "admin@example.com",
    );
    expect(result).toMatchObject({ ok: true, message: "Capture of £38.00 done." });
  });

  it("refuses a refund above what was captured, calling nothing and changing nothing", async () => {
    const order = await paidOrder();
    await runOrderOperation(operation(order.id, "capture", { amountMinor: 2000 }), "admin@example.com");
    const before = await statusOf(order.id);
    const refunds = sandbox.requests.filter((line) => line.endsWith("/refunds")).length;
    const result = await runOrderOperation(operation(order.id, "refund", { amountMinor: 2001 }), "admin@example.com");
    expect(result).toMatchObject({ ok: false, message: "Refund is not possible. £20.01 is more than the £20.00 captured and not yet refunded." });
    expect(sandbox.requests.filter((line) => line.endsWith("/refunds")).length).toBe(refunds);
    expect(await statusOf(order.id)).toEqual(before);
  });

  it("shows Klarna's own refusal of a refund our check let through, and that refund changes nothing", async () => {
    const order = await paidOrder();
    await runOrderOperation(operation(order.id, "capture", { amountMinor: 3000 }), "admin@example.com");
    // Two refunds of £20 of the £30 captured, as from two tabs: both pass our check against the
    // same order, and the slow one reaches Klarna after the other has refunded.
    await sandbox.addFault({ operation: "om.refund", kind: "latency", latency_ms: 1500, count: 1 });
    const refundsSent = () => sandbox.requests.filter((line) => line.endsWith("/refunds")).length;
    const sentBefore = refundsSent();
    const slow = runOrderOperation(operation(order.id, "refund", { amountMinor: 2000 }), "admin@example.com");
    await vi.waitFor(() => expect(refundsSent()).toBe(sentBefore + 1));
    expect((await runOrderOperation(operation(order.id, "refund", { amountMinor: 2000 }), "admin@example.com")).ok).toBe(true);
    const before = await statusOf(order.id);

    const message = "Klarna refused: REFUND_NOT_ALLOWED: Refunded amount is higher than the captured amount not yet refunded (1000).";
    expect(await slow).toMatchObject({ ok: false, message });
    expect(await statusOf(order.id)).toEqual(before);
    expect((await getKlarnaOrder("eu", order.klarnaOrderId!)).order.refunds!.map((refund) => refund.refunded_amount)).toEqual([2000]);
    const refusals = (await listOrderEvents(order.id)).filter((event) => event.type === "operation_refused");
    expect(refusals.map((event) => event.message)).toEqual([message]);
  });

  it("cancels an uncaptured order and refuses to cancel a captured one", async () => {
    const uncaptured = await paidOrder();
    expect((await runOrderOperation(operation(uncaptured.id, "cancel"), "admin@example.com")).ok).toBe(true);
    expect((await statusOf(uncaptured.id)).status).toBe("cancelled");
    const captured = await paidOrder({ placeOrderMode: "CAPTURE_ORDER" });
    expect(await runOrderOperation(operation(captured.id, "cancel"), "admin@example.com")).toMatchObject({
      ok: false,
      message: "Cancel is not possible. The order has captures; refund them instead of cancelling.",
    });
  });

  it("releases the rest after a part capture, and extends the authorization", async () => {
    const order = await paidOrder();
    await runOrderOperation(operation(order.id, "capture", { amountMinor: 500 }), "admin@example.com");
    expect((await runOrderOperation(operation(order.id, "release"), "admin@example.com")).ok).toBe(true);
    expect((await statusOf(order.id)).status).toBe("captured");
    expect(await runOrderOperation(operation(order.id, "capture", { amountMinor: 1 }), "admin@example.com")).toMatchObject({ ok: false });
  });

  it("extends the authorization only once that moves its date: Klarna counts 28 days from the day of the call", async () => {
    const order = await paidOrder();
    const sameDay = await runOrderOperation(operation(order.id, "extend"), "admin@example.com");
    expect(sameDay.ok).toBe(false);
    expect(sameDay.message).toMatch(
      /^Extension of the authorization time is not possible\. The authorization already runs until \d{4}-\d{2}-\d{2}\. Klarna counts an extension/,
    );
    // Two days later by Klarna's clock (its replies' Date), the date moves, and the answer says to when.
    await sandbox.advanceClock(2 * DAY);
    const later = await runOrderOperation(operation(order.id, "extend"), "admin@example.com");
    const expected = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
    expect(later).toMatchObject({ ok: true, message: `Extension of the authorization time done: the authorization now runs until ${expected}.` });
    await sandbox.resetClock();
  });

  it("makes one capture when the same form is submitted twice, even at once", async () => {
    const order = await paidOrder();
    const same = operation(order.id, "capture", { amountMinor: 1500 });
    const calls = captureCalls();
    const results = await Promise.all([runOrderOperation(same, "admin@example.com"), runOrderOperation(same, "admin@example.com")]);
    await runOrderOperation(same, "admin@example.com");
    expect(results.some((result) => result.ok)).toBe(true);
    expect(captureCalls() - calls).toBe(1);
    expect((await statusOf(order.id)).capturedMinor).toBe(1500);
    expect(await db().select().from(orderOperations).where(eq(orderOperations.id, same.operationId))).toHaveLength(1);
  });

  it("repeats an unanswered capture with the same Klarna-Idempotency-Key, and Klarna captures once", async () => {
    const order = await paidOrder();
    const same = operation(order.id, "capture", { amountMinor: 700 });
    sandbox.failNext(/\/captures$/, 1, { status: 503 });
    sandbox.failNext(/\/captures$/, 3, { status: 503 });
    // The only answer after which the form keeps the operation's key, for this repeat.
    expect(await runOrderOperation(same, "admin@example.com")).toMatchObject({
      ok: false,
      retry: true,
      message: expect.stringMatching(/^Klarna did not answer/),
    });
    expect((await runOrderOperation(same, "admin@example.com")).ok).toBe(true);
    expect((await statusOf(order.id)).capturedMinor).toBe(700);
  }, 15_000);

  it("repeats a capture whose reply was lost after Klarna captured, without checking the amount again, and Klarna captures once", async () => {
    const order = await paidOrder();
    const full = operation(order.id, "capture", { amountMinor: order.totalMinor });
    // Klarna captures, then loses its reply to the first attempt and to the client's three quick retries.
    await sandbox.addFault({ operation: "om.capture", kind: "reset", after: true, count: 4 });
    expect((await runOrderOperation(full, "admin@example.com")).message).toMatch(/^Klarna did not answer/);
    // Nothing is left authorized now, so checking the amount again would refuse the repeat. The
    // amount in the form was changed meanwhile: the repeat still sends what the first attempt sent.
    expect(await runOrderOperation({ ...full, amountMinor: 100 }, "admin@example.com")).toMatchObject({ ok: true, message: "Capture of £77.00 done." });
    expect((await getKlarnaOrder("eu", order.klarnaOrderId!)).order.captures!.map((capture) => capture.captured_amount)).toEqual([order.totalMinor]);
    expect(await statusOf(order.id)).toMatchObject({ status: "captured", capturedMinor: order.totalMinor });
    expect((await db().select().from(orderOperations).where(eq(orderOperations.id, full.operationId)))[0]).toMatchObject({ status: "succeeded" });
  }, 15_000);

  it("refuses to capture an order still under fraud review", async () => {
    const order = await paidOrder({}, 2); // customer+pend-accept-05
    expect(order.fraudStatus).toBe("PENDING");
    const refused = operation(order.id, "capture", { amountMinor: 100 });
    const result = await runOrderOperation(refused, "admin@example.com");
    // A definite answer, without `retry`: the form's next submit is a new operation.
    expect(result).toMatchObject({
      ok: false,
      message: "Capture is not possible. Klarna is still reviewing the order for fraud; capture once it is accepted.",
    });

    // Five minutes of sandbox time later Klarna accepts. The refused operation stays refused (its
    // key only fetches the stored answer), and the form's next capture goes through.
    await sandbox.advanceClock(5 * MINUTE);
    try {
      expect(await runOrderOperation(refused, "admin@example.com")).toEqual(result);
      expect(await runOrderOperation({ ...refused, operationId: crypto.randomUUID() }, "admin@example.com")).toMatchObject({ ok: true });
      expect(await statusOf(order.id)).toMatchObject({ fraudStatus: "ACCEPTED", capturedMinor: 100 });
    } finally {
      await sandbox.resetClock();
    }
  });

  it("reads Klarna's order once per capture, and the order page reads without writing", async () => {
    const order = await paidOrder();
    const reads = () => sandbox.requests.filter((line) => line.startsWith("GET ") && line.endsWith(`/ordermanagement/v1/orders/${order.klarnaOrderId}`)).length;
    const before = reads();
    expect(await runOrderOperation(operation(order.id, "capture", { amount: "10.00" }), "admin@example.com")).toMatchObject({
      ok: true,
      message: "Capture of £10.00 done.",
      reference: order.reference,
    });
    expect(reads() - before).toBe(1);
    expect(await statusOf(order.id)).toMatchObject({ status: "part_captured", capturedMinor: 1000 });

    const stored = await statusOf(order.id);
    const detail = (await adminOrderDetail(order.reference))!;
    expect(detail.klarnaOrder).toMatchObject({ status: "PART_CAPTURED", capturedMinor: 1000 });
    expect(detail.staleStatus).toBeUndefined();
    expect(await statusOf(order.id)).toEqual(stored);
  });

  it("shows when Klarna's order says something else, and updates the record only when asked", async () => {
    const order = await paidOrder();
    // Cancelled on Klarna's side (its portal), not through the shop.
    await cancelOrder("eu", order.klarnaOrderId!, crypto.randomUUID());
    const detail = (await adminOrderDetail(order.reference))!;
    expect(detail.staleStatus).toBe("cancelled");
    expect(detail.availability?.capture).toMatchObject({ allowed: false, reason: "The order is cancelled." });
    expect((await statusOf(order.id)).status).toBe("authorized");
    expect(await updateFromKlarna(order.id, "admin@example.com")).toEqual({
      ok: true,
      message: "Updated from Klarna: the order is cancelled.",
      reference: order.reference,
    });
    expect((await statusOf(order.id)).status).toBe("cancelled");
    expect((await adminOrderDetail(order.reference))!.staleStatus).toBeUndefined();
    expect((await listOrderEvents(order.id)).map((event) => event.type)).toContain("synced_from_klarna");
  });

  it("reads a typed amount as the order's market writes it, and refuses another notation", async () => {
    const order = await paidOrder();
    expect(await runOrderOperation(operation(order.id, "capture", { amount: "12,50" }), "x")).toMatchObject({
      ok: false,
      message: "Enter the amount in GBP as 1,149.00 is written.",
    });
    expect((await statusOf(order.id)).capturedMinor).toBe(0);
  });

  it("refuses malformed requests with a message", async () => {
    const order = await paidOrder();
    expect(await runOrderOperation({ orderId: order.id, kind: "capture", amountMinor: 5 }, "x")).toMatchObject({
      ok: false,
      message: "The form is out of date; reload the page.",
    });
    expect(await runOrderOperation(operation(order.id, "capture"), "x")).toMatchObject({ ok: false, message: "Enter an amount or choose lines." });
    expect(await runOrderOperation(operation(order.id, "capture", { amountMinor: -5 }), "x")).toMatchObject({
      ok: false,
      message: "Enter an amount above zero.",
    });
    expect(await runOrderOperation(operation(order.id, "explode"), "x")).toMatchObject({ ok: false });
  });
});

describe("pay-by-link", () => {
  it("refuses a blank or impossible quantity with a message the merchant can act on, and creates nothing", async () => {
    const { label: _label, ...customer } = personasFor("GB")[0]!;
    const ordersBefore = (await db().select().from(orders)).length;
    for (const quantity of [undefined, "", "0", "1.5", "100", "two"]) {
      const items = [{ productId: await productId("ceramic-mug"), quantity }];
      expect(await createPayByLink({ market: "GB", channel: "TELESALES", items, customer, delivery: { method: "none" } }, "owner@example.com")).toMatchObject({
        ok: false,
        message: "Enter a quantity from 1 to 99.",
      });
    }
    expect((await db().select().from(orders)).length).toBe(ordersBefore);
  });
});

describe("back-office sign-in", () => {
  it("accepts the seeded admin, case-insensitively, and refuses a wrong password", async () => {
    expect(await verifyCredentials({ email: "Owner@Example.com", password: "owner-password" }, "10.0.0.1")).toMatchObject({
      ok: true,
      user: { email: "owner@example.com", role: "admin" },
    });
    expect(await verifyCredentials({ email: "owner@example.com", password: "wrong" }, "10.0.0.1")).toMatchObject({ ok: false, reason: "invalid" });
    expect(await verifyCredentials({ email: "nobody@example.com", password: "x" }, "10.0.0.1")).toMatchObject({ ok: false, reason: "invalid" });
    expect(await verifyCredentials({ email: "not an email" }, "10.0.0.1")).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("locks an account out from one address after 5 failures, with the time, but not from elsewhere", async () => {
    for (let attempt = 0; attempt < MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS; attempt += 1) {
      expect(await verifyCredentials({ email: "owner@example.com", password: `guess-${attempt}` }, "10.0.1.1")).toMatchObject({ ok: false, reason: "invalid" });
    }
    // Even the right password, from the guessing address: refused, saying until when.
    const locked = await verifyCredentials({ email: "owner@example.com", password: "owner-password" }, "10.0.1.1");
    expect(locked).toMatchObject({ ok: false, reason: "rate_limited" });
    const until = (locked as { until: Date }).until.getTime();
    expect(until - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    // The real owner, from their own address, is not locked out.
    expect((await verifyCredentials({ email: "owner@example.com", password: "owner-password" }, "10.0.2.1")).ok).toBe(true);
  });

  it("checks at most 5 passwords of 100 wrong ones sent at once for one account", async () => {
    const compare = vi.spyOn(bcrypt, "compare");
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, index) => verifyCredentials({ email: "owner@example.com", password: `parallel-${index}` }, "10.0.3.1")),
    );
    expect(compare.mock.calls.length).toBeLessThanOrEqual(MAX_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS);
    expect(results.filter((result) => !result.ok && result.reason === "rate_limited")).toHaveLength(100 - compare.mock.calls.length);
    compare.mockRestore();
  });

  it("limits one address across accounts", async () => {
    for (let attempt = 0; attempt < MAX_ATTEMPTS_PER_ADDRESS; attempt += 1) {
      await verifyCredentials({ email: `nobody-${attempt}@example.com`, password: "x" }, "10.0.4.1");
    }
    expect(await verifyCredentials({ email: "owner@example.com", password: "owner-password" }, "10.0.4.1")).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
  });
});

describe("orders table", () => {
  it("lists orders with their latest Klarna session status, filtered and searched", async () => {
    const { listOrdersForAdmin } = await import("@/lib/orders/reports");
    const order = await paidOrder();
    const all = await listOrdersForAdmin({ page: 1 });
    expect(all.rows.find((row) => row.reference === order.reference)).toMatchObject({
      status: "authorized",
      latestSessionStatus: "COMPLETED",
      email: "customer@email.uk",
    });
    const found = await listOrdersForAdmin({ page: 1, query: order.reference.toLowerCase() });
    expect(found.rows.map((row) => row.reference)).toEqual([order.reference]);
    expect((await listOrdersForAdmin({ page: 1, status: "refunded" })).rows.every((row) => row.status === "refunded")).toBe(true);
  });

  it("reads the orders table's filter one way for its page and its data route", async () => {
    const { OrdersQuery } = await import("@/lib/orders/reports");
    expect(OrdersQuery.parse({ status: "captured", q: "  NW-AB ", page: "3" })).toEqual({ status: "captured", q: "NW-AB", page: 3 });
    expect(OrdersQuery.parse({ status: "", q: " " })).toEqual({ status: undefined, q: undefined, page: 1 });
    expect(OrdersQuery.safeParse({ status: "shipped" }).error?.issues[0]?.message).toBe("Unknown status");
    expect(OrdersQuery.safeParse({ page: "0" }).success).toBe(false);
  });
});
