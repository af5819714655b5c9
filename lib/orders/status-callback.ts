import "server-only";
import { unstorablePath } from "@/lib/text";
import { createHash, timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db/client";
import { klarnaCallbacks } from "@/lib/db/schema";
import { HppStatusCallback } from "@/lib/klarna-wire";
import { recordEvent } from "./events";
import { findPaymentSession } from "./queries";

// Klarna's HPP status callback (merchant_urls.status_update). It carries no signature, so its URL
// carries a per-session secret; the body is only a hint: finalize() re-reads the session.

export type CallbackVerdict = { status: 401 | 400; error: string } | { status: 200; duplicate: boolean; orderId: string };

const digest = (value: string) => createHash("sha256").update(value).digest();

export async function receiveStatusCallback(input: { sid: string | null; secret: string | null; body: unknown }): Promise<CallbackVerdict> {
  const found = input.sid ? await findPaymentSession(input.sid) : undefined;
  // Compare fixed-length digests so neither the secret's length nor its content leaks through timing.
  const expected = Buffer.from(found?.session.callbackSecretHash ?? "0".repeat(64), "hex");
  const given = digest(input.secret ?? "");
  if (!found || !timingSafeEqual(expected, given)) return { status: 401, error: "Unknown session or wrong secret" };

  if (unstorablePath(input.body)) return { status: 400, error: "The body holds text that cannot be stored" };
  const parsed = HppStatusCallback.safeParse(input.body);
  if (!parsed.success || parsed.data.session.session_id !== input.sid) return { status: 400, error: "Not a status callback for this session" };
  const { event_id: eventId, session } = parsed.data;
  const fresh = await db()
    .insert(klarnaCallbacks)
    .values({ eventId, orderId: found.order.id })
    .onConflictDoNothing()
    .returning({ eventId: klarnaCallbacks.eventId });
  if (fresh.length === 0) return { status: 200, duplicate: true, orderId: found.order.id };
  await recordEvent(db(), found.order.id, "callback_received", `Klarna reported session ${session.session_id} as ${session.status}`, {
    eventId,
    hppSessionId: session.session_id,
    status: session.status,
  });
  return { status: 200, duplicate: false, orderId: found.order.id };
}
