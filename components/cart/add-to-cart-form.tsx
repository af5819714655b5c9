"use client";

import { useActionState } from "react";
import { addToCart } from "@/app/actions/cart";

export function AddToCartForm({ productId, maxQuantity }: { productId: string; maxQuantity: number }) {
  const [state, formAction, pending] = useActionState(addToCart, null);
  const soldOut = maxQuantity < 1;
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="productId" value={productId} />
      <div className="flex items-end gap-3">
        <div>
          <label htmlFor="quantity" className="block text-sm font-medium">
            Quantity
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
          {pending ? "Adding…" : "Add to cart"}
        </button>
      </div>
      <p role="status" aria-live="polite" className={`min-h-6 text-sm ${state?.ok === false ? "text-red-700 dark:text-red-400" : "text-green-700 dark:text-green-400"}`}>
        {state?.message}
      </p>
    </form>
  );
}
