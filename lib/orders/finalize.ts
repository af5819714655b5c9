import "server-only";
import { and, eq, gt, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { db, type Database } from "@/lib/db/client";
import { cartItems, orderLines, orderPaymentSessions, orders, products, type OrderCustomer, type OrderStatus } from "@/lib/db/schema";
import { getOrder as getKlarnaOrder, KlarnaError, placeOrder, readHppSession } from "@/lib/klarna";
import type { HppSessionRead } from "@/lib/klarna-wire";
import { MARKETS, type MarketCode } from "@/lib/shop/markets";
import { recordEvent } from "./events";
import { toKlarnaOrderData } from "./klarna-order";
import { merchantStatus, orderColumnsFrom, viewKlarnaOrder } from "./klarna-states";
import { getOrder, listOrderLines, listPaymentSessions, type Order } from "./queries";

// finalize(): the single function every path that can learn a payment outcome calls — the return
// pages, the status callback, the shopper's polling, the reconciliation sweep, and any number of
// server instances. Klarna's answer to a session read decides; a conditional UPDATE on the order
// decides who acts on it; the others read the winner's result. The browser is never trusted.

export type FinalizeSource = "return_page" | "callback" | "authorization_callback" | "poll" | "sweep" | "checkout";

/** A caller that died mid-placement releases its claim after this long. */
const CLAIM_TIMEOUT_MS = 2 * 60 * 1000;
const WAIT_FOR_WINNER_MS = 8_000;

type SessionRead = { sessionId: string; read?: HppSessionRead; expired?: boolean; failure?: KlarnaError };

const regionOf = (order: Order) => MARKETS[order.market as MarketCode].region;

async function readSessions(order: Order, source: FinalizeSource): Promise<SessionRead[]> {
  const database = db();
  const sessions = await listPaymentSessions(order.id);
  const reads: SessionRead[] = [];
  for (const session of sessions) {
    try {
      // A shopper waiting on a page gets one attempt; the callback and the sweep may retry.
      const read = await readHppSession(regionOf(order), session.id, { retry: source !== "return_page" && source !== "poll" });
      reads.push({ sessionId: session.id, read });
      if (read.status !== session.status) {
        const unusable =
          read.status === "COMPLETED" && !read.authorization_token && !read.order_id ? ", but names neither an authorization token nor an order" : "";
        await database.update(orderPaymentSessions).set({ status: read.status }).where(eq(orderPaymentSessions.id, session.id));
        await recordEvent(database, order.id, "status_read", `Klarna says session ${session.id} is ${read.status}${unusable} (read by ${source})`, {
          hppSessionId: session.id,
          status: read.status,
          source,
        });
      }
      if (read.status === "COMPLETED") break;
    } catch (error) {
      if (!(error instanceof KlarnaError)) throw error;
      if (error.kind === "not_found") {
        reads.push({ sessionId: session.id, expired: true });
        if (session.status !== "EXPIRED") {
          await database.update(orderPaymentSessions).set({ status: "EXPIRED" }).where(eq(orderPaymentSessions.id, session.id));
          await recordEvent(database, order.id, "status_read", `Klarna no longer knows session ${session.id}: it expired`, {
            hppSessionId: session.id,
            source,
          });
        }
      } else {
        reads.push({ sessionId: session.id, failure: error });
        await recordEvent(database, order.id, "status_read_failed", `Reading session ${session.id} failed: ${error.reason}`, {
          hppSessionId: session.id,
          source,
          correlationId: error.details.correlationId,
        });
      }
    }
  }
  return reads;
}

/** Empties the shopper's cart and takes the goods out of stock, once, with the status change. */
async function onPaid(tx: Database, order: Order) {
  const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, order.id));
  for (const line of lines) {
    if (!line.productId) continue;
    await tx
      .update(products)
      .set({ stock: sql`greatest(${products.stock} - ${line.quantity}, 0)` })
      .where(eq(products.id, line.productId));
  }
  if (order.cartId) await tx.delete(cartItems).where(eq(cartItems.cartId, order.cartId));
}

/**
 * Moves a pending order to `status` if it is still pending (and, for `claimed`, still held by this
 * caller). Returns false when another caller got there first.
 */
async function settle(
  order: Order,
  change: { status: OrderStatus; set?: Partial<typeof orders.$inferInsert>; paid?: boolean; onlyIf?: SQL },
  event: { type: Parameters<typeof recordEvent>[2]; message: string; data?: Record<string, unknown> },
): Promise<boolean> {
  return db().transaction(async (transaction) => {
    const tx = transaction as unknown as Database;
    const updated = await tx
      .update(orders)
      .set({ ...change.set, status: change.status, finalizingSince: null, updatedAt: new Date() })
      .where(and(eq(orders.id, order.id), eq(orders.status, "pending_payment"), change.onlyIf))
      .returning({ id: orders.id });
    if (updated.length === 0) return false;
    if (change.paid) await onPaid(tx, order);
    await recordEvent(tx, order.id, event.type, event.message, event.data);
    return true;
  });
}

/** Takes the right to place the order with Klarna; only one caller at a time holds it. */
async function claim(orderId: string): Promise<boolean> {
  const claimed = await db()
    .update(orders)
    .set({ finalizingSince: new Date() })
    .where(and(eq(orders.id, orderId), eq(orders.status, "pending_payment"), isNull(orders.finalizingSince)))
    .returning({ id: orders.id });
  return claimed.length === 1;
}

/**
 * A claim held far longer than any Klarna call takes means its holder died while placing the
 * order: the order may exist at Klarna, so nobody places it again; a person has to look.
 */
function abandonStaleClaim(order: Order): Promise<boolean> {
  return settle(
    order,
    {
      status: "needs_attention",
      set: { failureReason: "Placing the order was interrupted" },
      onlyIf: lt(orders.finalizingSince, new Date(Date.now() - CLAIM_TIMEOUT_MS)),
    },
    { type: "needs_attention", message: "Placing the order was interrupted before Klarna's answer was recorded; check it in Klarna before acting" },
  );
}

async function waitForWinner(orderId: string): Promise<Order> {
  const deadline = Date.now() + WAIT_FOR_WINNER_MS;
  for (;;) {
    const order = (await getOrder(orderId))!;
    if (order.status !== "pending_payment" || !order.finalizingSince || Date.now() > deadline) return order;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function placeWithToken(order: Order, token: string, sessionId: string): Promise<void> {
  const lines = await listOrderLines(order.id);
  const market = MARKETS[order.market as MarketCode];
  try {
    const placed = await placeOrder(market.region, token, toKlarnaOrderData({ ...order, market, customer: order.customer as OrderCustomer }, lines));
    const fraudStatus = placed.fraud_status ?? null;
    await settle(
      order,
      { status: "authorized", paid: true, set: { klarnaOrderId: placed.order_id, fraudStatus } },
      {
        type: "order_placed",
        message: `Klarna order ${placed.order_id} placed (${fraudStatus ? `fraud status ${fraudStatus}` : "Klarna's reply gave no fraud status"})`,
        data: { klarnaOrderId: placed.order_id, hppSessionId: sessionId },
      },
    );
    await recordKlarnaReference(order.id, placed.order_id);
  } catch (error) {
    if (!(error instanceof KlarnaError)) {
      await db().update(orders).set({ finalizingSince: null }).where(eq(orders.id, order.id));
      throw error;
    }
    const data = { code: error.details.code, correlationId: error.details.correlationId, hppSessionId: sessionId };
    if (error.notProcessed) {
      // Klarna did nothing: the token still holds, and the next finalize (callback, poll, sweep) places it.
      await db().update(orders).set({ finalizingSince: null }).where(eq(orders.id, order.id));
      await recordEvent(
        db(),
        order.id,
        "place_order_deferred",
        `Klarna turned the place-order request away unprocessed (${error.reason}); it will be tried again`,
        data,
      );
    } else if (error.details.ambiguous) {
      // The request may have reached Klarna: placing again could make a second order.
      await settle(
        order,
        { status: "needs_attention", set: { failureReason: error.reason } },
        { type: "needs_attention", message: `Placing the order gave no clear answer (${error.reason}); check it in Klarna before acting`, data },
      );
    } else {
      await settle(
        order,
        { status: "payment_failed", set: { failureReason: error.reason } },
        { type: "place_order_failed", message: `Klarna refused to place the order: ${error.reason}`, data },
      );
    }
  }
}

/** Keeps Klarna's consumer-facing reference with the order (best effort: the order is already placed). */
async function recordKlarnaReference(orderId: string, klarnaOrderId: string) {
  const order = (await getOrder(orderId))!;
  try {
    const { order: klarnaOrder, klarnaDate } = await getKlarnaOrder(regionOf(order), klarnaOrderId);
    const { klarnaReference, fraudStatus } = orderColumnsFrom(viewKlarnaOrder(klarnaOrder, order, klarnaDate), order);
    await db().update(orders).set({ klarnaReference, fraudStatus }).where(eq(orders.id, orderId));
  } catch (error) {
    if (!(error instanceof KlarnaError)) throw error;
  }
}

async function recordPlacedByKlarna(order: Order, read: HppSessionRead & { order_id: string }): Promise<void> {
  const klarnaOrderId = read.order_id;
  let status: OrderStatus = "authorized";
  let set: Partial<typeof orders.$inferInsert> = { klarnaOrderId, klarnaReference: read.klarna_reference ?? null };
  try {
    const view = viewKlarnaOrder((await getKlarnaOrder(regionOf(order), klarnaOrderId)).order, order);
    // A status the shop does not know leaves the order authorized, as the HPP read says it is paid.
    status = merchantStatus(view) ?? status;
    const { capturedMinor, fraudStatus, klarnaReference } = orderColumnsFrom(view, { ...order, klarnaReference: read.klarna_reference ?? null });
    set = { ...set, capturedMinor, fraudStatus, klarnaReference };
  } catch (error) {
    if (!(error instanceof KlarnaError)) throw error;
    // The HPP read is proof enough that the order exists; its details can be read later.
  }
  await settle(
    order,
    { status, paid: true, set },
    {
      type: "order_placed",
      message: `Klarna placed order ${klarnaOrderId} (${read.klarna_reference ?? "no reference"})`,
      data: { klarnaOrderId, hppSessionId: read.session_id },
    },
  );
}

// One finalize at a time per order in this process. The return page and both callbacks arrive
// together after a payment; run side by side they read the session three times and two of them
// lose the claim and poll for the winner. A caller that finds one running waits for it and then
// runs itself (the other may have read Klarna before the news this caller brings), which costs one
// query once the order is settled. It waits no longer than for a winner: a callback's read may be
// retrying against an unwell Klarna, and a shopper's page tries once. Instances, and callers that
// stopped waiting, still decide among themselves through the claim.
const globalStore = globalThis as typeof globalThis & { __klarnaShopFinalizing?: Map<string, Promise<Order>> };
const running = (globalStore.__klarnaShopFinalizing ??= new Map());

function settledOrAfter(work: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    work.then(done, done);
  });
}

/** Learns the order's payment outcome from Klarna and acts on it exactly once. Returns the order as it now stands. */
export function finalize(orderId: string, source: FinalizeSource): Promise<Order> {
  const previous = running.get(orderId);
  const run = (previous ? settledOrAfter(previous, WAIT_FOR_WINNER_MS) : Promise.resolve()).then(() => finalizeNow(orderId, source));
  running.set(orderId, run);
  const forget = () => {
    if (running.get(orderId) === run) running.delete(orderId);
  };
  run.then(forget, forget);
  return run;
}

async function finalizeNow(orderId: string, source: FinalizeSource): Promise<Order> {
  const order = await getOrder(orderId);
  if (!order) throw new Error(`Order ${orderId} does not exist`);
  if (order.status !== "pending_payment") return order;

  const reads = await readSessions(order, source);
  const completed = reads.find((entry) => entry.read?.status === "COMPLETED")?.read;

  if (completed?.order_id) {
    await recordPlacedByKlarna(order, { ...completed, order_id: completed.order_id });
  } else if (completed?.authorization_token) {
    if (await claim(order.id)) await placeWithToken(order, completed.authorization_token, completed.session_id);
    else if (!(await abandonStaleClaim(order))) return waitForWinner(order.id);
  } else if (reads.length > 0 && reads.every((entry) => entry.expired)) {
    // Klarna has forgotten every session: nothing can pay for this order any more.
    await settle(order, { status: "expired" }, { type: "expired", message: "Every payment session of the order has expired" });
  }
  return (await getOrder(orderId))!;
}

export interface PendingCursor {
  createdAt: Date;
  id: string;
}

/** Up to `limit` pending orders, oldest first, after `cursor` (so the sweep can page through them all). */
export async function listPendingOrders(cursor: PendingCursor | undefined, limit: number): Promise<PendingCursor[]> {
  const after = cursor && or(gt(orders.createdAt, cursor.createdAt), and(eq(orders.createdAt, cursor.createdAt), gt(orders.id, cursor.id)));
  return db()
    .select({ createdAt: orders.createdAt, id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, "pending_payment"), after))
    .orderBy(orders.createdAt, orders.id)
    .limit(limit);
}
