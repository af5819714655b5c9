import { z } from "zod";
import { format } from "@/lib/i18n/format";
import { HPP_CATEGORIES, PLACE_ORDER_MODES, PURCHASE_TYPES } from "@/lib/klarna-wire/hpp";

// What the checkout form sends, validated on the server (the form checks the same on the client).

export { PLACE_ORDER_MODES, PURCHASE_TYPES };
export const RETURN_STYLES = ["redirect", "polling", "hosted"] as const;
/** Klarna shows a Back button when merchant_urls.back is set, a Cancel button otherwise. */
export const EXIT_BUTTONS = ["back", "cancel"] as const;

/**
 * The field messages of the checkout, in English as the server answers them. The checkout form
 * recognises them (fieldProblemOf) and says them in the shopper's language (lib/i18n/messages.ts).
 */
export const FIELD_PROBLEMS = ["required", "tooLong", "invalidEmail"] as const;
export type FieldProblem = (typeof FIELD_PROBLEMS)[number];

/** The fields' names in the server's messages, which the English catalogue (lib/i18n/en.ts) shows as they are. */
export const FIELD_LABELS = {
  email: "Email",
  givenName: "First name",
  familyName: "Last name",
  streetAddress: "Street address",
  postalCode: "Postal code",
  city: "City",
  region: "State",
  phone: "Phone",
} as const;

export type CheckoutField = keyof typeof FIELD_LABELS;

/** The server's field messages, `{label}` standing for the field's name; the English catalogue's too. */
export const FIELD_MESSAGES: Record<FieldProblem, string> = {
  required: "{label} is required.",
  tooLong: "{label} is too long.",
  invalidEmail: "Enter a valid e-mail address.",
};

export const fieldMessage = (problem: FieldProblem, label: string) => format(FIELD_MESSAGES[problem], { label });

/** Which of the messages above the server's `message` for `field` is; undefined for any other message. */
export function fieldProblemOf(field: string, message: string): FieldProblem | undefined {
  const label: string = FIELD_LABELS[field as CheckoutField] ?? field;
  return FIELD_PROBLEMS.find((problem) => fieldMessage(problem, label) === message);
}

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
