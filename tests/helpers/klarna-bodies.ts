// Plain request bodies for Klarna calls, shared by integration and end-to-end tests (no server code).

/** A valid GB session: two lines at 20 % VAT, approved persona. */
export function gbSession(overrides: Record<string, unknown> = {}) {
  return {
    purchase_country: "GB",
    purchase_currency: "GBP",
    locale: "en-GB",
    order_amount: 62400,
    order_tax_amount: 10400,
    order_lines: [
      {
        type: "physical",
        reference: "JKT-1",
        name: "Rain Jacket",
        quantity: 1,
        unit_price: 59500,
        tax_rate: 2000,
        total_amount: 59500,
        total_tax_amount: 9917,
      },
      { type: "shipping_fee", name: "Shipping", quantity: 1, unit_price: 2900, tax_rate: 2000, total_amount: 2900, total_tax_amount: 483 },
    ],
    billing_address: { given_name: "Test", family_name: "Person-uk", email: "customer@email.uk", postal_code: "W1S 3BE", city: "London", country: "GB" },
    merchant_reference1: "ORDER-1",
    ...overrides,
  };
}

export const merchantUrls = {
  success: "https://shop.example/success?sid={{session_id}}&token={{authorization_token}}&order={{order_id}}",
  cancel: "https://shop.example/cancel?sid={{session_id}}",
  failure: "https://shop.example/failure?sid={{session_id}}",
  error: "https://shop.example/error?sid={{session_id}}",
};
