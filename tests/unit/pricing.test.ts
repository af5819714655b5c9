import { describe, expect, it } from "vitest";
import { MARKETS } from "@/lib/shop/markets";
import { priceOrder } from "@/lib/shop/pricing";

// Klarna checks an order's sums line by line: these are the numbers it would check.

const line = (slug: string, quantity: number, unitPriceMinor: number) => ({ productId: `id-${slug}`, slug, name: slug, quantity, unitPriceMinor });

describe("priceOrder", () => {
  it("carries VAT inside each line in a VAT market, at the market's rate, with Klarna's per-line rounding", () => {
    const priced = priceOrder([line("mug", 2, 2900), line("lantern", 1, 5950)], MARKETS.GB);
    expect(priced.lines.map((entry) => [entry.totalMinor, entry.taxRate, entry.totalTaxMinor])).toEqual([
      [5800, 2000, 967],
      [5950, 2000, 992],
    ]);
    expect(priced).toMatchObject({ subtotalMinor: 11_750, taxMinor: 967 + 992, totalMinor: 11_750 });
  });

  it("adds US sales tax as one line on top, with no tax on the goods' lines", () => {
    const priced = priceOrder([line("mug", 3, 1000)], MARKETS.US);
    expect(priced.lines.map((entry) => [entry.type, entry.totalMinor, entry.totalTaxMinor])).toEqual([
      ["physical", 3000, 0],
      ["sales_tax", 240, 0],
    ]);
    expect(priced).toMatchObject({ subtotalMinor: 3000, taxMinor: 240, totalMinor: 3240 });
  });

  it("keeps the sums Klarna checks: the order amount is the lines' sum, the order tax the lines' tax", () => {
    for (const market of Object.values(MARKETS)) {
      const priced = priceOrder([line("a", 7, 333), line("b", 1, 1), line("c", 99, 12_345)], market);
      expect(priced.lines.reduce((sum, entry) => sum + entry.totalMinor, 0)).toBe(priced.totalMinor);
      // VAT: the tax inside the lines; US: the sales-tax line.
      const tax =
        market.taxMode === "vat_included"
          ? priced.lines.reduce((sum, entry) => sum + entry.totalTaxMinor, 0)
          : (priced.lines.find((entry) => entry.type === "sales_tax")?.totalMinor ?? 0);
      expect(tax).toBe(priced.taxMinor);
      expect(priced.taxMinor).toBeGreaterThan(0);
    }
  });

  it("rounds VAT line by line, so the order's tax can differ from the tax in its total", () => {
    // 3800 at 20 % holds 633.33: each line rounds to 633, while 7600 would hold 1266.67.
    const priced = priceOrder([line("mug", 2, 1900), line("tote", 1, 3800)], MARKETS.GB);
    expect(priced.lines.map((entry) => entry.totalTaxMinor)).toEqual([633, 633]);
    expect(priced).toMatchObject({ totalMinor: 7600, taxMinor: 1266 });
    // 1000 at 19 % holds 159.66: rounded up.
    expect(priceOrder([line("socks", 1, 1000)], MARKETS.DE).lines[0]).toMatchObject({ taxRate: 1900, totalTaxMinor: 160 });
  });

  it("rounds US sales tax once, on the subtotal, not per line", () => {
    // 8 % of 6 is 0.48 per line, but of the subtotal 12 it is 0.96: one cent.
    expect(priceOrder([line("a", 1, 6), line("b", 1, 6)], MARKETS.US)).toMatchObject({ subtotalMinor: 12, taxMinor: 1, totalMinor: 13 });
  });

  it("adds no sales-tax line to an empty US order", () => {
    expect(priceOrder([], MARKETS.US)).toEqual({ lines: [], subtotalMinor: 0, taxMinor: 0, totalMinor: 0 });
  });
});
