import "server-only";
import { de } from "./de";
import { en, type Messages } from "./en";
import { sv } from "./sv";

// The shop's words, one catalogue per language (en.ts, de.ts, sv.ts). English is the source of
// truth: its shape is the type every other language must fill completely. Placeholders are `{name}`, filled by format()
// or rich() in lib/i18n/format.ts; counts are Plural forms.
//
// Server-only on purpose: client components get the few strings they show as props (a section of
// this catalogue at most), so no page ships every language's messages to the browser. Import only
// the `Messages` type from a client component.
//
// What is not here: product names and descriptions (the database's, English), Klarna's names for
// payment method categories, Klarna wire values (NONE, BUY, ...), market names (each in its own
// language). What the server says when it refuses a shopper is here too (`refusals`).

export type { Messages };

const CATALOGUES: Record<string, Messages> = { en, de, sv };

/** The messages for a locale such as "de-DE", by its language (the first two letters); English for any other. */
export function messagesFor(locale: string): Messages {
  return CATALOGUES[locale.slice(0, 2).toLowerCase()] ?? en;
}

/** A category's name in the catalogue's language, by its slug; the database's (English) name for a slug it does not know. */
export function categoryName(messages: Messages, category: { slug: string; name: string }): string {
  return (messages.categories as Record<string, string>)[category.slug] ?? category.name;
}
