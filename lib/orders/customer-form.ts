import { z } from "zod";
import { textField } from "@/lib/actions/form-fields";

// A blank required field is "", which CustomerDetails reports as required ("First name is required.").
const requiredText = z.string().default("");

/** The customer's fields of an order form (the checkout, pay-by-link), as CustomerDetails reads them. */
export const CustomerFields = z.object({
  email: requiredText,
  givenName: requiredText,
  familyName: requiredText,
  streetAddress: requiredText,
  postalCode: requiredText,
  city: requiredText,
  region: textField,
  phone: textField,
});
