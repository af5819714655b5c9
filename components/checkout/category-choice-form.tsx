"use client";

import { useActionState, useState } from "react";
import { choosePaymentMethods } from "@/app/actions/checkout";
import type { Messages } from "@/lib/i18n/messages";

type Category = { identifier: string; name: string; hpp: string | null };
type Mode = "all" | "one" | "list";

const input = "mt-1 w-full rounded-md border border-ink-200 bg-white px-3 py-2 dark:border-ink-600 dark:bg-ink-800";

/** All of the session's categories, one of them, or a list: what HPP's options can ask for. Categories keep Klarna's names. */
export function CategoryChoiceForm({
  reference,
  orderKey,
  categories,
  listed,
  text,
}: {
  reference: string;
  orderKey: string;
  categories: Category[];
  listed: boolean;
  text: Messages["categoryChoice"];
}) {
  const [state, action, pending] = useActionState(choosePaymentMethods, null);
  const choosable = categories.filter((category) => category.hpp !== null);
  const [mode, setMode] = useState<Mode>("all");
  const [one, setOne] = useState(choosable[0]?.hpp ?? "");
  const [several, setSeveral] = useState<string[]>([]);
  const listEmpty = mode === "list" && several.length === 0;
  return (
    <form action={action} className="space-y-4 rounded-card border border-ink-200 bg-white p-5 dark:border-ink-800 dark:bg-ink-900">
      <input type="hidden" name="order" value={reference} />
      <input type="hidden" name="k" value={orderKey} />
      {categories.length > 0 ? (
        <ul className="space-y-1 text-sm" aria-label={text.offered}>
          {categories.map((category) => (
            <li key={category.identifier}>
              <strong>{category.name}</strong> <span className="font-mono text-ink-600 dark:text-ink-400">{category.identifier}</span>
              {category.hpp ? null : <span className="text-ink-600 dark:text-ink-400">{text.notLimitable}</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm">{listed ? text.noneListed : text.everyCategory}</p>
      )}
      <fieldset>
        <legend className="text-sm font-medium">{text.offer}</legend>
        <div className="mt-1 flex flex-wrap gap-4 text-sm">
          {(["all", "one", "list"] as const).map((value) => (
            <label key={value} className="flex items-center gap-2">
              <input type="radio" name="mode" value={value} checked={mode === value} disabled={value !== "all" && choosable.length === 0} onChange={() => setMode(value)} />
              {text.modes[value]}
            </label>
          ))}
        </div>
      </fieldset>
      {mode === "one" ? (
        <label className="block text-sm">
          {text.category}
          <select name="category" value={one} onChange={(event) => setOne(event.target.value)} className={input}>
            {choosable.map((category) => (
              <option key={category.identifier} value={category.hpp!}>
                {category.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {mode === "list" ? (
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <legend className="sr-only">{text.categories}</legend>
          {choosable.map((category) => (
            <label key={category.identifier} className="flex items-center gap-2">
              <input
                type="checkbox"
                name="categories"
                value={category.hpp!}
                checked={several.includes(category.hpp!)}
                onChange={(event) => setSeveral((current) => (event.target.checked ? [...current, category.hpp!] : current.filter((item) => item !== category.hpp)))}
              />
              {category.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      {listEmpty ? <p className="text-sm text-red-700 dark:text-red-400">{text.chooseOne}</p> : null}
      {state?.message ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.message}
        </p>
      ) : null}
      <button type="submit" disabled={pending || listEmpty} className="w-full rounded-md bg-ink-900 px-6 py-3 font-semibold text-white hover:bg-ink-800 disabled:opacity-60 dark:bg-brand-200 dark:text-ink-900">
        {pending ? text.redirecting : text.continue}
      </button>
    </form>
  );
}
