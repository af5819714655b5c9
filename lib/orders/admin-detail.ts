import "server-only";
import { desc, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { orderOperations } from "@/lib/db/schema";
import { KlarnaError, readHppSession } from "@/lib/klarna";
import { MARKETS, type MarketCode } from "@/lib/shop/markets";
import { syncFromKlarna } from "./back-office";
import { operationAvailability, type KlarnaOrderView } from "./klarna-states";
import { getOrderByReference, listOrderEvents, listOrderLines, listPaymentSessions } from "./queries";

// Everything the merchant sees about one order, with Klarna's live view next to ours.

const explain = (error: unknown) => (error instanceof KlarnaError ? error.reason : "Klarna could not be reached");

export async function adminOrderDetail(reference: string) {
  const stored = await getOrderByReference(reference);
  if (!stored) return undefined;
  let klarnaOrder: KlarnaOrderView | undefined;
  let klarnaError: string | undefined;
  try {
    klarnaOrder = await syncFromKlarna(stored);
  } catch (error) {
    klarnaError = explain(error);
  }
  const order = (await getOrderByReference(reference))!;
  const [lines, sessions, events, operations] = await Promise.all([
    listOrderLines(order.id),
    listPaymentSessions(order.id),
    listOrderEvents(order.id),
    db().select().from(orderOperations).where(eq(orderOperations.orderId, order.id)).orderBy(desc(orderOperations.createdAt)),
  ]);
  const liveSessions = await Promise.all(
    sessions.map(async (session) => {
      try {
        const read = await readHppSession(MARKETS[order.market as MarketCode].region, session.id);
        return { ...session, liveStatus: read.status as string, liveError: undefined as string | undefined };
      } catch (error) {
        const gone = error instanceof KlarnaError && error.kind === "not_found";
        return { ...session, liveStatus: gone ? "EXPIRED" : session.status, liveError: gone ? undefined : explain(error) };
      }
    }),
  );
  return { order, lines, sessions: liveSessions, events, operations, klarnaOrder, klarnaError, availability: klarnaOrder ? operationAvailability(klarnaOrder) : undefined };
}
export type AdminOrderDetail = NonNullable<Awaited<ReturnType<typeof adminOrderDetail>>>;
