import { REVIEW_PERSONA_COUNTRIES } from "@/lib/klarna-wire";
import type { MarketCode } from "@/lib/shop/markets";
import type { CustomerDetails } from "./checkout-input";

// Klarna's playground test personas (approved and denied), used to pre-fill the checkout in
// sandbox mode so "Pay with Klarna" works without typing. Other outcomes are e-mail variants.

interface Persona extends CustomerDetails {
  label: string;
}

const BASE: Record<MarketCode, Omit<CustomerDetails, "email"> & { email: (tag: string) => string }> = {
  US: {
    email: (tag) => `customer${tag}@email.us`,
    givenName: "Test",
    familyName: "Person-us",
    streetAddress: "509 Amsterdam Ave",
    postalCode: "10024-3941",
    city: "New York",
    region: "NY",
    phone: "+13106683312",
  },
  GB: {
    email: (tag) => `customer${tag}@email.uk`,
    givenName: "Test",
    familyName: "Person-uk",
    streetAddress: "10 New Burlington Street Apt. 214",
    postalCode: "W1S 3BE",
    city: "London",
    phone: "+447755564318",
  },
  DE: {
    email: (tag) => `customer${tag}@email.de`,
    givenName: "Mock",
    familyName: "Mock",
    streetAddress: "Neue Schönhauser Str. 2",
    postalCode: "10178",
    city: "Berlin",
    phone: "+49017614284340",
  },
  SE: {
    email: (tag) => `customer${tag}@email.se`,
    givenName: "Alice",
    familyName: "Test",
    streetAddress: "Södra Blasieholmshamnen 2",
    postalCode: "11148",
    city: "Stockholm",
    phone: "+46701740615",
  },
};

const VARIANTS: { tag: string; label: string; markets?: string[] }[] = [
  { tag: "", label: "Approved" },
  { tag: "+denied", label: "Denied" },
  { tag: "+pend-accept-05", label: "Pending review, accepted after 5 minutes", markets: REVIEW_PERSONA_COUNTRIES },
  { tag: "+pend-reject-05", label: "Pending review, rejected after 5 minutes", markets: REVIEW_PERSONA_COUNTRIES },
];

export function personasFor(market: MarketCode): Persona[] {
  const { email, ...address } = BASE[market];
  return VARIANTS.filter((variant) => !variant.markets || variant.markets.includes(market)).map((variant) => ({
    ...address,
    email: email(variant.tag),
    label: `${variant.label} (${email(variant.tag)})`,
  }));
}
