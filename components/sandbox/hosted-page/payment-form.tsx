"use client";

import { useActionState, useState } from "react";
import { actOnPayment } from "@/app/sandbox/_actions/hosted-page";
import type { HppTexts } from "./texts";

type Props = {
  sessionId: string;
  categories: { identifier: string; name: string }[];
  email: string;
  texts: HppTexts;
  purchaseLabel: string;
  showBack: boolean;
};

const secondary =
  "w-full rounded-full border border-ink-200 px-4 py-2.5 text-sm font-medium text-ink-800 hover:bg-ink-50 dark:border-ink-600 dark:text-ink-100 dark:hover:bg-ink-800";

// Selected and unselected options differ in more than colour, in both colour schemes: the chosen
// row gets a heavy outline and a tinted fill, and the radio is drawn by the page (not the browser's
// dark-scheme control, whose unchecked state looked checked): a thin grey ring when unselected, a
// thick black (dark: white) ring when selected.
const option = "flex cursor-pointer items-center gap-3 rounded-xl border p-3";
const optionSelected = "border-black bg-ink-50 ring-1 ring-black dark:border-white dark:bg-ink-800 dark:ring-white";
const optionUnselected = "border-ink-200 bg-white dark:border-ink-600 dark:bg-ink-900";
const radio =
  "size-5 shrink-0 cursor-pointer appearance-none rounded-full border-2 border-ink-400 bg-white checked:border-[6px] checked:border-black dark:bg-ink-900 dark:checked:border-white";

export function PaymentForm({ sessionId, categories, email, texts, purchaseLabel, showBack }: Props) {
  const [state, action, pending] = useActionState(actOnPayment, null);
  const [chosen, setCategory] = useState(categories[0]?.identifier ?? "");
  // After a declined choice with payment fallback the list no longer holds it: the first one left is chosen.
  const category = categories.some((choice) => choice.identifier === chosen) ? chosen : (categories[0]?.identifier ?? "");
  return (
    <form action={action} className="space-y-5">
      <input type="hidden" name="sessionId" value={sessionId} />
      <fieldset className="space-y-2">
        <legend className="mb-2 font-semibold">{texts.choose}</legend>
        {categories.map((choice) => (
          <label key={choice.identifier} className={`${option} ${category === choice.identifier ? optionSelected : optionUnselected}`}>
            <input
              type="radio"
              name="category"
              value={choice.identifier}
              checked={category === choice.identifier}
              onChange={() => setCategory(choice.identifier)}
              data-testid={`hpp-category-${choice.identifier}`}
              className={radio}
            />
            <span className="font-medium">{choice.name}</span>
          </label>
        ))}
      </fieldset>
      <div>
        <label htmlFor="hpp-email" className="block text-sm font-medium">
          {texts.email}
        </label>
        <input
          id="hpp-email"
          name="email"
          type="email"
          defaultValue={email}
          autoComplete="email"
          data-testid="hpp-email"
          className="mt-1 w-full rounded-lg border border-ink-200 bg-white px-3 py-2.5 dark:border-ink-600 dark:bg-ink-950"
        />
      </div>
      {state?.message ? (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-100">
          {texts.actionFailed} {/* Klarna's error message, as the API words it: English. */}
          <span lang="en">{state.message}</span>
        </p>
      ) : null}
      <button
        type="submit"
        name="outcome"
        value="approve"
        disabled={pending || !category}
        data-testid="hpp-approve"
        className="w-full rounded-full bg-black px-4 py-3 text-lg font-semibold text-white hover:bg-ink-800 disabled:opacity-50 dark:bg-white dark:text-black dark:hover:bg-ink-200"
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
