import { z } from "zod";

// Building blocks of Klarna's wire format, shared by the storefront's client (lib/klarna) and the
// sandbox (lib/sandbox). Written from Klarna's OpenAPI documents (Klarna Payments v1, HPP v1,
// Order Management v1).
//
// Replies are read leniently, as Klarna may answer:
// - a field the OpenAPI document marks optional may be absent or null (`optional()`);
// - an enum may grow a value the documents do not list yet (`openEnum()`): the value is kept and
//   the caller decides what an unknown one means, instead of the parse failing;
// - unknown extra fields pass through (`reply()`).
//
// Klarna's HPP and Order Management documents mark no property of their replies required. Taken
// literally a reply could be `{}`, which no client can act on and which none of Klarna's pages
// ever shows; for those replies the contract requires what names the resource and its state
// (`session_id`, `order_id`, `status`, a capture's or refund's id) and marks, with
// `requiredWhen()`, the fields Klarna documents as present under a condition. Everything else is
// optional, as documented.

/** A reply field the document marks optional: absent or null are both accepted. */
export const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

/** Conditions under which Klarna documents an optional reply field as present. */
export type Presence = "ecommerce_channel" | "completed_none_mode" | "completed_by_klarna";

/**
 * An optional reply field that Klarna documents as present under `when` (e.g. HPP's
 * `redirect_url`, "ECOMMERCE only"). The client still copes without it; the sandbox's lean
 * replies keep it exactly when the condition holds.
 */
export const requiredWhen = <T extends z.ZodType>(schema: T, when: Presence) => schema.nullish().meta({ requiredWhen: when });

/** Reads the condition a field was declared with by `requiredWhen`, if any. */
export function presenceOf(schema: z.ZodType): Presence | undefined {
  const meta = schema.meta() as { requiredWhen?: Presence } | undefined;
  return meta?.requiredWhen;
}

/**
 * An enum Klarna may extend. The documented values are listed (in the OpenAPI document too); any
 * other string is accepted as well and reaches the caller unchanged.
 */
export const openEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.union([z.enum(values), z.string()]).meta({ description: `One of ${values.join(", ")}; Klarna may add values` }) as unknown as z.ZodType<
    T[number] | (string & {})
  >;

/** A reply object: unknown fields pass through. */
export const reply = <T extends z.core.$ZodLooseShape>(shape: T) => z.looseObject(shape);

/** The reply form of a request object whose fields are all optional strings (URLs, shipping details, …). */
export const stringsReply = (request: z.ZodObject) => reply(Object.fromEntries(Object.keys(request.shape).map((key) => [key, optional(z.string())])));

/**
 * A request enum Klarna's OpenAPI lists in upper case while Klarna's own examples send lower
 * case: both spellings are accepted; the receiver reads them case-insensitively.
 */
export function caseInsensitiveEnum<const T extends readonly [string, ...string[]]>(values: T) {
  const both = [...values, ...values.map((value) => (value === value.toLowerCase() ? value.toUpperCase() : value.toLowerCase()))] as unknown as readonly [
    T[number] | Lowercase<T[number]> | Uppercase<T[number]>,
    ...(T[number] | Lowercase<T[number]> | Uppercase<T[number]>)[],
  ];
  return z.enum(both).meta({ description: "Case-insensitive: either spelling is accepted" });
}

/** An optional request field, with the default Klarna documents for when it is left out. */
export const withDefault = <T extends z.ZodType>(schema: T, value: z.output<T>) => schema.optional().meta({ default: value });

export const text = (max: number) => z.string().max(max);
/** Minor units, as every Klarna amount. */
export const amount = z.number().int().max(100_000_000);
export const timestamp = z.string().meta({ format: "date-time" });
export const countryCode = z.string().regex(/^[A-Za-z]{2}$/);
export const currencyCode = z.string().regex(/^[A-Za-z]{3}$/);
/** RFC 1766, e.g. en-GB. */
export const locale = z.string().regex(/^[A-Za-z]{2}(?:-[A-Za-z]{2})*$/);

/** Klarna's error envelope (KP ErrorV2, OM ErrorMessageDto); the general error page allows `error_message`. */
export const ErrorEnvelope = reply({
  error_code: optional(z.string()),
  error_messages: optional(z.array(z.string())),
  error_message: optional(z.string()),
  correlation_id: optional(z.string()),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

// ---- Shapes shared by requests (validated as Klarna documents) and replies (read leniently).

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
  country: countryCode.optional(),
  organization_name: text(99).optional(),
  attention: text(99).optional(),
});
export type Address = z.infer<typeof Address>;

export const ORDER_LINE_TYPES = [
  "physical",
  "discount",
  "shipping_fee",
  "sales_tax",
  "digital",
  "gift_card",
  "store_credit",
  "surcharge",
  "return_fee",
] as const;

export const OrderLine = z.object({
  type: z.enum(ORDER_LINE_TYPES).optional(),
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
  subscription: z.object({ name: text(255), interval: z.enum(["DAY", "WEEK", "MONTH", "YEAR"]), interval_count: z.number().int().min(1) }).optional(),
});
export type OrderLine = z.infer<typeof OrderLine>;

/** An order line as a reply carries it: only Klarna's required line fields are relied on. */
export const OrderLineReply = reply({
  type: optional(openEnum(ORDER_LINE_TYPES)),
  reference: optional(z.string()),
  name: z.string(),
  quantity: z.number(),
  unit_price: z.number(),
  total_amount: z.number(),
  tax_rate: optional(z.number()),
  total_discount_amount: optional(z.number()),
  total_tax_amount: optional(z.number()),
  quantity_unit: optional(z.string()),
  image_url: optional(z.string()),
  product_url: optional(z.string()),
  merchant_data: optional(z.string()),
  product_identifiers: optional(stringsReply(OrderLine.shape.product_identifiers.unwrap())),
  subscription: optional(reply({ name: z.string(), interval: openEnum(["DAY", "WEEK", "MONTH", "YEAR"]), interval_count: z.number() })),
});

export const AddressReply = reply(
  Object.fromEntries(Object.keys(Address.shape).map((key) => [key, optional(z.string())])) as Record<keyof Address, z.ZodOptional<z.ZodNullable<z.ZodString>>>,
);
