"use server";

import { redirect } from "next/navigation";
import { retryCheckout } from "@/lib/orders/checkout";
import { formAction } from "@/lib/http/form-action";

export type RetryState = { message: string } | null;

/** "Try again" after a decline, cancel or error: new sessions for the same order. */
export const retryPayment = formAction(async (formData: FormData): Promise<RetryState> => {
  const outcome = await retryCheckout(String(formData.get("reference") ?? ""), String(formData.get("k") ?? ""));
  if (!outcome.ok) return { message: outcome.message };
  if (!outcome.redirectUrl) return { message: "Klarna did not say where its payment page is. Please try again." };
  // Outside any try/catch: redirect() works by throwing.
  redirect(outcome.redirectUrl);
});
