"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { startCheckoutFlow } from "@/lib/orders/checkout";
import { CART_COOKIE } from "@/lib/shop/cart";
import { marketFromCookie, MARKET_COOKIE } from "@/lib/shop/markets";
import { currentSandboxNamespace } from "@/lib/shop/request";

export type CheckoutState = { message: string; fieldErrors?: Record<string, string> } | null;

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
};

export async function startCheckout(_previous: CheckoutState, formData: FormData): Promise<CheckoutState> {
  const store = await cookies();
  const categories = formData.getAll("paymentMethodCategories").filter((value) => typeof value === "string" && value !== "");
  const outcome = await startCheckoutFlow({
    cartCookie: store.get(CART_COOKIE)?.value,
    market: marketFromCookie(store.get(MARKET_COOKIE)?.value),
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
      paymentMethodCategory: text(formData, "paymentMethodCategory"),
      paymentMethodCategories: categories.length > 0 ? categories : undefined,
      paymentFallback: formData.get("paymentFallback") === "on",
      purchaseType: text(formData, "purchaseType"),
      returnStyle: text(formData, "returnStyle"),
      exitButton: text(formData, "exitButton"),
    },
  });
  if (!outcome.ok) return { message: outcome.message, fieldErrors: outcome.fieldErrors };
  // Outside any try/catch: redirect() works by throwing.
  redirect(outcome.redirectUrl);
}
