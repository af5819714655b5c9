import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/auth/client-ip";

describe("the client's address for sign-in limits", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(clientAddress("::ffff:203.0.113.7", "198.51.100.1", [])).toBe("203.0.113.7");
  });

  it("behind a trusted proxy is the address the proxy saw, not one the client wrote", () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    expect(clientAddress("::ffff:10.0.0.2", "1.2.3.4, 203.0.113.7", ["10.0.0.2"])).toBe("203.0.113.7");
    // Two trusted hops.
    expect(clientAddress("10.0.0.2", ["1.2.3.4, 203.0.113.7", "10.0.0.3"], ["10.0.0.2", "10.0.0.3"])).toBe("203.0.113.7");
  });

  it("stays the proxy when it forwards nothing, so every client without the header shares one limit rather than none", () => {
    expect(clientAddress("10.0.0.2", undefined, ["10.0.0.2"])).toBe("10.0.0.2");
  });
});
