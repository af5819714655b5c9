"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { textField } from "@/lib/actions/form-fields";
import { validatedAction, type ActionState } from "@/lib/actions/validated-action";
import { config } from "@/lib/config";
import { CART_COOKIE, changeCart } from "@/lib/shop/cart";
import { checkFieldsMessage, currentMarket } from "@/lib/shop/request";

export type CartActionState = ActionState<{ ok: boolean; message: string }>;

const THIRTY_DAYS = 60 * 60 * 24 * 30;

/** The change is parsed by lib/shop/cart.ts (CartChange), whichever way it came. */
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

// A cleared quantity goes on as "", which CartChange refuses rather than taking it for one.
const AddToCartForm = z.object({ productId: textField, quantity: z.string().default("") });

export const addToCart = validatedAction({ schema: AddToCartForm, role: "shopper", invalidMessage: checkFieldsMessage }, async ({ productId, quantity }) =>
  applyCartChange({ kind: "add", productId, quantity }),
);

// The cart page's buttons call these two with plain arguments, not a form: they stay plain
// functions, open to anyone like the shop, and CartChange parses what they are given.

export async function updateCartQuantity(productId: string, quantity: number | string): Promise<CartActionState> {
  return applyCartChange({ kind: "set", productId, quantity });
}

export async function removeFromCart(productId: string): Promise<CartActionState> {
  return applyCartChange({ kind: "remove", productId });
}
