"use client";

import { useActionState, useState } from "react";
import { actOnPayment } from "@/app/sandbox/hpp/[id]/actions";
import type { HppTexts } from "./texts";

type Props = {
  sessionId: string;
  categories: { identifier: string; name: string }[];
  email: string;
  texts: HppTexts;
  purchaseLabel: string;
  showBack: boolean;
};

const secondary = "w-full rounded-full border border-ink-200 px-4 py-2.5 text-sm font-medium text-ink-800 hover:bg-ink-50";

export function PaymentForm({ sessionId, categories, email, texts, purchaseLabel, showBack }: Props) {
  const [state, action, pending] = useActionState(actOnPayment, null);
  const [category, setCategory] = useState(categories[0]?.identifier ?? "");
  return (
    <form action={action} className="space-y-5">
      <input type="hidden" name="sessionId" value={sessionId} />
      <fieldset className="space-y-2">
        <legend className="mb-2 font-semibold">{texts.choose}</legend>
        {categories.map((option) => (
          <label
            key={option.identifier}
            className={`flex cursor-pointer items-center gap-3 rounded-xl border p-3 ${category === option.identifier ? "border-black ring-1 ring-black" : "border-ink-200"}`}
          >
            <input
              type="radio"
              name="category"
              value={option.identifier}
              checked={category === option.identifier}
              onChange={() => setCategory(option.identifier)}
              data-testid={`hpp-category-${option.identifier}`}
              className="accent-black"
            />
            <span className="font-medium">{option.name}</span>
          </label>
        ))}
      </fieldset>
      <div>
        <label htmlFor="hpp-email" className="block text-sm font-medium">
          {texts.email}
        </label>
        <input id="hpp-email" name="email" type="email" defaultValue={email} autoComplete="email" data-testid="hpp-email" className="mt-1 w-full rounded-lg border border-ink-200 px-3 py-2.5" />
      </div>
      {state?.message ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      <button
        type="submit"
        name="outcome"
        value="approve"
        disabled={pending || !category}
        data-testid="hpp-approve"
        className="w-full rounded-full bg-black px-4 py-3 text-lg font-semibold text-white hover:bg-ink-800 disabled:opacity-50"
      >
        {purchaseLabel}
      </button>
      <div className="grid grid-cols-2 gap-2">
        <button type="submit" name="outcome" value="decline" disabled={pending} data-testid="hpp-decline" className={secondary}>
          {texts.decline}
        </button>
        <button type="submit" name="outcome" value="error" disabled={pending} data-testid="hpp-error" className={secondary}>
          {texts.error}
        </button>
      </div>
      {showBack ? (
        <button type="submit" name="outcome" value="back" disabled={pending} data-testid="hpp-back" className="w-full text-sm underline">
          {texts.back}
        </button>
      ) : (
        <button type="submit" name="outcome" value="cancel" disabled={pending} data-testid="hpp-cancel" className="w-full text-sm underline">
          {texts.cancel}
        </button>
      )}
    </form>
  );
}
