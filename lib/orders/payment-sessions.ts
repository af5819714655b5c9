import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { orderPaymentSessions, orders, type OrderCustomer } from "@/lib/db/schema";
import { createHppSession, createPaymentSession, disableHppSession, KlarnaError, paymentSessionUrl } from "@/lib/klarna";
import type { HppSessionCreated, HppSessionCreateRequest, KpSessionCreated } from "@/lib/klarna-wire";
import { format } from "@/lib/i18n/format";
import { messagesFor } from "@/lib/i18n/messages";
import { MARKETS, type Market, type MarketCode } from "@/lib/shop/markets";
import { PaymentOptions } from "./checkout-input";
import { recordEvent } from "./events";
import { toKlarnaOrderData } from "./klarna-order";
import { absoluteUrl, authorizationCallbackKey, notificationKey, orderPageKey, returnKey } from "./url-keys";
import { loadOrderForKlarna } from "./queries";

// Klarna's sessions for an order: a KP session (reused while it lives long enough), then an HPP
// session whose merchant URLs carry the order's keys, recorded before the shopper is sent there.

const KP_SESSION_LIFETIME_MS = 48 * 60 * 60 * 1000;
/** A new HPP session on the same KP session needs it to live past the HPP's own one-hour margin. */
const KP_REUSE_MARGIN_MS = 2 * 60 * 60 * 1000;

export type CheckoutOutcome =
  | {
      ok: true;
      reference: string;
      /** Klarna's page (null when Klarna sent none: pay-by-link sends the link itself) or, to pick categories first, ours. */ redirectUrl: string | null;
      chooseCategories?: true;
    }
  | {
      ok: false;
      message: string;
      fieldErrors?: Record<string, string>;
      /** Klarna's own words, for the merchant. */
      reason?: string;
      /** Klarna refused the order's sessions: nothing can pay for it. */
      refused?: true;
    };

export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** Opens the first payment; nothing can pay for an order whose first sessions Klarna refused. */
export async function openFirstPayment(orderId: string, locale: string): Promise<CheckoutOutcome> {
  const opened = await openPayment(orderId, locale);
  if (!opened.ok && opened.refused)
    await db().update(orders).set({ status: "payment_failed", failureReason: opened.message, updatedAt: new Date() }).where(eq(orders.id, orderId));
  return opened;
}

/** Klarna posts callbacks to HTTPS only: with an http:// APP_URL outside sandbox mode there are none. */
const callbackUrl = (path: string) => (config().klarna.callbacks ? { url: absoluteUrl(path) } : undefined);

function merchantUrls(orderId: string, options: PaymentOptions, callbackSecret: string): NonNullable<HppSessionCreateRequest["merchant_urls"]> {
  const key = returnKey(orderId);
  const back = (page: string) => absoluteUrl(`/${page}?sid={{session_id}}&k=${key}`);
  const statusUpdate = callbackUrl(`/api/klarna/hpp-status?sid={{session_id}}&secret=${callbackSecret}`);
  const callback = statusUpdate ? { status_update: statusUpdate.url } : {};
  if (options.returnStyle === "hosted") return callback;
  const placeholder = options.placeOrderMode === "NONE" ? "authorization_token={{authorization_token}}" : "order_id={{order_id}}";
  return {
    ...(options.returnStyle === "redirect" ? { success: `${back("success")}&${placeholder}` } : {}),
    cancel: back("cancel"),
    ...(options.exitButton === "back" ? { back: back("back") } : {}),
    failure: back("failure"),
    error: back("error"),
    ...callback,
  };
}

/** The categories a KP session offers, as Klarna named them; those without an identifier are of no use. */
function offeredCategories(session: KpSessionCreated) {
  if (!session.payment_method_categories) return null;
  return session.payment_method_categories.flatMap((category) =>
    category.identifier ? [{ identifier: category.identifier, name: category.name ?? category.identifier }] : [],
  );
}

function hppOptions(options: PaymentOptions, reference: string, locale: string): NonNullable<HppSessionCreateRequest["options"]> {
  return {
    place_order_mode: options.placeOrderMode,
    ...(options.paymentMethodCategory ? { payment_method_category: options.paymentMethodCategory } : {}),
    ...(options.paymentMethodCategories?.length ? { payment_method_categories: options.paymentMethodCategories } : {}),
    payment_fallback: options.paymentFallback,
    purchase_type: options.purchaseType,
    page_title: format(messagesFor(locale).klarnaPageTitle, { reference }),
    logo_url: absoluteUrl("/logo.svg"),
  };
}

/**
 * Creates the Klarna sessions for a pending order: a new HPP session on the order's KP session
 * while that lives, otherwise a new KP session too. Returns where to send the shopper, or what to
 * tell them in `locale`'s language.
 */
export async function openPayment(orderId: string, locale: string): Promise<CheckoutOutcome> {
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
      const notification = callbackUrl(`/api/klarna/notification?order=${orderId}&k=${notificationKey(orderId)}`);
      const authorization = callbackUrl(`/api/klarna/authorization?order=${orderId}&k=${authorizationCallbackKey(orderId)}`);
      const session = await createPaymentSession(
        market.region,
        {
          ...toKlarnaOrderData({ ...order, market, customer: order.customer as OrderCustomer }, lines),
          acquiring_channel: order.channel,
          // Klarna tells us about pending fraud reviews and authorizations here.
          ...(notification && authorization ? { merchant_urls: { notification: notification.url, authorization: authorization.url } } : {}),
        },
        { sandboxNamespace: order.sandboxNamespace },
      );
      kpSessionId = session.session_id;
      const categories = offeredCategories(session);
      await database
        .update(orders)
        .set({ kpSessionId, kpSessionExpiresAt: new Date(Date.now() + KP_SESSION_LIFETIME_MS), paymentMethodCategories: categories, updatedAt: new Date() })
        .where(eq(orders.id, orderId));
      const offered = categories ? `; it offers ${categories.map((category) => category.identifier).join(", ") || "no category"}` : "";
      await recordEvent(database, orderId, "payment_session_created", `Klarna Payments session ${kpSessionId} created${offered}`, { kpSessionId });
    }
    // The shopper asked to choose among the categories Klarna offers before going to its page.
    if (options.chooseCategories) {
      return {
        ok: true,
        redirectUrl: `/checkout/payment-methods?order=${encodeURIComponent(order.reference)}&k=${orderPageKey(order.reference)}`,
        reference: order.reference,
        chooseCategories: true,
      };
    }
    const hpp = await createHppSession(market.region, {
      payment_session_url: paymentSessionUrl(market.region, kpSessionId!),
      merchant_urls: merchantUrls(orderId, options, secret),
      // Klarna's page speaks the session's language (the market's), whoever opened the payment.
      options: hppOptions(options, order.reference, market.locale),
    });
    await recordHppSession(orderId, kpSessionId!, hpp, secret, market);
    if (order.channel === "ECOMMERCE" && !hpp.redirect_url)
      return withdrawUnreachableSession(order, market, hpp.session_id, messagesFor(locale).refusals.noPaymentPage);
    return { ok: true, redirectUrl: hpp.redirect_url ?? null, reference: order.reference };
  } catch (error) {
    if (!(error instanceof KlarnaError)) throw error;
    await recordEvent(database, orderId, "checkout_failed", `Klarna refused to start the payment: ${error.reason}`, {
      correlationId: error.details.correlationId,
    });
    // The shopper is told what to do; Klarna's own words are on the order's timeline and in `reason`.
    const text = messagesFor(locale).refusals;
    const message = error.kind === "unavailable" || error.kind === "not_configured" ? text.klarnaUnavailable : text.klarnaRefused;
    return { ok: false, message, reason: error.reason, ...(error.kind === "rejected" ? { refused: true as const } : {}) };
  }
}

/**
 * Keeps the new hosted page with its order. If that fails the shop cannot follow the session,
 * so it is disabled before the error goes on: nothing stays payable that the shop gave up on.
 */
async function recordHppSession(orderId: string, kpSessionId: string, hpp: HppSessionCreated, secret: string, market: Market): Promise<void> {
  try {
    await db().transaction(async (tx) => {
      await tx.insert(orderPaymentSessions).values({
        id: hpp.session_id,
        orderId,
        kpSessionId: kpSessionId!,
        redirectUrl: hpp.redirect_url ?? null,
        sessionUrl: hpp.session_url ?? null,
        qrCodeUrl: hpp.qr_code_url ?? null,
        distributionUrl: hpp.distribution_url ?? null,
        status: "WAITING",
        callbackSecretHash: hashSecret(secret),
        expiresAt: hpp.expires_at ? new Date(hpp.expires_at) : null,
      });
      await recordEvent(tx, orderId, "hpp_session_created", `Hosted payment session ${hpp.session_id} created`, {
        hppSessionId: hpp.session_id,
        expiresAt: hpp.expires_at,
      });
    });
  } catch (error) {
    await disableHppSession(market.region, hpp.session_id).catch((disableError: unknown) =>
      console.error(`Hosted payment session ${hpp.session_id} could not be kept or disabled`, disableError),
    );
    throw error;
  }
}

/**
 * Klarna made the HPP session but sent no redirect_url, so the shopper cannot be sent to it.
 * Disabled at once (a payment page nobody can reach should not stay open); the order stays
 * pending, so "Pay with Klarna" again, or the back office, can open a new one.
 */
async function withdrawUnreachableSession(
  order: { id: string; reference: string },
  market: Market,
  sessionId: string,
  message: string,
): Promise<CheckoutOutcome> {
  try {
    await disableHppSession(market.region, sessionId);
    await db().update(orderPaymentSessions).set({ status: "DISABLED" }).where(eq(orderPaymentSessions.id, sessionId));
  } catch (error) {
    if (!(error instanceof KlarnaError)) throw error;
  }
  await recordEvent(db(), order.id, "checkout_failed", `Klarna created session ${sessionId} without a redirect_url; it was disabled`, {
    hppSessionId: sessionId,
  });
  return { ok: false, message };
}
