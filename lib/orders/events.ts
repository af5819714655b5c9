import "server-only";
import type { Executor } from "@/lib/db/client";
import { orderEvents } from "@/lib/db/schema";

// Every step an order goes through lands on its timeline, shown to the merchant.

export type OrderEventType =
  | "created"
  | "payment_session_created"
  | "hpp_session_created"
  | "redirected"
  | "returned"
  | "status_read"
  | "status_read_failed"
  | "callback_received"
  | "authorization_callback_received"
  | "notification_received"
  | "fraud_review_decided"
  | "order_placed"
  | "place_order_failed"
  | "place_order_deferred"
  | "needs_attention"
  | "swept"
  | "expired"
  | "superseded"
  | "checkout_failed"
  | "operation_refused"
  | "operation_unanswered"
  | `operation_${"capture" | "refund" | "cancel" | "release" | "extend"}`
  | "payment_link_sent"
  | "hpp_session_disabled"
  | "synced_from_klarna";

export async function recordEvent(db: Executor, orderId: string, type: OrderEventType, message: string, data?: Record<string, unknown>) {
  await db.insert(orderEvents).values({ orderId, type, message, data });
}
