import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { db, type Database } from "@/lib/db/client";
import { orderLines, orderPaymentSessions, orders, PAID_STATUSES, type OrderCustomer } from "@/lib/db/schema";
import { createHppSession, createPaymentSession, disableHppSession, KlarnaError, paymentSessionUrl, type HppSessionRequest } from "@/lib/klarna";
import { cartIdFromCookie, getCart } from "@/lib/shop/cart";
import { MARKETS, type Market, type MarketCode } from "@/lib/shop/markets";
import { priceOrder, type PricedLine } from "@/lib/shop/pricing";
import { CustomerDetails, PaymentOptions } from "./checkout-input";
import { recordEvent } from "./events";
import { toKlarnaOrderData } from "./klarna-order";
import { absoluteUrl, returnKey, verifyOrderPageKey } from "./links";
import { finalize } from "./finalize";
import { getOrderByReference, listPaymentSessions, loadOrderForKlarna } from "./queries";

// Checkout (DESIGN.md 5.1–5.2): the merchant order is written first, then the KP session, then
// the HPP session; what Klarna returns is stored and the browser is sent to its redirect_url.

const KP_SESSION_LIFETIME_MS = 48 * 60 * 60 * 1000;
/** A new HPP session on the same KP session needs it to live past the HPP's own one-hour margin. */
const KP_REUSE_MARGIN_MS = 2 * 60 * 60 * 1000;

export type CheckoutOutcome =
  | { ok: true; redirectUrl: string; reference: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string> };

function newReference(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  return `NW-${Array.from(randomBytes(8), (byte) => alphabet[byte % alphabet.length]).join("")}`;
}

export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

export async function startCheckoutFlow(input: {
  cartCookie: string | undefined;
  market: Market;
  customer: unknown;
  options: unknown;
  sandboxNamespace?: string;
}): Promise<CheckoutOutcome> {
  const customer = CustomerDetails.safeParse(input.customer);
  const options = PaymentOptions.safeParse(input.options);
  const fieldErrors = collectFieldErrors(customer, options, input.market);
  if (!customer.success || !options.success || fieldErrors) return { ok: false, message: "Please check the highlighted fields.", fieldErrors };

  const cartId = cartIdFromCookie(input.cartCookie);
  const paid = await withdrawEarlierCheckouts(cartId);
  if (paid) return { ok: false, message: `This cart was already paid for as order ${paid}.` };
  const cart = await getCart(input.cartCookie, input.market);
  if (cart.lines.length === 0) return { ok: false, message: "Your cart is empty." };
  const order = await createPendingOrder({ market: input.market, lines: cart.lines, customer: customer.data, options: options.data, cartId, channel: "ECOMMERCE", sandboxNamespace: input.sandboxNamespace });
  return sendShopperToKlarna(order.id, await openFirstPayment(order.id));
}

const FINAL_SESSION_STATUSES = new Set(["COMPLETED", "CANCELLED", "DISABLED", "EXPIRED"]);

/**
 * One open checkout per cart. A shopper who left Klarna's page (back, cancel, the browser's
 * history) and checks out again must not be able to pay the earlier order as well, so its open
 * HPP sessions are disabled and it is cancelled. A session that cannot be disabled may have been
 * paid: finalize decides, and the reference of an earlier order that was paid is returned.
 */
async function withdrawEarlierCheckouts(cartId: string | null): Promise<string | undefined> {
  if (!cartId) return undefined;
  const database = db();
  const earlier = await database.select().from(orders).where(and(eq(orders.cartId, cartId), eq(orders.status, "pending_payment")));
  for (const order of earlier) {
    let withdrawn = true;
    for (const session of await listPaymentSessions(order.id)) {
      if (FINAL_SESSION_STATUSES.has(session.status)) continue;
      try {
        await disableHppSession(session.id);
        await database.update(orderPaymentSessions).set({ status: "DISABLED" }).where(eq(orderPaymentSessions.id, session.id));
      } catch (error) {
        if (!(error instanceof KlarnaError)) throw error;
        // Klarna has forgotten an expired session: nothing can pay through it.
        if (error.kind !== "not_found") withdrawn = false;
      }
    }
    if (!withdrawn) {
      const settled = await finalize(order.id, "checkout");
      if (PAID_STATUSES.includes(settled.status)) return settled.reference;
      continue;
    }
    const cancelled = await database
      .update(orders)
      .set({ status: "cancelled", failureReason: "The shopper started a new checkout", updatedAt: new Date() })
      .where(and(eq(orders.id, order.id), eq(orders.status, "pending_payment"), isNull(orders.finalizingSince)))
      .returning({ id: orders.id });
    if (cancelled.length > 0) await recordEvent(database, order.id, "superseded", "The shopper started a new checkout with this cart: the order's payment sessions are disabled and it is cancelled");
  }
  return undefined;
}

/** "Try again" after a decline, cancel or error: a new HPP session for the same order. */
export async function retryCheckout(reference: string, key: string): Promise<CheckoutOutcome> {
  const order = await getOrderByReference(reference);
  if (!order || !verifyOrderPageKey(reference, key)) return { ok: false, message: "This order could not be found." };
  if (order.status !== "pending_payment") return { ok: false, message: `This order is ${order.status.replace("_", " ")} and cannot be paid again. Please start a new checkout.` };
  return sendShopperToKlarna(order.id, await openPayment(order.id));
}

/** The caller redirects the browser to the hosted page once this is on the timeline. */
async function sendShopperToKlarna(orderId: string, opened: CheckoutOutcome): Promise<CheckoutOutcome> {
  if (opened.ok) await recordEvent(db(), orderId, "redirected", "The shopper was sent to Klarna's hosted payment page", { redirectUrl: opened.redirectUrl });
  return opened;
}

export function collectFieldErrors(
  customer: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] }; data?: CustomerDetails },
  options: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } },
  market: Market,
): Record<string, string> | undefined {
  const fieldErrors: Record<string, string> = {};
  for (const issue of [...(customer.error?.issues ?? []), ...(options.error?.issues ?? [])]) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
  if (customer.data && market.code === "US" && !customer.data.region) fieldErrors.region = "State is required for US addresses.";
  return Object.keys(fieldErrors).length > 0 ? fieldErrors : undefined;
}

/** Writes a pending_payment order with its priced lines; nothing is sent to Klarna yet. */
export async function createPendingOrder(input: {
  market: Market;
  lines: PricedLine[];
  customer: CustomerDetails;
  options: PaymentOptions;
  cartId: string | null;
  channel: "ECOMMERCE" | "TELESALES" | "IN_STORE";
  sandboxNamespace?: string;
}) {
  const priced = priceOrder(input.lines, input.market);
  return db().transaction(async (tx) => {
    const [created] = await tx
      .insert(orders)
      .values({
        reference: newReference(),
        status: "pending_payment",
        market: input.market.code,
        currency: input.market.currency,
        locale: input.market.locale,
        cartId: input.cartId,
        channel: input.channel,
        sandboxNamespace: input.sandboxNamespace ?? null,
        customer: { ...input.customer, country: input.market.country },
        checkoutOptions: input.options,
        subtotalMinor: priced.subtotalMinor,
        taxMinor: priced.taxMinor,
        totalMinor: priced.totalMinor,
      })
      .returning();
    await tx.insert(orderLines).values(priced.lines.map((line, position) => ({ ...line, orderId: created!.id, position })));
    await recordEvent(tx as unknown as Database, created!.id, "created", `Order created (${input.channel.toLowerCase()}): ${priced.lines.length} lines, total ${priced.totalMinor} ${input.market.currency}`);
    return created!;
  });
}

/** Opens the first payment; nothing can pay for an order whose first sessions Klarna refused. */
export async function openFirstPayment(orderId: string): Promise<CheckoutOutcome> {
  const opened = await openPayment(orderId);
  if (!opened.ok) await db().update(orders).set({ status: "payment_failed", failureReason: opened.message, updatedAt: new Date() }).where(eq(orders.id, orderId));
  return opened;
}

function merchantUrls(orderId: string, options: PaymentOptions, callbackSecret: string): HppSessionRequest["merchant_urls"] {
  const key = returnKey(orderId);
  const back = (page: string) => absoluteUrl(`/${page}?sid={{session_id}}&k=${key}`);
  const statusUpdate = absoluteUrl(`/api/klarna/hpp-status?sid={{session_id}}&secret=${callbackSecret}`);
  if (options.returnStyle === "hosted") return { status_update: statusUpdate };
  const placeholder = options.placeOrderMode === "NONE" ? "authorization_token={{authorization_token}}" : "order_id={{order_id}}";
  return {
    ...(options.returnStyle === "redirect" ? { success: `${back("success")}&${placeholder}` } : {}),
    cancel: back("cancel"),
    ...(options.exitButton === "back" ? { back: back("back") } : {}),
    failure: back("failure"),
    error: back("error"),
    status_update: statusUpdate,
  };
}

function hppOptions(options: PaymentOptions, reference: string): HppSessionRequest["options"] {
  return {
    place_order_mode: options.placeOrderMode,
    ...(options.paymentMethodCategory ? { payment_method_category: options.paymentMethodCategory } : {}),
    ...(options.paymentMethodCategories?.length ? { payment_method_categories: options.paymentMethodCategories } : {}),
    payment_fallback: options.paymentFallback,
    purchase_type: options.purchaseType,
    page_title: `Pay for order ${reference}`,
    logo_url: absoluteUrl("/logo.svg"),
  };
}

/**
 * Creates the Klarna sessions for a pending order: a new HPP session on the order's KP session
 * while that lives, otherwise a new KP session too. Returns where to send the shopper.
 */
export async function openPayment(orderId: string): Promise<CheckoutOutcome> {
  const { order, lines } = await loadOrderForKlarna(orderId);
  const market = MARKETS[order.market as MarketCode];
  const options = PaymentOptions.parse(order.checkoutOptions);
  // Klarna's callbacks carry no signature: each HPP session's status_update URL carries a secret.
  const secret = randomBytes(24).toString("base64url");
  const database = db();
  try {
    let kpSessionId = order.kpSessionId;
    const reusable = kpSessionId && order.kpSessionExpiresAt && order.kpSessionExpiresAt.getTime() - Date.now() > KP_REUSE_MARGIN_MS;
    if (!reusable) {
      const session = await createPaymentSession(
        {
          ...toKlarnaOrderData({ ...order, market, customer: order.customer as OrderCustomer }, lines),
          acquiring_channel: order.channel,
          // Klarna tells us about pending fraud reviews here (FACTS 2.6).
          merchant_urls: { notification: absoluteUrl("/api/klarna/notification") },
        },
        { sandboxNamespace: order.sandboxNamespace },
      );
      kpSessionId = session.session_id;
      await database
        .update(orders)
        .set({ kpSessionId, kpSessionExpiresAt: new Date(Date.now() + KP_SESSION_LIFETIME_MS), updatedAt: new Date() })
        .where(eq(orders.id, orderId));
      await recordEvent(database, orderId, "payment_session_created", `Klarna Payments session ${kpSessionId} created`, { kpSessionId });
    }
    const hpp = await createHppSession({
      payment_session_url: paymentSessionUrl(kpSessionId!),
      merchant_urls: merchantUrls(orderId, options, secret),
      options: hppOptions(options, order.reference),
    });
    await database.transaction(async (tx) => {
      await tx.insert(orderPaymentSessions).values({
        id: hpp.session_id,
        orderId,
        kpSessionId: kpSessionId!,
        redirectUrl: hpp.redirect_url,
        sessionUrl: hpp.session_url,
        qrCodeUrl: hpp.qr_code_url,
        distributionUrl: hpp.distribution_url,
        status: "WAITING",
        callbackSecretHash: hashSecret(secret),
        expiresAt: new Date(hpp.expires_at),
      });
      await recordEvent(tx as unknown as Database, orderId, "hpp_session_created", `Hosted payment session ${hpp.session_id} created`, { hppSessionId: hpp.session_id, expiresAt: hpp.expires_at });
    });
    return { ok: true, redirectUrl: hpp.redirect_url, reference: order.reference };
  } catch (error) {
    if (!(error instanceof KlarnaError)) throw error;
    await recordEvent(database, orderId, "checkout_failed", `Klarna refused to start the payment: ${error.reason}`, { correlationId: error.details.correlationId });
    return { ok: false, message: `Klarna could not start the payment (${error.reason}). Please try again.` };
  }
}
