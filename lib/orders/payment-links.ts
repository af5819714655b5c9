import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { orderPaymentSessions, productPrices, products } from "@/lib/db/schema";
import { disableHppSession, distributeHppSession, KlarnaError } from "@/lib/klarna";
import type { DistributionRequest } from "@/lib/klarna-wire";
import { MarketCode, MARKETS } from "@/lib/shop/markets";
import { isOfferedMarket } from "@/lib/shop/offered-markets";
import { collectFieldErrors, createPendingOrder } from "./checkout";
import { openFirstPayment } from "./payment-sessions";
import { CustomerDetails, PaymentOptions } from "./checkout-input";
import { unstorablePath } from "@/lib/text";
import { recordEvent } from "./events";
import { orderPagePath } from "./url-keys";
import { findPaymentSession, listPaymentSessions } from "./queries";

// Pay-by-link for telesales and in-store sales: an order built by the merchant, paid by the
// customer on their own device through a link sent by e-mail or SMS, or a QR code.

export type LinkResult = { ok: boolean; message: string; reference?: string };

const Delivery = z.discriminatedUnion("method", [
  z.object({ method: z.literal("email"), email: z.email("Enter a valid e-mail address.") }),
  z.object({
    method: z.literal("sms"),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{6,20}$/, "Enter a phone number, e.g. +447755564318."),
  }),
]);

async function distribute(sessionId: string, orderId: string, delivery: z.infer<typeof Delivery>, marketCode: string, actor: string): Promise<string> {
  const market = MARKETS[marketCode as MarketCode];
  const request: DistributionRequest =
    delivery.method === "email"
      ? { method: "email", contact_information: { email: delivery.email } }
      : { method: "sms", contact_information: { phone: delivery.phone, phone_country: market.country } };
  await distributeHppSession(market.region, sessionId, request);
  const to = delivery.method === "email" ? delivery.email : delivery.phone;
  await recordEvent(db(), orderId, "payment_link_sent", `Payment link sent by ${delivery.method} to ${to} (by ${actor})`, { hppSessionId: sessionId });
  return to;
}

export async function sendPaymentLink(input: { sessionId?: string; method?: string; email?: string; phone?: string }, actor: string): Promise<LinkResult> {
  const found = input.sessionId ? await findPaymentSession(input.sessionId) : undefined;
  if (!found) return { ok: false, message: "This payment session does not exist." };
  const delivery = Delivery.safeParse(input);
  if (!delivery.success) return { ok: false, message: delivery.error.issues[0]!.message, reference: found.order.reference };
  try {
    const to = await distribute(found.session.id, found.order.id, delivery.data, found.order.market, actor);
    return { ok: true, message: `Payment link sent to ${to}.`, reference: found.order.reference };
  } catch (error) {
    if (!(error instanceof KlarnaError)) throw error;
    return { ok: false, message: `Klarna refused: ${error.reason}`, reference: found.order.reference };
  }
}

export async function disablePaymentSession(sessionId: string, actor: string): Promise<LinkResult> {
  const found = sessionId ? await findPaymentSession(sessionId) : undefined;
  if (!found) return { ok: false, message: "This payment session does not exist." };
  try {
    await disableHppSession(MARKETS[found.order.market as MarketCode].region, sessionId);
  } catch (error) {
    if (!(error instanceof KlarnaError)) throw error;
    return { ok: false, message: `Klarna refused: ${error.reason}`, reference: found.order.reference };
  }
  await db().update(orderPaymentSessions).set({ status: "DISABLED" }).where(eq(orderPaymentSessions.id, sessionId));
  await recordEvent(db(), found.order.id, "hpp_session_disabled", `Payment session ${sessionId} disabled by ${actor}`, { hppSessionId: sessionId });
  return { ok: true, message: "The payment session is disabled; its link no longer works.", reference: found.order.reference };
}

const QUANTITY = "Enter a quantity from 1 to 99.";

const PayByLinkRequest = z.object({
  market: MarketCode,
  channel: z.enum(["TELESALES", "IN_STORE"]),
  items: z
    .array(z.object({ productId: z.uuid(), quantity: z.coerce.number(QUANTITY).int(QUANTITY).min(1, QUANTITY).max(99, QUANTITY) }))
    .min(1, "Add at least one product."),
  customer: CustomerDetails,
  delivery: z.union([Delivery, z.object({ method: z.literal("none") })]),
});

export type PayByLinkOutcome =
  | {
      ok: true;
      reference: string;
      /** Klarna's link and QR code, when its reply has them (redirect_url is documented for e-commerce only). */
      redirectUrl: string | null;
      qrCodeUrl: string | null;
      sentTo?: string;
      orderPagePath: string;
    }
  | { ok: false; message: string; fieldErrors?: Record<string, string> };

/** Builds the order from the catalogue, opens Klarna's sessions on the channel, and sends the link. */
export async function createPayByLink(input: unknown, actor: string, sandboxNamespace?: string): Promise<PayByLinkOutcome> {
  const unstorable = unstorablePath(input);
  if (unstorable) {
    const field = unstorable.split(".").at(-1)!;
    return {
      ok: false,
      message: "A field contains a character that cannot be used.",
      fieldErrors: { [field]: "This contains a character that cannot be used." },
    };
  }
  const parsed = PayByLinkRequest.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, message: issue.message, fieldErrors: { [String(issue.path.at(-1) ?? "form")]: issue.message } };
  }
  const { market: code, channel, items, customer, delivery } = parsed.data;
  if (!isOfferedMarket(code))
    return {
      ok: false,
      message: `The shop does not sell in ${code}: it has no Klarna credentials for that market's region.`,
      fieldErrors: { market: "Not on offer" },
    };
  const market = MARKETS[code];
  const fieldErrors = collectFieldErrors({ success: true, data: customer }, { success: true }, market);
  if (fieldErrors) return { ok: false, message: "Please check the highlighted fields.", fieldErrors };

  const rows = await db()
    .select({ productId: products.id, slug: products.slug, name: products.name, stock: products.stock, unitPriceMinor: productPrices.unitPriceMinor })
    .from(products)
    .innerJoin(productPrices, and(eq(productPrices.productId, products.id), eq(productPrices.market, code)))
    .where(
      inArray(
        products.id,
        items.map((item) => item.productId),
      ),
    );
  const lines = items.map((item) => {
    const product = rows.find((row) => row.productId === item.productId);
    return product ? { ...product, quantity: item.quantity } : undefined;
  });
  if (lines.some((line) => !line)) return { ok: false, message: "A product in the order does not exist." };
  const short = lines.find((line) => line!.quantity > line!.stock);
  if (short) return { ok: false, message: `Only ${short.stock} of ${short.name} in stock.` };

  const order = await createPendingOrder({
    market,
    lines: lines.map((line) => line!),
    customer,
    options: PaymentOptions.parse({ returnStyle: "redirect", exitButton: "cancel" }),
    cartId: null,
    channel,
    sandboxNamespace,
  });
  // The merchant reads the back office in English.
  const opened = await openFirstPayment(order.id, "en");
  if (!opened.ok) return { ok: false, message: opened.reason ? `${opened.message} Klarna said: ${opened.reason}` : opened.message };
  const [session] = await listPaymentSessions(order.id);
  let sentTo: string | undefined;
  if (delivery.method !== "none") {
    try {
      sentTo = await distribute(session!.id, order.id, delivery, market.code, actor);
    } catch (error) {
      if (!(error instanceof KlarnaError)) throw error;
      return { ok: false, message: `The order ${order.reference} is ready, but Klarna refused to send the link: ${error.reason}` };
    }
  }
  return {
    ok: true,
    reference: order.reference,
    redirectUrl: session!.redirectUrl,
    qrCodeUrl: session!.qrCodeUrl,
    sentTo,
    orderPagePath: orderPagePath(order.reference),
  };
}
