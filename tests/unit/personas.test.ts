import { describe, expect, it } from "vitest";
import { decideAuthorization } from "@/lib/sandbox/personas";

describe("sandbox personas", () => {
  it("hold orders for review only in the US and the UK, as Klarna's playground does", () => {
    expect(decideAuthorization("customer+pend-accept-05@email.uk", "GB")).toEqual({
      outcome: "approve",
      fraudStatus: "PENDING",
      pendingMinutes: 5,
      pendingVerdict: "accept",
    });
    expect(decideAuthorization("customer+pend-reject-10@email.us", "us")).toMatchObject({
      fraudStatus: "PENDING",
      pendingMinutes: 10,
      pendingVerdict: "reject",
    });
    expect(decideAuthorization("customer+pend-accept-05@email.de", "DE")).toEqual({ outcome: "approve", fraudStatus: "ACCEPTED" });
    expect(decideAuthorization("customer+denied@email.se", "SE")).toEqual({ outcome: "decline", reason: "denied" });
  });
});
