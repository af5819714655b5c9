"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { messagesFor } from "@/lib/i18n/messages";
import { choosePaymentCategories, startCheckoutFlow } from "@/lib/orders/checkout";
import { CART_COOKIE } from "@/lib/shop/cart";
import { currentMarket, currentSandboxNamespace } from "@/lib/shop/request";
import { formAction } from "@/lib/http/form-action";

export type CheckoutState = { message: string; fieldErrors?: Record<string, string> } | null;

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
};

export const startCheckout = formAction(async (formData: FormData): Promise<CheckoutState> => {
  const store = await cookies();
  const market = await currentMarket();
  const outcome = await startCheckoutFlow({
    cartCookie: store.get(CART_COOKIE)?.value,
    market,
    sandboxNamespace: await currentSandboxNamespace(),
    customer: {
      email: text(formData, "email") ?? "",
      givenName: text(formData, "givenName") ?? "",
      familyName: text(formData, "familyName") ?? "",
      streetAddress: text(formData, "streetAddress") ?? "",
      postalCode: text(formData, "postalCode") ?? "",
      city: text(formData, "city") ?? "",
      region: text(formData, "region"),
      phone: text(formData, "phone"),
    },
    options: {
      placeOrderMode: text(formData, "placeOrderMode"),
      chooseCategories: formData.get("chooseCategories") === "on",
      paymentFallback: formData.get("paymentFallback") === "on",
      purchaseType: text(formData, "purchaseType"),
      returnStyle: text(formData, "returnStyle"),
      exitButton: text(formData, "exitButton"),
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
  const mode = text(formData, "mode") ?? "all";
  const { locale } = await currentMarket();
  const choice = { mode, category: text(formData, "category"), categories: formData.getAll("categories").filter((value) => typeof value === "string" && value !== "") };
  const outcome = await choosePaymentCategories(text(formData, "order") ?? "", text(formData, "k"), choice, locale);
  if (!outcome.ok) return { message: outcome.message };
  if (!outcome.redirectUrl) return { message: messagesFor(locale).refusals.noPaymentPage };
  redirect(outcome.redirectUrl);
});
