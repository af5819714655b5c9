// Money is integer minor units everywhere; these helpers are the only place that turns it into text
// or derives tax from it. Tax rates use Klarna's convention: two implicit decimals (2500 = 25 %).

export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const formatter = new Intl.NumberFormat(locale, { style: "currency", currency });
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
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(taxRate / 10000);
}

/** Parses an amount typed in major units ("12.50") into minor units, or null when malformed. */
export function parseMoney(text: string, currency: string): number | null {
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const match = text.trim().replace(",", ".").match(digits > 0 ? new RegExp(`^(\\d{1,9})(?:\\.(\\d{1,${digits}}))?$`) : /^(\d{1,9})$/);
  if (!match) return null;
  return Number(match[1]) * 10 ** digits + Number((match[2] ?? "").padEnd(digits, "0") || 0);
}
