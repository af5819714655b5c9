import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { databaseHandle, db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/prepare";
import { cartItems, orderLines, orders, products } from "@/lib/db/schema";
import { retryCheckout, startCheckoutFlow } from "@/lib/orders/checkout";
import { finalize } from "@/lib/orders/finalize";
import { orderPageKey } from "@/lib/orders/url-keys";
import { getOrder, listOrderEvents, listPaymentSessions } from "@/lib/orders/queries";
import { resolveReturn } from "@/lib/orders/shopper";
import { sweepOnce } from "@/lib/orders/sweep";
import { personasFor } from "@/lib/orders/test-personas";
import { cartIdFromCookie } from "@/lib/shop/cart";
import { MARKETS } from "@/lib/shop/markets";
import { checkout as checkoutWith, fillCart, placeOrderCalls as countPlaceOrderCalls } from "../helpers/checkout";
import { HOUR, MINUTE } from "../helpers/sandbox-client";
import { startSandboxServer, type SandboxServer } from "../helpers/sandbox-server";

// Outside Next.js, `after()` has no request to outlive: keep the work so tests can await it.
const afterWork: Promise<unknown>[] = [];
vi.mock("next/server", async (original) => ({
  ...(await original<typeof import("next/server")>()),
  after: (work: () => unknown) => void afterWork.push(Promise.resolve().then(work)),
}));
const { POST: statusCallback } = await import("@/app/api/klarna/hpp-status/route");
const { GET: pollOrder } = await import("@/app/api/orders/[reference]/route");

const customerOf = (market: "GB") => {
  const { label: _label, ...customer } = personasFor(market)[0]!;
  return customer;
};

let sandbox: SandboxServer;

beforeAll(async () => {
  sandbox = await startSandboxServer();
  process.env.KLARNA_TIMEOUT_MS = "1500";
  await prepareDatabase(databaseHandle(), []);
});
afterAll(() => sandbox.close());
afterEach(() => sandbox.resetClock());

const checkout = (options: Record<string, unknown> = {}, market = MARKETS.GB) => checkoutWith(options, { market });
const pay = (sessionId: string, outcome = "approve") => sandbox.pay(sessionId, outcome);
const placeOrderCalls = () => countPlaceOrderCalls(sandbox);

describe("checkout", () => {
  it("writes the order first, then the KP and HPP sessions, and returns Klarna's redirect_url", async () => {
    const { order, session, redirectUrl } = await checkout();
    expect(order).toMatchObject({ status: "pending_payment", market: "GB", currency: "GBP", totalMinor: 2 * 1900 + 3900, subtotalMinor: 7700 });
    expect(order.kpSessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(redirectUrl).toBe(`${sandbox.origin}/sandbox/hpp/${session.id}`);
    expect(session).toMatchObject({ status: "WAITING", redirectUrl, kpSessionId: order.kpSessionId });
    const lines = await db().select().from(orderLines).where(eq(orderLines.orderId, order.id));
    expect(lines.map((line) => [line.reference, line.quantity, line.taxRate, line.totalTaxMinor])).toEqual([
      ["ceramic-mug", 2, 2000, 633],
      ["camping-lantern", 1, 2000, 650],
    ]);
    expect((await listOrderEvents(order.id)).map((event) => event.type)).toEqual(["created", "payment_session_created", "hpp_session_created", "redirected"]);
  });

  it("adds US sales tax as its own line that Klarna accepts", async () => {
    const { order } = await checkout({}, MARKETS.US);
    expect(order).toMatchObject({ subtotalMinor: 2 * 2400 + 4500, taxMinor: 744, totalMinor: 9300 + 744 });
    const lines = await db().select().from(orderLines).where(eq(orderLines.orderId, order.id));
    expect(lines.at(-1)).toMatchObject({ type: "sales_tax", totalMinor: 744 });
  });

  it("refuses bad customer details and both category fields, naming the fields", async () => {
    const cartCookie = await fillCart([["ceramic-mug", 1]]);
    const outcome = await startCheckoutFlow({
      cartCookie,
      market: MARKETS.US,
      customer: { email: "nope", givenName: "", familyName: "X", streetAddress: "1 Road", postalCode: "10001", city: "NYC" },
      options: { paymentMethodCategory: "PAY_LATER", paymentMethodCategories: ["PAY_NOW"] },
    });
    expect(outcome).toMatchObject({
      ok: false,
      fieldErrors: {
        email: "Enter a valid e-mail address.",
        givenName: "First name is required.",
        paymentMethodCategories: expect.stringContaining("not both"),
      },
    });
    expect(await startCheckoutFlow({ cartCookie: undefined, market: MARKETS.GB, customer: personasFor("GB")[0], options: {} })).toEqual({
      ok: false,
      message: "Your cart is empty.",
    });
    // In the shopper's language where the shop speaks it.
    expect(await startCheckoutFlow({ cartCookie: undefined, market: MARKETS.DE, customer: personasFor("DE")[0], options: {} })).toEqual({
      ok: false,
      message: "Dein Warenkorb ist leer.",
    });
    expect(await startCheckoutFlow({ cartCookie: undefined, market: MARKETS.SE, customer: personasFor("SE")[0], options: {} })).toEqual({
      ok: false,
      message: "Din varukorg är tom.",
    });
  });
});

describe("finalize", () => {
  it("places the order exactly once when the success page, the callback, polling and the sweep race 20 times, and empties the cart", async () => {
    const { order, session, cartCookie } = await checkout();
    const stockBefore = (await db().select().from(products).where(eq(products.slug, "ceramic-mug")))[0]!.stock;
    const { redirect_to } = (await pay(session.id)).body;
    const successQuery = Object.fromEntries(new URL(redirect_to!).searchParams);
    // Where Klarna calls back: the status_update URL the shop gave, as the sandbox's ledger shows it.
    const callbackUrl = (await sandbox.latestCallback(session.id)).url;
    const sessionRead = (await sandbox.call("GET", `/hpp/v1/sessions/${session.id}`)).body;
    const pollUrl = `${sandbox.origin}/api/orders/${order.reference}?k=${orderPageKey(order.reference)}`;
    const callsBefore = placeOrderCalls();

    const entryPoints = [
      () => resolveReturn("success", successQuery),
      () => statusCallback(new Request(callbackUrl, { method: "POST", body: JSON.stringify({ event_id: crypto.randomUUID(), session: sessionRead }) })),
      () => pollOrder(new Request(pollUrl), { params: Promise.resolve({ reference: order.reference }) }),
      () => sweepOnce(),
    ];
    await Promise.all(Array.from({ length: 20 }, (_, index) => entryPoints[index % entryPoints.length]!()));
    await Promise.all(afterWork.splice(0)); // the callbacks' work after their replies

    expect(placeOrderCalls() - callsBefore).toBe(1);
    const placed = await db()
      .select()
      .from(orders)
      .where(eq(orders.cartId, cartIdFromCookie(cartCookie)!));
    expect(placed).toHaveLength(1);
    expect(placed[0]).toMatchObject({
      status: "authorized",
      fraudStatus: "ACCEPTED",
      finalizingSince: null,
      klarnaReference: expect.stringMatching(/^[A-Z0-9]{8}$/),
    });
    expect((await listOrderEvents(order.id)).filter((event) => event.type === "order_placed")).toHaveLength(1);
    expect(
      await db()
        .select()
        .from(cartItems)
        .where(eq(cartItems.cartId, cartIdFromCookie(cartCookie)!)),
    ).toEqual([]);
    expect((await db().select().from(products).where(eq(products.slug, "ceramic-mug")))[0]!.stock).toBe(stockBefore - 2);
  });

  it("leaves an order pending while the consumer has not paid, and after a decline", async () => {
    const { order, session } = await checkout();
    expect((await finalize(order.id, "poll")).status).toBe("pending_payment");
    await pay(session.id, "decline");
    expect((await finalize(order.id, "return_page")).status).toBe("pending_payment");
    expect((await listPaymentSessions(order.id))[0]?.status).toBe("FAILED");
  });

  it("records the order Klarna placed in PLACE_ORDER and CAPTURE_ORDER modes without placing one itself", async () => {
    const placed = await checkout({ placeOrderMode: "PLACE_ORDER" });
    await pay(placed.session.id);
    const calls = placeOrderCalls();
    expect(await finalize(placed.order.id, "callback")).toMatchObject({
      status: "authorized",
      klarnaOrderId: expect.any(String),
      klarnaReference: expect.any(String),
    });
    const captured = await checkout({ placeOrderMode: "CAPTURE_ORDER" });
    await pay(captured.session.id);
    expect(await finalize(captured.order.id, "return_page")).toMatchObject({ status: "captured", capturedMinor: captured.order.totalMinor });
    expect(placeOrderCalls()).toBe(calls);
  });

  it("shows pending while Klarna's read fails (503, timeout), and completes on a later call", async () => {
    const { order, session } = await checkout();
    await pay(session.id);
    const calls = placeOrderCalls();
    // A waiting shopper gets one attempt per page load; the sweep retries through a 503.
    sandbox.failNext(/GET \/sandbox\/api\/hpp\/v1\/sessions\//, 1, { status: 503 });
    expect((await finalize(order.id, "return_page")).status).toBe("pending_payment");
    sandbox.failNext(/GET \/sandbox\/api\/hpp\/v1\/sessions\//, 1, "timeout");
    expect((await finalize(order.id, "poll")).status).toBe("pending_payment");
    expect((await listOrderEvents(order.id)).filter((event) => event.type === "status_read_failed")).toHaveLength(2);
    expect(placeOrderCalls()).toBe(calls);
    sandbox.failNext(/GET \/sandbox\/api\/hpp\/v1\/sessions\//, 1, { status: 503 });
    expect((await finalize(order.id, "sweep")).status).toBe("authorized");
  }, 20_000);

  it("marks payment_failed with Klarna's reason when place order is refused", async () => {
    const { order, session } = await checkout();
    await pay(session.id);
    await sandbox.advanceClock(61 * MINUTE); // the authorization token lives 60 minutes
    const result = await finalize(order.id, "sweep");
    expect(result).toMatchObject({ status: "payment_failed", failureReason: "NOT_FOUND: Invalid authorization token" });
    const failure = (await listOrderEvents(order.id)).find((event) => event.type === "place_order_failed");
    expect(failure?.message).toBe("Klarna refused to place the order: NOT_FOUND: Invalid authorization token");
  });

  it("marks needs_attention, never retrying, when place order times out after the request left", async () => {
    const { order, session } = await checkout();
    await pay(session.id);
    const calls = placeOrderCalls();
    sandbox.failNext(/\/order$/, 1, "timeout");
    expect((await finalize(order.id, "return_page")).status).toBe("needs_attention");
    expect(placeOrderCalls() - calls).toBe(1);
    expect((await finalize(order.id, "sweep")).status).toBe("needs_attention");
    expect(placeOrderCalls() - calls).toBe(1);
  }, 10_000);

  it("keeps the order pending when Klarna turns place order away unprocessed (503), and places it once later", async () => {
    const { order, session } = await checkout();
    await pay(session.id);
    const calls = placeOrderCalls();
    sandbox.failNext(/\/order$/, 1, { status: 503 });
    expect(await finalize(order.id, "return_page")).toMatchObject({ status: "pending_payment", finalizingSince: null });
    expect(placeOrderCalls() - calls).toBe(1); // the client itself never repeats place order
    expect((await listOrderEvents(order.id)).map((event) => event.type)).toContain("place_order_deferred");
    expect((await finalize(order.id, "sweep")).status).toBe("authorized");
    expect(placeOrderCalls() - calls).toBe(2);
  });

  it("marks needs_attention, placing nothing, when a caller died holding the claim", async () => {
    const { order, session } = await checkout();
    await pay(session.id);
    const calls = placeOrderCalls();
    // Its holder took the claim three minutes ago and never came back: the order may exist at Klarna.
    await db()
      .update(orders)
      .set({ finalizingSince: new Date(Date.now() - 3 * MINUTE) })
      .where(eq(orders.id, order.id));
    expect(await finalize(order.id, "sweep")).toMatchObject({ status: "needs_attention", failureReason: "Placing the order was interrupted" });
    expect(placeOrderCalls()).toBe(calls);
  });

  it("sweeps every pending order in turn, however many older ones stay pending", async () => {
    const pendingBefore = (await db().select().from(orders).where(eq(orders.status, "pending_payment"))).length;
    await checkout(); // older, never paid
    await checkout();
    const paid = await checkout();
    await pay(paid.session.id);
    for (let round = 0; round <= Math.ceil((pendingBefore + 3) / 2) && (await getOrder(paid.order.id))?.status === "pending_payment"; round += 1) {
      await sweepOnce(2);
    }
    expect((await getOrder(paid.order.id))?.status).toBe("authorized");
  });

  it("expires the order once Klarna has forgotten every session", async () => {
    const { order } = await checkout();
    await sandbox.advanceClock(47 * HOUR + MINUTE);
    await sweepOnce();
    expect((await getOrder(order.id))?.status).toBe("expired");
  });
});

describe("checking out again", () => {
  it("cancels the cart's earlier pending order and disables its hosted page, so only the new one can be paid", async () => {
    const first = await checkout();
    const again = await startCheckoutFlow({ cartCookie: first.cartCookie, market: MARKETS.GB, customer: customerOf("GB"), options: {} });
    expect(again.ok).toBe(true);
    expect(await getOrder(first.order.id)).toMatchObject({ status: "cancelled" });
    expect((await listPaymentSessions(first.order.id))[0]?.status).toBe("DISABLED");
    expect(await pay(first.session.id)).toMatchObject({ status: 400, body: { error_code: "BAD_REQUEST" } });
    expect((await listOrderEvents(first.order.id)).map((event) => event.type)).toContain("superseded");
  });

  it("refuses a checkout with a character the database cannot hold, naming the field, and leaves the earlier one payable", async () => {
    const first = await checkout();
    for (const [field, value] of [
      ["givenName", "Te\u0000st"],
      ["city", "Lon\ud800don"],
    ] as const) {
      const again = await startCheckoutFlow({
        cartCookie: first.cartCookie,
        market: MARKETS.GB,
        customer: { ...customerOf("GB"), [field]: value },
        options: {},
      });
      expect(again).toEqual({
        ok: false,
        message: "Please check the highlighted fields.",
        fieldErrors: { [field]: "This contains a character that cannot be used." },
      });
    }
    expect(await getOrder(first.order.id)).toMatchObject({ status: "pending_payment" });
    expect(await pay(first.session.id)).toMatchObject({ status: 200, body: { status: "COMPLETED" } });
  });

  it("refuses a new checkout when the earlier one was paid meanwhile, and records that payment", async () => {
    const first = await checkout();
    await pay(first.session.id); // paid, but the shopper never came back
    const again = await startCheckoutFlow({ cartCookie: first.cartCookie, market: MARKETS.GB, customer: customerOf("GB"), options: {} });
    expect(again).toEqual({ ok: false, message: `This cart was already paid for as order ${first.order.reference}.` });
    expect(await getOrder(first.order.id)).toMatchObject({ status: "authorized" });
  });
});

describe("try again", () => {
  it("opens a new HPP session on the same KP session while it lives, and new sessions after", async () => {
    const { order, session } = await checkout();
    await pay(session.id, "decline");
    const retried = await retryCheckout(order.reference, orderPageKey(order.reference));
    expect(retried.ok).toBe(true);
    const [latest] = await listPaymentSessions(order.id);
    expect(latest).toMatchObject({ kpSessionId: order.kpSessionId, status: "WAITING" });
    expect(latest!.id).not.toBe(session.id);

    // Too close to the KP session's end for a new HPP session (which ends an hour before it).
    await db()
      .update(orders)
      .set({ kpSessionExpiresAt: new Date(Date.now() + HOUR) })
      .where(eq(orders.id, order.id));
    expect((await retryCheckout(order.reference, orderPageKey(order.reference))).ok).toBe(true);
    const [newest] = await listPaymentSessions(order.id);
    expect(newest!.kpSessionId).not.toBe(order.kpSessionId);
    expect((await getOrder(order.id))?.kpSessionId).toBe(newest!.kpSessionId);
    expect((await listOrderEvents(order.id)).filter((event) => event.type === "redirected")).toHaveLength(3);
    expect(await retryCheckout(order.reference, "forged")).toEqual({ ok: false, message: "This order could not be found." });
  });
});
