import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { format } from "@/lib/i18n/format";
import { messagesFor } from "@/lib/i18n/messages";
import { cartItems, carts, productPrices, products } from "@/lib/db/schema";
import { sign, unsign } from "@/lib/signing";
import type { Market } from "./markets";
import { priceOrder } from "./pricing";

// The cart lives in the database; the browser holds only a signed, httpOnly cookie naming it.
// Functions here take the raw cookie value and say what the cookie should become, so the server
// actions stay thin and every rule is testable without a request.

export const CART_COOKIE = "cart";
const CART_COOKIE_PURPOSE = "cart";
export const MAX_QUANTITY = 99;

const ProductId = z.uuid();
const Quantity = z.coerce.number().refine((value) => Number.isInteger(value) && value >= 1 && value <= MAX_QUANTITY);

export const CartChange = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("add"), productId: ProductId, quantity: Quantity.default(1) }),
  z.object({ kind: z.literal("set"), productId: ProductId, quantity: Quantity }),
  z.object({ kind: z.literal("remove"), productId: ProductId }),
]);
export type CartChange = z.infer<typeof CartChange>;

export type CookieInstruction = { set: string } | { clear: true } | null;
export type CartChangeResult = { ok: true; message: string; cookie: CookieInstruction } | { ok: false; error: string; cookie: CookieInstruction };

type CookieState = { kind: "none" } | { kind: "invalid" } | { kind: "cart"; cartId: string };

function readCookie(cookieValue: string | undefined): CookieState {
  if (!cookieValue) return { kind: "none" };
  const cartId = unsign(cookieValue, CART_COOKIE_PURPOSE);
  return cartId && z.uuid().safeParse(cartId).success ? { kind: "cart", cartId } : { kind: "invalid" };
}

/** The id of the cart a cookie names, when its signature holds (the cart may still be gone). */
export function cartIdFromCookie(cookieValue: string | undefined): string | null {
  const state = readCookie(cookieValue);
  return state.kind === "cart" ? state.cartId : null;
}

async function existingCartId(cookieValue: string | undefined): Promise<string | null | "invalid"> {
  const state = readCookie(cookieValue);
  if (state.kind === "none") return null;
  if (state.kind === "invalid") return "invalid";
  const [cart] = await db().select({ id: carts.id }).from(carts).where(eq(carts.id, state.cartId)).limit(1);
  // A correctly signed cookie for a cart this database does not know came from elsewhere.
  return cart ? cart.id : "invalid";
}

class CartRefusal extends Error {}

/**
 * Applies one validated change; refuses with a message in `locale`'s language (the shopper's) and
 * leaves the cart as it was.
 */
export async function changeCart(cookieValue: string | undefined, input: unknown, locale = "en"): Promise<CartChangeResult> {
  const text = messagesFor(locale).refusals;
  const parsed = CartChange.safeParse(input);
  if (!parsed.success) {
    const error = parsed.error.issues[0]!.path[0] === "quantity" ? format(text.quantityRange, { max: MAX_QUANTITY }) : text.productMissing;
    return { ok: false, error, cookie: null };
  }
  const change = parsed.data;

  const cartId = await existingCartId(cookieValue);
  if (cartId === "invalid") return { ok: false, error: text.invalidCart, cookie: { clear: true } };

  try {
    return await db().transaction(async (tx) => {
      const [product] = await tx
        .select({ name: products.name, stock: products.stock })
        .from(products)
        .where(eq(products.id, change.productId))
        .for("update")
        .limit(1);
      if (!product) throw new CartRefusal(text.productMissing);

      if (!cartId && change.kind !== "add") throw new CartRefusal(text.notInCart);
      const id = cartId ?? (await tx.insert(carts).values({}).returning({ id: carts.id }))[0]!.id;
      const [current] = await tx
        .select({ quantity: cartItems.quantity })
        .from(cartItems)
        .where(and(eq(cartItems.cartId, id), eq(cartItems.productId, change.productId)))
        .limit(1);

      if (change.kind === "remove") {
        if (!current) throw new CartRefusal(text.notInCart);
        await tx.delete(cartItems).where(and(eq(cartItems.cartId, id), eq(cartItems.productId, change.productId)));
      } else {
        if (change.kind === "set" && !current) throw new CartRefusal(text.notInCart);
        const quantity = change.kind === "add" ? (current?.quantity ?? 0) + change.quantity : change.quantity;
        if (product.stock === 0) throw new CartRefusal(format(text.outOfStock, { name: product.name }));
        if (quantity > product.stock) throw new CartRefusal(format(text.onlyInStock, { stock: product.stock, name: product.name }));
        if (quantity > MAX_QUANTITY) throw new CartRefusal(format(text.atMost, { max: MAX_QUANTITY }));
        await tx
          .insert(cartItems)
          .values({ cartId: id, productId: change.productId, quantity })
          .onConflictDoUpdate({ target: [cartItems.cartId, cartItems.productId], set: { quantity } });
      }
      await tx
        .update(carts)
        .set({ updatedAt: sql`now()` })
        .where(eq(carts.id, id));

      const done = change.kind === "add" ? messagesFor(locale).addToCart.added : change.kind === "set" ? text.updated : text.removed;
      const message = format(done, { name: product.name });
      return { ok: true as const, message, cookie: cartId ? null : { set: sign(id, CART_COOKIE_PURPOSE) } };
    });
  } catch (error) {
    if (error instanceof CartRefusal) return { ok: false, error: error.message, cookie: null };
    throw error;
  }
}

export interface CartLine {
  productId: string;
  slug: string;
  name: string;
  imagePath: string;
  stock: number;
  quantity: number;
  unitPriceMinor: number;
  lineTotalMinor: number;
}

export interface Cart {
  lines: CartLine[];
  itemCount: number;
  subtotalMinor: number;
  /** VAT contained in the subtotal, or sales tax to add to it (see market.taxMode). */
  taxMinor: number;
  totalMinor: number;
}

export async function getCart(cookieValue: string | undefined, market: Market): Promise<Cart> {
  const state = readCookie(cookieValue);
  const rows =
    state.kind === "cart"
      ? await db()
          .select({
            productId: products.id,
            slug: products.slug,
            name: products.name,
            imagePath: products.imagePath,
            stock: products.stock,
            quantity: cartItems.quantity,
            unitPriceMinor: productPrices.unitPriceMinor,
          })
          .from(cartItems)
          .innerJoin(products, eq(products.id, cartItems.productId))
          .innerJoin(productPrices, and(eq(productPrices.productId, products.id), eq(productPrices.market, market.code)))
          .where(eq(cartItems.cartId, state.cartId))
          .orderBy(asc(cartItems.addedAt), asc(products.name))
      : [];
  const lines = rows.map((row) => ({ ...row, lineTotalMinor: row.quantity * row.unitPriceMinor }));
  const { subtotalMinor, taxMinor, totalMinor } = priceOrder(lines, market);
  return { lines, itemCount: lines.reduce((sum, line) => sum + line.quantity, 0), subtotalMinor, taxMinor, totalMinor };
}
