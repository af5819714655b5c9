import { formatMoney, formatTaxRate } from "@/lib/money";
import type { Market } from "@/lib/shop/markets";

type Line = { name: string; quantity: number; totalMinor: number; type: "physical" | "sales_tax" };

/** Lines and totals of a cart or an order, with the market's tax presentation. */
export function OrderTotals({
  market,
  lines,
  subtotalMinor,
  taxMinor,
  totalMinor,
}: {
  market: Pick<Market, "currency" | "locale" | "taxMode" | "taxRate">;
  lines: Line[];
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
}) {
  const money = (amount: number) => formatMoney(amount, market.currency, market.locale);
  const rate = formatTaxRate(market.taxRate, market.locale);
  return (
    <div className="space-y-3 text-sm">
      <ul className="space-y-1" aria-label="Order lines">
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
          <dt>Subtotal</dt>
          <dd>{money(subtotalMinor)}</dd>
        </div>
        <div className="flex justify-between text-ink-600 dark:text-ink-400">
          <dt>{market.taxMode === "vat_included" ? `Includes VAT (${rate})` : `Sales tax (${rate})`}</dt>
          <dd>{money(taxMinor)}</dd>
        </div>
        <div className="flex justify-between text-base font-semibold">
          <dt>Total</dt>
          <dd data-testid="order-total">{money(totalMinor)}</dd>
        </div>
      </dl>
    </div>
  );
}
