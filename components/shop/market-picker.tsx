"use client";

import { useActionState } from "react";
import { chooseMarket } from "@/app/actions/market";
import type { Market, MarketCode } from "@/lib/shop/markets";

/** The market (and so the currency and the language) to shop in; each market is named in its own language. */
export function MarketPicker({ current, markets, label, changeLabel }: { current: MarketCode; markets: Market[]; label: string; changeLabel: string }) {
  // The action's answer is not shown: a market it refuses (one not on sale) leaves the current one.
  const [, action] = useActionState(chooseMarket, null);
  return (
    <form action={action} className="flex items-center gap-2 text-sm">
      <label htmlFor="market-picker" className="sr-only text-ink-600 sm:not-sr-only dark:text-ink-400">
        {label}
      </label>
      <select
        id="market-picker"
        name="market"
        defaultValue={current}
        key={current}
        onChange={(event) => event.currentTarget.form?.requestSubmit()}
        className="rounded-md border border-ink-200 bg-white px-2 py-1 dark:border-ink-600 dark:bg-ink-800"
      >
        {markets.map((market) => (
          <option key={market.code} value={market.code}>
            {market.name} ({market.currency})
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="rounded-md border px-2 py-1">
          {changeLabel}
        </button>
      </noscript>
    </form>
  );
}
