import { spawn, type ChildProcess } from "node:child_process";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { databaseHandle, db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/prepare";
import { orderPaymentSessions, orders } from "@/lib/db/schema";
import { startCheckoutFlow } from "@/lib/orders/checkout";
import type { CheckoutOutcome } from "@/lib/orders/payment-sessions";
import { orderPageKey } from "@/lib/orders/url-keys";
import { resolveOrderPage, resolveReturn } from "@/lib/orders/shopper";
import { personasFor } from "@/lib/orders/test-personas";
import { MARKETS } from "@/lib/shop/markets";
import { fillCart } from "../helpers/checkout";
import { sandboxClient } from "../helpers/sandbox-client";
import { startSandboxServer, type SandboxServer } from "../helpers/sandbox-server";

// Outside Next.js, `after()` has no request to outlive: run the work straight after the reply.
vi.mock("next/server", async (original) => ({
  ...(await original<typeof import("next/server")>()),
  after: (work: () => unknown) => void Promise.resolve().then(work),
}));

// The embedded default under a burst: the shop and its sandbox share one event loop and one
// PGlite, and another process keeps a core busy. Every shopper must end with an authorized order
// or a clear refusal, and nothing the shop gave up on may be left payable at Klarna.

// 20 in the suite; LOAD_TEST_SHOPPERS=50 repeats the burst the issue was found with.
const SHOPPERS = Number(process.env.LOAD_TEST_SHOPPERS ?? 20);
const NAMESPACE = "load";
const PRODUCTS = ["wool-socks", "insulated-bottle", "canvas-tote", "ceramic-mug", "merino-beanie"];

let sandbox: SandboxServer;
let busy: ChildProcess;

beforeAll(async () => {
  sandbox = await startSandboxServer();
  await prepareDatabase(databaseHandle(), []);
  busy = spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" });
});
afterAll(async () => {
  busy.kill("SIGKILL");
  await sandbox.close();
});

const customer = (() => {
  const { label: _label, ...details } = personasFor("GB")[0]!;
  return details;
})();

describe("checkouts in a burst on a busy machine", () => {
  it(`ends ${SHOPPERS} simultaneous checkouts authorized or clearly refused, with nothing payable left behind`, async () => {
    const carts = [];
    for (let index = 0; index < SHOPPERS; index += 1) carts.push(await fillCart([[PRODUCTS[index % PRODUCTS.length]!, 1]]));

    const outcomes: CheckoutOutcome[] = await Promise.all(
      carts.map(async (cartCookie) => {
        const started = await startCheckoutFlow({ cartCookie, market: MARKETS.GB, customer, options: {}, sandboxNamespace: NAMESPACE });
        if (!started.ok) return started;
        const { redirect_to } = (await sandbox.pay(new URL(started.redirectUrl!).pathname.split("/").at(-1)!)).body;
        const back = new URL(redirect_to!);
        await resolveReturn("success", { sid: back.searchParams.get("sid")!, k: back.searchParams.get("k")! });
        return started;
      }),
    );

    const refused = outcomes.filter((outcome) => !outcome.ok);
    for (const outcome of refused) expect(outcome.message).toMatch(/^Klarna .+\. Please .+\.$/);
    const references = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.reference] : []));
    // A return page that could not read Klarna shows "pending" and polls, as its shopper would see.
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      const pending = await db()
        .select({ reference: orders.reference })
        .from(orders)
        .where(sql`${orders.reference} in ${references} and ${orders.status} = 'pending_payment'`);
      if (pending.length === 0) break;
      for (const { reference } of pending) await resolveOrderPage(reference, orderPageKey(reference)).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const placed = await db().select().from(orders).where(inArray(orders.reference, references));
    expect(placed.map((order) => order.status)).toEqual(references.map(() => "authorized"));
    const all = await db()
      .select({ status: orders.status })
      .from(orders)
      .where(sql`${orders.sandboxNamespace} = ${NAMESPACE}`);
    expect(all.filter((order) => order.status === "needs_attention")).toEqual([]);

    // Payable at Klarna: a hosted page still open (not completed, disabled or expired). None the
    // shop knows is, and the shop knows every one Klarna holds: a session whose creation the shop
    // lost track of would be left open.
    const load = sandboxClient(sandbox.origin, { namespace: NAMESPACE });
    const known = await db()
      .select({ id: orderPaymentSessions.id })
      .from(orderPaymentSessions)
      .innerJoin(orders, eq(orders.id, orderPaymentSessions.orderId))
      .where(eq(orders.sandboxNamespace, NAMESPACE));
    const statuses = await Promise.all(known.map(async ({ id }) => (await load.call("GET", `/hpp/v1/sessions/${id}`)).body.status));
    expect({
      payable: statuses.filter((status) => ["WAITING", "BACK", "IN_PROGRESS", "MANUAL_ID_CHECK"].includes(status)).length,
      unknownToTheShop: (await load.namespaceSummary()).counts.hpp_sessions - known.length,
    }).toEqual({ payable: 0, unknownToTheShop: 0 });
    // Most shoppers got through: a refusal is for a real overload, not for every burst.
    expect(refused.length).toBeLessThanOrEqual(SHOPPERS / 4);
    console.log(`${SHOPPERS - refused.length} authorized, ${refused.length} refused`);
  }, 120_000);
});
