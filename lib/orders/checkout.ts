import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { orderLines, orderPaymentSessions, orders, PAID_STATUSES, type OrderCustomer } from "@/lib/db/schema";
import { createHppSession, createPaymentSession, disableHppSession, KlarnaError, paymentSessionUrl } from "@/lib/klarna";
import { HPP_CATEGORIES, type HppCategory, type HppSessionCreated, type HppSessionCreateRequest, type KpSessionCreated } from "@/lib/klarna-wire";
import { format } from "@/lib/i18n/format";
import { messagesFor } from "@/lib/i18n/messages";
import { formatMoney } from "@/lib/money";
import { unstorablePath } from "@/lib/text";
import { cartIdFromCookie, getCart } from "@/lib/shop/cart";
import { MARKETS, type Market, type MarketCode } from "@/lib/shop/markets";
import { priceOrder, type PricedLine } from "@/lib/shop/pricing";
import { CustomerDetails, PaymentOptions } from "./checkout-input";
import { recordEvent } from "./events";
import { toKlarnaOrderData } from "./klarna-order";
import { isFinalSessionStatus } from "./klarna-states";
import { absoluteUrl, authorizationCallbackKey, notificationKey, orderPageKey, returnKey, verifyOrderPageKey } from "./url-keys";
import { finalize } from "./finalize";
import { getOrderByReference, listPaymentSessions, loadOrderForKlarna } from "./queries";

// Checkout: the merchant order is written first, then the KP session, then
// the HPP session; what Klarna returns is stored and the browser is sent to its redirect_url.

const KP_SESSION_LIFETIME_MS = 48 * 60 * 60 * 1000;
/** A new HPP session on the same KP session needs it to live past the HPP's own one-hour margin. */
const KP_REUSE_MARGIN_MS = 2 * 60 * 60 * 1000;

export type CheckoutOutcome =
  | { ok: true; reference: string; /** Klarna's page (null when Klarna sent none: pay-by-link sends the link itself) or, to pick categories first, ours. */ redirectUrl: string | null; chooseCategories?: true }
  | {
      ok: false;
      message: string;
      fieldErrors?: Record<string, string>;
      /** Klarna's own words, for the merchant. */
      reason?: string;
      /** Klarna refused the order's sessions: nothing can pay for it. */
      refused?: true;
    };

function newReference(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  return `NW-${Array.from(randomBytes(8), (byte) => alphabet[byte % alphabet.length]).join("")}`;
}

export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

/** The first form field holding text the database cannot store (NUL, a lone surrogate), by its name. */
export function unstorableField(values: unknown): string | undefined {
  return unstorablePath(values)?.split(/[.[]/)[0] ?? undefined;
}

/** What the server says to a shopper who reads `locale`'s language. */
const refusalsFor = (locale: string) => messagesFor(locale).refusals;

export async function startCheckoutFlow(input: {
  cartCookie: string | undefined;
  market: Market;
  customer: unknown;
  options: unknown;
  sandboxNamespace?: string;
}): Promise<CheckoutOutcome> {
  const text = refusalsFor(input.market.locale);
  const unstorable = unstorableField({ ...(input.customer as object), ...(input.options as object) });
  if (unstorable) return { ok: false, message: text.checkFields, fieldErrors: { [unstorable]: text.unusableCharacter } };
  const customer = CustomerDetails.safeParse(input.customer);
  const options = PaymentOptions.safeParse(input.options);
  const fieldErrors = collectFieldErrors(customer, options, input.market);
  if (!customer.success || !options.success || fieldErrors) return { ok: false, message: text.checkFields, fieldErrors };

  // Everything that can refuse the checkout is checked before an earlier order is withdrawn.
  const cart = await getCart(input.cartCookie, input.market);
  if (cart.lines.length === 0) return { ok: false, message: text.cartEmpty };
  const cartId = cartIdFromCookie(input.cartCookie);
  const paid = await withdrawEarlierCheckouts(cartId);
  if (paid) return { ok: false, message: format(text.alreadyPaid, { reference: paid }) };
  const order = await createPendingOrder({ market: input.market, lines: cart.lines, customer: customer.data, options: options.data, cartId, channel: "ECOMMERCE", sandboxNamespace: input.sandboxNamespace });
  return sendShopperToKlarna(order.id, await openFirstPayment(order.id, input.market.locale));
}

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
      if (isFinalSessionStatus(session.status)) continue;
      try {
        await disableHppSession(MARKETS[order.market as MarketCode].region, session.id);
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
export async function retryCheckout(reference: string, key: string, locale = "en"): Promise<CheckoutOutcome> {
  const text = refusalsFor(locale);
  const order = await getOrderByReference(reference);
  if (!order || !verifyOrderPageKey(reference, key)) return { ok: false, message: text.orderNotFound };
  if (order.status !== "pending_payment") return { ok: false, message: text.cannotPayAgain };
  return sendShopperToKlarna(order.id, await openPayment(order.id, locale));
}

/** A KP category identifier (pay_later) as HPP's options name it (PAY_LATER), when HPP can name it. */
export function hppCategoryOf(identifier: string): HppCategory | undefined {
  const upper = identifier.toUpperCase();
  return (HPP_CATEGORIES as readonly string[]).includes(upper) ? (upper as HppCategory) : undefined;
}

const CategoryChoice = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("all") }),
  z.object({ mode: z.literal("one"), category: z.string().min(1) }),
  z.object({ mode: z.literal("list"), categories: z.array(z.string()).min(1) }),
]);

/** The order the categories step is about, if the signed key holds and it still waits for a choice. */
export async function orderChoosingCategories(reference: string, key: string | undefined) {
  const order = await getOrderByReference(reference);
  if (!order || !verifyOrderPageKey(reference, key) || order.status !== "pending_payment") return undefined;
  const options = PaymentOptions.parse(order.checkoutOptions);
  return options.chooseCategories ? order : undefined;
}

/**
 * The shopper's pick among the categories Klarna's KP session offered (checkout option "choose
 * after Klarna answers"): stored with the order's options, then the hosted page opens with it.
 */
export async function choosePaymentCategories(reference: string, key: string | undefined, input: unknown, locale = "en"): Promise<CheckoutOutcome> {
  const text = refusalsFor(locale);
  const order = await orderChoosingCategories(reference, key);
  if (!order) return { ok: false, message: text.notWaitingForChoice };
  const choice = CategoryChoice.safeParse(input);
  if (!choice.success) return { ok: false, message: choice.error.issues[0]!.path[0] === "categories" ? text.chooseCategories : text.chooseCategory };
  const offered = (order.paymentMethodCategories ?? []).flatMap((category) => hppCategoryOf(category.identifier) ?? []);
  const chosen = choice.data.mode === "one" ? [choice.data.category] : choice.data.mode === "list" ? choice.data.categories : [];
  const unknown = chosen.filter((category) => !offered.includes(category as HppCategory));
  if (unknown.length > 0) return { ok: false, message: format(text.categoryNotOffered, { categories: unknown.join(", ") }) };
  const options = PaymentOptions.parse(order.checkoutOptions);
  const next: PaymentOptions = {
    ...options,
    chooseCategories: false,
    paymentMethodCategory: choice.data.mode === "one" ? (chosen[0] as HppCategory) : undefined,
    paymentMethodCategories: choice.data.mode === "list" ? (chosen as HppCategory[]) : undefined,
  };
  await db().update(orders).set({ checkoutOptions: next, updatedAt: new Date() }).where(eq(orders.id, order.id));
  return sendShopperToKlarna(order.id, await openFirstPayment(order.id, locale));
}

/** The caller redirects the browser to the hosted page once this is on the timeline. */
async function sendShopperToKlarna(orderId: string, opened: CheckoutOutcome): Promise<CheckoutOutcome> {
  if (opened.ok && opened.redirectUrl && !opened.chooseCategories) {
    await recordEvent(db(), orderId, "redirected", "The shopper was sent to Klarna's hosted payment page", { redirectUrl: opened.redirectUrl });
  }
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
    await recordEvent(tx, created!.id, "created", `Order created (${input.channel.toLowerCase()}): ${priced.lines.length} lines, total ${formatMoney(priced.totalMinor, input.market.currency, input.market.locale)}`);
    return created!;
  });
}

/** Opens the first payment; nothing can pay for an order whose first sessions Klarna refused. */
export async function openFirstPayment(orderId: string, locale: string): Promise<CheckoutOutcome> {
  const opened = await openPayment(orderId, locale);
  if (!opened.ok && opened.refused) await db().update(orders).set({ status: "payment_failed", failureReason: opened.message, updatedAt: new Date() }).where(eq(orders.id, orderId));
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
  return session.payment_method_categories.flatMap((category) => (category.identifier ? [{ identifier: category.identifier, name: category.name ?? category.identifier }] : []));
}

function hppOptions(options: PaymentOptions, reference: string): NonNullable<HppSessionCreateRequest["options"]> {
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
      return { ok: true, redirectUrl: `/checkout/payment-methods?order=${encodeURIComponent(order.reference)}&k=${orderPageKey(order.reference)}`, reference: order.reference, chooseCategories: true };
    }
    const hpp = await createHppSession(market.region, {
      payment_session_url: paymentSessionUrl(market.region, kpSessionId!),
      merchant_urls: merchantUrls(orderId, options, secret),
      options: hppOptions(options, order.reference),
    });
    await recordHppSession(orderId, kpSessionId!, hpp, secret, market);
    if (order.channel === "ECOMMERCE" && !hpp.redirect_url) return withdrawUnreachableSession(order, market, hpp.session_id, refusalsFor(locale).noPaymentPage);
    return { ok: true, redirectUrl: hpp.redirect_url ?? null, reference: order.reference };
  } catch (error) {
    if (!(error instanceof KlarnaError)) throw error;
    await recordEvent(database, orderId, "checkout_failed", `Klarna refused to start the payment: ${error.reason}`, { correlationId: error.details.correlationId });
    // The shopper is told what to do; Klarna's own words are on the order's timeline and in `reason`.
    const text = refusalsFor(locale);
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
      await recordEvent(tx, orderId, "hpp_session_created", `Hosted payment session ${hpp.session_id} created`, { hppSessionId: hpp.session_id, expiresAt: hpp.expires_at });
    });
  } catch (error) {
    await disableHppSession(market.region, hpp.session_id).catch((disableError: unknown) => console.error(`Hosted payment session ${hpp.session_id} could not be kept or disabled`, disableError));
    throw error;
  }
}

/**
 * Klarna made the HPP session but sent no redirect_url, so the shopper cannot be sent to it.
 * Disabled at once (a payment page nobody can reach should not stay open); the order stays
 * pending, so "Pay with Klarna" again, or the back office, can open a new one.
 */
async function withdrawUnreachableSession(order: { id: string; reference: string }, market: Market, sessionId: string, message: string): Promise<CheckoutOutcome> {
  try {
    await disableHppSession(market.region, sessionId);
    await db().update(orderPaymentSessions).set({ status: "DISABLED" }).where(eq(orderPaymentSessions.id, sessionId));
  } catch (error) {
    if (!(error instanceof KlarnaError)) throw error;
  }
  await recordEvent(db(), order.id, "checkout_failed", `Klarna created session ${sessionId} without a redirect_url; it was disabled`, { hppSessionId: sessionId });
  return { ok: false, message };
}
