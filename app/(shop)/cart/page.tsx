import type { Metadata } from "next";
import Link from "next/link";
import { CartView } from "@/components/cart/cart-view";
import { messagesFor } from "@/lib/i18n/messages";
import { currentCart, currentMessages } from "@/lib/shop/request";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await currentMessages()).meta.cart };
}

export default async function CartPage() {
  const { market, cart } = await currentCart();
  const messages = messagesFor(market.locale);
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">{messages.cart.heading}</h1>
      {cart.lines.length === 0 ? (
        <div className="space-y-4 rounded-card border border-dashed border-ink-200 p-10 text-center dark:border-ink-600">
          <p>{messages.cart.empty}</p>
          <Link href="/" className="inline-block rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700">
            {messages.cart.browse}
          </Link>
        </div>
      ) : (
        <CartView cart={cart} market={market} text={messages.cartView} totals={messages.totals} />
      )}
    </div>
  );
}
