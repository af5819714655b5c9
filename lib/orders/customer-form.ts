import { formText } from "@/lib/http/form-action";

/** The customer's fields of an order form (the checkout, pay-by-link), as CustomerDetails reads them. */
export function customerFromForm(form: FormData) {
  return {
    email: formText(form, "email") ?? "",
    givenName: formText(form, "givenName") ?? "",
    familyName: formText(form, "familyName") ?? "",
    streetAddress: formText(form, "streetAddress") ?? "",
    postalCode: formText(form, "postalCode") ?? "",
    city: formText(form, "city") ?? "",
    region: formText(form, "region"),
    phone: formText(form, "phone"),
  };
}
