import { format } from "@/lib/i18n/format";
import { PLACE_ORDER_MODES, PURCHASE_TYPES } from "@/lib/klarna-wire/hpp-values";

// What the checkout form lists and how the server names its field problems, without zod: the form
// runs in the browser, the schemas that use these (checkout-input.ts) on the server.

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
