import { describe, expect, it } from "vitest";
import { securityHeaders } from "@/lib/http/guard";

// What a public demo's every response carries; HSTS only where the shop is served over https,
// since a browser that saw it on http://localhost would refuse plain http there for a year.

describe("security headers", () => {
  it("ask browsers for https for a year on an https APP_URL, and not on http", () => {
    expect(securityHeaders({ appUrl: "https://shop.example", isProduction: true })["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    expect(securityHeaders({ appUrl: "http://localhost:3000", isProduction: true })).not.toHaveProperty("strict-transport-security");
  });

  it("forbid framing and sniffing, and allow eval only in development (fast refresh)", () => {
    const production = securityHeaders({ appUrl: "https://shop.example", isProduction: true });
    expect(production).toMatchObject({ "x-frame-options": "DENY", "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin" });
    expect(production["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(production["content-security-policy"]).not.toContain("unsafe-eval");
    expect(securityHeaders({ appUrl: "http://localhost:3000", isProduction: false })["content-security-policy"]).toContain("'unsafe-eval'");
  });
});
