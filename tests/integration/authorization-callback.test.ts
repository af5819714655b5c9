import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { databaseHandle, db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/prepare";
import { orders } from "@/lib/db/schema";
import { receiveAuthorizationCallback } from "@/lib/orders/authorization-callback";
import { listOrderEvents } from "@/lib/orders/queries";
import { checkout, placeOrderCalls } from "../helpers/checkout";
import { startSandboxServer, type SandboxServer } from "../helpers/sandbox-server";

// Klarna Payments' authorization callback (merchant_urls.authorization): when the browser never
// comes back and the HPP status callback is lost too, the order is still placed, once, from it.

const afterWork: Promise<unknown>[] = [];
vi.mock("next/server", async (original) => ({
  ...(await original<typeof import("next/server")>()),
  after: (work: () => unknown) => void afterWork.push(Promise.resolve().then(work)),
}));
const { POST: authorizationCallback } = await import("@/app/api/klarna/authorization/route");
const { POST: statusCallback } = await import("@/app/api/klarna/hpp-status/route");

let sandbox: SandboxServer;

beforeAll(async () => {
  sandbox = await startSandboxServer({ "/api/klarna/authorization": authorizationCallback, "/api/klarna/hpp-status": statusCallback }, { background: true });
  await prepareDatabase(databaseHandle(), []);
});
afterAll(() => sandbox.close());

/** Waits until the sandbox has sent every callback it owes (none pending in its ledger), then for the shop's work after its replies. */
async function deliverCallbacks() {
  await vi.waitFor(async () => expect((await sandbox.listCallbacks()).filter((callback) => callback.state === "pending")).toEqual([]), {
    timeout: 10_000,
    interval: 100,
  });
  await Promise.all(afterWork.splice(0));
}

const statusOf = async (orderId: string) => (await db().select().from(orders).where(eq(orders.id, orderId)))[0]!.status;

describe("KP authorization callback", () => {
  it("places the order once when the redirect is dropped and every status callback is lost", async () => {
    await sandbox.addFault({ operation: "hpp.redirect", kind: "drop_redirect", count: 1 });
    await sandbox.addFault({ operation: "callback.hpp_status", kind: "drop_callback" });
    await sandbox.addFault({ operation: "callback.kp_authorization", kind: "duplicate_callback", count: 1 });
    const { order, session } = await checkout();
    const paid = await sandbox.pay(session.id);
    expect(paid.body).toMatchObject({ status: "COMPLETED", redirect_to: null });
    expect(await statusOf(order.id)).toBe("pending_payment");

    await deliverCallbacks();
    expect(await statusOf(order.id)).toBe("authorized");
    expect(placeOrderCalls(sandbox)).toBe(1);
    const events = await listOrderEvents(order.id);
    expect(events.filter((event) => event.type === "authorization_callback_received")).toHaveLength(2);
    expect(events.filter((event) => event.type === "order_placed")).toHaveLength(1);
    expect(events.find((event) => event.type === "status_read")?.message).toMatch(/read by authorization_callback/);
  });

  it("refuses a callback without the order's key, or about another payment session, changing nothing", async () => {
    const { order } = await checkout();
    const [{ kpSessionId }] = (await db().select({ kpSessionId: orders.kpSessionId }).from(orders).where(eq(orders.id, order.id))) as [{ kpSessionId: string }];
    const before = await listOrderEvents(order.id);
    const body = { authorization_token: crypto.randomUUID(), session_id: kpSessionId };
    expect(await receiveAuthorizationCallback({ orderId: order.id, key: "forged", body })).toMatchObject({ status: 401 });
    expect(await receiveAuthorizationCallback({ orderId: "not-an-order", key: "forged", body })).toMatchObject({ status: 401 });
    expect(await listOrderEvents(order.id)).toEqual(before);
  });
});
