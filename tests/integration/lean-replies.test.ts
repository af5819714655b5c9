import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseHandle, db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/prepare";
import { orders } from "@/lib/db/schema";
import { runOrderOperation } from "@/lib/orders/back-office";
import { choosePaymentCategories } from "@/lib/orders/checkout";
import { finalize } from "@/lib/orders/finalize";
import { orderPageKey } from "@/lib/orders/url-keys";
import { createPayByLink } from "@/lib/orders/payment-links";
import { listPaymentSessions } from "@/lib/orders/queries";
import { personasFor } from "@/lib/orders/test-personas";
import { checkout, productId } from "../helpers/checkout";
import { startSandboxServer, type SandboxServer } from "../helpers/sandbox-server";

// Klarna may answer with only what its OpenAPI documents mark required. With the sandbox's
// minimal_response fault armed on every operation, the storefront still takes payments, places
// orders and manages them, with the right statuses.

let sandbox: SandboxServer;

beforeAll(async () => {
  sandbox = await startSandboxServer();
  await prepareDatabase(databaseHandle(), []);
  await sandbox.addFault({ operation: "*", kind: "minimal_response" });
});
afterAll(() => sandbox.close());

const statusOf = async (orderId: string) => (await db().select().from(orders).where(eq(orders.id, orderId)))[0]!;
const operation = (orderId: string, kind: string, extra: Record<string, unknown> = {}) => ({ operationId: crypto.randomUUID(), orderId, kind, ...extra });

describe("with lean Klarna replies", () => {
  it("the sandbox answers only what Klarna guarantees", async () => {
    const { session } = await checkout();
    expect((await sandbox.call("GET", `/hpp/v1/sessions/${session.id}`)).body).toEqual({ session_id: session.id, status: "WAITING" });
  });

  it("a checkout stores what the lean replies hold, and places the order from a read with only a token", async () => {
    const { order, session, redirectUrl } = await checkout();
    expect(redirectUrl).toBe(`${sandbox.origin}/sandbox/hpp/${session.id}`);
    expect(session).toMatchObject({ qrCodeUrl: null, distributionUrl: null, sessionUrl: null, expiresAt: null });
    // KP's lean reply lists no categories: the shop knows it does not know them.
    expect((await statusOf(order.id)).paymentMethodCategories).toBeNull();
    await sandbox.pay(session.id);
    const placed = await finalize(order.id, "return_page");
    // The place-order reply is {order_id} alone: authorized, fraud status unknown rather than invented.
    expect(placed).toMatchObject({ status: "authorized", fraudStatus: null });
    expect(placed.klarnaOrderId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("records the order Klarna placed (PLACE_ORDER) and the one it captured (CAPTURE_ORDER)", async () => {
    for (const [mode, status, capturedMinor] of [
      ["PLACE_ORDER", "authorized", 0],
      ["CAPTURE_ORDER", "captured", 7700],
    ] as const) {
      const { order, session } = await checkout({ placeOrderMode: mode });
      await sandbox.pay(session.id);
      expect(await finalize(order.id, "return_page"), mode).toMatchObject({ status, capturedMinor });
    }
  });

  it("captures and refunds from the back office, keeping statuses and amounts from the shop's own record", async () => {
    const { order, session } = await checkout();
    await sandbox.pay(session.id);
    await finalize(order.id, "return_page");
    expect(await runOrderOperation(operation(order.id, "capture", { amountMinor: 3000 }), "admin@example.com")).toMatchObject({
      ok: true,
      message: "Capture of £30.00 done.",
    });
    expect(await statusOf(order.id)).toMatchObject({ status: "part_captured", capturedMinor: 3000 });
    // What is left to capture comes from our record too: more than that is refused before Klarna is asked.
    expect((await runOrderOperation(operation(order.id, "capture", { amountMinor: 4701 }), "admin@example.com")).message).toBe(
      "Capture is not possible. £47.01 is more than the £47.00 still authorized.",
    );
    expect((await runOrderOperation(operation(order.id, "refund", { amountMinor: 1000 }), "admin@example.com")).ok).toBe(true);
    expect(await statusOf(order.id)).toMatchObject({ status: "part_refunded", capturedMinor: 3000, refundedMinor: 1000 });
  });

  it("after the shopper picks among categories Klarna did not list, the page offers them all", async () => {
    const { order } = await checkout({ chooseCategories: true });
    const outcome = await choosePaymentCategories(order.reference, orderPageKey(order.reference), { mode: "all" });
    expect(outcome).toMatchObject({ ok: true, redirectUrl: expect.stringContaining("/sandbox/hpp/") });
    // A category the shopper names cannot be checked against a list Klarna never sent.
    const refused = await checkout({ chooseCategories: true });
    expect(await choosePaymentCategories(refused.order.reference, orderPageKey(refused.order.reference), { mode: "one", category: "PAY_LATER" })).toEqual({
      ok: false,
      message: "Klarna does not offer PAY_LATER for this order.",
    });
  });

  it("pay-by-link without redirect_url (TELESALES): the link goes out by e-mail, the order waits, nothing is marked failed", async () => {
    const { label: _label, ...customer } = personasFor("GB")[0]!;
    const items = [{ productId: await productId("ceramic-mug"), quantity: 1 }];
    const sent = await createPayByLink(
      { market: "GB", channel: "TELESALES", items, customer, delivery: { method: "email", email: customer.email } },
      "admin@example.com",
    );
    expect(sent).toMatchObject({ ok: true, redirectUrl: null, qrCodeUrl: null, sentTo: customer.email });
    const reference = (sent as { reference: string }).reference;
    const [order] = await db().select().from(orders).where(eq(orders.reference, reference));
    expect(order!.status).toBe("pending_payment");

    const shown = await createPayByLink({ market: "GB", channel: "IN_STORE", items, customer, delivery: { method: "none" } }, "admin@example.com");
    expect(shown).toMatchObject({ ok: true, redirectUrl: null, qrCodeUrl: null });
    const [session] = await listPaymentSessions(
      (
        await db()
          .select()
          .from(orders)
          .where(eq(orders.reference, (shown as { reference: string }).reference))
      )[0]!.id,
    );
    expect(session).toMatchObject({ status: "WAITING", redirectUrl: null });
  });
});
