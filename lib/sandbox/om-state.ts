import "server-only";
import { asc, eq } from "drizzle-orm";
import { addMs, clock, DAY } from "./clock";
import { notFound } from "./errors";
import { isUuid } from "./ids";
import { changed, readThrough, type OrderEntry } from "./read-model";
import type { OrderData } from "./schemas";
import { inTransaction, type Executor } from "./store";
import { sandboxCaptures, sandboxOrders, sandboxRefunds } from "./tables";

// Order Management v1: an order as it stands at the sandbox's time, and the resources a read
// returns (order, captures, refunds), in Klarna's fields.

export const AUTHORIZATION_DAYS = 28;
export const MAX_AUTHORIZATION_DAYS = 180;
/** Days the consumer has to pay an invoice, counted from the capture (the due date it extends). */
export const PAYMENT_TERM_DAYS = 30;

export type Order = typeof sandboxOrders.$inferSelect;
export type OrderStatus = Order["status"];
export type Capture = typeof sandboxCaptures.$inferSelect;
/** What an order keeps of its place-order data, plus what later calls added. */
export type StoredOrderData = OrderData & { shipping_info?: unknown[]; acknowledged?: boolean };

const OPEN_AUTHORIZATION: OrderStatus[] = ["AUTHORIZED", "PART_CAPTURED"];

/** What a finished fraud review changes: a rejected order is cancelled. */
export const fraudDecision = (order: Order) => {
  const fraudStatus = order.fraudVerdict ?? "ACCEPTED";
  return { fraudStatus, status: fraudStatus === "REJECTED" ? ("CANCELLED" as const) : order.status };
};

/**
 * The order as it stands at the sandbox's current time: pending reviews decide, and an
 * authorization whose time has passed expires, captured part or not (nothing more can be captured).
 */
export function current(order: Order): Order {
  const now = clock.now();
  let view = order;
  if (view.fraudStatus === "PENDING" && view.fraudDecisionAt && view.fraudDecisionAt <= now) view = { ...view, ...fraudDecision(view) };
  if (OPEN_AUTHORIZATION.includes(view.status) && !view.released && view.expiresAt <= now) view = { ...view, status: "EXPIRED" };
  return view;
}

export const noSuchOrder = (id: string) => notFound(`Order ${id} not found`, "NO_SUCH_ORDER");
export const noSuchCapture = (id: string) => notFound(`Capture ${id} not found`, "NO_SUCH_CAPTURE");

async function lockOrderRow(tx: Executor, id: string): Promise<Order | undefined> {
  const [order] = await tx.select().from(sandboxOrders).where(eq(sandboxOrders.id, id)).for("update").limit(1);
  return order;
}

/** The order, locked for the rest of the transaction to be changed, as it stands now. */
export async function loadOrder(tx: Executor, id: string): Promise<Order> {
  if (!isUuid(id)) throw noSuchOrder(id);
  const order = await lockOrderRow(tx, id);
  if (!order) throw noSuchOrder(id);
  // Every change to an order, its captures or refunds locks it here first.
  changed("order", id);
  return current(order);
}

/** The order with its captures and refunds, from the read model. The lock keeps a write from coming between the three reads. */
const readOrderEntry = (id: string): Promise<OrderEntry | undefined> =>
  readThrough("order", id, () =>
    inTransaction(async (tx) => {
      const order = await lockOrderRow(tx, id);
      if (!order) return undefined;
      const captures = await tx.select().from(sandboxCaptures).where(eq(sandboxCaptures.orderId, id)).orderBy(asc(sandboxCaptures.sequence));
      const refunds = await tx.select().from(sandboxRefunds).where(eq(sandboxRefunds.orderId, id)).orderBy(asc(sandboxRefunds.refundedAt));
      return { order, captures, refunds };
    }),
  );

/** The order's stored rows, or 404 NO_SUCH_ORDER; `order` as it stands now. */
export async function readOrderRows(id: string): Promise<OrderEntry> {
  const entry = isUuid(id) ? await readOrderEntry(id) : undefined;
  if (!entry) throw noSuchOrder(id);
  return { ...entry, order: current(entry.order) };
}

/** One capture of the order, or 404 NO_SUCH_CAPTURE. */
export async function loadCapture(tx: Executor, orderId: string, captureId: string): Promise<Capture> {
  const [capture] = isUuid(captureId) ? await tx.select().from(sandboxCaptures).where(eq(sandboxCaptures.id, captureId)).limit(1) : [];
  if (!capture || capture.orderId !== orderId) throw noSuchCapture(captureId);
  return capture;
}

export const remainingAuthorized = (order: Order) =>
  order.released || !OPEN_AUTHORIZATION.includes(order.status) ? 0 : order.orderAmount - order.capturedAmount;

export const orderData = (order: Order) => order.data as unknown as StoredOrderData;

const iso = (date: Date) => date.toISOString();

/** A capture's due date: the payment term from its capture, unless the consumer's date was extended. */
export const dueDate = (capture: Capture) => capture.dueAt ?? addMs(capture.capturedAt, PAYMENT_TERM_DAYS * DAY);

function captureResource(capture: Capture, order: Order) {
  const data = capture.data as { description?: string; reference?: string; order_lines?: unknown[]; shipping_info?: unknown[] };
  return {
    capture_id: capture.id,
    klarna_reference: `${order.klarnaReference}-${capture.sequence}`,
    captured_amount: capture.capturedAmount,
    captured_at: iso(capture.capturedAt),
    description: data.description,
    reference: data.reference,
    refunded_amount: capture.refundedAmount,
    order_lines: data.order_lines ?? [],
    shipping_info: data.shipping_info ?? [],
    due_date: iso(dueDate(capture)),
  };
}

function refundResource(refund: typeof sandboxRefunds.$inferSelect) {
  const data = refund.data as { description?: string; reference?: string; order_lines?: unknown[] };
  return {
    refund_id: refund.id,
    refunded_amount: refund.refundedAmount,
    refunded_at: iso(refund.refundedAt),
    description: data.description,
    reference: data.reference,
    order_lines: data.order_lines ?? [],
  };
}

export async function readOrder(id: string) {
  const { order, captures, refunds } = await readOrderRows(id);
  const data = orderData(order);
  return {
    order_id: order.id,
    status: order.status,
    fraud_status: order.fraudStatus,
    order_amount: order.orderAmount,
    original_order_amount: order.originalOrderAmount,
    captured_amount: order.capturedAmount,
    refunded_amount: order.refundedAmount,
    remaining_authorized_amount: remainingAuthorized(order),
    purchase_currency: data.purchase_currency,
    purchase_country: data.purchase_country,
    locale: data.locale,
    order_lines: data.order_lines,
    merchant_reference1: data.merchant_reference1,
    merchant_reference2: data.merchant_reference2,
    merchant_data: data.merchant_data,
    billing_address: data.billing_address,
    shipping_address: data.shipping_address,
    customer: data.customer
      ? { date_of_birth: data.customer.date_of_birth, national_identification_number: data.customer.national_identification_number }
      : undefined,
    klarna_reference: order.klarnaReference,
    created_at: iso(order.createdAt),
    expires_at: iso(order.expiresAt),
    initial_payment_method: order.initialPaymentMethod,
    shipping_info: data.shipping_info ?? [],
    captures: captures.map((capture) => captureResource(capture, order)),
    refunds: refunds.map(refundResource),
  };
}

export async function listCaptures(orderId: string) {
  return (await readOrder(orderId)).captures;
}

export async function getCapture(orderId: string, captureId: string) {
  const capture = (await readOrder(orderId)).captures.find((candidate) => candidate.capture_id === captureId);
  if (!capture) throw noSuchCapture(captureId);
  return capture;
}

export async function getRefund(orderId: string, refundId: string) {
  const refund = (await readOrder(orderId)).refunds.find((candidate) => candidate.refund_id === refundId);
  if (!refund) throw notFound(`Refund ${refundId} not found`);
  return refund;
}
