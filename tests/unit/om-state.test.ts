import { describe, expect, it } from "vitest";
import { current, type Order } from "@/lib/sandbox/om-state";

// An Order Management order as it stands at the sandbox's time (outside any namespace, the wall
// clock): a fraud review that has run its time decides, and an open authorization whose time has
// passed expires.

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms);
const ahead = (ms: number) => new Date(Date.now() + ms);

const order = (fields: Partial<Order>): Order =>
  ({
    status: "AUTHORIZED",
    fraudStatus: "ACCEPTED",
    fraudDecisionAt: null,
    fraudVerdict: null,
    orderAmount: 10_000,
    capturedAmount: 0,
    refundedAmount: 0,
    released: false,
    expiresAt: ahead(24 * HOUR),
    ...fields,
  }) as Order;

describe("an order at the sandbox's time", () => {
  it("stays as stored while nothing has fallen due", () => {
    const pending = order({ fraudStatus: "PENDING", fraudDecisionAt: ahead(HOUR), fraudVerdict: "REJECTED" });
    expect(current(pending)).toMatchObject({ status: "AUTHORIZED", fraudStatus: "PENDING" });
  });

  it("accepts a pending review once its time is up, or rejects it and cancels the order", () => {
    expect(current(order({ fraudStatus: "PENDING", fraudDecisionAt: ago(1), fraudVerdict: "ACCEPTED" }))).toMatchObject({
      status: "AUTHORIZED",
      fraudStatus: "ACCEPTED",
    });
    expect(current(order({ fraudStatus: "PENDING", fraudDecisionAt: ago(1), fraudVerdict: "REJECTED" }))).toMatchObject({
      status: "CANCELLED",
      fraudStatus: "REJECTED",
    });
  });

  it("expires an authorization past its time, captured in part or not, but not a captured or released one", () => {
    expect(current(order({ expiresAt: ago(1) })).status).toBe("EXPIRED");
    expect(current(order({ status: "PART_CAPTURED", capturedAmount: 4_000, expiresAt: ago(1) })).status).toBe("EXPIRED");
    expect(current(order({ status: "CAPTURED", capturedAmount: 10_000, expiresAt: ago(1) })).status).toBe("CAPTURED");
    expect(current(order({ status: "PART_CAPTURED", capturedAmount: 4_000, released: true, expiresAt: ago(1) })).status).toBe("PART_CAPTURED");
  });
});
