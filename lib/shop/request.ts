import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { config } from "@/lib/config";
import { messagesFor } from "@/lib/i18n/messages";
import { SANDBOX_NAMESPACE_COOKIE, SandboxNamespace } from "@/lib/klarna-wire";
import { getCart, CART_COOKIE } from "./cart";
import { marketFromCookie, MARKET_COOKIE } from "./markets";
import { offeredMarkets } from "./offered-markets";

// What a storefront page needs to know about the shopper's request: their market and cart, and
// in sandbox mode the sandbox namespace a test run put in a cookie.

export async function currentMarket() {
  return marketFromCookie((await cookies()).get(MARKET_COOKIE)?.value, offeredMarkets());
}

/** The shop's messages in the language of the shopper's market. */
export async function currentMessages() {
  return messagesFor((await currentMarket()).locale);
}

/** A storefront form that does not parse is answered in the shopper's language. */
export const checkFieldsMessage = async () => (await currentMessages()).refusals.checkFields;

/** Read once per render: the header and the page both show the cart. */
export const currentCart = cache(async () => {
  const store = await cookies();
  const market = marketFromCookie(store.get(MARKET_COOKIE)?.value, offeredMarkets());
  return { market, cart: await getCart(store.get(CART_COOKIE)?.value, market) };
});

/** The sandbox namespace (set in a cookie by the dashboard or a test run) to create Klarna sessions in, when running against our sandbox. */
export async function currentSandboxNamespace(): Promise<string | undefined> {
  if (config().klarna.mode !== "sandbox") return undefined;
  const value = (await cookies()).get(SANDBOX_NAMESPACE_COOKIE)?.value;
  return SandboxNamespace.safeParse(value).success ? value : undefined;
}
