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
import { startSandboxBackground } from "@/lib/sandbox";
import { fillCart, pay } from "../helpers/checkout";
import { startSandboxServer, type SandboxServer } from "../helpers/sandbox-server";
import { SANDBOX_AUTH } from "../helpers/sandbox-auth";

// Outside Next.js, `after()` has no request to outlive: run the work straight after the reply.
vi.mock("next/server", async (original) => ({
  ...(await original<typeof import("next/server")>()),
  after: (work: () => unknown) => void Promise.resolve().then(work),
}));

// 50 checkouts through a sandbox that answers 20 % of Klarna calls with 503 and drops 20 % of its
// status callbacks: every checkout must end with exactly one correct order, none lost, none doubled.

const CHECKOUTS = 50;
const NAMESPACE = "chaos";
const AUTH = { ...SANDBOX_AUTH, "content-type": "application/json", "klarna-sandbox-namespace": NAMESPACE };

let sandbox: SandboxServer;
let stopBackground: () => void;

beforeAll(async () => {
  const { POST: statusCallback } = await import("@/app/api/klarna/hpp-status/route");
  const { POST: notification } = await import("@/app/api/klarna/notification/route");
  sandbox = await startSandboxServer({ "/api/klarna/hpp-status": statusCallback, "/api/klarna/notification": notification });
  await prepareDatabase(databaseHandle(), []);
  stopBackground = startSandboxBackground();
  for (const fault of [
    { operation: "*", kind: "http_error", status: 503, probability: 0.2 },
    { operation: "callback.hpp_status", kind: "drop_callback", probability: 0.2 },
  ]) {
    const response = await fetch(`${sandbox.origin}/sandbox/api/_control/faults`, { method: "POST", headers: AUTH, body: JSON.stringify(fault) });
    expect(response.status).toBe(201);
  }
});
afterAll(async () => {
  stopBackground();
  await sandbox.close();
});

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
      const { redirect_to } = await pay(sandbox, sessionId);
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
    // One Klarna order per merchant order, each for the merchant order's amount.
    const klarnaOrders = (await db().execute(sql`
      select kp_session_id, count(*)::int as n, min(order_amount)::int as amount from sandbox_orders where namespace = ${NAMESPACE} group by kp_session_id`)) as unknown as {
      rows: { kp_session_id: string; n: number; amount: number }[];
    };
    expect(klarnaOrders.rows).toHaveLength(CHECKOUTS);
    expect(klarnaOrders.rows.every((row) => row.n === 1)).toBe(true);
    for (const order of placed) {
      const row = klarnaOrders.rows.find((candidate) => candidate.kp_session_id === order.kpSessionId);
      expect(row?.amount).toBe(order.totalMinor);
      expect(order.klarnaOrderId).toEqual(expect.any(String));
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
    // The faults did fire: some calls were turned away and some callbacks dropped.
    const faults = await (await fetch(`${sandbox.origin}/sandbox/api/_control/faults`, { headers: AUTH })).json();
    expect(faults.faults.map((fault: { fired: number }) => fault.fired > 0)).toEqual([true, true]);
    const dropped = await db().execute(sql`select count(*)::int as n from sandbox_callbacks where namespace = ${NAMESPACE} and state = 'dropped'`);
    expect((dropped as unknown as { rows: { n: number }[] }).rows[0]!.n).toBeGreaterThan(0);
  }, 120_000);
});
