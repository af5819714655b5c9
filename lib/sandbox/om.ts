import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { enqueueCallback } from "./callbacks";
import { addMs, clock, DAY, MINUTE } from "./clock";
import { badValue, forbidden, notFound, sessionCompleted } from "./errors";
import { isUuid, newId, newKlarnaReference } from "./ids";
import { decideAuthorization } from "./personas";
import { CaptureRequest, RefundRequest, ShippingInfoRequest, type OrderData } from "./schemas";
import { runInScope } from "./scope";
import { db, inTransaction, type Executor } from "./store";
import { sandboxCaptures, sandboxClocks, sandboxKpSessions, sandboxOrders, sandboxRefunds } from "./tables";
import { parseBody } from "./validation";

// Order Management v1: orders created by place order (or by the hosted page in PLACE_ORDER /
// CAPTURE_ORDER mode), captures, refunds, cancel, release and extension, with Klarna's rules.

export const AUTHORIZATION_DAYS = 28;
export const MAX_AUTHORIZATION_DAYS = 180;

type Order = typeof sandboxOrders.$inferSelect;
type OrderStatus = Order["status"];

const PAYMENT_METHODS: Record<string, { authorized: Record<string, unknown>; initial: Record<string, unknown> }> = {
  pay_later: { authorized: { type: "invoice", number_of_days: 30 }, initial: { type: "INVOICE", description: "Pay later" } },
  pay_over_time: {
    authorized: { type: "base_account", number_of_installments: 12 },
    initial: { type: "ACCOUNT", description: "Financing", number_of_installments: 12 },
  },
  pay_now: { authorized: { type: "direct_bank_transfer" }, initial: { type: "BANK_TRANSFER", description: "Pay now" } },
  direct_debit: { authorized: { type: "direct_debit" }, initial: { type: "DIRECT_DEBIT", description: "Direct debit" } },
  direct_bank_transfer: { authorized: { type: "direct_bank_transfer" }, initial: { type: "BANK_TRANSFER", description: "Bank transfer" } },
};
const paymentMethod = (category: string) => PAYMENT_METHODS[category] ?? PAYMENT_METHODS.pay_later!;

/** Creates an AUTHORIZED order (fully captured when `capture`) and completes the KP session. */
export async function createOrder(
  tx: Executor,
  input: { session: { id: string; namespace: string }; data: OrderData; category: string; consumerEmail?: string; capture: boolean },
) {
  const now = clock.now();
  // Only one order per KP session (FACTS 0.5). Conditional, so that of two concurrent placements
  // the second waits for the first's row lock and then finds the session complete.
  const [completed] = await tx
    .update(sandboxKpSessions)
    .set({ status: "complete", updatedAt: now })
    .where(and(eq(sandboxKpSessions.id, input.session.id), ne(sandboxKpSessions.status, "complete")))
    .returning({ id: sandboxKpSessions.id });
  if (!completed) throw sessionCompleted();
  const decision = decideAuthorization(input.consumerEmail ?? input.data.billing_address?.email, input.data.purchase_country);
  const pending = decision.outcome === "approve" && decision.fraudStatus === "PENDING" ? decision : null;
  const id = newId();
  const method = paymentMethod(input.category);
  const [order] = await tx
    .insert(sandboxOrders)
    .values({
      id,
      namespace: input.session.namespace,
      kpSessionId: input.session.id,
      klarnaReference: newKlarnaReference(),
      status: "AUTHORIZED",
      fraudStatus: pending ? "PENDING" : "ACCEPTED",
      fraudDecisionAt: pending ? addMs(now, pending.pendingMinutes * MINUTE) : null,
      fraudVerdict: pending ? (pending.pendingVerdict === "accept" ? "ACCEPTED" : "REJECTED") : null,
      data: input.data,
      orderAmount: input.data.order_amount,
      originalOrderAmount: input.data.order_amount,
      capturedAmount: 0,
      refundedAmount: 0,
      released: false,
      initialPaymentMethod: method.initial,
      createdAt: now,
      expiresAt: addMs(now, AUTHORIZATION_DAYS * DAY),
    })
    .returning();
  if (input.capture && !pending) await captureOrder(tx, id, { captured_amount: input.data.order_amount, description: "Captured on placement" });
  return { id, klarnaReference: order!.klarnaReference, fraudStatus: order!.fraudStatus, authorizedPaymentMethod: method.authorized };
}

/** What a finished fraud review changes: a rejected order is cancelled. */
const fraudDecision = (order: Order) => {
  const fraudStatus = order.fraudVerdict ?? "ACCEPTED";
  return { fraudStatus, status: fraudStatus === "REJECTED" ? ("CANCELLED" as const) : order.status };
};

/**
 * Settles every pending fraud review whose time has come in its namespace's time, and tells the
 * merchant at the KP session's merchant_urls.notification (FACTS 2.6).
 */
export async function decideDueFraudReviews(): Promise<void> {
  const pending = await db()
    .select({ order: sandboxOrders, offsetMs: sandboxClocks.offsetMs, kpData: sandboxKpSessions.data })
    .from(sandboxOrders)
    .innerJoin(sandboxKpSessions, eq(sandboxKpSessions.id, sandboxOrders.kpSessionId))
    .leftJoin(sandboxClocks, eq(sandboxClocks.namespace, sandboxOrders.namespace))
    .where(eq(sandboxOrders.fraudStatus, "PENDING"));
  const due = pending.filter(({ order, offsetMs }) => order.fraudDecisionAt && order.fraudDecisionAt.getTime() <= Date.now() + (offsetMs ?? 0));
  for (const { order, offsetMs, kpData } of due) {
    await runInScope({ namespace: order.namespace, offsetMs: offsetMs ?? 0 }, () =>
      inTransaction(async (tx) => {
        const [decided] = await tx
          .update(sandboxOrders)
          .set(fraudDecision(order))
          .where(and(eq(sandboxOrders.id, order.id), eq(sandboxOrders.fraudStatus, "PENDING")))
          .returning();
        const url = (kpData.merchant_urls as { notification?: string } | undefined)?.notification;
        if (!decided || !url) return;
        await enqueueCallback(tx, {
          kind: "fraud_notification",
          subjectId: order.id,
          url: url.replaceAll("{order.id}", order.id).replaceAll("{session.id}", order.kpSessionId),
          payload: () => ({
            order_id: order.id,
            event_type: decided.fraudStatus === "ACCEPTED" ? "FRAUD_RISK_ACCEPTED" : "FRAUD_RISK_REJECTED",
            event_timestamp: clock.now().toISOString(),
          }),
        });
      }),
    );
  }
}

/** The order as it stands at the sandbox's current time: pending reviews decide, authorizations expire. */
function current(order: Order): Order {
  const now = clock.now();
  let view = order;
  if (view.fraudStatus === "PENDING" && view.fraudDecisionAt && view.fraudDecisionAt <= now) view = { ...view, ...fraudDecision(view) };
  if (view.status === "AUTHORIZED" && view.expiresAt <= now) view = { ...view, status: "EXPIRED" };
  return view;
}

async function loadOrder(tx: Executor, id: string): Promise<Order> {
  if (!isUuid(id)) throw notFound(`Order ${id} not found`, "NO_SUCH_ORDER");
  const [order] = await tx.select().from(sandboxOrders).where(eq(sandboxOrders.id, id)).for("update").limit(1);
  if (!order) throw notFound(`Order ${id} not found`, "NO_SUCH_ORDER");
  return current(order);
}

const remainingAuthorized = (order: Order) =>
  order.released || order.status === "CANCELLED" || order.status === "EXPIRED" ? 0 : order.orderAmount - order.capturedAmount;

const iso = (date: Date) => date.toISOString();

function captureResource(capture: typeof sandboxCaptures.$inferSelect, order: Order) {
  return {
    capture_id: capture.id,
    klarna_reference: `${order.klarnaReference}-${capture.sequence}`,
    captured_amount: capture.capturedAmount,
    captured_at: iso(capture.capturedAt),
    refunded_amount: capture.refundedAmount,
    order_lines: [],
    shipping_info: [],
    ...capture.data,
  };
}

function refundResource(refund: typeof sandboxRefunds.$inferSelect) {
  return { refund_id: refund.id, refunded_amount: refund.refundedAmount, refunded_at: iso(refund.refundedAt), order_lines: [], ...refund.data };
}

export async function getOrder(tx: Executor, id: string) {
  const order = await loadOrder(tx, id);
  const captures = await tx.select().from(sandboxCaptures).where(eq(sandboxCaptures.orderId, id)).orderBy(asc(sandboxCaptures.sequence));
  const refunds = await tx.select().from(sandboxRefunds).where(eq(sandboxRefunds.orderId, id)).orderBy(asc(sandboxRefunds.refundedAt));
  const data = order.data as unknown as OrderData & { shipping_info?: unknown[] };
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
    customer: data.customer ? { date_of_birth: data.customer.date_of_birth, national_identification_number: data.customer.national_identification_number } : undefined,
    klarna_reference: order.klarnaReference,
    created_at: iso(order.createdAt),
    expires_at: iso(order.expiresAt),
    initial_payment_method: order.initialPaymentMethod,
    shipping_info: data.shipping_info ?? [],
    captures: captures.map((capture) => captureResource(capture, order)),
    refunds: refunds.map(refundResource),
  };
}

export async function captureOrder(tx: Executor, id: string, body: unknown) {
  const request = parseBody(CaptureRequest, body);
  if (request.captured_amount === 0) throw badValue("captured_amount");
  const order = await loadOrder(tx, id);
  const refuse = (message: string) => forbidden("CAPTURE_NOT_ALLOWED", message);
  if (order.status === "CANCELLED") throw refuse(`Order ${id} is cancelled. Capture not possible.`);
  if (order.status === "EXPIRED" || order.expiresAt <= clock.now()) throw refuse(`Order ${id} is expired. Capture not possible.`);
  if (order.fraudStatus !== "ACCEPTED") throw refuse(`Order ${id} has fraud status ${order.fraudStatus}. Capture not possible.`);
  if (request.captured_amount > remainingAuthorized(order)) {
    throw refuse(`Captured amount is higher than the remaining authorized amount (${remainingAuthorized(order)}).`);
  }
  const [{ sequence }] = (await tx
    .select({ sequence: sql<number>`count(*)::int + 1` })
    .from(sandboxCaptures)
    .where(eq(sandboxCaptures.orderId, id))) as [{ sequence: number }];
  const captureId = newId();
  const { captured_amount, ...details } = request;
  await tx.insert(sandboxCaptures).values({ id: captureId, orderId: id, sequence, capturedAmount: captured_amount, refundedAmount: 0, data: details, capturedAt: clock.now() });
  const capturedAmount = order.capturedAmount + captured_amount;
  const status: OrderStatus = capturedAmount >= order.orderAmount || order.released ? "CAPTURED" : "PART_CAPTURED";
  await tx.update(sandboxOrders).set({ capturedAmount, status }).where(eq(sandboxOrders.id, id));
  return captureId;
}

export async function listCaptures(tx: Executor, orderId: string) {
  return (await getOrder(tx, orderId)).captures;
}

export async function getCapture(tx: Executor, orderId: string, captureId: string) {
  const capture = (await getOrder(tx, orderId)).captures.find((candidate) => candidate.capture_id === captureId);
  if (!capture) throw notFound(`Capture ${captureId} not found`, "NO_SUCH_CAPTURE");
  return capture;
}

export async function addCaptureShippingInfo(tx: Executor, orderId: string, captureId: string, body: unknown) {
  const request = parseBody(ShippingInfoRequest, body);
  await loadOrder(tx, orderId);
  const [capture] = isUuid(captureId) ? await tx.select().from(sandboxCaptures).where(eq(sandboxCaptures.id, captureId)).limit(1) : [];
  if (!capture || capture.orderId !== orderId) throw notFound(`Capture ${captureId} not found`, "NO_SUCH_CAPTURE");
  const existing = (capture.data.shipping_info as unknown[] | undefined) ?? [];
  await tx
    .update(sandboxCaptures)
    .set({ data: { ...capture.data, shipping_info: [...existing, ...request.shipping_info] } })
    .where(eq(sandboxCaptures.id, captureId));
}

export async function refundOrder(tx: Executor, id: string, body: unknown) {
  const request = parseBody(RefundRequest, body);
  if (request.refunded_amount === 0) throw badValue("refunded_amount");
  const order = await loadOrder(tx, id);
  if (order.capturedAmount === 0) throw forbidden("REFUND_NOT_ALLOWED", "Order has no captures. Refund not possible.");
  const refundable = order.capturedAmount - order.refundedAmount;
  if (request.refunded_amount > refundable) {
    throw forbidden("REFUND_NOT_ALLOWED", `Refunded amount is higher than the captured amount not yet refunded (${refundable}).`);
  }
  // Spread the refund over the captures, oldest first, so each capture's refunded_amount adds up.
  let left = request.refunded_amount;
  const captures = await tx.select().from(sandboxCaptures).where(eq(sandboxCaptures.orderId, id)).orderBy(asc(sandboxCaptures.sequence));
  for (const capture of captures) {
    const share = Math.min(left, capture.capturedAmount - capture.refundedAmount);
    if (share <= 0) continue;
    await tx.update(sandboxCaptures).set({ refundedAmount: capture.refundedAmount + share }).where(eq(sandboxCaptures.id, capture.id));
    left -= share;
  }
  const refundId = newId();
  const { refunded_amount, ...details } = request;
  await tx.insert(sandboxRefunds).values({ id: refundId, orderId: id, refundedAmount: refunded_amount, data: details, refundedAt: clock.now() });
  await tx.update(sandboxOrders).set({ refundedAmount: order.refundedAmount + refunded_amount }).where(eq(sandboxOrders.id, id));
  return refundId;
}

export async function getRefund(tx: Executor, orderId: string, refundId: string) {
  const refund = (await getOrder(tx, orderId)).refunds.find((candidate) => candidate.refund_id === refundId);
  if (!refund) throw notFound(`Refund ${refundId} not found`);
  return refund;
}

export async function cancelOrder(tx: Executor, id: string) {
  const order = await loadOrder(tx, id);
  if (order.capturedAmount > 0) throw forbidden("CANCEL_NOT_ALLOWED", "Order has previous captures. Cancel not possible.");
  if (order.status === "CANCELLED" || order.status === "CLOSED") throw forbidden("CANCEL_NOT_ALLOWED", `Order is ${order.status.toLowerCase()}. Cancel not possible.`);
  await tx.update(sandboxOrders).set({ status: "CANCELLED" }).where(eq(sandboxOrders.id, id));
}

export async function releaseRemainingAuthorization(tx: Executor, id: string) {
  const order = await loadOrder(tx, id);
  if (order.status === "CANCELLED") throw forbidden("NOT_ALLOWED", "Order is cancelled. Remaining authorization cannot be released.");
  if (order.capturedAmount === 0) throw forbidden("NOT_ALLOWED", "Order has no captures. Remaining authorization cannot be released.");
  if (remainingAuthorized(order) === 0) throw forbidden("NOT_ALLOWED", "Order is fully captured. Remaining authorization cannot be released.");
  await tx.update(sandboxOrders).set({ released: true, status: "CAPTURED" }).where(eq(sandboxOrders.id, id));
}

export async function extendAuthorizationTime(tx: Executor, id: string) {
  const order = await loadOrder(tx, id);
  if (order.status === "EXPIRED" || order.expiresAt <= clock.now()) throw forbidden("NOT_ALLOWED", "Order is expired. Authorization time cannot be extended.");
  if (order.status === "CANCELLED") throw forbidden("NOT_ALLOWED", "Order is cancelled. Authorization time cannot be extended.");
  // Today's date plus the account's expiry days, so repeated calls on one day give one date; never
  // beyond 180 days after the order was created.
  const today = new Date(clock.now());
  today.setUTCHours(23, 59, 59, 0);
  const extended = Math.min(today.getTime() + AUTHORIZATION_DAYS * DAY, order.createdAt.getTime() + MAX_AUTHORIZATION_DAYS * DAY);
  if (extended > order.expiresAt.getTime()) {
    await tx.update(sandboxOrders).set({ expiresAt: new Date(extended) }).where(eq(sandboxOrders.id, id));
  }
}
