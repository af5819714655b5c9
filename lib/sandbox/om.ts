import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { enqueueCallback } from "./callbacks";
import { addMs, clock, DAY, MINUTE } from "./clock";
import { badValue, forbidden, sessionCompleted } from "./errors";
import { newId, newKlarnaReference } from "./ids";
import { AUTHORIZATION_DAYS, fraudDecision, loadOrder, MAX_AUTHORIZATION_DAYS, remainingAuthorized, type OrderStatus } from "./om-state";
import { decideAuthorization } from "./personas";
import { CaptureRequest, RefundRequest, type OrderData } from "./schemas";
import { changed } from "./read-model";
import { runInScope } from "./scope";
import { db, inTransaction, type Executor } from "./store";
import { sandboxCaptures, sandboxClocks, sandboxKpSessions, sandboxOrders, sandboxRefunds } from "./tables";
import { parseBody } from "./validation";

// Order Management v1: orders created by place order (or by the hosted page in PLACE_ORDER /
// CAPTURE_ORDER mode), pending fraud reviews, and the money operations with Klarna's rules:
// capture, refund, cancel, release and extension. Reads are in om-state.ts, the other changes in
// om-updates.ts.

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
  // Only one order per KP session. Conditional, so that of two concurrent placements
  // the second waits for the first's row lock and then finds the session complete.
  const [completed] = await tx
    .update(sandboxKpSessions)
    .set({ status: "complete", updatedAt: now })
    .where(and(eq(sandboxKpSessions.id, input.session.id), ne(sandboxKpSessions.status, "complete")))
    .returning({ id: sandboxKpSessions.id });
  if (!completed) throw sessionCompleted();
  changed("kp", input.session.id);
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

/**
 * Settles every pending fraud review whose time has come in its namespace's time, and tells the
 * merchant at the KP session's merchant_urls.notification.
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
        changed("order", order.id);
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
  const captureId = newId();
  const { captured_amount, ...details } = request;
  // Numbered in the insert itself: the order's lock keeps two captures from taking one number.
  const sequence = sql`(select coalesce(max(${sandboxCaptures.sequence}), 0) + 1 from ${sandboxCaptures} where ${sandboxCaptures.orderId} = ${id})`;
  await tx
    .insert(sandboxCaptures)
    .values({ id: captureId, orderId: id, sequence, capturedAmount: captured_amount, refundedAmount: 0, data: details, capturedAt: clock.now() });
  const capturedAmount = order.capturedAmount + captured_amount;
  const status: OrderStatus = capturedAmount >= order.orderAmount || order.released ? "CAPTURED" : "PART_CAPTURED";
  await tx.update(sandboxOrders).set({ capturedAmount, status }).where(eq(sandboxOrders.id, id));
  return captureId;
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
    await tx
      .update(sandboxCaptures)
      .set({ refundedAmount: capture.refundedAmount + share })
      .where(eq(sandboxCaptures.id, capture.id));
    left -= share;
  }
  const refundId = newId();
  const { refunded_amount, ...details } = request;
  await tx.insert(sandboxRefunds).values({ id: refundId, orderId: id, refundedAmount: refunded_amount, data: details, refundedAt: clock.now() });
  await tx
    .update(sandboxOrders)
    .set({ refundedAmount: order.refundedAmount + refunded_amount })
    .where(eq(sandboxOrders.id, id));
  return refundId;
}

export async function cancelOrder(tx: Executor, id: string) {
  const order = await loadOrder(tx, id);
  if (order.capturedAmount > 0) throw forbidden("CANCEL_NOT_ALLOWED", "Order has previous captures. Cancel not possible.");
  if (order.status === "CANCELLED" || order.status === "CLOSED")
    throw forbidden("CANCEL_NOT_ALLOWED", `Order is ${order.status.toLowerCase()}. Cancel not possible.`);
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
    await tx
      .update(sandboxOrders)
      .set({ expiresAt: new Date(extended) })
      .where(eq(sandboxOrders.id, id));
  }
}
