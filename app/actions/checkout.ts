"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { checkboxField, listField, textField } from "@/lib/actions/form-fields";
import { validatedAction, type Refusal } from "@/lib/actions/validated-action";
import { messagesFor } from "@/lib/i18n/messages";
import { choosePaymentCategories, startCheckoutFlow } from "@/lib/orders/checkout";
import { CustomerFields } from "@/lib/orders/customer-form";
import { CART_COOKIE } from "@/lib/shop/cart";
import { checkFieldsMessage, currentMarket, currentSandboxNamespace } from "@/lib/shop/request";

const CheckoutForm = CustomerFields.extend({
  placeOrderMode: textField,
  chooseCategories: checkboxField,
  paymentFallback: checkboxField,
  purchaseType: textField,
  returnStyle: textField,
  exitButton: textField,
});

// Both forms end in a redirect to Klarna's hosted page: what they answer is a refusal.
export const startCheckout = validatedAction(
  { schema: CheckoutForm, role: "shopper", invalidMessage: checkFieldsMessage },
  async ({ placeOrderMode, chooseCategories, paymentFallback, purchaseType, returnStyle, exitButton, ...customer }): Promise<Refusal> => {
    const market = await currentMarket();
    const outcome = await startCheckoutFlow({
      cartCookie: (await cookies()).get(CART_COOKIE)?.value,
      market,
      sandboxNamespace: await currentSandboxNamespace(),
      customer,
      options: { placeOrderMode, chooseCategories, paymentFallback, purchaseType, returnStyle, exitButton },
    });
    if (!outcome.ok) return { ok: false, message: outcome.message, fieldErrors: outcome.fieldErrors };
    if (!outcome.redirectUrl) return { ok: false, message: messagesFor(market.locale).refusals.noPaymentPage };
    // Outside any try/catch: redirect() works by throwing.
    redirect(outcome.redirectUrl);
  },
);

const CategoryChoiceForm = z.object({
  order: z.string().default(""),
  k: textField,
  mode: z.string().default("all"),
  category: textField,
  categories: listField(textField),
});

/** The categories step: limit Klarna's page to the categories chosen, then go there. */
export const choosePaymentMethods = validatedAction(
  { schema: CategoryChoiceForm, role: "shopper", invalidMessage: checkFieldsMessage },
  async ({ order, k, mode, category, categories = [] }): Promise<Refusal> => {
    const { locale } = await currentMarket();
    const choice = { mode, category, categories: categories.filter((chosen) => chosen !== undefined) };
    const outcome = await choosePaymentCategories(order, k, choice, locale);
    if (!outcome.ok) return { ok: false, message: outcome.message };
    if (!outcome.redirectUrl) return { ok: false, message: messagesFor(locale).refusals.noPaymentPage };
    redirect(outcome.redirectUrl);
  },
);
