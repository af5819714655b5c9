import { format } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/messages";
import { ENGLISH_TOTALS } from "@/lib/i18n/totals";
import { formatMoney, formatTaxRate } from "@/lib/money";
import type { Market } from "@/lib/shop/markets";

type Line = { name: string; quantity: number; totalMinor: number; type: "physical" | "sales_tax" };

/**
 * Lines and totals of a cart or an order, with the market's tax presentation: VAT markets say how
 * much VAT the prices include, the US adds sales tax as its own line. `text` is the shop's
 * language (English by default, for the back office), the amounts are written as the order's
 * market writes them.
 */
export function OrderTotals({
  market,
  lines,
  subtotalMinor,
  taxMinor,
  totalMinor,
  text = ENGLISH_TOTALS,
}: {
  market: Pick<Market, "currency" | "locale" | "taxMode" | "taxRate">;
  lines: Line[];
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
  text?: Messages["totals"];
}) {
  const money = (amount: number) => formatMoney(amount, market.currency, market.locale);
  const rate = formatTaxRate(market.taxRate, market.locale);
  return (
    <div className="space-y-3 text-sm">
      <ul className="space-y-1" aria-label={text.lines}>
        {lines
          .filter((line) => line.type !== "sales_tax")
          .map((line) => (
            <li key={line.name} className="flex justify-between gap-4">
              <span>
                {line.quantity} × {line.name}
              </span>
              <span>{money(line.totalMinor)}</span>
            </li>
          ))}
      </ul>
      <dl className="space-y-1 border-t border-ink-200 pt-2 dark:border-ink-800">
        <div className="flex justify-between">
          <dt>{text.subtotal}</dt>
          <dd>{money(subtotalMinor)}</dd>
        </div>
        <div className="flex justify-between text-ink-600 dark:text-ink-400">
          <dt>{format(market.taxMode === "vat_included" ? text.vatIncluded : text.salesTax, { rate })}</dt>
          <dd>{money(taxMinor)}</dd>
        </div>
        <div className="flex justify-between text-base font-semibold">
          <dt>{text.total}</dt>
          <dd data-testid="order-total">{money(totalMinor)}</dd>
        </div>
      </dl>
    </div>
  );
}
