"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { config } from "@/lib/config";
import { CART_COOKIE, changeCart } from "@/lib/shop/cart";
import { currentMarket } from "@/lib/shop/request";
import { formAction } from "@/lib/http/form-action";

export type CartActionState = { ok: boolean; message: string } | null;

const THIRTY_DAYS = 60 * 60 * 24 * 30;

async function applyCartChange(input: unknown): Promise<CartActionState> {
  const store = await cookies();
  const result = await changeCart(store.get(CART_COOKIE)?.value, input, (await currentMarket()).locale);
  if (result.cookie && "set" in result.cookie) {
    store.set(CART_COOKIE, result.cookie.set, {
      httpOnly: true,
      sameSite: "lax",
      secure: config().appUrl.startsWith("https:"),
      path: "/",
      maxAge: THIRTY_DAYS,
    });
  } else if (result.cookie) {
    store.delete(CART_COOKIE);
  }
  revalidatePath("/", "layout");
  return result.ok ? { ok: true, message: result.message } : { ok: false, message: result.error };
}

const field = (formData: FormData, name: string) => formData.get(name) ?? undefined;

export const addToCart = formAction(async (formData: FormData): Promise<CartActionState> => {
  return applyCartChange({ kind: "add", productId: field(formData, "productId"), quantity: field(formData, "quantity") });
});

export async function updateCartQuantity(productId: string, quantity: number | string): Promise<CartActionState> {
  return applyCartChange({ kind: "set", productId, quantity });
}

export async function removeFromCart(productId: string): Promise<CartActionState> {
  return applyCartChange({ kind: "remove", productId });
}
