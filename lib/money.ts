// Money is integer minor units everywhere; these helpers are the only place that turns it into text
// or derives tax from it. Tax rates use Klarna's convention: two implicit decimals (2500 = 25 %).

import { numberFormatter } from "@/lib/intl";

export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const formatter = numberFormatter(locale, { style: "currency", currency });
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(amountMinor / 10 ** digits);
}

/** Tax contained in a tax-inclusive amount, per Klarna's line formula (rounded to a minor unit). */
export function includedTax(totalMinor: number, taxRate: number): number {
  return Math.round(totalMinor - (totalMinor * 10000) / (10000 + taxRate));
}

/** Tax to add on top of a tax-exclusive amount (US sales tax). */
export function addedTax(subtotalMinor: number, taxRate: number): number {
  return Math.round((subtotalMinor * taxRate) / 10000);
}

/** Klarna's tax_rate convention rendered as a percentage, e.g. 1900 → "19 %" in de-DE. */
export function formatTaxRate(taxRate: number, locale: string): string {
  return numberFormatter(locale, { style: "percent", maximumFractionDigits: 2 }).format(taxRate / 10000);
}

/** The separators `locale` writes numbers with, and the currency's number of minor digits. */
function numberFormat(currency: string, locale: string) {
  const formatter = numberFormatter(locale, { style: "currency", currency });
  const parts = formatter.formatToParts(1234567.89);
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return { group: parts.find((part) => part.type === "group")?.value ?? ",", decimal: parts.find((part) => part.type === "decimal")?.value ?? ".", digits };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Parses an amount typed as `locale` writes it ("1 149,00" in sv-SE, "1,149.00" in en-US, "12,50"
 * in de-DE) into minor units, or null when it is not one. Grouping must be in threes; the other
 * market's decimal mark is refused rather than guessed ("12,50" in en-US is not $12.50).
 */
export function parseMoney(text: string, currency: string, locale: string): number | null {
  const { group, decimal, digits } = numberFormat(currency, locale);
  // Narrow and ordinary spaces both stand for a space-like group separator (sv-SE writes U+00A0).
  const groups = /\s/.test(group) ? "[\\s\\u00a0\\u202f]" : escape(group);
  const whole = `(\\d{1,3}(?:${groups}\\d{3})+|\\d{1,9})`;
  const fraction = digits > 0 ? `(?:${escape(decimal)}(\\d{1,${digits}}))?` : "";
  const match = text.trim().match(new RegExp(`^${whole}${fraction}$`));
  if (!match) return null;
  const major = match[1]!.replace(/\D/g, "");
  if (major.length > 9) return null;
  return Number(major) * 10 ** digits + Number((match[2] ?? "").padEnd(digits, "0") || 0);
}

/** How `locale` writes an example amount, for hints such as "for example 1 149,00". */
export const exampleAmount = (currency: string, locale: string) =>
  numberFormatter(locale, { minimumFractionDigits: numberFormat(currency, locale).digits }).format(1149);
