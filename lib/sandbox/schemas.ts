import { z } from "zod";

// Request bodies the sandbox accepts, written from Klarna's OpenAPI documents (KP v1, HPP v1,
// OM v1). Structure and field limits live here; the arithmetic rules are in validation.ts.

const text = (max: number) => z.string().max(max);
const amount = z.number().int().max(100_000_000);
const url = text(2000);

export const Address = z.object({
  given_name: text(99).optional(),
  family_name: text(99).optional(),
  email: text(99).optional(),
  title: text(20).optional(),
  street_address: text(99).optional(),
  street_address2: text(99).optional(),
  postal_code: text(10).optional(),
  city: text(99).optional(),
  region: text(99).optional(),
  phone: text(99).optional(),
  country: z.string().regex(/^[A-Za-z]{2}$/).optional(),
  organization_name: text(99).optional(),
  attention: text(99).optional(),
});

export const OrderLine = z.object({
  type: z.enum(["physical", "discount", "shipping_fee", "sales_tax", "digital", "gift_card", "store_credit", "surcharge", "return_fee"]).optional(),
  reference: text(255).optional(),
  name: z.string().min(1).max(255),
  quantity: z.number().int().min(0),
  quantity_unit: z.string().min(1).max(10).optional(),
  unit_price: amount.min(-100_000_000),
  tax_rate: z.number().int().min(0).max(10_000).optional(),
  total_amount: amount.min(-100_000_000),
  total_discount_amount: amount.min(0).optional(),
  total_tax_amount: amount.min(-100_000_000).optional(),
  image_url: text(1024).optional(),
  product_url: text(1024).optional(),
  merchant_data: text(1024).optional(),
  product_identifiers: z
    .object({
      brand: text(70).optional(),
      category_path: text(750).optional(),
      global_trade_item_number: text(50).optional(),
      manufacturer_part_number: text(70).optional(),
      color: text(64).optional(),
      size: text(64).optional(),
    })
    .optional(),
  subscription: z
    .object({ name: text(255), interval: z.enum(["DAY", "WEEK", "MONTH", "YEAR"]), interval_count: z.number().int().min(1) })
    .optional(),
});
export type OrderLine = z.infer<typeof OrderLine>;

/** The order data shared by a KP session and a place-order request. */
const OrderData = z.object({
  purchase_country: z.string().regex(/^[A-Za-z]{2}$/),
  purchase_currency: z.string().regex(/^[A-Za-z]{3}$/),
  locale: z.string().regex(/^[A-Za-z]{2}(?:-[A-Za-z]{2})*$/).default("en-US"),
  order_amount: amount.min(0),
  order_tax_amount: amount.min(0).optional(),
  order_lines: z.array(OrderLine).min(1).max(1000),
  billing_address: Address.optional(),
  shipping_address: Address.optional(),
  customer: z
    .object({
      date_of_birth: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
      gender: text(20).optional(),
      title: text(20).optional(),
      type: z.enum(["person", "organization"]).optional(),
      national_identification_number: text(50).optional(),
      last_four_ssn: text(4).optional(),
      organization_registration_id: text(50).optional(),
      organization_entity_type: text(50).optional(),
      vat_id: text(50).optional(),
    })
    .optional(),
  merchant_reference1: text(255).optional(),
  merchant_reference2: text(255).optional(),
  merchant_data: text(6000).optional(),
  merchant_urls: z
    .object({ confirmation: url.optional(), notification: url.optional(), push: url.optional(), authorization: url.optional() })
    .optional(),
});
export type OrderData = z.infer<typeof OrderData>;

export const KpSessionRequest = OrderData.extend({
  intent: z.enum(["buy", "tokenize", "buy_and_tokenize"]).default("buy"),
  acquiring_channel: z.enum(["ECOMMERCE", "IN_STORE", "TELESALES"]).default("ECOMMERCE"),
  attachment: z.object({ content_type: z.string(), body: z.string() }).optional(),
  custom_payment_method_ids: z.array(z.string()).optional(),
  design: z.string().optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});
export type KpSessionRequest = z.infer<typeof KpSessionRequest>;

export const PlaceOrderRequest = OrderData.extend({ auto_capture: z.boolean().default(false) });
export type PlaceOrderRequest = z.infer<typeof PlaceOrderRequest>;

export const CustomerTokenRequest = z.object({
  description: z.string().min(1).max(255),
  intended_use: z.literal("SUBSCRIPTION"),
  locale: z.string().regex(/^[A-Za-z]{2}(?:-[A-Za-z]{2})*$/),
  purchase_country: z.string().regex(/^[A-Za-z]{2}$/),
  purchase_currency: z.string().regex(/^[A-Za-z]{3}$/),
  billing_address: Address.optional(),
  customer: z.record(z.string(), z.unknown()).optional(),
});

export const HPP_CATEGORIES = ["DIRECT_DEBIT", "DIRECT_BANK_TRANSFER", "PAY_NOW", "PAY_LATER", "PAY_OVER_TIME", "KLARNA"] as const;
// Klarna's own examples send lower case, the OpenAPI upper case: accept both.
const upper = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((value) => (typeof value === "string" ? value.toUpperCase() : value), z.enum(values));
const HppCategory = upper(HPP_CATEGORIES);
export const PURCHASE_TYPES = ["BUY", "RENT", "BOOK", "SUBSCRIBE", "DOWNLOAD", "ORDER", "CONTINUE", "PAY"] as const;
export const PLACE_ORDER_MODES = ["NONE", "PLACE_ORDER", "CAPTURE_ORDER"] as const;

export const HppSessionRequest = z.object({
  payment_session_url: z.string().min(1).max(2000),
  merchant_urls: z
    .object({
      success: url.nullish(),
      cancel: url.nullish(),
      back: url.nullish(),
      failure: url.nullish(),
      error: url.nullish(),
      status_update: url.nullish(),
      privacy_policy: url.nullish(),
      terms: url.nullish(),
    })
    .default({}),
  options: z
    .object({
      place_order_mode: upper(PLACE_ORDER_MODES).default("NONE"),
      payment_method_category: HppCategory.optional(),
      payment_method_categories: z.array(HppCategory).min(1).optional(),
      payment_fallback: z.boolean().default(false),
      purchase_type: upper(PURCHASE_TYPES).default("BUY"),
      logo_url: url.optional(),
      background_images: z.array(z.object({ url, width: z.number().int().positive() })).max(10).optional(),
      page_title: text(255).optional(),
      show_subtotal_detail: upper(["HIDE"] as const).optional(),
    })
    .default({ place_order_mode: "NONE", payment_fallback: false, purchase_type: "BUY" }),
  profile_id: z.string().max(255).optional(),
});
export type HppSessionRequest = z.infer<typeof HppSessionRequest>;
export type HppOptions = HppSessionRequest["options"];
export type HppMerchantUrls = HppSessionRequest["merchant_urls"];

export const DistributionRequest = z.object({
  method: z.preprocess((value) => (typeof value === "string" ? value.toLowerCase() : value), z.enum(["email", "sms", "token"])),
  contact_information: z
    .object({ email: z.string().max(254).optional(), phone: z.string().max(30).optional(), phone_country: z.string().optional(), access_id: z.string().max(255).optional() })
    .optional(),
  template: z.string().optional(),
});

const ShippingInfo = z.object({
  shipping_company: text(100).optional(),
  shipping_method: text(100).optional(),
  tracking_number: text(100).optional(),
  tracking_uri: text(1024).optional(),
  return_shipping_company: text(100).optional(),
  return_tracking_number: text(100).optional(),
  return_tracking_uri: text(1024).optional(),
});

export const CaptureRequest = z.object({
  captured_amount: z.number().int().min(0).max(100_000_000),
  description: text(255).optional(),
  reference: text(255).optional(),
  order_lines: z.array(OrderLine).max(1000).optional(),
  shipping_info: z.array(ShippingInfo).max(500).optional(),
  shipping_delay: z.number().int().min(0).optional(),
});

export const RefundRequest = z.object({
  refunded_amount: z.number().int().min(0).max(100_000_000),
  description: text(255).optional(),
  reference: text(255).optional(),
  order_lines: z.array(OrderLine).max(1000).optional(),
});

export const ShippingInfoRequest = z.object({ shipping_info: z.array(ShippingInfo).min(1).max(500) });

export const CompleteHppRequest = z.object({
  outcome: z.enum(["approve", "decline", "cancel", "back", "error"]),
  category: z.string().max(50).optional(),
  email: z.string().max(254).optional(),
});

/** Control API: moves sandbox time forward, by up to a year or to the next deadline. */
export const AdvanceClockRequest = z.union([
  z.object({ seconds: z.number().int().min(0).max(366 * 24 * 3600) }).strict(),
  z.object({ to: z.literal("next_deadline") }).strict(),
]);
