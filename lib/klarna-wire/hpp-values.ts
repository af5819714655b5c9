// The HPP option values (hpp-v1.yml), without zod: the checkout form in the browser lists them,
// and importing the schemas there would ship zod to every shopper.

export const HPP_CATEGORIES = ["DIRECT_DEBIT", "DIRECT_BANK_TRANSFER", "PAY_NOW", "PAY_LATER", "PAY_OVER_TIME", "KLARNA"] as const;
export type HppCategory = (typeof HPP_CATEGORIES)[number];
export const PLACE_ORDER_MODES = ["NONE", "PLACE_ORDER", "CAPTURE_ORDER"] as const;
export type PlaceOrderMode = (typeof PLACE_ORDER_MODES)[number];
/** The purchase types HPP's OpenAPI lists (the customization page also names PAY). */
export const PURCHASE_TYPES = ["BUY", "RENT", "BOOK", "SUBSCRIBE", "DOWNLOAD", "ORDER", "CONTINUE"] as const;
export type PurchaseType = (typeof PURCHASE_TYPES)[number];
