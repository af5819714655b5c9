"use server";

import { redirect } from "next/navigation";
import { openPayment } from "@/lib/orders/checkout";
import { verifyOrderPageKey } from "@/lib/orders/links";
import { getOrderByReference } from "@/lib/orders/queries";

export type RetryState = { message: string } | null;

/** "Try again" after a decline, cancel or error: new sessions for the same order. */
export async function retryPayment(_previous: RetryState, formData: FormData): Promise<RetryState> {
  const reference = String(formData.get("reference") ?? "");
  const order = await getOrderByReference(reference);
  if (!order || !verifyOrderPageKey(reference, String(formData.get("k") ?? ""))) return { message: "This order could not be found." };
  if (order.status !== "pending_payment") return { message: `This order is ${order.status.replace("_", " ")} and cannot be paid again. Please start a new checkout.` };
  const outcome = await openPayment(order.id);
  if (!outcome.ok) return { message: outcome.message };
  redirect(outcome.redirectUrl);
}
