"use client";

import Link from "next/link";
import { useActionState } from "react";
import { addToCart } from "@/app/actions/cart";
import { format } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/messages";

/**
 * The product page's quantity and "Add to cart". Its success message is said here, in the shop's
 * language; a refusal is the server's message (lib/shop/cart.ts, in English).
 */
export function AddToCartForm({
  productId,
  productName,
  maxQuantity,
  text,
}: {
  productId: string;
  productName: string;
  maxQuantity: number;
  text: Messages["addToCart"];
}) {
  const [state, formAction, pending] = useActionState(addToCart, null);
  const soldOut = maxQuantity < 1;
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="productId" value={productId} />
      <div className="flex items-end gap-3">
        <div>
          <label htmlFor="quantity" className="block text-sm font-medium">
            {text.quantity}
          </label>
          <input
            id="quantity"
            name="quantity"
            type="number"
            inputMode="numeric"
            min={1}
            max={Math.max(maxQuantity, 1)}
            defaultValue={1}
            disabled={soldOut}
            className="mt-1 w-20 rounded-md border border-ink-200 bg-white px-3 py-2 dark:border-ink-600 dark:bg-ink-800"
          />
        </div>
        <button
          type="submit"
          data-testid="add-to-cart"
          disabled={soldOut || pending}
          className="rounded-md bg-brand-600 px-6 py-2.5 font-semibold text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {pending ? text.adding : text.add}
        </button>
      </div>
      <p
        role="status"
        aria-live="polite"
        className={`min-h-6 text-sm ${state?.ok === false ? "text-red-700 dark:text-red-400" : "text-green-700 dark:text-green-400"}`}
      >
        {state?.ok ? (
          <>
            {format(text.added, { name: productName })}{" "}
            <Link href="/checkout" className="font-semibold underline">
              {text.toCheckout}
            </Link>
          </>
        ) : (
          state?.message
        )}
      </p>
    </form>
  );
}
