import { z } from "zod";
import type { KlarnaRegion } from "@/lib/klarna-wire/regions";

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
  /** The Klarna region whose account sells here. */
  region: KlarnaRegion;
}

export const MARKETS: Record<MarketCode, Market> = {
  US: { code: "US", name: "United States", country: "US", currency: "USD", locale: "en-US", taxMode: "sales_tax", taxRate: 800, region: "na" },
  GB: { code: "GB", name: "United Kingdom", country: "GB", currency: "GBP", locale: "en-GB", taxMode: "vat_included", taxRate: 2000, region: "eu" },
  DE: { code: "DE", name: "Deutschland", country: "DE", currency: "EUR", locale: "de-DE", taxMode: "vat_included", taxRate: 1900, region: "eu" },
  SE: { code: "SE", name: "Sverige", country: "SE", currency: "SEK", locale: "sv-SE", taxMode: "vat_included", taxRate: 2500, region: "eu" },
};

export const DEFAULT_MARKET: MarketCode = "US";
export const MARKET_COOKIE = "market";

/** The market named by a cookie value among those on offer, or the first on offer for anything else. */
export function marketFromCookie(value: string | undefined, offered: readonly Market[]): Market {
  return offered.find((market) => market.code === value) ?? offered.find((market) => market.code === DEFAULT_MARKET) ?? offered[0]!;
}
