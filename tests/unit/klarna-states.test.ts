import { describe, expect, it } from "vitest";
import { HPP_STATUSES, OM_ORDER_STATUSES, type OmOrder } from "@/lib/klarna-wire";
import {
  afterOperation,
  canTakePayment,
  fraudStatusNote,
  isFinalSessionStatus,
  merchantStatus,
  operationAvailability,
  orderColumnsFrom,
  sessionMeaning,
  viewKlarnaOrder,
} from "@/lib/orders/klarna-states";

// Every status Klarna documents means something in the shop, and one it does not document is
// kept as what it is, not guessed at.

const ledger = { totalMinor: 10_000, capturedMinor: 0, refundedMinor: 0 };
const order = (fields: Partial<OmOrder>): OmOrder => ({ order_id: "o-1", status: "AUTHORIZED", ...fields }) as OmOrder;
const view = (fields: Partial<OmOrder>, ours = ledger) => viewKlarnaOrder(order(fields), ours);
const allowed = (fields: Partial<OmOrder>, ours = ledger) =>
  Object.entries(operationAvailability(view(fields, ours), new Date("2026-01-01T00:00:00Z")))
    .filter(([, availability]) => availability.allowed)
    .map(([kind]) => kind);

describe("HPP session statuses", () => {
  it("each documented status has a meaning; TIMEOUT ends the session, MANUAL_ID_CHECK keeps it open", () => {
    for (const status of HPP_STATUSES) expect(sessionMeaning(status), status).not.toBe("unknown");
    expect(sessionMeaning("TIMEOUT")).toBe("ended");
    expect(sessionMeaning("DISABLED")).toBe("ended");
    expect(sessionMeaning("MANUAL_ID_CHECK")).toBe("identity_check");
    expect(sessionMeaning("AWAITING_SIGNATURE")).toBe("unknown");
  });
});

describe("what an HPP session still allows", () => {
  it("takes no more payment once completed, cancelled, disabled, timed out or expired", () => {
    expect(["COMPLETED", "CANCELLED", "DISABLED", "TIMEOUT", "EXPIRED"].filter(isFinalSessionStatus)).toHaveLength(5);
    // A declined, backed-out or failed consumer may try again on the same session.
    for (const status of ["WAITING", "IN_PROGRESS", "FAILED", "BACK", "ERROR", "MANUAL_ID_CHECK"]) expect(isFinalSessionStatus(status), status).toBe(false);
  });

  it("may be sent to the customer again while open or after a decline, back or error, not once cancelled or ended", () => {
    for (const status of ["WAITING", "IN_PROGRESS", "FAILED", "BACK", "ERROR", "MANUAL_ID_CHECK"]) expect(canTakePayment(status), status).toBe(true);
    for (const status of ["COMPLETED", "CANCELLED", "DISABLED", "TIMEOUT", "AWAITING_SIGNATURE"]) expect(canTakePayment(status), status).toBe(false);
  });
});

describe("Order Management orders", () => {
  it("map each documented status to a merchant status", () => {
    const statuses = Object.fromEntries(
      OM_ORDER_STATUSES.map((status) => [
        status,
        merchantStatus(view({ status, captured_amount: status.includes("CAPTURED") ? 4000 : 0, refunded_amount: 0 })),
      ]),
    );
    expect(statuses).toEqual({
      AUTHORIZED: "authorized",
      PART_CAPTURED: "part_captured",
      CAPTURED: "captured",
      CANCELLED: "cancelled",
      EXPIRED: "expired",
      CLOSED: "cancelled",
    });
    expect(merchantStatus(view({ status: "CLOSED", captured_amount: 4000, refunded_amount: 0 }))).toBe("captured");
    expect(merchantStatus(view({ status: "CAPTURED", captured_amount: 10_000, refunded_amount: 2_500 }))).toBe("part_refunded");
    expect(merchantStatus(view({ status: "CAPTURED", captured_amount: 10_000, refunded_amount: 10_000 }))).toBe("refunded");
    expect(merchantStatus(view({ status: "AUTHORIZED", fraud_status: "REJECTED" }))).toBe("cancelled");
    expect(merchantStatus(view({ status: "REOPENED" }))).toBeUndefined();
  });

  it("take amounts a lean reply leaves out from the shop's own record", () => {
    expect(view({ status: "PART_CAPTURED" }, { totalMinor: 10_000, capturedMinor: 4_000, refundedMinor: 1_000 })).toMatchObject({
      amountsFrom: "shop",
      capturedMinor: 4_000,
      refundedMinor: 1_000,
      remainingMinor: 6_000,
    });
    // CAPTURE_ORDER: Klarna says CAPTURED and no more; nothing was captured through the shop.
    expect(view({ status: "CAPTURED" })).toMatchObject({ capturedMinor: 10_000, remainingMinor: 0 });
    expect(view({ status: "CAPTURED", captured_amount: 7_000, refunded_amount: 0, remaining_authorized_amount: 0 })).toMatchObject({
      amountsFrom: "klarna",
      capturedMinor: 7_000,
    });
  });

  it("offer only what Klarna would accept", () => {
    expect(allowed({ status: "AUTHORIZED", fraud_status: "ACCEPTED" })).toEqual(["capture", "cancel", "extend"]);
    expect(allowed({ status: "AUTHORIZED", fraud_status: "PENDING" })).toEqual(["cancel", "extend"]);
    expect(allowed({ status: "PART_CAPTURED" }, { ...ledger, capturedMinor: 4_000 })).toEqual(["capture", "refund", "release", "extend"]);
    expect(allowed({ status: "CAPTURED", captured_amount: 10_000, refunded_amount: 0 })).toEqual(["refund"]);
    expect(allowed({ status: "CAPTURED", captured_amount: 10_000, refunded_amount: 10_000 })).toEqual([]);
    for (const status of ["CANCELLED", "EXPIRED"]) expect(allowed({ status }), status).toEqual([]);
    expect(allowed({ status: "CLOSED", captured_amount: 4_000, refunded_amount: 0 })).toEqual(["refund"]);
    expect(allowed({ status: "AUTHORIZED", expires_at: "2025-12-31T00:00:00Z" })).toEqual(["cancel"]);
    expect(allowed({ status: "REOPENED", captured_amount: 4_000, refunded_amount: 0 })).toEqual([]);
  });

  it("offer no extension that cannot move the date: Klarna counts it from the day of the call", () => {
    const now = new Date("2026-01-01T12:00:00Z");
    const placedToday = view({ status: "AUTHORIZED", expires_at: "2026-01-29T10:00:00Z" });
    expect(operationAvailability(placedToday, now).extend).toEqual({
      allowed: false,
      reason:
        "The authorization already runs until 2026-01-29. Klarna counts an extension (28 days by default) from the day of the call, so extending today would not move it; it can be extended from 2026-01-02.",
    });
    expect(operationAvailability(placedToday, new Date("2026-01-02T08:00:00Z")).extend).toEqual({ allowed: true });
  });

  it("refuse to cancel a captured order, and to capture or refund beyond the amounts", () => {
    const captured = operationAvailability(view({ status: "CAPTURED", captured_amount: 10_000, refunded_amount: 0 }));
    expect(captured.cancel).toEqual({ allowed: false, reason: "The order has captures; refund them instead of cancelling." });
    expect(captured.capture).toEqual({ allowed: false, reason: "Nothing remains authorized to capture." });
    expect(captured.refund).toEqual({ allowed: true, maxMinor: 10_000 });
    const partRefunded = operationAvailability(view({ status: "CAPTURED", captured_amount: 10_000, refunded_amount: 2_500 }));
    expect(partRefunded.refund).toEqual({ allowed: true, maxMinor: 7_500 });
    expect(operationAvailability(view({ status: "PART_CAPTURED" }, { ...ledger, capturedMinor: 4_000 })).capture).toEqual({ allowed: true, maxMinor: 6_000 });
  });

  it("say why an operation is not possible", () => {
    const cancelled = operationAvailability(view({ status: "CANCELLED" }));
    expect(cancelled.capture).toEqual({ allowed: false, reason: "The order is cancelled." });
    expect(cancelled.refund).toEqual({ allowed: false, reason: "Nothing has been captured, so there is nothing to refund." });
    expect(operationAvailability(view({ status: "REOPENED" })).capture).toEqual({
      allowed: false,
      reason: "Klarna reports the order as REOPENED, a status this shop does not know; manage it in Klarna's portal.",
    });
    expect(operationAvailability(view({ status: "AUTHORIZED" })).capture).toEqual({ allowed: true, maxMinor: 10_000 });
  });

  it("move on after an operation as Klarna documents it, and the merchant status follows", () => {
    const authorized = view({ order_amount: 10_000, captured_amount: 0, refunded_amount: 0, remaining_authorized_amount: 10_000 });
    const part = afterOperation(authorized, "capture", 4_000);
    expect(part).toMatchObject({ status: "PART_CAPTURED", capturedMinor: 4_000, remainingMinor: 6_000 });
    expect(merchantStatus(part)).toBe("part_captured");
    const full = afterOperation(part, "capture", 6_000);
    expect([full.status, merchantStatus(full)]).toEqual(["CAPTURED", "captured"]);
    expect(merchantStatus(afterOperation(full, "refund", 1_000))).toBe("part_refunded");
    expect(merchantStatus(afterOperation(afterOperation(full, "refund", 1_000), "refund", 9_000))).toBe("refunded");
    expect(merchantStatus(afterOperation(authorized, "cancel"))).toBe("cancelled");
    expect(afterOperation(part, "release")).toMatchObject({ status: "CAPTURED", remainingMinor: 0 });
    expect(merchantStatus(afterOperation(part, "release"))).toBe("captured");
    expect(afterOperation(authorized, "extend")).toEqual(authorized);
    // One capture of everything goes straight from AUTHORIZED to CAPTURED.
    const whole = afterOperation(authorized, "capture", 10_000);
    expect(whole).toMatchObject({ status: "CAPTURED", capturedMinor: 10_000, remainingMinor: 0 });
    expect(merchantStatus(whole)).toBe("captured");
  });

  it("give the shop's columns from Klarna's view, keeping what the view does not say", () => {
    const shop = { status: "authorized" as const, fraudStatus: "PENDING", klarnaReference: "K-1" };
    expect(
      orderColumnsFrom(view({ status: "CAPTURED", captured_amount: 10_000, refunded_amount: 0, fraud_status: "ACCEPTED", klarna_reference: "K-2" }), shop),
    ).toEqual({
      status: "captured",
      capturedMinor: 10_000,
      refundedMinor: 0,
      fraudStatus: "ACCEPTED",
      klarnaReference: "K-2",
    });
    expect(orderColumnsFrom(view({ status: "SHIPPED_TO_MARS" }), shop)).toMatchObject({ status: "authorized", fraudStatus: "PENDING", klarnaReference: "K-1" });
  });

  it("describe each fraud status to the merchant", () => {
    expect(fraudStatusNote("ACCEPTED")).toBeNull();
    expect(fraudStatusNote(null)).toBeNull();
    expect(fraudStatusNote("PENDING")).toMatch(/do not ship until it is accepted/);
    expect(fraudStatusNote("REJECTED")).toMatch(/rejected this order/);
    expect(fraudStatusNote("ON_HOLD")).toMatch(/ON_HOLD, which this shop does not know/);
  });
});
