// The English words of a cart's or an order's totals. Part of the English catalogue (messages.ts),
// and kept apart so that OrderTotals can default to them where it is shown without the shop's
// messages: the back office, which is English, renders it too.

export const ENGLISH_TOTALS = {
  lines: "Order lines",
  subtotal: "Subtotal",
  /** VAT markets: the prices include it; this line says how much of the total it is. */
  vatIncluded: "Includes VAT ({rate})",
  /** The US: sales tax is added to the subtotal. */
  salesTax: "Sales tax ({rate})",
  total: "Total",
};
