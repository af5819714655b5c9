import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { orderLines, orderPaymentSessions, orders, PAID_STATUSES } from "@/lib/db/schema";
import { disableHppSession, KlarnaError } from "@/lib/klarna";
import { HPP_CATEGORIES, type HppCategory } from "@/lib/klarna-wire";
import { format } from "@/lib/i18n/format";
import { messagesFor } from "@/lib/i18n/messages";
import { formatMoney } from "@/lib/money";
import { unstorablePath } from "@/lib/text";
import { cartIdFromCookie, getCart } from "@/lib/shop/cart";
import { MARKETS, type Market, type MarketCode } from "@/lib/shop/markets";
import { priceOrder, type PricedLine } from "@/lib/shop/pricing";
import { CustomerDetails, PaymentOptions } from "./checkout-input";
import { recordEvent } from "./events";
import { isFinalSessionStatus } from "./klarna-states";
import { verifyOrderPageKey } from "./url-keys";
import { finalize } from "./finalize";
import { getOrderByReference, listPaymentSessions } from "./queries";
import { openFirstPayment, openPayment, type CheckoutOutcome } from "./payment-sessions";

// Checkout: the merchant order is written first, then the KP session, then
// the HPP session; what Klarna returns is stored and the browser is sent to its redirect_url.

function newReference(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  return `NW-${Array.from(randomBytes(8), (byte) => alphabet[byte % alphabet.length]).join("")}`;
}

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
  const order = await createPendingOrder({
    market: input.market,
    lines: cart.lines,
    customer: customer.data,
    options: options.data,
    cartId,
    channel: "ECOMMERCE",
    sandboxNamespace: input.sandboxNamespace,
  });
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
  const earlier = await database
    .select()
    .from(orders)
    .where(and(eq(orders.cartId, cartId), eq(orders.status, "pending_payment")));
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
    if (cancelled.length > 0)
      await recordEvent(
        database,
        order.id,
        "superseded",
        "The shopper started a new checkout with this cart: the order's payment sessions are disabled and it is cancelled",
      );
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
    await recordEvent(
      tx,
      created!.id,
      "created",
      `Order created (${input.channel.toLowerCase()}): ${priced.lines.length} lines, total ${formatMoney(priced.totalMinor, input.market.currency, input.market.locale)}`,
    );
    return created!;
  });
}
