import "server-only";
import { cookies } from "next/headers";
import { config } from "@/lib/config";
import { getCart, CART_COOKIE } from "./cart";
import { marketFromCookie, MARKET_COOKIE } from "./markets";

// What a storefront page needs to know about the shopper's request: their market and cart, and
// in sandbox mode the sandbox namespace a test run put in a cookie.

export async function currentMarket() {
  return marketFromCookie((await cookies()).get(MARKET_COOKIE)?.value);
}

export async function currentCart() {
  const store = await cookies();
  const market = marketFromCookie(store.get(MARKET_COOKIE)?.value);
  return { market, cart: await getCart(store.get(CART_COOKIE)?.value, market) };
}

/** The cookie the sandbox dashboard and test runs set; the sandbox reads the same name. */
export const SANDBOX_NAMESPACE_COOKIE = "sandbox_namespace";

/** The sandbox namespace to create Klarna sessions in, when running against our sandbox. */
export async function currentSandboxNamespace(): Promise<string | undefined> {
  if (config().klarna.mode !== "sandbox") return undefined;
  const value = (await cookies()).get(SANDBOX_NAMESPACE_COOKIE)?.value;
  return value && /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : undefined;
}
