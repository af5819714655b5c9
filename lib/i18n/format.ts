import { createElement, Fragment, type ReactNode } from "react";
import { numberFormatter, pluralRules } from "@/lib/intl";

// The few helpers the shop's messages need, small enough for client components: they take the
// strings a server component handed them as props (never the catalogue itself, see messages.ts).

/** A message that depends on a count: Intl.PluralRules picks the form ("one" or "other"). */
export type Plural = { one: string; other: string };

/** A Plural, as the catalogues write one. */
export const count = (one: string, other: string): Plural => ({ one, other });

/** Fills the `{name}` placeholders of a message; a placeholder with no value is left as it is. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The form of `forms` for `count` in `locale`, with `{count}` filled in (as the locale writes numbers). */
export function plural(forms: Plural, count: number, locale: string): string {
  const form = pluralRules(locale).select(count);
  return format(form === "one" ? forms.one : forms.other, { count: numberFormatter(locale).format(count) });
}

/**
 * A message whose placeholders are elements (a link, a <strong> with a test id): the text around
 * them stays in the message, so a language can put them where its word order wants them.
 */
export function rich(template: string, nodes: Record<string, ReactNode>): ReactNode[] {
  return template
    .split(/(\{\w+\})/)
    .filter((part) => part !== "")
    .map((part, index) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return createElement(Fragment, { key: index }, name !== undefined && name in nodes ? nodes[name] : part);
    });
}
