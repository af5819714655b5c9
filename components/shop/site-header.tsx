import Link from "next/link";
import { plural } from "@/lib/i18n/format";
import { messagesFor } from "@/lib/i18n/messages";
import { offeredMarkets } from "@/lib/shop/offered-markets";
import { currentCart } from "@/lib/shop/request";
import { MarketPicker } from "./market-picker";

export async function SiteHeader() {
  const { market, cart } = await currentCart();
  const { header: text } = messagesFor(market.locale);
  // Not prefetched: every shop page is dynamic and has no loading state, so a prefetch brings only
  // the route's shape (~270 bytes) and cost the server two requests per link on every page view.
  return (
    <header className="border-b border-ink-200 bg-white/90 backdrop-blur dark:border-ink-800 dark:bg-ink-900/90">
      {/* The shop's name is never cut: on a narrow phone the market and the cart move to a second row. */}
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 gap-y-1 px-4 py-2 sm:gap-x-4 sm:py-3">
        <Link href="/" prefetch={false} className="mr-auto text-lg font-bold tracking-tight whitespace-nowrap">
          <span aria-hidden="true" className="mr-1 text-brand-600">
            ◆
          </span>
          Northwind Goods
        </Link>
        <div className="ml-auto flex items-center gap-2 sm:gap-4">
          <MarketPicker current={market.code} markets={offeredMarkets()} label={text.market} changeLabel={text.change} />
          <Link
            href="/cart"
            prefetch={false}
            className="inline-flex items-center gap-2 rounded-full border border-ink-200 px-4 py-1.5 text-sm font-medium hover:border-brand-500 dark:border-ink-600"
          >
            {text.cart}
            <span
              data-testid="cart-count"
              aria-label={plural(text.items, cart.itemCount, market.locale)}
              className="rounded-full bg-brand-600 px-2 text-xs font-semibold text-white"
            >
              {cart.itemCount}
            </span>
          </Link>
        </div>
      </div>
    </header>
  );
}
