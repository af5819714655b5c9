import { describe, expect, it } from "vitest";
import { PaymentOptions } from "@/lib/orders/checkout-input";

// The purchase types HPP's OpenAPI (hpp-v1.yml, options.purchase_type) lists. Klarna's
// customization page also names PAY, which the OpenAPI does not: the checkout does not offer it.
const HPP_PURCHASE_TYPES = ["BUY", "RENT", "BOOK", "SUBSCRIBE", "DOWNLOAD", "ORDER", "CONTINUE"];

describe("the checkout's purchase type", () => {
  it.each(HPP_PURCHASE_TYPES)("accepts %s", (purchaseType) => {
    expect(PaymentOptions.parse({ purchaseType }).purchaseType).toBe(purchaseType);
  });

  it("is BUY, Klarna's default, when none is chosen", () => {
    expect(PaymentOptions.parse({}).purchaseType).toBe("BUY");
  });

  it.each(["PAY"])("refuses %s, which HPP's OpenAPI does not list", (purchaseType) => {
    const parsed = PaymentOptions.safeParse({ purchaseType });
    expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toEqual(["purchaseType"]);
  });
});
