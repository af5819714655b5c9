import { describe, expect, it } from "vitest";
import { sign, unsign } from "@/lib/signing";

describe("signing", () => {
  it("round-trips a value for the same purpose", () => {
    expect(unsign(sign("abc", "cart"), "cart")).toBe("abc");
  });

  it("refuses a tampered value, a foreign purpose and unsigned input", () => {
    const signed = sign("abc", "cart");
    expect(unsign(signed.replace("abc", "abd"), "cart")).toBeNull();
    expect(unsign(signed, "order")).toBeNull();
    expect(unsign("abc", "cart")).toBeNull();
    expect(unsign(`${signed}x`, "cart")).toBeNull();
  });
});
