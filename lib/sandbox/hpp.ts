import "server-only";
import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { config } from "@/lib/config";
import type { KnownHppStatus } from "@/lib/klarna-wire";
import { enqueueCallback } from "./callbacks";
import { addMs, clock } from "./clock";
import { badRequest, badValue, KlarnaApiError, notFound } from "./errors";
import { isUuid, KP_SESSION_PATH, newId } from "./ids";
import { hppExpiresAt } from "./lifetimes";
import { kpSessionData, readKpEntry, type KpSession } from "./kp";
import { composeLinkMessage } from "./outbox";
import { changed, readThrough } from "./read-model";
import { DistributionRequest, HppSessionRequest, withHppDefaults, type HppMerchantUrls, type HppOptions } from "./schemas";
import { db, inTransaction, type Executor } from "./store";
import { sandboxHppSessions, sandboxKpSessions, sandboxOutbox } from "./tables";
import { checkTargets } from "./targets";
import { parseBody } from "./validation";

// Hosted Payment Page v1, the merchant's side: sessions wrapping a KP session, their status
// machine, reads, disabling and distribution. The consumer's side is hosted-page.ts.

export type HppStatus = KnownHppStatus;
type HppEvent = "open" | "approve" | "decline" | "cancel" | "back" | "error" | "disable" | "follow" | "timeout" | "manual_id_check";

/** What can happen to a session that is not final: opened again, disabled, completed by a sibling, timed out. */
const RETRYABLE = { open: "IN_PROGRESS", disable: "DISABLED", follow: "COMPLETED", timeout: "TIMEOUT" } as const;

/** The status machine as data: what each event does in each status; absent means refused. */
export const HPP_TRANSITIONS: Record<HppStatus, Partial<Record<HppEvent, HppStatus>>> = {
  WAITING: RETRYABLE,
  IN_PROGRESS: { ...RETRYABLE, approve: "COMPLETED", decline: "FAILED", cancel: "CANCELLED", back: "BACK", error: "ERROR", manual_id_check: "MANUAL_ID_CHECK" },
  // In store, staff check the consumer's identity; then the consumer finishes as usual.
  MANUAL_ID_CHECK: {
    disable: "DISABLED",
    follow: "COMPLETED",
    timeout: "TIMEOUT",
    approve: "COMPLETED",
    decline: "FAILED",
    cancel: "CANCELLED",
    error: "ERROR",
  },
  FAILED: RETRYABLE,
  BACK: RETRYABLE,
  ERROR: RETRYABLE,
  COMPLETED: {},
  CANCELLED: {},
  DISABLED: {},
  TIMEOUT: {},
};
export const FINAL: HppStatus[] = ["COMPLETED", "CANCELLED", "DISABLED", "TIMEOUT"];
/** How long a manual identification challenge stays valid. */
const MANUAL_ID_CHECK_MS = 10 * 60_000;

type HppRow = typeof sandboxHppSessions.$inferSelect;
export type HppSession = HppRow & { status: HppStatus; merchantUrls: HppMerchantUrls; options: HppOptions };

const origin = () => config().appUrl;
const apiBase = () => `${origin()}/sandbox/api`;
export const redirectUrl = (id: string) => `${origin()}/sandbox/hpp/${id}`;
export const resultPageUrl = (id: string) => `${origin()}/sandbox/hpp/${id}/result`;

export async function createHppSession(body: unknown) {
  const request = parseBody(HppSessionRequest, body);
  checkTargets("merchant_urls", request.merchant_urls ?? undefined);
  const options = withHppDefaults(request.options);
  if (options.payment_method_category && options.payment_method_categories) {
    throw new KlarnaApiError(400, "BAD_VALUE", [
      "Bad value: options.payment_method_category",
      "payment_method_category and payment_method_categories cannot both be set",
    ]);
  }
  const kpSessionId = request.payment_session_url.match(KP_SESSION_PATH)?.[1];
  if (!kpSessionId) throw badValue("payment_session_url");
  // The KP session from the read model, then the insert on its own: the KP session was never
  // locked here (a place order under way may still complete it), so no transaction is needed.
  const kpSession = isUuid(kpSessionId) ? (await readKpEntry(kpSessionId))?.session : undefined;
  if (!kpSession || kpSession.status === "complete" || hppExpiresAt(kpSession.expiresAt) <= clock.now()) throw notFound("Payment session has expired");
  const requested = options.payment_method_category ? [options.payment_method_category] : (options.payment_method_categories ?? []);
  const field = options.payment_method_category ? "options.payment_method_category" : "options.payment_method_categories";
  const unknown = requested.flatMap((category, index) =>
    kpSession.paymentMethodCategories.includes(category.toLowerCase()) ? [] : [options.payment_method_category ? field : `${field}[${index}]`],
  );
  if (unknown.length > 0) throw badValue(...unknown);

  const now = clock.now();
  const id = newId();
  const distributionToken = newId();
  await db()
    .insert(sandboxHppSessions)
    .values({
      id,
      namespace: kpSession.namespace,
      kpSessionId,
      merchantUrls: request.merchant_urls ?? {},
      options,
      status: "WAITING",
      declinedCategories: [],
      distributionToken,
      createdAt: now,
      updatedAt: now,
    });
  const sessionUrl = `${apiBase()}/hpp/v1/sessions/${id}`;
  const reply = {
    session_id: id,
    session_url: sessionUrl,
    redirect_url: redirectUrl(id),
    qr_code_url: `${redirectUrl(id)}/qr`,
    distribution_url: `${sessionUrl}/distribution`,
    expires_at: hppExpiresAt(kpSession.expiresAt).toISOString(),
    manual_identification_check_url: `${sessionUrl}/manual-id-check`,
    distribution_module: {
      token: distributionToken,
      standalone_url: `${origin()}/sandbox/hpp/distributions/${distributionToken}?profile_id={{profile_id}}&view_id={{view_id}}`,
      generation_url: `${sessionUrl}/distribution-module/token`,
    },
  };
  return { reply, channel: kpSessionData(kpSession).acquiring_channel };
}

type LiveSession = { hpp: HppSession; kpSession: KpSession; expiresAt: Date };

/** The HPP session and its KP session (one query), or null when unknown or expired. */
export async function findLiveSession(tx: Executor, id: string, lock = false): Promise<LiveSession | null> {
  if (!isUuid(id)) return null;
  if (lock) {
    // The KP session's row first, then the HPP session's: actions on sibling HPP sessions (where
    // one completes all the others) then take turns instead of deadlocking.
    const kpSessionOf = tx.select({ id: sandboxHppSessions.kpSessionId }).from(sandboxHppSessions).where(eq(sandboxHppSessions.id, id));
    await tx.select({ id: sandboxKpSessions.id }).from(sandboxKpSessions).where(inArray(sandboxKpSessions.id, kpSessionOf)).for("update");
  }
  const query = tx
    .select({ hpp: sandboxHppSessions, kpSession: sandboxKpSessions })
    .from(sandboxHppSessions)
    .innerJoin(sandboxKpSessions, eq(sandboxKpSessions.id, sandboxHppSessions.kpSessionId))
    .where(eq(sandboxHppSessions.id, id))
    .limit(1);
  const [row] = lock ? await query.for("update", { of: sandboxHppSessions }) : await query;
  if (!row) return null;
  const expiresAt = hppExpiresAt(row.kpSession.expiresAt);
  return expiresAt > clock.now() ? { hpp: row.hpp as HppSession, kpSession: row.kpSession, expiresAt } : null;
}

export const sessionNotFound = () => notFound("HPP session expired or could not be found");

export function sessionResource({ hpp, expiresAt }: Pick<LiveSession, "hpp" | "expiresAt">) {
  return {
    session_id: hpp.id,
    status: hpp.status,
    updated_at: hpp.updatedAt.toISOString(),
    expires_at: expiresAt.toISOString(),
    ...(hpp.status === "COMPLETED" && hpp.authorizationToken ? { authorization_token: hpp.authorizationToken } : {}),
    ...(hpp.status === "COMPLETED" && hpp.orderId ? { order_id: hpp.orderId, klarna_reference: hpp.klarnaReference } : {}),
    ...(hpp.status === "MANUAL_ID_CHECK"
      ? { manual_identification: { challenge: hpp.id.slice(0, 3).toUpperCase(), expires_at: addMs(hpp.updatedAt, MANUAL_ID_CHECK_MS).toISOString() } }
      : {}),
  };
}

/** The session and its KP session from the read model, expired or not; null when unknown. */
export async function readSession(id: string): Promise<{ hpp: HppSession; kpSession: KpSession } | null> {
  const hpp = isUuid(id)
    ? await readThrough("hpp", id, async () => (await db().select().from(sandboxHppSessions).where(eq(sandboxHppSessions.id, id)).limit(1))[0])
    : undefined;
  const kpSession = hpp && (await readKpEntry(hpp.kpSessionId))?.session;
  return hpp && kpSession ? { hpp: hpp as HppSession, kpSession } : null;
}

export async function readHppSession(id: string) {
  const session = await readSession(id);
  if (!session) throw sessionNotFound();
  const expiresAt = hppExpiresAt(session.kpSession.expiresAt);
  if (expiresAt <= clock.now()) throw sessionNotFound();
  return sessionResource({ hpp: session.hpp, expiresAt });
}

/**
 * The changes announced to merchant_urls.status_update: what the consumer does, "follow" (the
 * consumer's approval on a sibling HPP session completes this one), and Klarna's timer and
 * identity check. The merchant's own disable is not announced.
 */
const CONSUMER_EVENTS: HppEvent[] = ["open", "approve", "decline", "cancel", "back", "error", "follow", "timeout", "manual_id_check"];

/** Every change to a session goes through here, so the read model forgets it. */
export async function updateSession(tx: Executor, id: string, changes: Partial<HppRow>): Promise<void> {
  await tx.update(sandboxHppSessions).set(changes).where(eq(sandboxHppSessions.id, id));
  changed("hpp", id);
}

export async function transition(
  tx: Executor,
  session: { hpp: HppSession; expiresAt: Date },
  event: HppEvent,
  changes: Partial<HppRow> = {},
): Promise<HppStatus> {
  const { hpp } = session;
  const next = HPP_TRANSITIONS[hpp.status][event];
  if (!next) throw badRequest(`HPP session is ${hpp.status}; ${event} is not possible`);
  const updated = { ...hpp, ...changes, status: next, updatedAt: clock.now() } as HppSession;
  await updateSession(tx, hpp.id, { ...changes, status: next, updatedAt: updated.updatedAt });
  const statusUpdateUrl = hpp.merchantUrls.status_update;
  if (statusUpdateUrl && CONSUMER_EVENTS.includes(event)) {
    await enqueueCallback(tx, {
      kind: "hpp_status",
      subjectId: hpp.id,
      url: fillPlaceholders(statusUpdateUrl, { sessionId: hpp.id, authorizationToken: updated.authorizationToken, orderId: updated.orderId }),
      payload: (eventId) => ({ event_id: eventId, session: sessionResource({ ...session, hpp: updated }) }),
    });
  }
  return next;
}

export async function disableHppSession(id: string): Promise<void> {
  await inTransaction(async (tx) => {
    const session = await findLiveSession(tx, id, true);
    if (!session) throw sessionNotFound();
    if (session.hpp.status === "COMPLETED") throw badRequest("HPP session has already been successfully completed");
    if (session.hpp.status === "DISABLED") return;
    await transition(tx, session, "disable");
  });
}

const PhoneNumber = z.string().regex(/^\+?[0-9 ()-]{6,20}$/);

export async function distributeHppSession(id: string, body: unknown): Promise<void> {
  const parsed = parseBody(DistributionRequest, body);
  const request = { ...parsed, method: parsed.method.toLowerCase() as "email" | "sms" | "token" };
  const contact = request.contact_information ?? {};
  const missing = () => new KlarnaApiError(400, "MISSING_CONTACT_DATA", [`contact_information is missing what method ${request.method} needs`]);
  let recipient: string;
  if (request.method === "email") {
    if (!contact.email) throw missing();
    if (!z.email().safeParse(contact.email).success) throw badValue("contact_information.email");
    recipient = contact.email;
  } else if (request.method === "sms") {
    if (!contact.phone || !contact.phone_country) throw missing();
    if (!PhoneNumber.safeParse(contact.phone).success) throw badValue("contact_information.phone");
    if (!/^[A-Za-z]{2}$/.test(contact.phone_country)) throw badValue("contact_information.phone_country");
    recipient = `${contact.phone} (${contact.phone_country.toUpperCase()})`;
  } else {
    if (!contact.access_id) throw missing();
    recipient = contact.access_id;
  }
  await inTransaction(async (tx) => {
    const session = await findLiveSession(tx, id);
    if (!session) throw sessionNotFound();
    if (FINAL.includes(session.hpp.status)) throw badRequest(`HPP session is ${session.hpp.status}; it cannot be distributed`);
    const message = composeLinkMessage(request.method, kpSessionData(session.kpSession), redirectUrl(id));
    await tx.insert(sandboxOutbox).values({
      id: newId(),
      namespace: session.hpp.namespace,
      hppSessionId: id,
      method: request.method,
      recipient,
      ...message,
      link: redirectUrl(id),
      createdAt: clock.now(),
    });
  });
}

/** A merchant URL with Klarna's {{placeholders}} filled in. */
export function fillPlaceholders(url: string, values: { sessionId: string; authorizationToken?: string | null; orderId?: string | null }) {
  let filled = url.replaceAll("{{session_id}}", encodeURIComponent(values.sessionId));
  if (values.authorizationToken) filled = filled.replaceAll("{{authorization_token}}", encodeURIComponent(values.authorizationToken));
  if (values.orderId) filled = filled.replaceAll("{{order_id}}", encodeURIComponent(values.orderId));
  return filled;
}
