"use server";

import { redirect } from "next/navigation";
import { messagesFor } from "@/lib/i18n/messages";
import { retryCheckout } from "@/lib/orders/checkout";
import { currentMarket } from "@/lib/shop/request";
import { formAction } from "@/lib/http/form-action";

export type RetryState = { message: string } | null;

/** "Try again" after a decline, cancel or error: new sessions for the same order. */
export const retryPayment = formAction(async (formData: FormData): Promise<RetryState> => {
  const { locale } = await currentMarket();
  const outcome = await retryCheckout(String(formData.get("reference") ?? ""), String(formData.get("k") ?? ""), locale);
  if (!outcome.ok) return { message: outcome.message };
  if (!outcome.redirectUrl) return { message: messagesFor(locale).refusals.noPaymentPage };
  // Outside any try/catch: redirect() works by throwing.
  redirect(outcome.redirectUrl);
});
