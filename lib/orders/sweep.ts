import "server-only";
import { config } from "@/lib/config";
import { databaseHandle } from "@/lib/db/client";
import { recordEvent } from "./events";
import { finalize, listPendingOrders, type PendingCursor } from "./finalize";
import { listPendingReviewIds, settleFraudReview } from "./fraud-review";

// The reconciliation sweep: redirects and callbacks can both be lost, so every pending order is
// read from Klarna on a timer and finalized, or expired once Klarna has forgotten its sessions;
// orders waiting for a fraud review are re-read too, in case Klarna's notification is lost.
// One instance sweeps at a time.

const SWEEP_LOCK_KEY = 7_305_122;
/** Orders read per sweep; with more pending, each sweep goes on where the last one stopped. */
const ORDERS_PER_SWEEP = 100;
let resumeAfter: PendingCursor | undefined;

export async function sweepOnce(ordersPerSweep = ORDERS_PER_SWEEP): Promise<{ checked: number; settled: number } | undefined> {
  return databaseHandle().tryExclusive(SWEEP_LOCK_KEY, async () => {
    const page = await listPendingOrders(resumeAfter, ordersPerSweep);
    resumeAfter = page.length === ordersPerSweep ? page.at(-1) : undefined;
    const ids = page.map((order) => order.id);
    let settled = 0;
    for (const id of ids) {
      try {
        const order = await finalize(id, "sweep");
        if (order.status !== "pending_payment") {
          settled += 1;
          await recordEvent(databaseHandle().db, id, "swept", `The reconciliation sweep settled the order as ${order.status}`);
        }
      } catch (error) {
        console.error(`[sweep] order ${id} could not be finalized`, error);
      }
    }
    for (const id of await listPendingReviewIds()) await settleFraudReview(id);
    return { checked: ids.length, settled };
  });
}

const globalStore = globalThis as typeof globalThis & { __klarnaShopSweep?: NodeJS.Timeout };

/** Starts the timer once per process (SWEEP_INTERVAL_SECONDS; 0 turns it off). */
export function startSweep(): void {
  const interval = config().sweepIntervalMs;
  if (interval === 0 || globalStore.__klarnaShopSweep) return;
  globalStore.__klarnaShopSweep = setInterval(() => {
    sweepOnce().catch((error: unknown) => console.error("[sweep] failed", error));
  }, interval);
  globalStore.__klarnaShopSweep.unref();
}
