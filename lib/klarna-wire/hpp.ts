import { z } from "zod";
import { caseInsensitiveEnum, openEnum, optional, reply, requiredWhen, text, timestamp, withDefault } from "./common";
import { HPP_CATEGORIES, PLACE_ORDER_MODES, PURCHASE_TYPES } from "./hpp-values";

// Hosted Payment Page v1 (hpp-v1.yml): sessions wrapping a KP session, and their distribution.

const url = text(2000);

export { HPP_CATEGORIES, PLACE_ORDER_MODES, PURCHASE_TYPES, type HppCategory, type PlaceOrderMode, type PurchaseType } from "./hpp-values";

export const MERCHANT_URL_KEYS = ["success", "cancel", "back", "failure", "error", "status_update"] as const;

export const HppMerchantUrls = z.object({
  success: url.nullish(),
  cancel: url.nullish(),
  back: url.nullish(),
  failure: url.nullish(),
  error: url.nullish(),
  status_update: url.nullish(),
  // Only in older SDK models; accepted, never used.
  privacy_policy: url.nullish(),
  terms: url.nullish(),
});

export const HppOptions = z.object({
  place_order_mode: withDefault(caseInsensitiveEnum(PLACE_ORDER_MODES), "NONE"),
  payment_method_category: caseInsensitiveEnum(HPP_CATEGORIES).optional(),
  payment_method_categories: z.array(caseInsensitiveEnum(HPP_CATEGORIES)).min(1).optional(),
  payment_fallback: withDefault(z.boolean(), false),
  purchase_type: withDefault(caseInsensitiveEnum([...PURCHASE_TYPES, "PAY"]), "BUY"),
  logo_url: url.optional(),
  background_images: z
    .array(z.object({ url, width: z.number().int().positive() }))
    .max(10)
    .optional(),
  page_title: text(255).optional(),
  show_subtotal_detail: caseInsensitiveEnum(["HIDE"]).optional(),
});

/** `POST /hpp/v1/sessions` (SessionCreationRequestV1): payment_session_url required. */
export const HppSessionCreateRequest = z.object({
  payment_session_url: z.string().min(1).max(2000),
  merchant_urls: HppMerchantUrls.optional(),
  options: HppOptions.optional(),
  profile_id: z.string().max(255).optional(),
});
export type HppSessionCreateRequest = z.input<typeof HppSessionCreateRequest>;

/** `POST /hpp/v1/sessions/{id}/distribution` (DistributionRequestV1): method and contact required. */
export const DistributionRequest = z.object({
  method: caseInsensitiveEnum(["email", "sms", "token"]),
  contact_information: z.object({
    email: z.string().max(254).optional(),
    phone: z.string().max(30).optional(),
    phone_country: z.string().optional(),
    access_id: z.string().max(255).optional(),
  }),
  template: z.string().optional(),
});
export type DistributionRequest =
  { method: "email"; contact_information: { email: string } } | { method: "sms"; contact_information: { phone: string; phone_country: string } };

// ---- Replies (the HPP document marks no reply field required; see common.ts)

/** SessionCreationResponseV1. `redirect_url` is documented for the ECOMMERCE channel only. */
export const HppSessionCreated = reply({
  session_id: z.string().min(1),
  session_url: optional(z.string()),
  redirect_url: requiredWhen(z.string(), "ecommerce_channel"),
  qr_code_url: optional(z.string()),
  distribution_url: optional(z.string()),
  expires_at: optional(timestamp),
  manual_identification_check_url: optional(z.string()),
  distribution_module: optional(reply({ token: optional(z.string()), standalone_url: optional(z.string()), generation_url: optional(z.string()) })),
});
export type HppSessionCreated = z.infer<typeof HppSessionCreated>;

/** The statuses the OpenAPI lists, and TIMEOUT from the status-callback page. */
export const HPP_STATUSES = ["WAITING", "IN_PROGRESS", "COMPLETED", "FAILED", "BACK", "CANCELLED", "ERROR", "DISABLED", "MANUAL_ID_CHECK", "TIMEOUT"] as const;
export type KnownHppStatus = (typeof HPP_STATUSES)[number];
export const HppStatus = openEnum(HPP_STATUSES);

const Identity = reply({
  given_name: optional(z.string()),
  family_name: optional(z.string()),
  date_of_birth: optional(z.string()),
  national_identification_number: optional(z.string()),
  title: optional(z.string()),
});

/** SessionResponseV1. Once COMPLETED it carries the authorization token (NONE) or the order Klarna placed. */
export const HppSessionRead = reply({
  session_id: z.string().min(1),
  status: HppStatus,
  updated_at: optional(timestamp),
  expires_at: optional(timestamp),
  authorization_token: requiredWhen(z.string(), "completed_none_mode"),
  order_id: requiredWhen(z.string(), "completed_by_klarna"),
  klarna_reference: optional(z.string()),
  customer: optional(Identity),
  manual_identification: optional(
    reply({ challenge: optional(z.string()), expires_at: optional(timestamp), customer: optional(Identity), customer_obfuscated: optional(Identity) }),
  ),
});
export type HppSessionRead = z.infer<typeof HppSessionRead>;
