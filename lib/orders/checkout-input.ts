import { z } from "zod";
import { HPP_CATEGORIES, PLACE_ORDER_MODES, PURCHASE_TYPES } from "@/lib/klarna-wire/hpp-values";
import { EXIT_BUTTONS, FIELD_LABELS, fieldMessage, RETURN_STYLES, type CheckoutField } from "./checkout-fields";

// What the checkout form sends, validated on the server (the form checks the same on the client).

const required = (field: CheckoutField, max = 99) =>
  z.string().trim().min(1, fieldMessage("required", FIELD_LABELS[field])).max(max, fieldMessage("tooLong", FIELD_LABELS[field]));

export const CustomerDetails = z.object({
  email: z.email(fieldMessage("invalidEmail", FIELD_LABELS.email)).max(99),
  givenName: required("givenName"),
  familyName: required("familyName"),
  streetAddress: required("streetAddress"),
  postalCode: required("postalCode", 10),
  city: required("city"),
  region: z.string().trim().max(99).optional(),
  phone: z.string().trim().max(30).optional(),
});
export type CustomerDetails = z.infer<typeof CustomerDetails>;

export const PaymentOptions = z
  .object({
    placeOrderMode: z.enum(PLACE_ORDER_MODES).default("NONE"),
    /** Ask the shopper to pick among the categories Klarna's KP session offers, before the hosted page. */
    chooseCategories: z.boolean().default(false),
    paymentMethodCategory: z.enum(HPP_CATEGORIES).optional(),
    paymentMethodCategories: z.array(z.enum(HPP_CATEGORIES)).optional(),
    paymentFallback: z.boolean().default(false),
    purchaseType: z.enum(PURCHASE_TYPES).default("BUY"),
    returnStyle: z.enum(RETURN_STYLES).default("redirect"),
    exitButton: z.enum(EXIT_BUTTONS).default("back"),
  })
  .refine((options) => !(options.paymentMethodCategory && options.paymentMethodCategories?.length), {
    message: "Choose one payment method category or a list of them, not both.",
    path: ["paymentMethodCategories"],
  });
export type PaymentOptions = z.infer<typeof PaymentOptions>;

export const DEFAULT_PAYMENT_OPTIONS: PaymentOptions = PaymentOptions.parse({});
