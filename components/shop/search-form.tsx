import type { Messages } from "@/lib/i18n/messages";

export function SearchForm({ query, category, text }: { query: string; category?: string; text: Messages["catalogue"] }) {
  return (
    <form role="search" action="/" className="flex gap-2">
      {category ? <input type="hidden" name="category" value={category} /> : null}
      <label htmlFor="catalogue-search" className="sr-only">
        {text.searchLabel}
      </label>
      <input
        id="catalogue-search"
        type="search"
        name="q"
        defaultValue={query}
        maxLength={100}
        placeholder={text.searchPlaceholder}
        className="w-56 rounded-md border border-ink-200 bg-white px-3 py-1.5 dark:border-ink-600 dark:bg-ink-800"
      />
      <button type="submit" className="rounded-md bg-ink-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-ink-800 dark:bg-ink-100 dark:text-ink-900">
        {text.search}
      </button>
    </form>
  );
}
