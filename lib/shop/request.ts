import "server-only";
import { cookies } from "next/headers";
import { config } from "@/lib/config";
import { Namespace, NAMESPACE_COOKIE } from "@/lib/sandbox/scope";
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

/** The sandbox namespace (set in a cookie by the dashboard or a test run) to create Klarna sessions in, when running against our sandbox. */
export async function currentSandboxNamespace(): Promise<string | undefined> {
  if (config().klarna.mode !== "sandbox") return undefined;
  const value = (await cookies()).get(NAMESPACE_COOKIE)?.value;
  return Namespace.safeParse(value).success ? value : undefined;
}
