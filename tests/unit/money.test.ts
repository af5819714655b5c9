import { describe, expect, it } from "vitest";
import { addedTax, formatMoney, formatTaxRate, includedTax, parseMoney } from "@/lib/money";

describe("money", () => {
  it("formats minor units in each market's locale and currency", () => {
    expect(formatMoney(3400, "USD", "en-US")).toBe("$34.00");
    expect(formatMoney(2900, "GBP", "en-GB")).toBe("£29.00");
    expect(formatMoney(3290, "EUR", "de-DE")).toBe("32,90\u00a0€");
    expect(formatMoney(34900, "SEK", "sv-SE")).toBe("349,00\u00a0kr");
  });

  it("respects currencies without minor units", () => {
    expect(formatMoney(500, "JPY", "ja-JP")).toBe("￥500");
  });

  it("computes included VAT with Klarna's line formula", () => {
    // Klarna's documented example: 59500 at 20 % carries 9917 tax, 2900 carries 483.
    expect(includedTax(59500, 2000)).toBe(9917);
    expect(includedTax(2900, 2000)).toBe(483);
    expect(includedTax(10000, 2500)).toBe(2000);
    expect(includedTax(0, 1900)).toBe(0);
  });

  it("adds sales tax on top of a subtotal", () => {
    expect(addedTax(20000, 500)).toBe(1000);
    expect(addedTax(3333, 800)).toBe(267);
  });

  it("renders Klarna tax rates as percentages", () => {
    expect(formatTaxRate(2000, "en-GB")).toBe("20%");
    expect(formatTaxRate(1900, "de-DE")).toBe("19\u00a0%");
  });
});

describe("parseMoney", () => {
  it("turns typed major units into minor units", () => {
    expect(parseMoney("12.50", "GBP")).toBe(1250);
    expect(parseMoney("12,5", "EUR")).toBe(1250);
    expect(parseMoney("7", "SEK")).toBe(700);
    expect(parseMoney("500", "JPY")).toBe(500);
  });

  it("refuses what is not an amount", () => {
    for (const text of ["", "abc", "-1", "1.234", "1e3", "12.5.0"]) expect(parseMoney(text, "GBP")).toBeNull();
    expect(parseMoney("5.5", "JPY")).toBeNull();
  });
});
