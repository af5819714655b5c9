import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { orders, products } from "@/lib/db/schema";
import { startCheckoutFlow } from "@/lib/orders/checkout";
import { listPaymentSessions } from "@/lib/orders/queries";
import { personasFor } from "@/lib/orders/test-personas";
import { changeCart } from "@/lib/shop/cart";
import { MARKETS, type Market } from "@/lib/shop/markets";
import type { SandboxServer } from "./sandbox-server";

// Storefront checkouts against the in-process sandbox server, for integration tests.

export async function productId(slug: string) {
  const [product] = await db().select({ id: products.id }).from(products).where(eq(products.slug, slug));
  return product!.id;
}

export async function fillCart(items: [string, number][]) {
  let cookie: string | undefined;
  for (const [slug, quantity] of items) {
    const result = await changeCart(cookie, { kind: "add", productId: await productId(slug), quantity });
    if (result.cookie && "set" in result.cookie) cookie = result.cookie.set;
  }
  return cookie!;
}

export async function checkout(
  options: Record<string, unknown> = {},
  {
    market = MARKETS.GB,
    persona = 0,
    items = [
      ["ceramic-mug", 2],
      ["camping-lantern", 1],
    ],
  }: { market?: Market; persona?: number; items?: [string, number][] } = {},
) {
  const cartCookie = await fillCart(items);
  const { label: _label, ...customer } = personasFor(market.code)[persona]!;
  const outcome = await startCheckoutFlow({ cartCookie, market, customer, options });
  if (!outcome.ok) throw new Error(outcome.message);
  const [order] = await db().select().from(orders).where(eq(orders.reference, outcome.reference));
  const [session] = await listPaymentSessions(order!.id);
  return { order: order!, session: session!, cartCookie, redirectUrl: outcome.redirectUrl };
}

export const placeOrderCalls = (sandbox: SandboxServer) =>
  sandbox.requests.filter((line) => /^POST \/sandbox\/api\/payments\/v1\/authorizations\/.+\/order$/.test(line)).length;
