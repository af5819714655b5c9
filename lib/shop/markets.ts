import { z } from "zod";

// The markets the shop sells in. `vat_included`: shelf prices include VAT at `taxRate`;
// `sales_tax`: shelf prices exclude tax, which is added at checkout as its own line.

export const MARKET_CODES = ["US", "GB", "DE", "SE"] as const;
export const MarketCode = z.enum(MARKET_CODES);
export type MarketCode = z.infer<typeof MarketCode>;

export interface Market {
  code: MarketCode;
  name: string;
  country: string;
  currency: string;
  locale: string;
  taxMode: "vat_included" | "sales_tax";
  /** Two implicit decimals, as Klarna's tax_rate: 2000 = 20 %. */
  taxRate: number;
}

export const MARKETS: Record<MarketCode, Market> = {
  US: { code: "US", name: "United States", country: "US", currency: "USD", locale: "en-US", taxMode: "sales_tax", taxRate: 800 },
  GB: { code: "GB", name: "United Kingdom", country: "GB", currency: "GBP", locale: "en-GB", taxMode: "vat_included", taxRate: 2000 },
  DE: { code: "DE", name: "Deutschland", country: "DE", currency: "EUR", locale: "de-DE", taxMode: "vat_included", taxRate: 1900 },
  SE: { code: "SE", name: "Sverige", country: "SE", currency: "SEK", locale: "sv-SE", taxMode: "vat_included", taxRate: 2500 },
};

export const DEFAULT_MARKET: MarketCode = "US";
export const MARKET_COOKIE = "market";

/** The market named by a cookie value, or the default for anything unknown. */
export function marketFromCookie(value: string | undefined): Market {
  const parsed = MarketCode.safeParse(value);
  return MARKETS[parsed.success ? parsed.data : DEFAULT_MARKET];
}
