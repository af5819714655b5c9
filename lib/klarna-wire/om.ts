import { z } from "zod";
import { Address, AddressReply, openEnum, optional, OrderLine, OrderLineReply, reply, stringsReply, text, timestamp } from "./common";
import { FraudStatus } from "./kp";

// Order Management v1 (ordermanagement-v1.yml). POSTs and PATCHes take Klarna-Idempotency-Key.

export const ShippingInfo = z.object({
  shipping_company: text(100).optional(),
  shipping_method: text(100).optional(),
  tracking_number: text(100).optional(),
  tracking_uri: text(1024).optional(),
  return_shipping_company: text(100).optional(),
  return_tracking_number: text(100).optional(),
  return_tracking_uri: text(1024).optional(),
});

/** CaptureObject: captured_amount required. */
export const CaptureRequest = z.object({
  captured_amount: z.number().int().min(0).max(100_000_000),
  description: text(255).optional(),
  reference: text(255).optional(),
  order_lines: z.array(OrderLine).max(1000).optional(),
  shipping_info: z.array(ShippingInfo).max(500).optional(),
  shipping_delay: z.number().int().min(0).optional(),
});
export type CaptureRequest = z.input<typeof CaptureRequest>;

/** RefundObject: refunded_amount required. */
export const RefundRequest = z.object({
  refunded_amount: z.number().int().min(0).max(100_000_000),
  description: text(255).optional(),
  reference: text(255).optional(),
  order_lines: z.array(OrderLine).max(1000).optional(),
});
export type RefundRequest = z.input<typeof RefundRequest>;

/** UpdateShippingInfo, for an order and for a capture: shipping_info required. */
export const ShippingInfoRequest = z.object({ shipping_info: z.array(ShippingInfo).min(1).max(500) });

/** "Update authorization": order_amount required. */
export const UpdateAuthorizationRequest = z.object({
  order_amount: z.number().int().min(0).max(200_000_000),
  description: text(255).optional(),
  order_lines: z.array(OrderLine).max(1000).optional(),
});

/** "Update merchant references": nothing required. */
export const UpdateMerchantReferencesRequest = z.object({ merchant_reference1: text(255).optional(), merchant_reference2: text(255).optional() });

/** UpdateConsumer: the OpenAPI lists shipping_address; Klarna's guide also names billing_address. */
export const UpdateCustomerDetailsRequest = z.object({ shipping_address: Address.optional(), billing_address: Address.optional() });

/** ExtendDueDateRequest: number_of_days required. */
export const ExtendDueDateRequest = z.object({ number_of_days: z.number().int().min(1).max(365) });

// ---- Replies (the OM document marks no reply field required; see common.ts)

export const OM_ORDER_STATUSES = ["AUTHORIZED", "PART_CAPTURED", "CAPTURED", "CANCELLED", "EXPIRED", "CLOSED"] as const;
export type KnownOmOrderStatus = (typeof OM_ORDER_STATUSES)[number];
export const OmOrderStatus = openEnum(OM_ORDER_STATUSES);

const ShippingInfoReply = stringsReply(ShippingInfo);

export const OmCapture = reply({
  capture_id: z.string().min(1),
  klarna_reference: optional(z.string()),
  captured_amount: optional(z.number()),
  captured_at: optional(timestamp),
  description: optional(z.string()),
  reference: optional(z.string()),
  refunded_amount: optional(z.number()),
  order_lines: optional(z.array(OrderLineReply)),
  billing_address: optional(AddressReply),
  shipping_address: optional(AddressReply),
  shipping_info: optional(z.array(ShippingInfoReply)),
  /** The consumer's payment due date; the sandbox sets it, Klarna's document does not list it. */
  due_date: optional(timestamp),
});
export type OmCapture = z.infer<typeof OmCapture>;

export const OmRefund = reply({
  refund_id: z.string().min(1),
  refunded_amount: optional(z.number()),
  refunded_at: optional(timestamp),
  description: optional(z.string()),
  reference: optional(z.string()),
  order_lines: optional(z.array(OrderLineReply)),
  credit_invoice: optional(z.boolean()),
});
export type OmRefund = z.infer<typeof OmRefund>;

// The document types these prices as integers with `enum: [null]`, which no integer meets: read as a number or null.
const price = z.number().nullable();

/** SelectedShippingOptionDto: the shipping option the consumer chose (e.g. in a shipping assistant). */
const SelectedShippingOption = reply({
  id: optional(z.string()),
  name: optional(z.string()),
  carrier: optional(z.string()),
  carrier_product: optional(reply({ identifier: optional(z.string()), name: optional(z.string()) })),
  class: optional(z.string()),
  method: optional(z.string()),
  type: optional(z.string()),
  tms_reference: optional(z.string()),
  price: optional(price),
  tax_amount: optional(price),
  tax_rate: optional(price),
  location: optional(
    reply({
      id: optional(z.string()),
      name: optional(z.string()),
      price: optional(price),
      // The document's own spelling, street_address__2.
      address: optional(
        reply({
          country: z.string(),
          street_address: z.string(),
          street_address__2: optional(z.string()),
          postal_code: optional(z.string()),
          city: optional(z.string()),
          region: optional(z.string()),
        }),
      ),
    }),
  ),
  selected_addons: optional(z.array(reply({ type: z.string(), price, external_id: optional(z.string()), user_input: optional(z.string()) }))),
  timeslot: optional(
    reply({ id: optional(z.string()), start: optional(z.string()), end: optional(z.string()), cutoff: optional(z.string()), price: optional(price) }),
  ),
});

/** MerchantOrderDto. */
export const OmOrder = reply({
  order_id: z.string().min(1),
  status: OmOrderStatus,
  fraud_status: optional(FraudStatus),
  order_amount: optional(z.number()),
  original_order_amount: optional(z.number()),
  captured_amount: optional(z.number()),
  refunded_amount: optional(z.number()),
  remaining_authorized_amount: optional(z.number()),
  purchase_country: optional(z.string()),
  purchase_currency: optional(z.string()),
  locale: optional(z.string()),
  klarna_reference: optional(z.string()),
  created_at: optional(timestamp),
  expires_at: optional(timestamp),
  merchant_reference1: optional(z.string()),
  merchant_reference2: optional(z.string()),
  merchant_data: optional(z.string()),
  billing_address: optional(AddressReply),
  shipping_address: optional(AddressReply),
  customer: optional(reply({ date_of_birth: optional(z.string()), national_identification_number: optional(z.string()) })),
  order_lines: optional(z.array(OrderLineReply)),
  shipping_info: optional(z.array(ShippingInfoReply)),
  selected_shipping_option: optional(SelectedShippingOption),
  initial_payment_method: optional(reply({ type: optional(z.string()), description: optional(z.string()), number_of_installments: optional(z.number()) })),
  captures: optional(z.array(OmCapture)),
  refunds: optional(z.array(OmRefund)),
});
export type OmOrder = z.infer<typeof OmOrder>;

/** ExtendDueDateOptions. */
export const ExtendDueDateOptions = reply({
  currency: optional(z.string()),
  options: optional(z.array(reply({ amount: optional(z.number()), number_of_days: optional(z.number()) }))),
});
