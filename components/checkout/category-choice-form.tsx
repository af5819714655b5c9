"use client";

import { useActionState, useState, type FormEvent } from "react";
import { choosePaymentMethods } from "@/app/actions/checkout";
import type { Messages } from "@/lib/i18n/messages";

type Category = { identifier: string; name: string; hpp: string | null };

const input = "mt-1 w-full rounded-md border border-ink-200 bg-white px-3 py-2 dark:border-ink-600 dark:bg-ink-800";

/**
 * All of the session's categories, one of them, or a list: what HPP's options can ask for. Categories
 * keep Klarna's names. The inputs are the browser's own and CSS shows the chooser of the checked mode,
 * so a choice made before the page is interactive (or without JavaScript) is what gets sent.
 */
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
  const [listEmpty, setListEmpty] = useState(false);
  const refuseEmptyList = (event: FormEvent<HTMLFormElement>) => {
    const data = new FormData(event.currentTarget);
    const empty = data.get("mode") === "list" && data.getAll("categories").length === 0;
    setListEmpty(empty);
    if (empty) event.preventDefault();
  };
  return (
    <form
      action={action}
      onSubmit={refuseEmptyList}
      onChange={() => setListEmpty(false)}
      className="group space-y-4 rounded-card border border-ink-200 bg-white p-5 dark:border-ink-800 dark:bg-ink-900"
    >
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
              <input
                type="radio"
                id={`category-mode-${value}`}
                name="mode"
                value={value}
                defaultChecked={value === "all"}
                disabled={value !== "all" && choosable.length === 0}
              />
              {text.modes[value]}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="hidden text-sm group-has-[#category-mode-one:checked]:block">
        {text.category}
        <select name="category" defaultValue={choosable[0]?.hpp ?? ""} className={input}>
          {choosable.map((category) => (
            <option key={category.identifier} value={category.hpp!}>
              {category.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="hidden flex-wrap gap-4 text-sm group-has-[#category-mode-list:checked]:flex">
        <legend className="sr-only">{text.categories}</legend>
        {choosable.map((category) => (
          <label key={category.identifier} className="flex items-center gap-2">
            <input type="checkbox" name="categories" value={category.hpp!} />
            {category.name}
          </label>
        ))}
      </fieldset>
      {listEmpty ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {text.chooseOne}
        </p>
      ) : null}
      {state?.message ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.message}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-ink-900 px-6 py-3 font-semibold text-white hover:bg-ink-800 disabled:opacity-60 dark:bg-brand-200 dark:text-ink-900"
      >
        {pending ? text.redirecting : text.continue}
      </button>
    </form>
  );
}
