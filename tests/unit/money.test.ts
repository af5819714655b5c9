import { describe, expect, it } from "vitest";
import { addedTax, exampleAmount, formatMoney, formatTaxRate, includedTax, parseMoney } from "@/lib/money";

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
  it("reads an amount as the market's locale writes it", () => {
    expect(parseMoney("12.50", "GBP", "en-GB")).toBe(1250);
    expect(parseMoney("1,149.00", "USD", "en-US")).toBe(114900);
    expect(parseMoney("12,5", "EUR", "de-DE")).toBe(1250);
    expect(parseMoney("1.149,00", "EUR", "de-DE")).toBe(114900);
    // The very format the SEK label shows (a no-break space), and a typed space.
    expect(parseMoney(formatMoney(114900, "SEK", "sv-SE").replace(/\s*kr$/, ""), "SEK", "sv-SE")).toBe(114900);
    expect(parseMoney("1 149,00", "SEK", "sv-SE")).toBe(114900);
    expect(parseMoney("7", "SEK", "sv-SE")).toBe(700);
    expect(parseMoney("500", "JPY", "ja-JP")).toBe(500);
  });

  it("refuses what is not an amount, and the other market's decimal mark instead of guessing", () => {
    for (const text of ["", "abc", "-1", "1.234", "1e3", "12.5.0", "1,14,900.00"]) expect(parseMoney(text, "GBP", "en-GB"), text).toBeNull();
    expect(parseMoney("12,50", "USD", "en-US")).toBeNull();
    expect(parseMoney("12.50", "EUR", "de-DE")).toBeNull();
    expect(parseMoney("5.5", "JPY", "ja-JP")).toBeNull();
  });

  it("gives an example in the locale's own format", () => {
    expect(exampleAmount("SEK", "sv-SE")).toBe("1\u00a0149,00");
    expect(exampleAmount("USD", "en-US")).toBe("1,149.00");
  });
});
