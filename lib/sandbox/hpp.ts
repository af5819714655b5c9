import "server-only";
import { and, eq, inArray, ne, notInArray } from "drizzle-orm";
import { z } from "zod";
import { config } from "@/lib/config";
import type { KnownHppStatus } from "@/lib/klarna-wire";
import { wakeSandboxBackground } from "./background";
import { enqueueCallback } from "./callbacks";
import { REDIRECT_OPERATION, takeFaults } from "./faults";
import { addMs, clock, HOUR } from "./clock";
import { badRequest, badValue, KlarnaApiError, notFound, sessionCompleted } from "./errors";
import { isUuid, newId } from "./ids";
import { authorize, kpSessionData, readKpEntry, type KpSession } from "./kp";
import { categoryName } from "./markets";
import { createOrder } from "./om";
import { composeLinkMessage } from "./outbox";
import { decideAuthorization } from "./personas";
import { changed, readThrough } from "./read-model";
import { CompleteHppRequest, DistributionRequest, HppSessionRequest, withHppDefaults, type HppMerchantUrls, type HppOptions } from "./schemas";
import { db, inTransaction, type Executor } from "./store";
import { sandboxHppSessions, sandboxKpSessions, sandboxOutbox } from "./tables";
import { checkTargets } from "./targets";
import { parseBody } from "./validation";

// Hosted Payment Page v1: sessions wrapping a KP session, their status machine, and what the
// consumer does on the hosted page (also reachable through the control API).

export type HppStatus = KnownHppStatus;
type HppEvent = "open" | "approve" | "decline" | "cancel" | "back" | "error" | "disable" | "follow" | "timeout" | "manual_id_check";

/** What can happen to a session that is not final: opened again, disabled, completed by a sibling, timed out. */
const RETRYABLE = { open: "IN_PROGRESS", disable: "DISABLED", follow: "COMPLETED", timeout: "TIMEOUT" } as const;

/** The status machine as data: what each event does in each status; absent means refused. */
export const HPP_TRANSITIONS: Record<HppStatus, Partial<Record<HppEvent, HppStatus>>> = {
  WAITING: RETRYABLE,
  IN_PROGRESS: { ...RETRYABLE, approve: "COMPLETED", decline: "FAILED", cancel: "CANCELLED", back: "BACK", error: "ERROR", manual_id_check: "MANUAL_ID_CHECK" },
  // In store, staff check the consumer's identity; then the consumer finishes as usual.
  MANUAL_ID_CHECK: { disable: "DISABLED", follow: "COMPLETED", timeout: "TIMEOUT", approve: "COMPLETED", decline: "FAILED", cancel: "CANCELLED", error: "ERROR" },
  FAILED: RETRYABLE,
  BACK: RETRYABLE,
  ERROR: RETRYABLE,
  COMPLETED: {},
  CANCELLED: {},
  DISABLED: {},
  TIMEOUT: {},
};
const FINAL: HppStatus[] = ["COMPLETED", "CANCELLED", "DISABLED", "TIMEOUT"];
/** How long a manual identification challenge stays valid. */
const MANUAL_ID_CHECK_MS = 10 * 60_000;

type HppRow = typeof sandboxHppSessions.$inferSelect;
type HppSession = HppRow & { status: HppStatus; merchantUrls: HppMerchantUrls; options: HppOptions };

const origin = () => config().appUrl;
const apiBase = () => `${origin()}/sandbox/api`;
export const redirectUrl = (id: string) => `${origin()}/sandbox/hpp/${id}`;
export const resultPageUrl = (id: string) => `${origin()}/sandbox/hpp/${id}/result`;

/** HPP sessions expire one hour before the KP session they wrap. */
const hppExpiry = (kpSession: KpSession) => addMs(kpSession.expiresAt, -HOUR);

const KP_SESSION_PATH = /\/payments\/v1\/sessions\/([0-9a-f-]{36})\/?$/i;

export async function createHppSession(body: unknown) {
  const request = parseBody(HppSessionRequest, body);
  checkTargets("merchant_urls", request.merchant_urls ?? undefined);
  const options = withHppDefaults(request.options);
  if (options.payment_method_category && options.payment_method_categories) {
    throw new KlarnaApiError(400, "BAD_VALUE", ["Bad value: options.payment_method_category", "payment_method_category and payment_method_categories cannot both be set"]);
  }
  const kpSessionId = request.payment_session_url.match(KP_SESSION_PATH)?.[1];
  if (!kpSessionId) throw badValue("payment_session_url");
  // The KP session from the read model, then the insert on its own: the KP session was never
  // locked here (a place order under way may still complete it), so no transaction is needed.
  const kpSession = isUuid(kpSessionId) ? (await readKpEntry(kpSessionId))?.session : undefined;
  if (!kpSession || kpSession.status === "complete" || hppExpiry(kpSession) <= clock.now()) throw notFound("Payment session has expired");
  const requested = options.payment_method_category ? [options.payment_method_category] : (options.payment_method_categories ?? []);
  const field = options.payment_method_category ? "options.payment_method_category" : "options.payment_method_categories";
  const unknown = requested.flatMap((category, index) =>
    kpSession.paymentMethodCategories.includes(category.toLowerCase()) ? [] : [options.payment_method_category ? field : `${field}[${index}]`],
  );
  if (unknown.length > 0) throw badValue(...unknown);

  const now = clock.now();
  const id = newId();
  const distributionToken = newId();
  await db().insert(sandboxHppSessions).values({
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
    expires_at: hppExpiry(kpSession).toISOString(),
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
async function findLiveSession(tx: Executor, id: string, lock = false): Promise<LiveSession | null> {
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
  const expiresAt = hppExpiry(row.kpSession);
  return expiresAt > clock.now() ? { hpp: row.hpp as HppSession, kpSession: row.kpSession, expiresAt } : null;
}

const sessionNotFound = () => notFound("HPP session expired or could not be found");

function sessionResource({ hpp, expiresAt }: Pick<LiveSession, "hpp" | "expiresAt">) {
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
async function readSession(id: string): Promise<{ hpp: HppSession; kpSession: KpSession } | null> {
  const hpp = isUuid(id) ? await readThrough("hpp", id, async () => (await db().select().from(sandboxHppSessions).where(eq(sandboxHppSessions.id, id)).limit(1))[0]) : undefined;
  const kpSession = hpp && (await readKpEntry(hpp.kpSessionId))?.session;
  return hpp && kpSession ? { hpp: hpp as HppSession, kpSession } : null;
}

export async function readHppSession(id: string) {
  const session = await readSession(id);
  if (!session) throw sessionNotFound();
  const expiresAt = hppExpiry(session.kpSession);
  if (expiresAt <= clock.now()) throw sessionNotFound();
  return sessionResource({ hpp: session.hpp, expiresAt });
}

/**
 * The changes announced to merchant_urls.status_update: what the consumer does, "follow" (the
 * consumer's approval on a sibling HPP session completes this one), and Klarna's timer and
 * identity check (FACTS 1.7). The merchant's own disable is not announced.
 */
const CONSUMER_EVENTS: HppEvent[] = ["open", "approve", "decline", "cancel", "back", "error", "follow", "timeout", "manual_id_check"];

/** Every change to a session goes through here, so the read model forgets it. */
async function updateSession(tx: Executor, id: string, changes: Partial<HppRow>): Promise<void> {
  await tx.update(sandboxHppSessions).set(changes).where(eq(sandboxHppSessions.id, id));
  changed("hpp", id);
}

async function transition(tx: Executor, session: { hpp: HppSession; expiresAt: Date }, event: HppEvent, changes: Partial<HppRow> = {}): Promise<HppStatus> {
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
    await tx.insert(sandboxOutbox).values({ id: newId(), namespace: session.hpp.namespace, hppSessionId: id, method: request.method, recipient, ...message, link: redirectUrl(id), createdAt: clock.now() });
  });
}

// ---------------------------------------------------------------------------------------------
// The consumer's side: what the hosted page shows and what its buttons do.

export type ConsumerOutcome = z.infer<typeof CompleteHppRequest>["outcome"];

function offeredCategories(hpp: HppSession, kpSession: KpSession): string[] {
  const { payment_method_category: one, payment_method_categories: several, payment_fallback } = hpp.options;
  const chosen = one ? [one.toLowerCase()] : several ? several.map((category) => category.toLowerCase()) : kpSession.paymentMethodCategories;
  const declined = hpp.declinedCategories;
  // After a decline, payment_fallback offers every other category of the KP session.
  const pool = payment_fallback && declined.length > 0 ? kpSession.paymentMethodCategories : chosen;
  return pool.filter((category) => !declined.includes(category));
}

export type HostedPage =
  | { state: "unavailable"; reason: "not_found" | "expired" | "disabled" | "completed" | "cancelled" | "timeout"; locale?: string }
  | {
      state: "open";
      sessionId: string;
      status: HppStatus;
      order: ReturnType<typeof kpSessionData>;
      options: HppOptions;
      categories: { identifier: string; name: string }[];
      fallbackOffered: boolean;
      email: string;
      showBack: boolean;
    };

const UNAVAILABLE: Partial<Record<HppStatus, "disabled" | "completed" | "cancelled" | "timeout">> = {
  DISABLED: "disabled",
  COMPLETED: "completed",
  CANCELLED: "cancelled",
  TIMEOUT: "timeout",
};
/** Statuses in which the consumer is on the page and may act. */
const ON_PAGE: HppStatus[] = ["IN_PROGRESS", "MANUAL_ID_CHECK"];

/** A consumer's action: its status callbacks go out as soon as it commits. */
async function consumerTransaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
  const result = await inTransaction(work);
  wakeSandboxBackground();
  return result;
}

/** Opens the hosted page for a consumer: a session not yet final moves to IN_PROGRESS. */
export async function openHostedPage(id: string): Promise<HostedPage> {
  return consumerTransaction(async (tx) => {
    if (!isUuid(id)) return { state: "unavailable", reason: "not_found" };
    const session = await findLiveSession(tx, id, true);
    if (!session) {
      const [known] = await tx.select({ id: sandboxHppSessions.id }).from(sandboxHppSessions).where(eq(sandboxHppSessions.id, id)).limit(1);
      return { state: "unavailable", reason: known ? "expired" : "not_found" };
    }
    const { hpp, kpSession } = session;
    // A KP session that has its order takes no more payments, whatever this HPP session's status.
    const unavailable = kpSession.status === "complete" ? "completed" : UNAVAILABLE[hpp.status];
    if (unavailable) return { state: "unavailable", reason: unavailable, locale: kpSessionData(kpSession).locale };
    const status = ON_PAGE.includes(hpp.status) ? hpp.status : await transition(tx, session, "open");
    const order = kpSessionData(kpSession);
    return {
      state: "open",
      sessionId: id,
      status,
      order,
      options: hpp.options,
      categories: offeredCategories(hpp, kpSession).map((identifier) => ({ identifier, name: categoryName(order.purchase_country, identifier) })),
      fallbackOffered: hpp.declinedCategories.length > 0,
      email: order.billing_address?.email ?? "",
      showBack: Boolean(hpp.merchantUrls.back),
    };
  });
}

function fillPlaceholders(url: string, values: { sessionId: string; authorizationToken?: string | null; orderId?: string | null }) {
  let filled = url.replaceAll("{{session_id}}", encodeURIComponent(values.sessionId));
  if (values.authorizationToken) filled = filled.replaceAll("{{authorization_token}}", encodeURIComponent(values.authorizationToken));
  if (values.orderId) filled = filled.replaceAll("{{order_id}}", encodeURIComponent(values.orderId));
  return filled;
}

/** Where the browser goes after an outcome: the merchant's URL, or the sandbox's generic page. */
function destination(hpp: HppSession, status: HppStatus, values: { authorizationToken?: string | null; orderId?: string | null }) {
  const urls = hpp.merchantUrls;
  const target: Partial<Record<HppStatus, string | null | undefined>> = {
    COMPLETED: urls.success,
    FAILED: urls.failure,
    ERROR: urls.error ?? urls.failure,
    CANCELLED: urls.cancel,
    BACK: urls.back ?? urls.cancel,
  };
  const url = target[status];
  return url ? fillPlaceholders(url, { sessionId: hpp.id, ...values }) : resultPageUrl(hpp.id);
}

export interface ConsumerResult {
  status: HppStatus;
  redirect_to: string | null;
  /** Set when a decline with payment_fallback keeps the consumer on the page. */
  fallback_categories?: string[];
  /** Set when an injected fault lost the redirect after payment. */
  redirect_dropped?: boolean;
}

/** Performs a consumer's action on the hosted page (the page's buttons and the control API). */
export async function actOnHostedPage(id: string, input: unknown): Promise<ConsumerResult> {
  const request = parseBody(CompleteHppRequest, input);
  const result = await consumerTransaction(async (tx): Promise<ConsumerResult> => {
    const session = await findLiveSession(tx, id, true);
    if (!session) throw sessionNotFound();
    let hpp = session.hpp;
    const { kpSession } = session;
    if (HPP_TRANSITIONS[hpp.status].open && hpp.status !== "IN_PROGRESS") {
      await transition(tx, session, "open");
      hpp = { ...hpp, status: "IN_PROGRESS" };
    }
    if (!ON_PAGE.includes(hpp.status)) throw badRequest(`HPP session is ${hpp.status}; the consumer can no longer act on it`);
    if (kpSession.status === "complete") throw sessionCompleted();

    const offered = offeredCategories(hpp, kpSession);
    const category = (request.category ?? offered[0] ?? "").toLowerCase();
    // Cancel becomes back when the merchant gave a back URL: the page shows one button or the other.
    const outcome: ConsumerOutcome = request.outcome === "cancel" && hpp.merchantUrls.back ? "back" : request.outcome;

    if (outcome === "approve" || outcome === "decline") {
      if (!offered.includes(category)) throw badValue("category");
      const order = kpSessionData(kpSession);
      const email = request.email ?? order.billing_address?.email;
      const decision = outcome === "decline" ? ({ outcome: "decline" } as const) : decideAuthorization(email, order.purchase_country);
      if (decision.outcome === "decline") {
        const declined = [...hpp.declinedCategories, category];
        const fallback = hpp.options.payment_fallback ? offeredCategories({ ...hpp, declinedCategories: declined }, kpSession) : [];
        if (fallback.length > 0) {
          await updateSession(tx, id, { declinedCategories: declined, updatedAt: clock.now() });
          return { status: "IN_PROGRESS", redirect_to: null, fallback_categories: fallback };
        }
        const status = await transition(tx, { hpp, expiresAt: session.expiresAt }, "decline", { declinedCategories: declined });
        return { status, redirect_to: destination(hpp, status, {}) };
      }
      return complete(tx, hpp, kpSession, category, email);
    }
    const status = await transition(tx, { hpp, expiresAt: session.expiresAt }, outcome);
    return { status, redirect_to: destination(hpp, status, {}) };
  });
  if (result.status !== "COMPLETED") return result;
  // Fault injection: the consumer paid, then closed the window before the redirect.
  const [dropped] = await takeFaults(REDIRECT_OPERATION, ["drop_redirect"]);
  return dropped ? { ...result, redirect_to: null, redirect_dropped: true } : result;
}

async function complete(tx: Executor, hpp: HppSession, kpSession: KpSession, category: string, email: string | undefined): Promise<ConsumerResult> {
  const mode = hpp.options.place_order_mode;
  let values: { authorizationToken: string | null; orderId: string | null; klarnaReference: string | null };
  if (mode === "NONE") {
    values = { authorizationToken: await authorize(tx, kpSession, { hppSessionId: hpp.id, category, email }), orderId: null, klarnaReference: null };
  } else {
    const order = await createOrder(tx, { session: kpSession, data: kpSessionData(kpSession), category, consumerEmail: email, capture: mode === "CAPTURE_ORDER" });
    values = { authorizationToken: null, orderId: order.id, klarnaReference: order.klarnaReference };
  }
  const expiresAt = hppExpiry(kpSession);
  const status = await transition(tx, { hpp, expiresAt }, "approve", values);
  // Every other open HPP session on the same KP session follows this one to COMPLETED.
  const others = await tx
    .select()
    .from(sandboxHppSessions)
    .where(and(eq(sandboxHppSessions.kpSessionId, kpSession.id), notInArray(sandboxHppSessions.status, FINAL), ne(sandboxHppSessions.id, hpp.id)))
    .for("update");
  for (const other of others) await transition(tx, { hpp: other as HppSession, expiresAt }, "follow", values);
  return { status, redirect_to: destination(hpp, status, values) };
}

/**
 * Control API: what Klarna itself does to a session that is not final. `timeout`: the session's
 * timer ran out (TIMEOUT, final). `manual_id_check`: in store, staff start checking the consumer's
 * identity (MANUAL_ID_CHECK, from IN_PROGRESS); the consumer then completes as usual.
 */
export async function applyKlarnaEvent(id: string, event: "timeout" | "manual_id_check") {
  return consumerTransaction(async (tx) => {
    const session = await findLiveSession(tx, id, true);
    if (!session) throw sessionNotFound();
    await transition(tx, session, event);
    return sessionResource({ ...session, hpp: { ...session.hpp, status: HPP_TRANSITIONS[session.hpp.status][event]!, updatedAt: clock.now() } });
  });
}

/** What the generic result page (shown when the merchant gave no URL for an outcome) needs. */
export async function readResultPage(id: string) {
  const session = await readSession(id);
  if (!session) return null;
  const { hpp, kpSession } = session;
  return { sessionId: hpp.id, status: hpp.status, klarnaReference: hpp.klarnaReference, locale: kpSessionData(kpSession).locale };
}
