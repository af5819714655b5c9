"use client";

import Link from "next/link";
import { useOptimistic, useState, useTransition } from "react";
import { removeFromCart, updateCartQuantity, type CartActionState } from "@/app/actions/cart";
import { ProductImage } from "@/components/ui/product-image";
import { format } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/messages";
import { formatMoney, formatTaxRate } from "@/lib/money";
import type { Cart, CartLine } from "@/lib/shop/cart";
import type { Market } from "@/lib/shop/markets";

type Change = { productId: string; quantity: number };

/** The cart's lines and summary; refusals are the server's messages (lib/shop/cart.ts, in English). */
export function CartView({ cart, market, text, totals }: { cart: Cart; market: Market; text: Messages["cartView"]; totals: Messages["totals"] }) {
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<CartActionState>(null);
  // Quantities change on screen at once; the server's answer (or its refusal) replaces them.
  const [lines, applyOptimistic] = useOptimistic(cart.lines, (current: CartLine[], change: Change) =>
    current
      .filter((line) => line.productId !== change.productId || change.quantity > 0)
      .map((line) =>
        line.productId === change.productId ? { ...line, quantity: change.quantity, lineTotalMinor: change.quantity * line.unitPriceMinor } : line,
      ),
  );
  const money = (amountMinor: number) => formatMoney(amountMinor, market.currency, market.locale);

  function change(productId: string, quantity: number) {
    startTransition(async () => {
      applyOptimistic({ productId, quantity });
      setStatus(quantity === 0 ? await removeFromCart(productId) : await updateCartQuantity(productId, quantity));
    });
  }

  const subtotalMinor = lines.reduce((sum, line) => sum + line.lineTotalMinor, 0);
  const vatIncluded = market.taxMode === "vat_included";
  const taxRate = formatTaxRate(market.taxRate, market.locale);

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <ul
        aria-label={text.items}
        className="divide-y divide-ink-200 rounded-card border border-ink-200 bg-white dark:divide-ink-800 dark:border-ink-800 dark:bg-ink-900"
      >
        {lines.map((line) => (
          <li key={line.productId} className="flex flex-wrap items-center gap-4 p-4" data-testid="cart-line">
            <ProductImage src={line.imagePath} alt="" size={72} className="rounded-lg" />
            <div className="min-w-40 flex-1">
              <Link href={`/products/${line.slug}`} className="font-semibold hover:underline">
                {line.name}
              </Link>
              <p className="text-sm text-ink-600 dark:text-ink-400">{format(text.each, { price: money(line.unitPriceMinor) })}</p>
            </div>
            <QuantityControl line={line} text={text} onChange={(quantity) => change(line.productId, quantity)} />
            <p className="w-28 text-right font-medium" data-testid="line-total">
              {money(line.lineTotalMinor)}
            </p>
            <button
              type="button"
              onClick={() => change(line.productId, 0)}
              className="rounded-md px-2 py-1 text-sm text-ink-600 hover:bg-ink-100 hover:text-red-700 dark:text-ink-400 dark:hover:bg-ink-800"
              aria-label={format(text.removeLabel, { name: line.name })}
            >
              {text.remove}
            </button>
          </li>
        ))}
      </ul>
      <aside aria-label={text.summary} className="h-fit space-y-3 rounded-card border border-ink-200 bg-white p-5 dark:border-ink-800 dark:bg-ink-900">
        <dl className="space-y-2 text-sm">
          <div className="flex justify-between">
            <dt>{totals.subtotal}</dt>
            <dd data-testid="cart-subtotal">{money(subtotalMinor)}</dd>
          </div>
          <div className="flex justify-between text-ink-600 dark:text-ink-400">
            <dt>{format(vatIncluded ? totals.vatIncluded : totals.salesTax, { rate: taxRate })}</dt>
            <dd>{pending ? "…" : money(cart.taxMinor)}</dd>
          </div>
          <div className="flex justify-between border-t border-ink-200 pt-2 text-base font-semibold dark:border-ink-800">
            <dt>{totals.total}</dt>
            <dd data-testid="cart-total">{pending ? "…" : money(cart.totalMinor)}</dd>
          </div>
        </dl>
        <p
          role="status"
          aria-live="polite"
          className={`min-h-5 text-sm ${status?.ok === false ? "text-red-700 dark:text-red-400" : "text-ink-600 dark:text-ink-400"}`}
        >
          {status?.ok === false ? status.message : ""}
        </p>
        <Link
          href="/checkout"
          data-testid="checkout"
          className="block rounded-md bg-brand-600 px-5 py-3 text-center font-semibold text-white hover:bg-brand-700"
        >
          {text.checkout}
        </Link>
      </aside>
    </div>
  );
}

function QuantityControl({ line, text, onChange }: { line: CartLine; text: Messages["cartView"]; onChange: (quantity: number) => void }) {
  const name = { name: line.name };
  const max = Math.min(line.stock, 99);
  const button = "h-9 w-9 rounded-md border border-ink-200 text-lg leading-none hover:border-brand-500 disabled:opacity-40 dark:border-ink-600";
  return (
    <div className="flex items-center gap-1" role="group" aria-label={format(text.changeQuantity, name)}>
      <button
        type="button"
        className={button}
        onClick={() => onChange(line.quantity - 1)}
        disabled={line.quantity <= 1}
        aria-label={format(text.decrease, name)}
      >
        −
      </button>
      <label className="sr-only" htmlFor={`quantity-${line.productId}`}>
        {format(text.quantityOf, name)}
      </label>
      <select
        id={`quantity-${line.productId}`}
        value={line.quantity}
        onChange={(event) => onChange(Number(event.target.value))}
        className="h-9 rounded-md border border-ink-200 bg-white px-2 dark:border-ink-600 dark:bg-ink-800"
      >
        {Array.from({ length: Math.max(max, line.quantity) }, (_, index) => index + 1).map((quantity) => (
          <option key={quantity} value={quantity}>
            {quantity}
          </option>
        ))}
      </select>
      <button
        type="button"
        className={button}
        onClick={() => onChange(line.quantity + 1)}
        disabled={line.quantity >= max}
        aria-label={format(text.increase, name)}
      >
        +
      </button>
    </div>
  );
}
