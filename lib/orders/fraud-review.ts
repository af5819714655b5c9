import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { orders } from "@/lib/db/schema";
import { KlarnaError } from "@/lib/klarna";
import { FraudNotification } from "@/lib/klarna-wire";
import { syncFromKlarna } from "./back-office";
import { recordEvent } from "./events";
import { receiveKeyedCallback, type KeyedCallbackInput } from "./keyed-callback";
import { verifyNotificationKey } from "./url-keys";
import { getOrder } from "./queries";

// Orders Klarna placed with fraud_status PENDING wait for a review: nothing may be
// captured until Klarna accepts. Klarna's notification only says "look again"; the decision is
// read from Order Management, and the sweep does the same for notifications that never come.

/** Klarna's notification, to a URL keyed for our order (keyed-callback.ts). */
export const receiveFraudNotification = (input: KeyedCallbackInput) =>
  receiveKeyedCallback(input, {
    verifyKey: verifyNotificationKey,
    schema: FraudNotification,
    isAbout: (body, order) => body.order_id === order.klarnaOrderId,
    notAbout: "Not a Klarna notification about this order",
    record: (body, order) => recordEvent(db(), order.id, "notification_received", `Klarna notified ${body.event_type}`, { eventType: body.event_type }),
  });

/** Reads the order's fraud decision from Klarna and records it once it is made. */
export async function settleFraudReview(orderId: string): Promise<void> {
  const order = await getOrder(orderId);
  if (!order || order.fraudStatus !== "PENDING") return;
  try {
    const view = await syncFromKlarna(order);
    // A reply without a fraud status decides nothing: the order stays under review.
    if (!view?.fraudStatus || view.fraudStatus === "PENDING") return;
    const verdict =
      view.fraudStatus === "ACCEPTED"
        ? "accepted: the order can be captured and shipped"
        : view.fraudStatus === "REJECTED"
          ? "rejected: Klarna cancelled the order; do not ship"
          : `ended with status ${view.fraudStatus}, which this shop does not know: check the order in Klarna's portal before shipping`;
    await recordEvent(db(), orderId, "fraud_review_decided", `Klarna's fraud review ${verdict}`, { fraudStatus: view.fraudStatus });
  } catch (error) {
    if (!(error instanceof KlarnaError)) throw error;
    console.warn(`[fraud-review] order ${orderId} could not be read from Klarna: ${error.reason}`);
  }
}

/** Orders still waiting for Klarna's fraud decision (the sweep re-reads them). */
export async function listPendingReviewIds(): Promise<string[]> {
  const rows = await db()
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.fraudStatus, "PENDING"), eq(orders.status, "authorized")));
  return rows.map((row) => row.id);
}
