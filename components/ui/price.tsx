import { formatMoney } from "@/lib/money";
import type { Market } from "@/lib/shop/markets";

export function Price({ amountMinor, market, className }: { amountMinor: number; market: Pick<Market, "currency" | "locale">; className?: string }) {
  return <span className={className}>{formatMoney(amountMinor, market.currency, market.locale)}</span>;
}
