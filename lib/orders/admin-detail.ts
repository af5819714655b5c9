import "server-only";
import { desc, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { orderOperations } from "@/lib/db/schema";
import { KlarnaError, readHppSession } from "@/lib/klarna";
import { MARKETS, type MarketCode } from "@/lib/shop/markets";
import { readKlarnaOrder } from "./back-office";
import { isFinalSessionStatus, merchantStatus, operationAvailability, type KlarnaOrderView } from "./klarna-states";
import { getOrderByReference, listOrderEvents, listOrderLines, listPaymentSessions } from "./queries";

// Everything the merchant sees about one order, with Klarna's live view next to ours. Showing the
// page reads Klarna and writes nothing: when Klarna's order says something else than the shop's
// record, the page says so and the merchant updates the record (updateFromKlarna).

const explain = (error: unknown) => (error instanceof KlarnaError ? error.reason : "Klarna could not be reached");

export async function adminOrderDetail(reference: string) {
  const order = await getOrderByReference(reference);
  if (!order) return undefined;
  const region = MARKETS[order.market as MarketCode].region;
  let klarnaOrder: KlarnaOrderView | undefined;
  let klarnaError: string | undefined;
  try {
    klarnaOrder = await readKlarnaOrder(order);
  } catch (error) {
    klarnaError = explain(error);
  }
  const [lines, sessions, events, operations] = await Promise.all([
    listOrderLines(order.id),
    listPaymentSessions(order.id),
    listOrderEvents(order.id),
    db().select().from(orderOperations).where(eq(orderOperations.orderId, order.id)).orderBy(desc(orderOperations.createdAt)),
  ]);
  // A session that has ended stays as it ended; only the open ones are asked about.
  const liveSessions = await Promise.all(
    sessions.map(async (session) => {
      if (isFinalSessionStatus(session.status)) return { ...session, liveStatus: session.status, liveError: undefined as string | undefined };
      try {
        const read = await readHppSession(region, session.id);
        return { ...session, liveStatus: read.status as string, liveError: undefined as string | undefined };
      } catch (error) {
        const gone = error instanceof KlarnaError && error.kind === "not_found";
        return { ...session, liveStatus: gone ? "EXPIRED" : session.status, liveError: gone ? undefined : explain(error) };
      }
    }),
  );
  const klarnaSays = klarnaOrder ? merchantStatus(klarnaOrder) : undefined;
  return {
    order,
    lines,
    sessions: liveSessions,
    events,
    operations,
    klarnaOrder,
    klarnaError,
    availability: klarnaOrder ? operationAvailability(klarnaOrder) : undefined,
    /** The status Klarna's order implies, when it differs from the shop's record. */
    staleStatus: klarnaSays && klarnaSays !== order.status ? klarnaSays : undefined,
  };
}
export type AdminOrderDetail = NonNullable<Awaited<ReturnType<typeof adminOrderDetail>>>;
