import "server-only";
import { eq, sql } from "drizzle-orm";
import { CustomerRead } from "@/lib/klarna-wire";
import { enqueueCallback } from "./callbacks";
import { addMs, clock, HOUR, MINUTE } from "./clock";
import { forbidden, KlarnaApiError, notFound, sessionCompleted } from "./errors";
import { newClientToken, newId, isUuid } from "./ids";
import { categoriesFor, categoryResponse } from "./markets";
import { createOrder } from "./om";
import {
  CustomerTokenRequest,
  KpSessionRequest,
  KpSessionUpdate,
  PlaceOrderRequest,
  withSessionDefaults,
  type KpSessionData,
  type OrderData,
  type OrderLine,
} from "./schemas";
import { changed, readThrough, type KpEntry } from "./read-model";
import { db, inTransaction, type Executor } from "./store";
import { sandboxAuthorizations, sandboxKpSessions } from "./tables";
import { checkTargets } from "./targets";
import { parseBody, validateOrderData } from "./validation";
import { currentNamespace } from "./scope";

// Klarna Payments v1: sessions, authorizations (issued by the hosted page), place order.

export const KP_SESSION_LIFETIME = 48 * HOUR;
export const AUTHORIZATION_LIFETIME = 60 * MINUTE;

export type KpSession = typeof sandboxKpSessions.$inferSelect;

const invalidSession = () => notFound("Invalid session id");
const invalidToken = () => notFound("Invalid authorization token");

/** A live KP session (not expired), or null. */
export async function findKpSession(tx: Executor, id: string): Promise<KpSession | null> {
  if (!isUuid(id)) return null;
  const [session] = await tx.select().from(sandboxKpSessions).where(eq(sandboxKpSessions.id, id)).limit(1);
  return session && session.expiresAt > clock.now() ? session : null;
}

export function kpSessionData(session: KpSession): KpSessionData {
  return session.data as unknown as KpSessionData;
}

export async function createKpSession(body: unknown) {
  const request = parseBody(KpSessionRequest, body);
  validateOrderData(request);
  checkTargets("merchant_urls", request.merchant_urls);
  const data = withSessionDefaults(request);
  const now = clock.now();
  const id = newId();
  const categories = categoriesFor(request.purchase_country).map((category) => category.identifier);
  const clientToken = newClientToken(id);
  // One statement: a transaction of its own.
  await db()
    .insert(sandboxKpSessions)
    .values({
      id,
      namespace: currentNamespace(),
      data,
      paymentMethodCategories: categories,
      clientToken,
      status: "incomplete",
      createdAt: now,
      updatedAt: now,
      expiresAt: addMs(now, KP_SESSION_LIFETIME),
    });
  return { session_id: id, client_token: clientToken, payment_method_categories: categoryResponse(request.purchase_country, categories, data.locale) };
}

/** The session and whether it is authorized, in one statement (one snapshot), from the read model. */
export const readKpEntry = (id: string): Promise<KpEntry | undefined> =>
  readThrough("kp", id, async () => {
    const [entry] = await db()
      .select({
        session: sandboxKpSessions,
        authorized: sql<boolean>`exists (select 1 from ${sandboxAuthorizations} where ${sandboxAuthorizations.kpSessionId} = ${sandboxKpSessions.id} and ${sandboxAuthorizations.status} <> 'cancelled')`,
      })
      .from(sandboxKpSessions)
      .where(eq(sandboxKpSessions.id, id))
      .limit(1);
    return entry;
  });

export async function readKpSession(id: string) {
  const entry = isUuid(id) ? await readKpEntry(id) : undefined;
  const session = entry?.session;
  if (!session || session.expiresAt <= clock.now()) throw invalidSession();
  const data = kpSessionData(session);
  // Klarna returns customer details only after an authorization, and of the customer only what
  // its customer_read lists (no national id, no SSN digits).
  const { billing_address, shipping_address, customer, ...order } = data;
  const customerRead = customer && Object.fromEntries(Object.entries(customer).filter(([key]) => key in CustomerRead.shape));
  return {
    ...order,
    ...(entry.authorized ? { billing_address, shipping_address, customer: customerRead } : {}),
    status: session.status,
    client_token: session.clientToken,
    expires_at: session.expiresAt.toISOString(),
    payment_method_categories: categoryResponse(data.purchase_country, session.paymentMethodCategories, data.locale),
  };
}

export async function updateKpSession(id: string, body: unknown): Promise<void> {
  const update = parseBody(KpSessionUpdate, body);
  await inTransaction(async (tx) => {
    const session = await findKpSession(tx, id);
    if (!session) throw invalidSession();
    if (session.status === "complete") throw sessionCompleted();
    // Klarna's update has no required field: what is sent replaces those fields of the session,
    // and the rules run on the result.
    const merged = parseBody(KpSessionRequest, { ...kpSessionData(session), ...update });
    validateOrderData(merged);
    checkTargets("merchant_urls", merged.merchant_urls);
    const data = withSessionDefaults(merged);
    const now = clock.now();
    await tx
      .update(sandboxKpSessions)
      .set({
        data,
        paymentMethodCategories: categoriesFor(data.purchase_country).map((category) => category.identifier),
        updatedAt: now,
        expiresAt: addMs(now, KP_SESSION_LIFETIME),
      })
      .where(eq(sandboxKpSessions.id, id));
    changed("kp", id);
  });
}

/**
 * Issues an authorization token for a KP session (what the hosted page does on approval) and, when
 * the session names merchant_urls.authorization, tells the merchant there.
 */
export async function authorize(tx: Executor, session: KpSession, details: { hppSessionId: string; category: string; email?: string }) {
  const now = clock.now();
  const token = newId();
  await tx.insert(sandboxAuthorizations).values({
    token,
    namespace: session.namespace,
    kpSessionId: session.id,
    hppSessionId: details.hppSessionId,
    category: details.category,
    consumerEmail: details.email ?? null,
    status: "valid",
    createdAt: now,
    expiresAt: addMs(now, AUTHORIZATION_LIFETIME),
  });
  changed("kp", session.id);
  const callbackUrl = kpSessionData(session).merchant_urls?.authorization;
  if (callbackUrl) {
    await enqueueCallback(tx, {
      kind: "kp_authorization",
      subjectId: session.id,
      url: callbackUrl.replaceAll("{session.id}", session.id),
      payload: () => ({ authorization_token: token, session_id: session.id }),
    });
  }
  return token;
}

async function validAuthorization(tx: Executor, token: string) {
  if (!isUuid(token)) throw invalidToken();
  const [authorization] = await tx.select().from(sandboxAuthorizations).where(eq(sandboxAuthorizations.token, token)).for("update").limit(1);
  if (!authorization || authorization.status !== "valid" || authorization.expiresAt <= clock.now()) throw invalidToken();
  const session = await findKpSession(tx, authorization.kpSessionId);
  if (!session) throw invalidToken();
  return { authorization, session };
}

const comparableLine = (line: OrderLine) => [
  line.type ?? "physical",
  line.reference ?? "",
  line.name,
  line.quantity,
  line.unit_price,
  line.tax_rate ?? 0,
  line.total_amount,
  line.total_discount_amount ?? 0,
  line.total_tax_amount ?? 0,
];

/** Fields of a place-order request that differ from the authorized session. */
export function mismatchedFields(session: OrderData, request: OrderData): string[] {
  const fields: string[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (session.purchase_country.toUpperCase() !== request.purchase_country.toUpperCase()) fields.push("purchase_country");
  if (session.purchase_currency.toUpperCase() !== request.purchase_currency.toUpperCase()) fields.push("purchase_currency");
  if (session.order_amount !== request.order_amount) fields.push("order_amount");
  if ((session.order_tax_amount ?? 0) !== (request.order_tax_amount ?? 0)) fields.push("order_tax_amount");
  if (!same(session.order_lines.map(comparableLine), request.order_lines.map(comparableLine))) fields.push("order_lines");
  const postal = (data: OrderData) => data.billing_address?.postal_code?.replace(/\s/g, "");
  if (request.billing_address?.postal_code !== undefined && postal(session) !== postal(request)) fields.push("billing_address.postal_code");
  return fields;
}

export async function placeOrder(token: string, body: unknown) {
  const request = parseBody(PlaceOrderRequest, body);
  validateOrderData(request);
  checkTargets("merchant_urls", request.merchant_urls);
  return inTransaction(async (tx) => {
    const { authorization, session } = await validAuthorization(tx, token);
    const sessionData = kpSessionData(session);
    const mismatched = mismatchedFields(sessionData, request);
    if (mismatched.length > 0) throw new KlarnaApiError(409, "BAD_VALUE", [`Not matching fields: [${mismatched.join(", ")}]`]);
    const { auto_capture, ...orderData } = request;
    const order = await createOrder(tx, {
      session,
      data: {
        ...orderData,
        locale: orderData.locale ?? sessionData.locale,
        billing_address: request.billing_address ?? sessionData.billing_address,
        shipping_address: request.shipping_address ?? sessionData.shipping_address,
        customer: request.customer ?? sessionData.customer,
      },
      category: authorization.category,
      consumerEmail: authorization.consumerEmail ?? undefined,
      capture: auto_capture ?? false,
    });
    await tx.update(sandboxAuthorizations).set({ status: "used", orderId: order.id }).where(eq(sandboxAuthorizations.token, token));
    return {
      order_id: order.id,
      ...(request.merchant_urls?.confirmation
        ? { redirect_url: request.merchant_urls.confirmation.replaceAll("{order.id}", order.id).replaceAll("{session.id}", session.id) }
        : {}),
      fraud_status: order.fraudStatus,
      authorized_payment_method: order.authorizedPaymentMethod,
    };
  });
}

export async function cancelAuthorization(token: string): Promise<void> {
  await inTransaction(async (tx) => {
    const { session } = await validAuthorization(tx, token);
    await tx.update(sandboxAuthorizations).set({ status: "cancelled" }).where(eq(sandboxAuthorizations.token, token));
    changed("kp", session.id);
  });
}

export async function createCustomerToken(token: string, body: unknown) {
  const request = parseBody(CustomerTokenRequest, body);
  return inTransaction(async (tx) => {
    const { session } = await validAuthorization(tx, token);
    const data = kpSessionData(session);
    if (data.intent === "buy") throw forbidden("INVALID_OPERATION", "The session's intent does not allow tokenization");
    return {
      token_id: newId(),
      billing_address: request.billing_address ?? data.billing_address,
      customer: request.customer ?? data.customer,
      payment_method_reference: newId(),
    };
  });
}
