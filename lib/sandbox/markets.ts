// What the sandbox knows about Klarna markets: each country's currency and the payment method
// categories a KP session there offers.

export const COUNTRY_CURRENCY: Record<string, string> = {
  AT: "EUR", AU: "AUD", BE: "EUR", CA: "CAD", CH: "CHF", CZ: "CZK", DE: "EUR", DK: "DKK", ES: "EUR",
  FI: "EUR", FR: "EUR", GB: "GBP", GR: "EUR", HU: "HUF", IE: "EUR", IT: "EUR", MX: "MXN", NL: "EUR",
  NO: "NOK", NZ: "NZD", PL: "PLN", PT: "EUR", RO: "RON", SE: "SEK", SK: "EUR", US: "USD",
};

export interface PaymentMethodCategory {
  identifier: string;
  name: string;
}

const PAY_LATER = { identifier: "pay_later", name: "Buy now, pay later" };
const PAY_OVER_TIME = { identifier: "pay_over_time", name: "Monthly financing" };
const PAY_NOW = { identifier: "pay_now", name: "Pay now" };

const CATEGORIES_BY_COUNTRY: Record<string, PaymentMethodCategory[]> = {
  US: [{ identifier: "pay_later", name: "Pay in 4" }, { identifier: "pay_over_time", name: "Financing" }],
  GB: [{ identifier: "pay_later", name: "Pay in 3" }, PAY_NOW, { identifier: "pay_over_time", name: "Financing" }],
  DE: [{ identifier: "pay_later", name: "Pay in 30 days" }, PAY_NOW, PAY_OVER_TIME, { identifier: "direct_debit", name: "Direct debit" }],
  SE: [PAY_LATER, PAY_OVER_TIME, PAY_NOW],
};

const DEFAULT_CATEGORIES = [PAY_LATER, PAY_NOW, PAY_OVER_TIME];

export function categoriesFor(country: string): PaymentMethodCategory[] {
  return CATEGORIES_BY_COUNTRY[country.toUpperCase()] ?? DEFAULT_CATEGORIES;
}

export function categoryName(country: string, identifier: string): string {
  return categoriesFor(country).find((category) => category.identifier === identifier)?.name ?? identifier;
}

const BADGE = "https://x.klarnacdn.net/payment-method/assets/badges/generic/klarna.svg";

/** The shape KP returns in payment_method_categories. */
export function categoryResponse(country: string, identifiers: string[]) {
  return identifiers.map((identifier) => ({
    identifier,
    name: categoryName(country, identifier),
    asset_urls: { descriptive: BADGE, standard: BADGE },
  }));
}
