import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { databaseHandle, db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/prepare";
import { cartItems, orderLines, orders, products } from "@/lib/db/schema";
import { startCheckoutFlow } from "@/lib/orders/checkout";
import { finalize, type FinalizeSource } from "@/lib/orders/finalize";
import { getOrder, listOrderEvents, listPaymentSessions } from "@/lib/orders/queries";
import { sweepOnce } from "@/lib/orders/sweep";
import { personasFor } from "@/lib/orders/test-personas";
import { clock, HOUR, MINUTE } from "@/lib/sandbox/clock";
import { cartIdFromCookie } from "@/lib/shop/cart";
import { MARKETS } from "@/lib/shop/markets";
import { checkout as checkoutWith, fillCart, pay as payWith, placeOrderCalls as countPlaceOrderCalls } from "../helpers/checkout";
import { startSandboxServer, type SandboxServer } from "../helpers/sandbox-server";

let sandbox: SandboxServer;

beforeAll(async () => {
  sandbox = await startSandboxServer();
  process.env.KLARNA_TIMEOUT_MS = "1500";
  await prepareDatabase(databaseHandle(), []);
});
afterAll(() => sandbox.close());
afterEach(() => clock.reset());

const checkout = (options: Record<string, unknown> = {}, market = MARKETS.GB) => checkoutWith(options, { market });
const pay = (sessionId: string, outcome = "approve") => payWith(sandbox, sessionId, outcome);
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
    expect((await listOrderEvents(order.id)).map((event) => event.type)).toEqual(["created", "payment_session_created", "hpp_session_created"]);
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
    expect(outcome).toMatchObject({ ok: false, fieldErrors: { email: "Enter a valid e-mail address.", givenName: "First name is required.", paymentMethodCategories: expect.stringContaining("not both") } });
    expect(await startCheckoutFlow({ cartCookie: undefined, market: MARKETS.GB, customer: personasFor("GB")[0], options: {} })).toEqual({ ok: false, message: "Your cart is empty." });
  });
});

describe("finalize", () => {
  it("places the order exactly once however many callers race, and empties the cart", async () => {
    const { order, session, cartCookie } = await checkout();
    const stockBefore = (await db().select().from(products).where(eq(products.slug, "ceramic-mug")))[0]!.stock;
    await pay(session.id);
    const callsBefore = placeOrderCalls();
    const sources: FinalizeSource[] = ["return_page", "callback", "poll", "sweep"];
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => finalize(order.id, sources[index % 4]!)));
    expect(new Set(results.map((result) => result.status))).toEqual(new Set(["authorized"]));
    expect(placeOrderCalls() - callsBefore).toBe(1);
    const [after] = await db().select().from(orders).where(eq(orders.id, order.id));
    expect(after).toMatchObject({ status: "authorized", fraudStatus: "ACCEPTED", finalizingSince: null, klarnaReference: expect.stringMatching(/^[A-Z0-9]{8}$/) });
    expect((await listOrderEvents(order.id)).filter((event) => event.type === "order_placed")).toHaveLength(1);
    expect(await db().select().from(cartItems).where(eq(cartItems.cartId, cartIdFromCookie(cartCookie)!))).toEqual([]);
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
    expect(await finalize(placed.order.id, "callback")).toMatchObject({ status: "authorized", klarnaOrderId: expect.any(String), klarnaReference: expect.any(String) });
    const captured = await checkout({ placeOrderMode: "CAPTURE_ORDER" });
    await pay(captured.session.id);
    expect(await finalize(captured.order.id, "return_page")).toMatchObject({ status: "captured", capturedMinor: captured.order.totalMinor });
    expect(placeOrderCalls()).toBe(calls);
  });

  it("shows pending while Klarna's read fails (503, timeout), and completes on a later call", async () => {
    const { order, session } = await checkout();
    await pay(session.id);
    sandbox.failNext(/GET \/sandbox\/api\/hpp\/v1\/sessions\//, 4, { status: 503 });
    expect((await finalize(order.id, "return_page")).status).toBe("pending_payment");
    sandbox.failNext(/GET \/sandbox\/api\/hpp\/v1\/sessions\//, 1, "timeout");
    sandbox.failNext(/GET \/sandbox\/api\/hpp\/v1\/sessions\//, 3, { status: 503 });
    expect((await finalize(order.id, "poll")).status).toBe("pending_payment");
    expect((await listOrderEvents(order.id)).filter((event) => event.type === "status_read_failed")).toHaveLength(2);
    expect((await finalize(order.id, "sweep")).status).toBe("authorized");
  }, 20_000);

  it("marks payment_failed with Klarna's reason when place order is refused", async () => {
    const { order, session } = await checkout();
    await pay(session.id);
    await clock.advance(61 * MINUTE); // the authorization token lives 60 minutes
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

  it("expires the order once Klarna has forgotten every session", async () => {
    const { order } = await checkout();
    await clock.advance(47 * HOUR + MINUTE);
    await sweepOnce();
    expect((await getOrder(order.id))?.status).toBe("expired");
  });
});
