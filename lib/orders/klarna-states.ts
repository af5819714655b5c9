import type { KnownHppStatus, KnownOmOrderStatus, OmOrder } from "@/lib/klarna-wire";
import type { OrderStatus } from "@/lib/db/schema";

// What every Klarna status means for the shop: the one translation from Klarna's replies (HPP
// session statuses, Order Management orders, fraud decisions) to the shop's own terms. Klarna may
// send a status no document lists yet; such a status is kept and shown, never guessed at.

// ---- HPP sessions

/** What an HPP session's status means for the order it would pay. */
export type SessionMeaning = "open" | "completed" | "declined" | "cancelled" | "error" | "ended" | "identity_check" | "unknown";

const SESSION_MEANINGS: Record<KnownHppStatus, SessionMeaning> = {
  WAITING: "open",
  IN_PROGRESS: "open",
  COMPLETED: "completed",
  FAILED: "declined",
  BACK: "cancelled",
  CANCELLED: "cancelled",
  ERROR: "error",
  DISABLED: "ended",
  // The per-session timer ran out: nothing more can be paid there.
  TIMEOUT: "ended",
  // An in-store identity check is under way (HPP's manual identification): still open.
  MANUAL_ID_CHECK: "identity_check",
};

export const sessionMeaning = (status: string): SessionMeaning => SESSION_MEANINGS[status as KnownHppStatus] ?? "unknown";

/** Statuses after which Klarna takes no payment through the session, so there is nothing to disable. */
export const isFinalSessionStatus = (status: string) => ["COMPLETED", "CANCELLED", "DISABLED", "TIMEOUT", "EXPIRED"].includes(status);

/** Statuses in which the session's link may still be sent to the customer. */
export const canTakePayment = (status: string) =>
  ["open", "declined", "cancelled", "error", "identity_check"].includes(sessionMeaning(status)) && status !== "CANCELLED";

// ---- Order Management orders

export interface LedgerAmounts {
  totalMinor: number;
  capturedMinor: number;
  refundedMinor: number;
}

/** Klarna's order in the shop's terms. Amounts Klarna's reply left out come from our own ledger. */
export interface KlarnaOrderView {
  klarnaOrderId: string;
  /** Klarna's status as sent. */
  status: string;
  /** False when Klarna sent a status the shop does not know. */
  knownStatus: boolean;
  fraudStatus: string | null;
  orderMinor: number;
  capturedMinor: number;
  refundedMinor: number;
  remainingMinor: number;
  /** Whether the amounts are Klarna's or, where its reply had none, the shop's own record. */
  amountsFrom: "klarna" | "shop";
  klarnaReference: string | null;
  expiresAt: Date | null;
  /** Klarna's date when it answered, when its reply said (the HTTP Date header). */
  asOf: Date | null;
  captures: { id: string; reference: string | null; amountMinor: number | null; at: Date | null }[];
  refunds: { id: string; amountMinor: number | null; at: Date | null }[];
}

const OPEN_AUTHORIZATION: string[] = ["AUTHORIZED", "PART_CAPTURED"] satisfies KnownOmOrderStatus[];
const KNOWN_ORDER_STATUSES: string[] = ["AUTHORIZED", "PART_CAPTURED", "CAPTURED", "CANCELLED", "EXPIRED", "CLOSED"] satisfies KnownOmOrderStatus[];

const date = (value: string | null | undefined) => (value ? new Date(value) : null);

export function viewKlarnaOrder(order: OmOrder, ours: LedgerAmounts, asOf: Date | null = null): KlarnaOrderView {
  const fromKlarna = typeof order.captured_amount === "number" && typeof order.refunded_amount === "number";
  const orderMinor = order.order_amount ?? ours.totalMinor;
  // A lean reply saying CAPTURED but no amount: everything was captured (CAPTURE_ORDER), unless we know better.
  const capturedMinor = order.captured_amount ?? (order.status === "CAPTURED" && ours.capturedMinor === 0 ? orderMinor : ours.capturedMinor);
  const refundedMinor = order.refunded_amount ?? ours.refundedMinor;
  const remainingMinor = order.remaining_authorized_amount ?? (OPEN_AUTHORIZATION.includes(order.status) ? Math.max(0, orderMinor - capturedMinor) : 0);
  return {
    klarnaOrderId: order.order_id,
    status: order.status,
    knownStatus: KNOWN_ORDER_STATUSES.includes(order.status),
    fraudStatus: order.fraud_status ?? null,
    orderMinor,
    capturedMinor,
    refundedMinor,
    remainingMinor,
    amountsFrom: fromKlarna ? "klarna" : "shop",
    klarnaReference: order.klarna_reference ?? null,
    expiresAt: date(order.expires_at),
    asOf,
    captures: (order.captures ?? []).map((capture) => ({
      id: capture.capture_id,
      reference: capture.klarna_reference ?? null,
      amountMinor: capture.captured_amount ?? null,
      at: date(capture.captured_at),
    })),
    refunds: (order.refunds ?? []).map((refund) => ({ id: refund.refund_id, amountMinor: refund.refunded_amount ?? null, at: date(refund.refunded_at) })),
  };
}

/** The merchant status Klarna's order implies, or undefined for a status the shop does not know. */
export function merchantStatus(view: Pick<KlarnaOrderView, "status" | "fraudStatus" | "capturedMinor" | "refundedMinor">): OrderStatus | undefined {
  if (view.status === "CANCELLED" || view.fraudStatus === "REJECTED") return "cancelled";
  if (view.status === "EXPIRED") return "expired";
  if (!KNOWN_ORDER_STATUSES.includes(view.status)) return undefined;
  if (view.refundedMinor > 0) return view.refundedMinor >= view.capturedMinor ? "refunded" : "part_refunded";
  if (view.status === "CAPTURED") return "captured";
  if (view.status === "PART_CAPTURED") return "part_captured";
  // Klarna closed the order on its side: what was captured stays captured, the rest is gone.
  if (view.status === "CLOSED") return view.capturedMinor > 0 ? "captured" : "cancelled";
  return "authorized";
}

/** The columns of the shop's order that follow Klarna's view of it; what the view does not say stays as it was. */
export function orderColumnsFrom(view: KlarnaOrderView, order: { status: OrderStatus; fraudStatus: string | null; klarnaReference: string | null }) {
  return {
    status: merchantStatus(view) ?? order.status,
    capturedMinor: view.capturedMinor,
    refundedMinor: view.refundedMinor,
    fraudStatus: view.fraudStatus ?? order.fraudStatus,
    klarnaReference: view.klarnaReference ?? order.klarnaReference,
  };
}

// ---- What the back office may do

export const OPERATION_KINDS = ["capture", "refund", "cancel", "release", "extend"] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

/** Klarna's default authorization period, which extensions count from the day of the call. */
const DEFAULT_AUTHORIZATION_DAYS = 28;
const DAY_MS = 86_400_000;
export const dateOf = (date: Date) => date.toISOString().slice(0, 10);

export type Availability = { allowed: true; maxMinor?: number } | { allowed: false; reason: string };

/**
 * What Klarna would accept on the order as it stands, each refusal with the reason Klarna gives,
 * so the back office offers only what can work and says why the rest cannot.
 */
export function operationAvailability(view: KlarnaOrderView, now = view.asOf ?? new Date()): Record<OperationKind, Availability> {
  const refusedForStatus = (): string | null => {
    if (!view.knownStatus) return `Klarna reports the order as ${view.status}, a status this shop does not know; manage it in Klarna's portal.`;
    if (view.fraudStatus === "REJECTED") return "Klarna rejected the order after its fraud review; it is cancelled.";
    if (view.status === "CANCELLED") return "The order is cancelled.";
    if (view.status === "EXPIRED") return "The authorization has expired.";
    if (view.status === "CLOSED") return "Klarna has closed the order.";
    return null;
  };
  const closed = refusedForStatus();
  const expired = view.expiresAt !== null && view.expiresAt <= now && OPEN_AUTHORIZATION.includes(view.status);
  const refundable = view.capturedMinor - view.refundedMinor;
  const no = (reason: string): Availability => ({ allowed: false, reason });

  const capture = (): Availability => {
    if (closed) return no(closed);
    if (expired) return no("The authorization has expired; it can no longer be captured.");
    if (view.fraudStatus === "PENDING") return no("Klarna is still reviewing the order for fraud; capture once it is accepted.");
    if (view.remainingMinor <= 0) return no("Nothing remains authorized to capture.");
    return { allowed: true, maxMinor: view.remainingMinor };
  };
  const refund = (): Availability => {
    if (!view.knownStatus) return no(closed!);
    if (view.capturedMinor === 0) return no("Nothing has been captured, so there is nothing to refund.");
    if (refundable <= 0) return no("Everything captured has been refunded.");
    return { allowed: true, maxMinor: refundable };
  };
  const cancel = (): Availability => {
    if (closed) return no(closed);
    if (view.capturedMinor > 0) return no("The order has captures; refund them instead of cancelling.");
    return { allowed: true };
  };
  const release = (): Availability => {
    if (closed) return no(closed);
    if (view.capturedMinor === 0) return no("Nothing has been captured yet; cancel the order instead.");
    if (view.remainingMinor <= 0) return no("Nothing remains authorized to release.");
    return { allowed: true };
  };
  const extend = (): Availability => {
    if (closed) return no(closed);
    if (expired) return no("The authorization has expired; it can no longer be extended.");
    if (view.remainingMinor <= 0) return no("Nothing remains authorized, so there is nothing to extend.");
    // Klarna counts the new expiry from the day of the call: until that passes the
    // current date, an extension changes nothing.
    if (view.expiresAt && dateOf(new Date(now.getTime() + DEFAULT_AUTHORIZATION_DAYS * DAY_MS)) <= dateOf(view.expiresAt)) {
      return no(
        `The authorization already runs until ${dateOf(view.expiresAt)}. Klarna counts an extension (${DEFAULT_AUTHORIZATION_DAYS} days by default) from the day of the call, so extending today would not move it; it can be extended from ${dateOf(new Date(view.expiresAt.getTime() - (DEFAULT_AUTHORIZATION_DAYS - 1) * DAY_MS))}.`,
      );
    }
    return { allowed: true };
  };
  return { capture: capture(), refund: refund(), cancel: cancel(), release: release(), extend: extend() };
}

/**
 * Klarna's order after an operation it confirmed, as Klarna documents each one's effect: a capture
 * moves the amount from authorized to captured, a refund adds to refunded, cancel ends the order,
 * release gives up what is not captured. An extension's new date is Klarna's to say: read it.
 */
export function afterOperation(view: KlarnaOrderView, kind: OperationKind, amountMinor = 0): KlarnaOrderView {
  switch (kind) {
    case "capture": {
      const remainingMinor = Math.max(0, view.remainingMinor - amountMinor);
      return { ...view, capturedMinor: view.capturedMinor + amountMinor, remainingMinor, status: remainingMinor > 0 ? "PART_CAPTURED" : "CAPTURED" };
    }
    case "refund":
      return { ...view, refundedMinor: view.refundedMinor + amountMinor };
    case "cancel":
      return { ...view, status: "CANCELLED", remainingMinor: 0 };
    case "release":
      return { ...view, status: "CAPTURED", remainingMinor: 0 };
    case "extend":
      return view;
  }
}

/** How the shop describes a fraud status to the merchant. */
export function fraudStatusNote(fraudStatus: string | null): string | null {
  if (fraudStatus === null || fraudStatus === "ACCEPTED") return null;
  if (fraudStatus === "PENDING") return "Klarna is reviewing this order for fraud: do not ship until it is accepted.";
  if (fraudStatus === "REJECTED") return "Klarna rejected this order after its fraud review: do not ship.";
  return `Klarna reports fraud status ${fraudStatus}, which this shop does not know: check it in Klarna's portal before shipping.`;
}
