import "server-only";
import { db } from "@/lib/db/client";
import { PAID_STATUSES } from "@/lib/db/schema";
import { MARKETS, type MarketCode } from "@/lib/shop/markets";
import { recordEvent } from "./events";
import { sessionMeaning, type SessionMeaning } from "./klarna-states";
import { finalize, type FinalizeSource } from "./finalize";
import { orderPageKey, orderPagePath, verifyOrderPageKey, verifyReturnKey } from "./url-keys";
import { findPaymentSession, getOrderByReference, listOrderEvents, listOrderLines, listPaymentSessions, type Order } from "./queries";

// What the shopper sees after Klarna: return pages and the order page. Both learn the outcome
// from finalize() (a fresh read from Klarna), never from the URL they were opened with.

export type ReturnPage = "success" | "cancel" | "failure" | "error" | "back";

export type Outcome = "placed" | "pending" | "identity_check" | "declined" | "cancelled" | "ended" | "error" | "failed";

export async function shopperOrderView(order: Order) {
  const [lines, sessions] = await Promise.all([listOrderLines(order.id), listPaymentSessions(order.id)]);
  const market = MARKETS[order.market as MarketCode];
  return {
    reference: order.reference,
    status: order.status,
    outcome: outcomeOf(order, sessions[0]?.status),
    fraudStatus: order.fraudStatus,
    klarnaReference: order.klarnaReference,
    market: { code: market.code, currency: market.currency, locale: market.locale, taxMode: market.taxMode, taxRate: market.taxRate },
    subtotalMinor: order.subtotalMinor,
    taxMinor: order.taxMinor,
    totalMinor: order.totalMinor,
    email: (order.customer as { email: string }).email,
    lines: lines.map((line) => ({ name: line.name, quantity: line.quantity, totalMinor: line.totalMinor, type: line.type })),
    orderPageKey: orderPageKey(order.reference),
    orderPagePath: orderPagePath(order.reference),
  };
}
export type ShopperOrderView = Awaited<ReturnType<typeof shopperOrderView>>;

/** What the shopper is told: the order's status, or while it waits for payment, its latest session's. */
function outcomeOf(order: Order, latestSessionStatus: string | undefined): Outcome {
  if (PAID_STATUSES.includes(order.status)) return "placed";
  if (order.status !== "pending_payment") return "failed";
  const meaning = latestSessionStatus ? sessionMeaning(latestSessionStatus) : "open";
  const outcomes: Record<SessionMeaning, Outcome> = {
    open: "pending",
    // A read that says COMPLETED but could not be acted on yet: the callback or the sweep will.
    completed: "pending",
    // A status no Klarna document lists: keep waiting rather than guess.
    unknown: "pending",
    identity_check: "identity_check",
    declined: "declined",
    cancelled: "cancelled",
    // Disabled by the merchant, or timed out: the shopper may start a new payment.
    ended: "ended",
    error: "error",
  };
  return outcomes[meaning];
}

export type ReturnResolution = { kind: "invalid"; message: string } | { kind: "order"; order: ShopperOrderView };

export type ReturnQuery = Record<string, string | string[] | undefined>;

const single = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/**
 * A return page's visit: checks the sid belongs to the order its key was made for, then
 * finalizes. Only `sid` and `k` are read from the URL: Klarna's authorization_token and order_id
 * placeholders are there for integrations that trust them, and anyone can forge them.
 */
export async function resolveReturn(page: ReturnPage, query: ReturnQuery): Promise<ReturnResolution> {
  const sid = single(query.sid);
  if (!sid) return { kind: "invalid", message: "This link is missing its payment session." };
  const found = await findPaymentSession(sid);
  if (!found || !verifyReturnKey(found.order.id, single(query.k)))
    return { kind: "invalid", message: "This payment link does not belong to an order of ours." };
  // Once per session and page: a reload or a re-render is not another return.
  const seen = (await listOrderEvents(found.order.id)).some(
    (event) => event.type === "returned" && event.data?.hppSessionId === sid && event.data?.page === page,
  );
  if (!seen) await recordEvent(db(), found.order.id, "returned", `The shopper came back to /${page}`, { hppSessionId: sid, page });
  return { kind: "order", order: await shopperOrderView(await finalize(found.order.id, "return_page")) };
}

/** The order page and its polling: the signed link is the shopper's proof of ownership. */
export async function resolveOrderPage(reference: string, key: string | null | undefined, source: FinalizeSource = "poll") {
  const order = await getOrderByReference(reference);
  if (!order || !verifyOrderPageKey(reference, key)) return undefined;
  return shopperOrderView(await finalize(order.id, source));
}
