import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { orderEvents, orderLines, orderPaymentSessions, orders } from "@/lib/db/schema";

export type Order = typeof orders.$inferSelect;
export type OrderLine = typeof orderLines.$inferSelect;
export type OrderPaymentSession = typeof orderPaymentSessions.$inferSelect;

export async function getOrder(orderId: string): Promise<Order | undefined> {
  const [order] = await db().select().from(orders).where(eq(orders.id, orderId)).limit(1);
  return order;
}

export async function getOrderByReference(reference: string): Promise<Order | undefined> {
  const [order] = await db().select().from(orders).where(eq(orders.reference, reference)).limit(1);
  return order;
}

/** The order an HPP session id (Klarna's `sid` on return URLs and callbacks) belongs to. */
export async function findPaymentSession(sessionId: string) {
  const [row] = await db()
    .select({ session: orderPaymentSessions, order: orders })
    .from(orderPaymentSessions)
    .innerJoin(orders, eq(orders.id, orderPaymentSessions.orderId))
    .where(eq(orderPaymentSessions.id, sessionId))
    .limit(1);
  return row;
}

export async function listOrderLines(orderId: string): Promise<OrderLine[]> {
  return db().select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.position));
}

/** The order's HPP sessions, newest first. */
export async function listPaymentSessions(orderId: string): Promise<OrderPaymentSession[]> {
  return db().select().from(orderPaymentSessions).where(eq(orderPaymentSessions.orderId, orderId)).orderBy(desc(orderPaymentSessions.createdAt));
}

export async function listOrderEvents(orderId: string) {
  return db().select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.createdAt));
}

export async function loadOrderForKlarna(orderId: string) {
  const order = await getOrder(orderId);
  if (!order) throw new Error(`Order ${orderId} does not exist`);
  return { order, lines: await listOrderLines(orderId) };
}

/** The newest order still waiting for payment from this cart (the checkout pre-fills from it after /back). */
export async function latestPendingOrderForCart(cartId: string | null): Promise<Order | undefined> {
  if (!cartId) return undefined;
  const [order] = await db()
    .select()
    .from(orders)
    .where(and(eq(orders.cartId, cartId), eq(orders.status, "pending_payment")))
    .orderBy(desc(orders.createdAt))
    .limit(1);
  return order;
}
