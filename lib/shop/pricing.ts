import { addedTax, includedTax } from "@/lib/money";
import type { Market } from "@/lib/shop/markets";

// Prices lines for a market with Klarna's tax arithmetic: VAT markets carry the rate and the tax
// contained in each line; the US carries no tax on lines and one sales-tax line on top.

export interface PricedLine {
  productId: string;
  slug: string;
  name: string;
  quantity: number;
  unitPriceMinor: number;
}

export interface OrderLineDraft {
  type: "physical" | "sales_tax";
  productId: string | null;
  reference: string | null;
  name: string;
  quantity: number;
  unitPriceMinor: number;
  taxRate: number;
  totalMinor: number;
  totalTaxMinor: number;
}

export function priceOrder(lines: PricedLine[], market: Market) {
  const goods: OrderLineDraft[] = lines.map((line) => {
    const totalMinor = line.quantity * line.unitPriceMinor;
    const vat = market.taxMode === "vat_included";
    return {
      type: "physical",
      productId: line.productId,
      reference: line.slug,
      name: line.name,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      taxRate: vat ? market.taxRate : 0,
      totalMinor,
      totalTaxMinor: vat ? includedTax(totalMinor, market.taxRate) : 0,
    };
  });
  const subtotalMinor = goods.reduce((sum, line) => sum + line.totalMinor, 0);
  if (market.taxMode === "vat_included") {
    const taxMinor = goods.reduce((sum, line) => sum + line.totalTaxMinor, 0);
    return { lines: goods, subtotalMinor, taxMinor, totalMinor: subtotalMinor };
  }
  const taxMinor = addedTax(subtotalMinor, market.taxRate);
  const salesTax: OrderLineDraft = {
    type: "sales_tax",
    productId: null,
    reference: null,
    name: "Sales Tax",
    quantity: 1,
    unitPriceMinor: taxMinor,
    taxRate: 0,
    totalMinor: taxMinor,
    totalTaxMinor: 0,
  };
  return { lines: taxMinor > 0 ? [...goods, salesTax] : goods, subtotalMinor, taxMinor, totalMinor: subtotalMinor + taxMinor };
}
