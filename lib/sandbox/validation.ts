import type { ZodType } from "zod";
import { unstorablePath } from "@/lib/text";
import { badValue, fieldPath } from "./errors";
import { COUNTRY_CURRENCY } from "./markets";
import type { OrderData, OrderLine } from "./schemas";

// Klarna's order-data rules as named checks. Each returns the field paths it finds wrong; a
// request with any is refused as 400 BAD_VALUE naming every path.

type Rule = { name: string; check: (order: OrderData) => string[] };

const lines = (order: OrderData) => order.order_lines.map((line, index) => ({ line, path: `order_lines[${index}]` }));
const isUs = (order: OrderData) => order.purchase_country.toUpperCase() === "US";
const isSalesTax = (line: OrderLine) => line.type === "sales_tax";

/** Tax contained in a tax-inclusive total, per Klarna's line formula. */
export const expectedLineTax = (line: OrderLine) => line.total_amount - (line.total_amount * 10000) / (10000 + (line.tax_rate ?? 0));

export const ORDER_RULES: Rule[] = [
  {
    name: "line total_amount = quantity × unit_price − total_discount_amount",
    check: (order) =>
      lines(order)
        .filter(({ line }) => line.total_amount !== line.quantity * line.unit_price - (line.total_discount_amount ?? 0))
        .map(({ path }) => `${path}.total_amount`),
  },
  {
    name: "line total_tax_amount within ±1 of total_amount − total_amount × 10000 / (10000 + tax_rate)",
    check: (order) =>
      isUs(order)
        ? []
        : lines(order)
            .filter(({ line }) => Math.abs((line.total_tax_amount ?? 0) - expectedLineTax(line)) > 1)
            .map(({ path }) => `${path}.total_tax_amount`),
  },
  {
    name: "US: tax only as sales_tax lines; elsewhere no sales_tax lines",
    check: (order) =>
      lines(order).flatMap(({ line, path }) => {
        if (!isUs(order)) return isSalesTax(line) ? [`${path}.type`] : [];
        if (isSalesTax(line)) return [];
        if ((line.tax_rate ?? 0) !== 0) return [`${path}.tax_rate`];
        return (line.total_tax_amount ?? 0) !== 0 ? [`${path}.total_tax_amount`] : [];
      }),
  },
  {
    name: "order_amount = Σ order_lines[].total_amount",
    check: (order) => (order.order_amount === order.order_lines.reduce((sum, line) => sum + line.total_amount, 0) ? [] : ["order_amount"]),
  },
  {
    // Klarna's tax page allows "±items quantity" at order level: ±1 per order line.
    name: "order_tax_amount within ±(number of order lines) of Σ line total_tax_amount (US: Σ sales_tax lines)",
    check: (order) => {
      const expected = order.order_lines.reduce(
        (sum, line) => sum + (isUs(order) ? (isSalesTax(line) ? line.total_amount : 0) : (line.total_tax_amount ?? 0)),
        0,
      );
      return Math.abs((order.order_tax_amount ?? 0) - expected) <= order.order_lines.length ? [] : ["order_tax_amount"];
    },
  },
  {
    name: "purchase_currency is the purchase_country's currency",
    check: (order) => {
      const currency = COUNTRY_CURRENCY[order.purchase_country.toUpperCase()];
      return currency && currency !== order.purchase_currency.toUpperCase() ? ["purchase_currency"] : [];
    },
  },
  {
    name: "locale's region, when given, is the purchase_country",
    check: (order) => {
      const region = order.locale?.split("-")[1];
      return region && region.toUpperCase() !== order.purchase_country.toUpperCase() ? ["locale"] : [];
    },
  },
];

export function validateOrderData(order: OrderData): void {
  const paths = ORDER_RULES.flatMap((rule) => rule.check(order));
  if (paths.length > 0) throw badValue(...new Set(paths));
}

/** Parses a body with a zod schema, refusing it as Klarna does: BAD_VALUE naming each field. */
export function parseBody<T>(schema: ZodType<T>, body: unknown): T {
  const unstorable = unstorablePath(body);
  if (unstorable) throw badValue(unstorable);
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw badValue(...new Set(result.error.issues.map((issue) => fieldPath(issue.path) || "body")));
  return result.data;
}
