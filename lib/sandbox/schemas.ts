import { z } from "zod";
import * as wire from "@/lib/klarna-wire";

// What the sandbox accepts: Klarna's request bodies exactly as the wire contract (written from
// Klarna's OpenAPI documents) describes them, and the defaults Klarna documents for what a request
// leaves out. The arithmetic rules are in validation.ts. The control API's own bodies are here too.

export const {
  Address,
  OrderLine,
  CaptureRequest,
  RefundRequest,
  ShippingInfoRequest,
  CustomerTokenRequest,
  DistributionRequest,
  UpdateAuthorizationRequest,
  UpdateMerchantReferencesRequest,
  UpdateCustomerDetailsRequest,
  ExtendDueDateRequest,
} = wire;
export type OrderLine = wire.OrderLine;

export const KpSessionRequest = wire.KpSessionCreateRequest;
export const KpSessionUpdate = wire.KpSessionUpdateRequest;
export const PlaceOrderRequest = wire.PlaceOrderRequest;
export const HppSessionRequest = wire.HppSessionCreateRequest;

/** The order data a KP session and a place-order request share, as parsed. */
export type OrderData = z.output<typeof wire.PlaceOrderRequest>;

/** A KP session as the sandbox keeps it: the request, with Klarna's defaults where it was silent. */
export type KpSessionData = z.output<typeof wire.KpSessionCreateRequest> & {
  locale: string;
  intent: "buy" | "tokenize" | "buy_and_tokenize";
  acquiring_channel: "ECOMMERCE" | "IN_STORE" | "TELESALES";
};

export const withSessionDefaults = (request: z.output<typeof wire.KpSessionCreateRequest>): KpSessionData => ({
  ...request,
  locale: request.locale ?? "en-US",
  intent: request.intent ?? "buy",
  acquiring_channel: request.acquiring_channel ?? "ECOMMERCE",
});

type ParsedHppRequest = z.output<typeof wire.HppSessionCreateRequest>;

/** HPP options in upper case, with Klarna's defaults: place_order_mode NONE, purchase_type BUY, no fallback. */
export type HppOptions = Omit<
  NonNullable<ParsedHppRequest["options"]>,
  "place_order_mode" | "purchase_type" | "payment_method_category" | "payment_method_categories" | "show_subtotal_detail"
> & {
  place_order_mode: wire.PlaceOrderMode;
  purchase_type: wire.PurchaseType | "PAY";
  payment_fallback: boolean;
  payment_method_category?: wire.HppCategory;
  payment_method_categories?: wire.HppCategory[];
  show_subtotal_detail?: "HIDE";
};
export type HppMerchantUrls = NonNullable<ParsedHppRequest["merchant_urls"]>;

const upper = <T extends string>(value: string) => value.toUpperCase() as T;

export const withHppDefaults = (options: ParsedHppRequest["options"] = {}): HppOptions => ({
  ...options,
  place_order_mode: upper(options.place_order_mode ?? "NONE"),
  purchase_type: upper(options.purchase_type ?? "BUY"),
  payment_fallback: options.payment_fallback ?? false,
  payment_method_category: options.payment_method_category && upper<wire.HppCategory>(options.payment_method_category),
  payment_method_categories: options.payment_method_categories?.map((category) => upper<wire.HppCategory>(category)),
  show_subtotal_detail: options.show_subtotal_detail && upper<"HIDE">(options.show_subtotal_detail),
});

// ---- The control API's bodies (no Klarna equivalent)

export const CompleteHppRequest = z.object({
  outcome: z.enum(["approve", "decline", "cancel", "back", "error"]),
  category: z.string().max(50).optional(),
  email: z.string().max(254).optional(),
});

/** Control API: moves sandbox time forward, by up to a year or to the next deadline. */
export const AdvanceClockRequest = z.union([
  z
    .object({
      seconds: z
        .number()
        .int()
        .min(0)
        .max(366 * 24 * 3600),
    })
    .strict(),
  z.object({ to: z.literal("next_deadline") }).strict(),
]);
