import type { Metadata } from "next";
import Link from "next/link";
import { CartView } from "@/components/cart/cart-view";
import { currentCart } from "@/lib/shop/request";

export const metadata: Metadata = { title: "Cart" };

export default async function CartPage() {
  const { market, cart } = await currentCart();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">Your cart</h1>
      {cart.lines.length === 0 ? (
        <div className="space-y-4 rounded-card border border-dashed border-ink-200 p-10 text-center dark:border-ink-600">
          <p>Your cart is empty.</p>
          <Link href="/" className="inline-block rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700">
            Browse products
          </Link>
        </div>
      ) : (
        <CartView cart={cart} market={market} />
      )}
    </div>
  );
}
