import "server-only";
import { eq } from "drizzle-orm";
import { formatMoney } from "@/lib/money";
import { addMs, clock, DAY } from "./clock";
import { badValue, forbidden } from "./errors";
import { newId } from "./ids";
import { dueDate, loadCapture, loadOrder, noSuchCapture, orderData, readOrderRows, type Order } from "./om-state";
import {
  ExtendDueDateRequest,
  ShippingInfoRequest,
  UpdateAuthorizationRequest,
  UpdateCustomerDetailsRequest,
  UpdateMerchantReferencesRequest,
} from "./schemas";
import type { Executor } from "./store";
import { sandboxCaptures, sandboxOrders, sandboxOutbox } from "./tables";
import { parseBody } from "./validation";

// Order Management v1, the changes that move no money: the authorization's amount and lines,
// references, customer details, shipping information, acknowledgement, the capture's
// communication and due date, and Klarna closing an order on its own side (control API).

const notAllowed = (message: string) => forbidden("NOT_ALLOWED", message);
const isFinal = (order: Order) => order.status === "CANCELLED" || order.status === "EXPIRED" || order.status === "CLOSED";

async function saveData(tx: Executor, order: Order, changes: Record<string, unknown>) {
  await tx
    .update(sandboxOrders)
    .set({ data: { ...order.data, ...changes } })
    .where(eq(sandboxOrders.id, order.id));
}

/**
 * PATCH …/authorization: a new order amount (and lines) for what remains to capture. Never below
 * what was captured; original_order_amount keeps the first amount.
 */
export async function updateAuthorization(tx: Executor, id: string, body: unknown) {
  const request = parseBody(UpdateAuthorizationRequest, body);
  const order = await loadOrder(tx, id);
  if (isFinal(order)) throw notAllowed(`Order is ${order.status.toLowerCase()}. The authorization cannot be updated.`);
  if (request.order_amount < order.capturedAmount) {
    throw notAllowed(`Resulting authorization amount ${request.order_amount} cannot be less than the captured amount ${order.capturedAmount}.`);
  }
  const status = order.capturedAmount === 0 ? "AUTHORIZED" : order.capturedAmount >= request.order_amount ? "CAPTURED" : "PART_CAPTURED";
  await tx
    .update(sandboxOrders)
    .set({
      orderAmount: request.order_amount,
      status,
      data: { ...order.data, ...(request.order_lines ? { order_lines: request.order_lines } : {}) },
    })
    .where(eq(sandboxOrders.id, id));
}

/** PATCH …/merchant-references: not on a cancelled order. */
export async function updateMerchantReferences(tx: Executor, id: string, body: unknown) {
  const request = parseBody(UpdateMerchantReferencesRequest, body);
  const order = await loadOrder(tx, id);
  if (order.status === "CANCELLED") throw notAllowed("Order is cancelled. Merchant references cannot be updated.");
  await saveData(tx, order, request);
}

/** PATCH …/customer-details: the addresses given replace the order's. */
export async function updateCustomerDetails(tx: Executor, id: string, body: unknown) {
  const request = parseBody(UpdateCustomerDetailsRequest, body);
  const order = await loadOrder(tx, id);
  await saveData(tx, order, request);
}

/** POST …/shipping-info on the order: appended to what it has. */
export async function addOrderShippingInfo(tx: Executor, id: string, body: unknown) {
  const request = parseBody(ShippingInfoRequest, body);
  const order = await loadOrder(tx, id);
  await saveData(tx, order, { shipping_info: [...(orderData(order).shipping_info ?? []), ...request.shipping_info] });
}

/** POST …/captures/{id}/shipping-info: appended to the capture's. */
export async function addCaptureShippingInfo(tx: Executor, orderId: string, captureId: string, body: unknown) {
  const request = parseBody(ShippingInfoRequest, body);
  await loadOrder(tx, orderId);
  const capture = await loadCapture(tx, orderId, captureId);
  const existing = (capture.data.shipping_info as unknown[] | undefined) ?? [];
  await tx
    .update(sandboxCaptures)
    .set({ data: { ...capture.data, shipping_info: [...existing, ...request.shipping_info] } })
    .where(eq(sandboxCaptures.id, captureId));
}

/** POST …/acknowledge: Klarna's KCO step; a KP order has nothing to confirm, so it only notes it. */
export async function acknowledgeOrder(tx: Executor, id: string) {
  const order = await loadOrder(tx, id);
  await saveData(tx, order, { acknowledged: true });
}

/** POST …/captures/{id}/trigger-send-out: the consumer's invoice again, to the sandbox's outbox. */
export async function triggerSendOut(tx: Executor, orderId: string, captureId: string) {
  const order = await loadOrder(tx, orderId);
  const capture = await loadCapture(tx, orderId, captureId);
  const data = orderData(order);
  const email = data.billing_address?.email;
  if (!email) throw notAllowed("The order has no e-mail address to send to.");
  const amount = formatMoney(capture.capturedAmount, data.purchase_currency.toUpperCase(), data.locale ?? "en-US");
  await tx.insert(sandboxOutbox).values({
    id: newId(),
    namespace: order.namespace,
    captureId,
    method: "email",
    recipient: email,
    subject: `Your Klarna invoice ${order.klarnaReference}-${capture.sequence}`,
    body: `Klarna sent the invoice for ${amount} again. Pay by ${dueDate(capture).toISOString().slice(0, 10)}.`,
    link: null,
    locale: data.locale ?? "en-US",
    createdAt: clock.now(),
  });
}

/** The paid extensions of a capture's due date, in the order's currency (the sandbox's own fees). */
const EXTENSIONS = [
  { number_of_days: 7, amount: 0 },
  { number_of_days: 14, amount: 195 },
  { number_of_days: 30, amount: 395 },
];

/** GET …/captures/{id}/extend-due-date-options. */
export async function extendDueDateOptions(orderId: string, captureId: string) {
  const { order, captures } = await readOrderRows(orderId);
  if (!captures.some((capture) => capture.id === captureId)) throw noSuchCapture(captureId);
  return { currency: orderData(order).purchase_currency, options: EXTENSIONS };
}

/** PATCH …/captures/{id}/extend-due-date: one of the offered options; the capture's due date moves. */
export async function extendDueDate(tx: Executor, orderId: string, captureId: string, body: unknown) {
  const request = parseBody(ExtendDueDateRequest, body);
  const order = await loadOrder(tx, orderId);
  const capture = await loadCapture(tx, orderId, captureId);
  if (!EXTENSIONS.some((option) => option.number_of_days === request.number_of_days)) throw badValue("number_of_days");
  if (order.status === "CANCELLED") throw notAllowed("Order is cancelled. The due date cannot be extended.");
  if (capture.refundedAmount >= capture.capturedAmount) throw notAllowed("The capture is fully refunded: nothing is due.");
  await tx
    .update(sandboxCaptures)
    .set({ dueAt: addMs(dueDate(capture), request.number_of_days * DAY) })
    .where(eq(sandboxCaptures.id, captureId));
}

/** Control API: what Klarna does on its side when it closes an order; nothing more can be captured. */
export async function closeOrder(tx: Executor, id: string) {
  const order = await loadOrder(tx, id);
  if (order.status === "CANCELLED" || order.status === "CLOSED") throw notAllowed(`Order is ${order.status.toLowerCase()}.`);
  await tx.update(sandboxOrders).set({ status: "CLOSED", released: true }).where(eq(sandboxOrders.id, id));
}
