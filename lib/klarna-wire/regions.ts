// Klarna's regional API hosts. Paths are the same everywhere; a merchant account
// belongs to one region, so a shop selling in several regions holds credentials for each.

export const KLARNA_REGIONS = ["eu", "na", "oc"] as const;
export type KlarnaRegion = (typeof KLARNA_REGIONS)[number];

export const KLARNA_REGION_NAMES: Record<KlarnaRegion, string> = { eu: "Europe", na: "North America", oc: "Oceania" };

export const KLARNA_HOSTS = {
  playground: { eu: "https://api.playground.klarna.com", na: "https://api-na.playground.klarna.com", oc: "https://api-oc.playground.klarna.com" },
  production: { eu: "https://api.klarna.com", na: "https://api-na.klarna.com", oc: "https://api-oc.klarna.com" },
} as const satisfies Record<string, Record<KlarnaRegion, string>>;
