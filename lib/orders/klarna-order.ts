import type { OrderLine, PlaceOrderRequest } from "@/lib/klarna-wire";
import type { OrderCustomer } from "@/lib/db/schema";
import type { OrderLineDraft } from "@/lib/shop/pricing";
import type { Market } from "@/lib/shop/markets";

// Our order in Klarna's words: the same data for the KP session and for place order, so Klarna's
// "request data does not match the session" check always passes.

export function toKlarnaLine(line: Omit<OrderLineDraft, "productId">): OrderLine {
  return {
    type: line.type,
    ...(line.reference ? { reference: line.reference } : {}),
    name: line.name,
    quantity: line.quantity,
    unit_price: line.unitPriceMinor,
    tax_rate: line.taxRate,
    total_amount: line.totalMinor,
    total_tax_amount: line.totalTaxMinor,
  };
}

export function toKlarnaOrderData(
  order: { reference: string; market: Market; totalMinor: number; taxMinor: number; customer: OrderCustomer },
  lines: Omit<OrderLineDraft, "productId">[],
) {
  const { customer } = order;
  const address = {
    given_name: customer.givenName,
    family_name: customer.familyName,
    email: customer.email,
    street_address: customer.streetAddress,
    postal_code: customer.postalCode,
    city: customer.city,
    ...(customer.region ? { region: customer.region } : {}),
    ...(customer.phone ? { phone: customer.phone } : {}),
    country: customer.country,
  };
  return {
    purchase_country: order.market.country,
    purchase_currency: order.market.currency,
    locale: order.market.locale,
    order_amount: order.totalMinor,
    order_tax_amount: order.taxMinor,
    order_lines: lines.map(toKlarnaLine),
    billing_address: address,
    shipping_address: address,
    merchant_reference1: order.reference,
  } satisfies PlaceOrderRequest;
}
