"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { validatedAction, type Refusal } from "@/lib/actions/validated-action";
import { messagesFor } from "@/lib/i18n/messages";
import { retryCheckout } from "@/lib/orders/checkout";
import { checkFieldsMessage, currentMarket } from "@/lib/shop/request";

const RetryForm = z.object({ reference: z.string().default(""), k: z.string().default("") });

/** "Try again" after a decline, cancel or error: new sessions for the same order. */
export const retryPayment = validatedAction(
  { schema: RetryForm, role: "shopper", invalidMessage: checkFieldsMessage },
  async ({ reference, k }): Promise<Refusal> => {
    const { locale } = await currentMarket();
    const outcome = await retryCheckout(reference, k, locale);
    if (!outcome.ok) return { ok: false, message: outcome.message };
    if (!outcome.redirectUrl) return { ok: false, message: messagesFor(locale).refusals.noPaymentPage };
    // Outside any try/catch: redirect() works by throwing.
    redirect(outcome.redirectUrl);
  },
);
