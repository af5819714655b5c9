"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { messagesFor } from "@/lib/i18n/messages";
import { choosePaymentCategories, startCheckoutFlow } from "@/lib/orders/checkout";
import { CART_COOKIE } from "@/lib/shop/cart";
import { currentMarket, currentSandboxNamespace } from "@/lib/shop/request";
import { formAction, formText } from "@/lib/http/form-action";
import { customerFromForm } from "@/lib/orders/customer-form";

export type CheckoutState = { message: string; fieldErrors?: Record<string, string> } | null;

export const startCheckout = formAction(async (formData: FormData): Promise<CheckoutState> => {
  const store = await cookies();
  const market = await currentMarket();
  const outcome = await startCheckoutFlow({
    cartCookie: store.get(CART_COOKIE)?.value,
    market,
    sandboxNamespace: await currentSandboxNamespace(),
    customer: customerFromForm(formData),
    options: {
      placeOrderMode: formText(formData, "placeOrderMode"),
      chooseCategories: formData.get("chooseCategories") === "on",
      paymentFallback: formData.get("paymentFallback") === "on",
      purchaseType: formText(formData, "purchaseType"),
      returnStyle: formText(formData, "returnStyle"),
      exitButton: formText(formData, "exitButton"),
    },
  });
  if (!outcome.ok) return { message: outcome.message, fieldErrors: outcome.fieldErrors };
  if (!outcome.redirectUrl) return { message: messagesFor(market.locale).refusals.noPaymentPage };
  // Outside any try/catch: redirect() works by throwing.
  redirect(outcome.redirectUrl);
});

export type CategoryChoiceState = { message: string } | null;

/** The categories step: limit Klarna's page to the categories chosen, then go there. */
export const choosePaymentMethods = formAction(async (formData: FormData): Promise<CategoryChoiceState> => {
  const mode = formText(formData, "mode") ?? "all";
  const { locale } = await currentMarket();
  const choice = {
    mode,
    category: formText(formData, "category"),
    categories: formData.getAll("categories").filter((value) => typeof value === "string" && value !== ""),
  };
  const outcome = await choosePaymentCategories(formText(formData, "order") ?? "", formText(formData, "k"), choice, locale);
  if (!outcome.ok) return { message: outcome.message };
  if (!outcome.redirectUrl) return { message: messagesFor(locale).refusals.noPaymentPage };
  redirect(outcome.redirectUrl);
});
