import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { databaseHandle, db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/prepare";
import { orders } from "@/lib/db/schema";
import { startCheckoutFlow } from "@/lib/orders/checkout";
import { resolveReturn } from "@/lib/orders/shopper";
import { sweepOnce } from "@/lib/orders/sweep";
import { personasFor } from "@/lib/orders/test-personas";
import { MARKETS } from "@/lib/shop/markets";
import { fillCart } from "../helpers/checkout";
import { sandboxClient, type SandboxClient } from "../helpers/sandbox-client";
import { startSandboxServer, type SandboxServer } from "../helpers/sandbox-server";

// Outside Next.js, `after()` has no request to outlive: run the work straight after the reply.
vi.mock("next/server", async (original) => ({
  ...(await original<typeof import("next/server")>()),
  after: (work: () => unknown) => void Promise.resolve().then(work),
}));

// 50 checkouts through a sandbox that answers 20 % of Klarna calls with 503 and drops 20 % of its
// status callbacks: every checkout must end with exactly one correct order, none lost, none doubled.

const CHECKOUTS = 50;
const NAMESPACE = "chaos";

let sandbox: SandboxServer;
/** The sandbox as seen from the chaos namespace. */
let chaos: SandboxClient;

beforeAll(async () => {
  const { POST: statusCallback } = await import("@/app/api/klarna/hpp-status/route");
  const { POST: notification } = await import("@/app/api/klarna/notification/route");
  sandbox = await startSandboxServer({ "/api/klarna/hpp-status": statusCallback, "/api/klarna/notification": notification }, { background: true });
  chaos = sandboxClient(sandbox.origin, { namespace: NAMESPACE });
  await prepareDatabase(databaseHandle(), []);
  await chaos.addFault({ operation: "*", kind: "http_error", status: 503, probability: 0.2 });
  await chaos.addFault({ operation: "callback.hpp_status", kind: "drop_callback", probability: 0.2 });
});
afterAll(() => sandbox.close());

const customer = (() => {
  const { label: _label, ...details } = personasFor("GB")[0]!;
  return details;
})();

/** One shopper: checks out (trying again if Klarna turns the start away), pays, comes back once. */
async function shop(index: number) {
  // Different carts, different amounts; within the seeded stock for all fifty.
  const cartCookie = await fillCart(
    index % 2 === 0
      ? [["wool-socks", 1]]
      : [
          ["insulated-bottle", 1],
          ["canvas-tote", 1],
        ],
  );
  for (let attempt = 1; ; attempt += 1) {
    const started = await startCheckoutFlow({ cartCookie, market: MARKETS.GB, customer, options: {}, sandboxNamespace: NAMESPACE });
    if (started.ok) {
      const sessionId = new URL(started.redirectUrl!).pathname.split("/").at(-1)!;
      const { redirect_to } = (await sandbox.pay(sessionId)).body;
      const back = new URL(redirect_to!);
      // The return page may fail or show "pending" when Klarna's read fails: the shopper leaves.
      await resolveReturn("success", { sid: back.searchParams.get("sid")!, k: back.searchParams.get("k")! }).catch(() => undefined);
      return { cartCookie, reference: started.reference };
    }
    if (attempt === 10) throw new Error(`checkout ${index} could not start: ${started.message}`);
  }
}

describe("checkout under injected faults", () => {
  it(`ends ${CHECKOUTS} checkouts with exactly one correct order each`, async () => {
    const shoppers: Awaited<ReturnType<typeof shop>>[] = [];
    for (let batch = 0; batch < CHECKOUTS; batch += 10) {
      shoppers.push(...(await Promise.all(Array.from({ length: 10 }, (_, offset) => shop(batch + offset)))));
    }
    const references = shoppers.map((shopper) => shopper.reference);

    // Whatever the redirects and callbacks missed, the sweep settles (a time budget, not a number
    // of rounds: on a loaded machine each round is slower).
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      const pending = await db()
        .select({ id: orders.id })
        .from(orders)
        .where(sql`${orders.reference} in ${references} and ${orders.status} = 'pending_payment'`);
      if (pending.length === 0) break;
      await sweepOnce();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const placed = await db().select().from(orders).where(inArray(orders.reference, references));
    expect(placed.map((order) => order.status)).toEqual(references.map(() => "authorized"));
    // The faults did fire: some calls were turned away and some callbacks dropped. Then they go, so
    // the reads below are answered.
    expect((await chaos.listFaults()).map((fault) => fault.fired > 0)).toEqual([true, true]);
    expect((await chaos.listCallbacks()).some((callback) => callback.state === "dropped")).toBe(true);
    await chaos.clearFaults();
    // One Klarna order per merchant order (as many in the namespace as merchant orders, each
    // merchant order naming its own), each for the merchant order's amount.
    expect((await chaos.namespaceSummary()).counts.orders).toBe(CHECKOUTS);
    expect(new Set(placed.map((order) => order.klarnaOrderId)).size).toBe(CHECKOUTS);
    for (const order of placed) {
      const klarnaOrder = await chaos.call("GET", `/ordermanagement/v1/orders/${order.klarnaOrderId}`);
      expect(klarnaOrder).toMatchObject({ status: 200, body: { order_amount: order.totalMinor } });
    }
    // Each cart paid for once: no second order from the same cart got anywhere near Klarna.
    for (const shopper of shoppers) {
      const fromCart = placed.filter((order) => order.reference === shopper.reference);
      expect(fromCart).toHaveLength(1);
    }
    // And nothing else got paid: every authorized order in the namespace is one of the fifty.
    const paid = await db()
      .select({ reference: orders.reference })
      .from(orders)
      .where(sql`${orders.sandboxNamespace} = ${NAMESPACE} and ${orders.status} = 'authorized'`);
    expect(paid.map((order) => order.reference).sort()).toEqual([...references].sort());
  }, 120_000);
});
