import "server-only";
import { cookies } from "next/headers";
import { getCart, CART_COOKIE } from "./cart";
import { marketFromCookie, MARKET_COOKIE } from "./markets";

// What a storefront page needs to know about the shopper's request: their market and cart.

export async function currentMarket() {
  return marketFromCookie((await cookies()).get(MARKET_COOKIE)?.value);
}

export async function currentCart() {
  const store = await cookies();
  const market = marketFromCookie(store.get(MARKET_COOKIE)?.value);
  return { market, cart: await getCart(store.get(CART_COOKIE)?.value, market) };
}
