import { z } from "zod";

// Klarna's response shapes (KP v1, HPP v1, OM v1), written from Klarna's OpenAPI documents and
// recorded playground traffic. The client parses every response with these; unknown fields pass
// through untouched, missing or mistyped required fields are an error.

const timestamp = z.iso.datetime({ offset: true });

export const KlarnaErrorBody = z.object({
  error_code: z.string(),
  error_messages: z.array(z.string()).optional(),
  error_message: z.string().optional(),
  correlation_id: z.string().optional(),
});
export type KlarnaErrorBody = z.infer<typeof KlarnaErrorBody>;

export const PaymentMethodCategory = z.object({
  identifier: z.string(),
  name: z.string(),
  asset_urls: z.object({ descriptive: z.string(), standard: z.string() }).optional(),
});

export const KpSessionCreated = z.object({
  session_id: z.string().min(1),
  client_token: z.string().min(1),
  payment_method_categories: z.array(PaymentMethodCategory),
});
export type KpSessionCreated = z.infer<typeof KpSessionCreated>;

export const KpOrderLine = z.object({
  type: z.string().optional(),
  reference: z.string().optional(),
  name: z.string(),
  quantity: z.number().int(),
  unit_price: z.number().int(),
  tax_rate: z.number().int().optional(),
  total_amount: z.number().int(),
  total_discount_amount: z.number().int().optional(),
  total_tax_amount: z.number().int().optional(),
});

export const KpSession = z.object({
  status: z.enum(["incomplete", "complete"]),
  expires_at: timestamp,
  client_token: z.string().optional(),
  purchase_country: z.string().length(2),
  purchase_currency: z.string().length(3),
  locale: z.string(),
  order_amount: z.number().int(),
  order_tax_amount: z.number().int().optional(),
  order_lines: z.array(KpOrderLine),
  payment_method_categories: z.array(PaymentMethodCategory).optional(),
});
export type KpSession = z.infer<typeof KpSession>;

export const FraudStatus = z.enum(["ACCEPTED", "PENDING", "REJECTED"]);

export const PlaceOrderResponse = z.object({
  order_id: z.string().min(1),
  redirect_url: z.string().optional(),
  fraud_status: FraudStatus,
  // The OpenAPI document says object, Klarna's docs show a bare string: accept both.
  authorized_payment_method: z
    .union([z.string(), z.object({ type: z.string(), number_of_days: z.number().optional(), number_of_installments: z.number().optional() })])
    .optional(),
});
export type PlaceOrderResponse = z.infer<typeof PlaceOrderResponse>;

export const CustomerTokenResponse = z.object({
  token_id: z.string().min(1),
  redirect_url: z.string().optional(),
  payment_method_reference: z.string().optional(),
});

export const HppSessionCreated = z.object({
  session_id: z.string().min(1),
  session_url: z.url(),
  redirect_url: z.url(),
  qr_code_url: z.url(),
  distribution_url: z.url(),
  expires_at: timestamp,
  manual_identification_check_url: z.string().optional(),
  distribution_module: z.object({ token: z.string(), standalone_url: z.string(), generation_url: z.string() }).optional(),
});
export type HppSessionCreated = z.infer<typeof HppSessionCreated>;

export const HppStatus = z.enum(["WAITING", "IN_PROGRESS", "COMPLETED", "FAILED", "BACK", "CANCELLED", "ERROR", "DISABLED", "MANUAL_ID_CHECK", "TIMEOUT"]);
export type HppStatus = z.infer<typeof HppStatus>;

export const HppSession = z.object({
  session_id: z.string().min(1),
  status: HppStatus,
  updated_at: timestamp,
  expires_at: timestamp,
  authorization_token: z.string().optional(),
  order_id: z.string().optional(),
  klarna_reference: z.string().optional(),
});
export type HppSession = z.infer<typeof HppSession>;

export const HppStatusCallback = z.object({ event_id: z.string().min(1), session: HppSession });

/** What Klarna POSTs to the KP session's merchant_urls.notification when a fraud review ends. */
export const FraudNotification = z.object({
  order_id: z.string().min(1),
  event_type: z.enum(["FRAUD_RISK_ACCEPTED", "FRAUD_RISK_REJECTED", "FRAUD_RISK_STOPPED"]),
  event_timestamp: z.string().optional(),
});
export type HppStatusCallback = z.infer<typeof HppStatusCallback>;

export const OmOrderStatus = z.enum(["AUTHORIZED", "PART_CAPTURED", "CAPTURED", "CANCELLED", "EXPIRED", "CLOSED"]);

export const OmCapture = z.object({
  capture_id: z.string().min(1),
  klarna_reference: z.string().optional(),
  captured_amount: z.number().int(),
  captured_at: timestamp,
  description: z.string().optional(),
  reference: z.string().optional(),
  refunded_amount: z.number().int().optional(),
  order_lines: z.array(KpOrderLine).optional(),
  shipping_info: z.array(z.record(z.string(), z.unknown())).optional(),
});

export const OmRefund = z.object({
  refund_id: z.string().min(1),
  refunded_amount: z.number().int(),
  refunded_at: timestamp,
  description: z.string().optional(),
  reference: z.string().optional(),
  order_lines: z.array(KpOrderLine).optional(),
});

export const OmOrder = z.object({
  order_id: z.string().min(1),
  status: OmOrderStatus,
  fraud_status: FraudStatus,
  order_amount: z.number().int(),
  original_order_amount: z.number().int(),
  captured_amount: z.number().int(),
  refunded_amount: z.number().int(),
  remaining_authorized_amount: z.number().int(),
  purchase_currency: z.string().length(3),
  purchase_country: z.string().length(2).optional(),
  locale: z.string().optional(),
  klarna_reference: z.string(),
  created_at: timestamp,
  expires_at: timestamp,
  merchant_reference1: z.string().optional(),
  merchant_reference2: z.string().optional(),
  order_lines: z.array(KpOrderLine),
  initial_payment_method: z.object({ type: z.string(), description: z.string().optional(), number_of_installments: z.number().optional() }).optional(),
  captures: z.array(OmCapture),
  refunds: z.array(OmRefund),
});
export type OmOrder = z.infer<typeof OmOrder>;
