// What the sandbox knows about Klarna markets: each country's currency and the payment method
// categories a KP session there offers, named in the consumer's language as Klarna names them.

export const COUNTRY_CURRENCY: Record<string, string> = {
  AT: "EUR",
  AU: "AUD",
  BE: "EUR",
  CA: "CAD",
  CH: "CHF",
  CZ: "CZK",
  DE: "EUR",
  DK: "DKK",
  ES: "EUR",
  FI: "EUR",
  FR: "EUR",
  GB: "GBP",
  GR: "EUR",
  HU: "HUF",
  IE: "EUR",
  IT: "EUR",
  MX: "MXN",
  NL: "EUR",
  NO: "NOK",
  NZ: "NZD",
  PL: "PLN",
  PT: "EUR",
  RO: "RON",
  SE: "SEK",
  SK: "EUR",
  US: "USD",
};

export interface PaymentMethodCategory {
  identifier: string;
  name: string;
}

/** The languages the sandbox names categories in (those of its hosted page). */
type Language = "en" | "de" | "sv";
type Names = Record<string, string>;

// Klarna's generic names; a market may name a category its own way (GB's "Pay in 3").
const GENERIC: Record<Language, Names> = {
  en: { pay_later: "Buy now, pay later", pay_over_time: "Monthly financing", pay_now: "Pay now", direct_debit: "Direct debit" },
  de: { pay_later: "Später bezahlen", pay_over_time: "Ratenkauf", pay_now: "Sofort bezahlen", direct_debit: "Lastschrift" },
  sv: { pay_later: "Betala senare", pay_over_time: "Delbetalning", pay_now: "Betala nu", direct_debit: "Autogiro" },
};

interface Market {
  /** The language of a session in this country when no locale says otherwise. */
  language: Language;
  /** The categories offered, in Klarna's order. */
  categories: string[];
  /** The market's own names, per language, over the generic ones. */
  names?: Partial<Record<Language, Names>>;
}

const MARKETS: Record<string, Market> = {
  US: { language: "en", categories: ["pay_later", "pay_over_time"], names: { en: { pay_later: "Pay in 4", pay_over_time: "Financing" } } },
  GB: { language: "en", categories: ["pay_later", "pay_now", "pay_over_time"], names: { en: { pay_later: "Pay in 3", pay_over_time: "Financing" } } },
  DE: {
    language: "de",
    categories: ["pay_later", "pay_now", "pay_over_time", "direct_debit"],
    names: { en: { pay_later: "Pay in 30 days" }, de: { pay_later: "In 30 Tagen bezahlen" } },
  },
  SE: { language: "sv", categories: ["pay_later", "pay_over_time", "pay_now"] },
};

const DEFAULT_MARKET: Market = { language: "en", categories: ["pay_later", "pay_now", "pay_over_time"] };

const marketOf = (country: string) => MARKETS[country.toUpperCase()] ?? DEFAULT_MARKET;

/**
 * The language categories are named in: the locale's language when the sandbox speaks it ("de-DE",
 * "en-DE"), else the country's (a German session gets German names, as from Klarna).
 */
function languageOf(market: Market, locale?: string): Language {
  const language = locale?.split("-")[0]?.toLowerCase();
  return language && language in GENERIC ? (language as Language) : market.language;
}

function nameIn(market: Market, language: Language, identifier: string): string {
  return market.names?.[language]?.[identifier] ?? GENERIC[language][identifier] ?? identifier;
}

/** The categories a session in `country` offers, named in the session's language (`locale`, else the country's). */
export function categoriesFor(country: string, locale?: string): PaymentMethodCategory[] {
  const market = marketOf(country);
  const language = languageOf(market, locale);
  return market.categories.map((identifier) => ({ identifier, name: nameIn(market, language, identifier) }));
}

/** A category's name in `country`, in the session's language (`locale`, else the country's); identifiers never change. */
export function categoryName(country: string, identifier: string, locale?: string): string {
  const market = marketOf(country);
  return nameIn(market, languageOf(market, locale), identifier);
}

const BADGE = "https://x.klarnacdn.net/payment-method/assets/badges/generic/klarna.svg";

/** The shape KP returns in payment_method_categories. */
export function categoryResponse(country: string, identifiers: string[], locale?: string) {
  return identifiers.map((identifier) => ({
    identifier,
    name: categoryName(country, identifier, locale),
    asset_urls: { descriptive: BADGE, standard: BADGE },
  }));
}
