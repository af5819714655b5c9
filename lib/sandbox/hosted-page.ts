import "server-only";
import { and, eq, ne, notInArray } from "drizzle-orm";
import { z } from "zod";
import { wakeSandboxBackground } from "./background";
import { REDIRECT_OPERATION, takeFaults } from "./faults";
import { clock } from "./clock";
import { badRequest, badValue, sessionCompleted } from "./errors";
import { isUuid } from "./ids";
import { hppExpiresAt } from "./lifetimes";
import { authorize, kpSessionData, type KpSession } from "./kp";
import { categoryName } from "./markets";
import { createOrder } from "./om";
import { decideAuthorization } from "./personas";
import { CompleteHppRequest, type HppOptions } from "./schemas";
import { inTransaction, type Executor } from "./store";
import { sandboxHppSessions } from "./tables";
import { parseBody } from "./validation";
import {
  FINAL,
  fillPlaceholders,
  findLiveSession,
  HPP_TRANSITIONS,
  readSession,
  resultPageUrl,
  sessionNotFound,
  sessionResource,
  transition,
  updateSession,
  type HppSession,
  type HppStatus,
} from "./hpp";

// Hosted Payment Page v1, the consumer's side: what the hosted page shows and what its buttons do
// (also reachable through the control API).

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
    const order = await createOrder(tx, {
      session: kpSession,
      data: kpSessionData(kpSession),
      category,
      consumerEmail: email,
      capture: mode === "CAPTURE_ORDER",
    });
    values = { authorizationToken: null, orderId: order.id, klarnaReference: order.klarnaReference };
  }
  const expiresAt = hppExpiresAt(kpSession.expiresAt);
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
