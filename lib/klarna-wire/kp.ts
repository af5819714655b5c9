import { z } from "zod";
import {
  Address,
  AddressReply,
  amount,
  countryCode,
  currencyCode,
  locale,
  openEnum,
  optional,
  OrderLine,
  OrderLineReply,
  reply,
  stringsReply,
  text,
  timestamp,
  withDefault,
} from "./common";

// Klarna Payments v1 (payments-v1.json): sessions, authorizations, orders, customer tokens.

const url = text(2000);

export const Customer = z.object({
  date_of_birth: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  gender: text(20).optional(),
  title: text(20).optional(),
  type: z.enum(["person", "organization"]).optional(),
  national_identification_number: text(50).optional(),
  last_four_ssn: text(4).optional(),
  organization_registration_id: text(50).optional(),
  organization_entity_type: text(50).optional(),
  vat_id: text(50).optional(),
});

export const KpMerchantUrls = z.object({ confirmation: url.optional(), notification: url.optional(), push: url.optional(), authorization: url.optional() });

/** The widget's look (`options`): colours as #RRGGBB and a border radius. */
const hexColour = z.string().regex(/^#[A-Fa-f0-9]{6}$/);
export const KpOptions = z.object({
  color_border: hexColour.optional(),
  color_border_selected: hexColour.optional(),
  color_details: hexColour.optional(),
  color_text: hexColour.optional(),
  radius_border: z.string().optional(),
});

/** Extra merchant data: both fields required. */
export const Attachment = z.object({ content_type: z.string(), body: z.string() });

export const KP_CATEGORIES = ["klarna", "pay_later", "pay_now", "pay_over_time", "direct_bank_transfer", "direct_debit"] as const;

/** The order data a session and a place-order request share (`session` fields, all optional). */
const orderFields = {
  purchase_country: countryCode,
  purchase_currency: currencyCode,
  locale: withDefault(locale, "en-US"),
  order_amount: amount.min(0),
  order_tax_amount: amount.min(0).optional(),
  order_lines: z.array(OrderLine).min(1).max(1000),
  billing_address: Address.optional(),
  shipping_address: Address.optional(),
  customer: Customer.optional(),
  merchant_reference1: text(255).optional(),
  merchant_reference2: text(255).optional(),
  merchant_data: text(6000).optional(),
  merchant_urls: KpMerchantUrls.optional(),
};

const sessionFields = {
  ...orderFields,
  intent: withDefault(z.enum(["buy", "tokenize", "buy_and_tokenize"]), "buy"),
  acquiring_channel: withDefault(z.enum(["ECOMMERCE", "IN_STORE", "TELESALES"]), "ECOMMERCE"),
  attachment: Attachment.optional(),
  custom_payment_method_ids: z.array(z.string()).optional(),
  design: z.string().optional(),
  options: KpOptions.optional(),
};

/** `POST /payments/v1/sessions` (session_create): country, currency, amount and lines required. */
export const KpSessionCreateRequest = z.object(sessionFields);
export type KpSessionCreateRequest = z.input<typeof KpSessionCreateRequest>;

/** `POST /payments/v1/sessions/{id}` (session): the same fields, none required; what is sent is merged in. */
export const KpSessionUpdateRequest = z.object(sessionFields).partial();
export type KpSessionUpdateRequest = z.input<typeof KpSessionUpdateRequest>;

/** `POST /payments/v1/authorizations/{token}/order` (create_order_request). */
export const PlaceOrderRequest = z.object({ ...orderFields, auto_capture: z.boolean().optional() });
export type PlaceOrderRequest = z.input<typeof PlaceOrderRequest>;

/** `POST /payments/v1/authorizations/{token}/customer-token`. */
export const CustomerTokenRequest = z.object({
  description: z.string().min(1).max(255),
  intended_use: z.literal("SUBSCRIPTION"),
  locale,
  purchase_country: countryCode,
  purchase_currency: currencyCode,
  billing_address: Address.optional(),
  customer: z.record(z.string(), z.unknown()).optional(),
});

// ---- Replies

export const PaymentMethodCategory = reply({
  identifier: optional(openEnum(KP_CATEGORIES)),
  name: optional(z.string()),
  asset_urls: optional(reply({ descriptive: optional(z.string()), standard: optional(z.string()) })),
});

/** merchant_session: session_id and client_token required. */
export const KpSessionCreated = reply({
  session_id: z.string().min(1),
  client_token: z.string(),
  payment_method_categories: optional(z.array(PaymentMethodCategory)),
});
export type KpSessionCreated = z.infer<typeof KpSessionCreated>;

const ORGANIZATION_ENTITY_TYPES = [
  "LIMITED_COMPANY",
  "PUBLIC_LIMITED_COMPANY",
  "ENTREPRENEURIAL_COMPANY",
  "LIMITED_PARTNERSHIP_LIMITED_COMPANY",
  "LIMITED_PARTNERSHIP",
  "GENERAL_PARTNERSHIP",
  "REGISTERED_SOLE_TRADER",
  "SOLE_TRADER",
  "CIVIL_LAW_PARTNERSHIP",
  "PUBLIC_INSTITUTION",
  "OTHER",
] as const;

/** customer_read: what a session read shows of the customer (no national id, no SSN digits). */
export const CustomerRead = reply({
  date_of_birth: optional(z.string()),
  gender: optional(z.string()),
  organization_entity_type: optional(openEnum(ORGANIZATION_ENTITY_TYPES)),
  organization_registration_id: optional(z.string()),
  title: optional(z.string()),
  type: optional(z.string()),
  vat_id: optional(z.string()),
});

/** session_read: Klarna marks nothing required. */
export const KpSessionRead = reply({
  status: optional(openEnum(["incomplete", "complete"])),
  expires_at: optional(timestamp),
  client_token: optional(z.string()),
  purchase_country: optional(z.string()),
  purchase_currency: optional(z.string()),
  locale: optional(z.string()),
  order_amount: optional(z.number()),
  order_tax_amount: optional(z.number()),
  order_lines: optional(z.array(OrderLineReply)),
  billing_address: optional(AddressReply),
  shipping_address: optional(AddressReply),
  customer: optional(CustomerRead),
  merchant_reference1: optional(z.string()),
  merchant_reference2: optional(z.string()),
  merchant_data: optional(z.string()),
  merchant_urls: optional(stringsReply(KpMerchantUrls)),
  acquiring_channel: optional(openEnum(["ECOMMERCE", "IN_STORE", "TELESALES"])),
  intent: optional(openEnum(["buy", "tokenize", "buy_and_tokenize"])),
  options: optional(stringsReply(KpOptions)),
  design: optional(z.string()),
  attachment: optional(reply(Attachment.shape)),
  custom_payment_method_ids: optional(z.array(z.string())),
  authorization_token: optional(z.string()),
  payment_method_categories: optional(z.array(PaymentMethodCategory)),
});
export type KpSessionRead = z.infer<typeof KpSessionRead>;

export const FRAUD_STATUSES = ["ACCEPTED", "PENDING", "REJECTED"] as const;
export const FraudStatus = openEnum(FRAUD_STATUSES);

/** order: only order_id is required. */
export const PlaceOrderReply = reply({
  order_id: z.string().min(1),
  redirect_url: optional(z.string()),
  fraud_status: optional(FraudStatus),
  // The OpenAPI document says object, Klarna's docs show a bare string: either.
  authorized_payment_method: optional(
    z.union([z.string(), reply({ type: z.string(), number_of_days: optional(z.number()), number_of_installments: optional(z.number()) })]),
  ),
});
export type PlaceOrderReply = z.infer<typeof PlaceOrderReply>;

/** customer_token_creation_response: token_id required. */
export const CustomerTokenReply = reply({
  token_id: z.string().min(1),
  redirect_url: optional(z.string()),
  billing_address: optional(AddressReply),
  customer: optional(reply({ date_of_birth: optional(z.string()), gender: optional(z.string()) })),
  payment_method_reference: optional(z.string()),
});
