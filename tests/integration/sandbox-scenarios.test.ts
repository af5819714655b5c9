import { describe, expect, it } from "vitest";
import { FRAUD_STATUSES, HPP_STATUSES, OM_ORDER_STATUSES } from "@/lib/klarna-wire";
import { runSandboxBackground } from "@/lib/sandbox/background";
import { clock, DAY, MINUTE } from "@/lib/sandbox/clock";
import { reachableStatuses, scenarioCatalogue } from "@/lib/sandbox/scenarios";
import { call, pay, createHppSession, createKpSession } from "../helpers/sandbox";
import { withSandboxDatabase } from "../helpers/sandbox-db";

// Every status Klarna documents can be reached in the sandbox, by the trigger its scenario
// catalogue (/sandbox/scenarios) names; each is driven here through the sandbox's HTTP API.

withSandboxDatabase();

const hppStatus = async (id: string) => (await call("GET", `/hpp/v1/sessions/${id}`)).body.status;
const order = async (id: string) => (await call("GET", `/ordermanagement/v1/orders/${id}`)).body;
const kpStatus = async (id: string) => (await call("GET", `/payments/v1/sessions/${id}`)).body.status;

async function openPage(options: Record<string, unknown> = {}, session: Record<string, unknown> = {}) {
  const hpp = await createHppSession(await createKpSession(session), options);
  return hpp.session_id;
}

async function placedOrder(email = "customer@email.uk") {
  const id = await openPage({ place_order_mode: "PLACE_ORDER" }, { billing_address: { email, postal_code: "W1S 3BE", country: "GB" } });
  await pay(id, "approve");
  return (await call("GET", `/hpp/v1/sessions/${id}`)).body.order_id as string;
}

const capture = (id: string, amount: number) => call("POST", `/ordermanagement/v1/orders/${id}/captures`, { captured_amount: amount });

/** The documented trigger of each status, driven; each returns the status it observed. */
const DRIVERS: Record<string, () => Promise<unknown>> = {
  "KP incomplete": async () => kpStatus(await createKpSession()),
  "KP complete": async () => {
    const kp = await createKpSession();
    const id = (await createHppSession(kp)).session_id;
    await pay(id, "approve");
    const token = (await call("GET", `/hpp/v1/sessions/${id}`)).body.authorization_token;
    const { gbSession } = await import("../helpers/klarna-bodies");
    await call("POST", `/payments/v1/authorizations/${token}/order`, gbSession());
    return kpStatus(kp);
  },
  "HPP WAITING": async () => hppStatus(await openPage()),
  "HPP IN_PROGRESS": async () => {
    const id = await openPage();
    const { openHostedPage } = await import("@/lib/sandbox");
    await openHostedPage(id);
    return hppStatus(id);
  },
  ...Object.fromEntries(
    (["approve:COMPLETED", "decline:FAILED", "cancel:CANCELLED", "back:BACK", "error:ERROR"] as const).map((entry) => {
      const [outcome, status] = entry.split(":") as [string, string];
      return [
        `HPP ${status}`,
        async () => {
          // Back exists when the merchant gave a back URL (it replaces Cancel).
          const session = (await createHppSession(await createKpSession(), {}, outcome === "back" ? { back: "https://shop.example/back" } : {})).session_id;
          await pay(session, outcome);
          return hppStatus(session);
        },
      ];
    }),
  ),
  "HPP DISABLED": async () => {
    const id = await openPage();
    await call("DELETE", `/hpp/v1/sessions/${id}`);
    return hppStatus(id);
  },
  "HPP TIMEOUT": async () => {
    const id = await openPage();
    await call("POST", `/_control/hpp/${id}/timeout`);
    return hppStatus(id);
  },
  "HPP MANUAL_ID_CHECK": async () => {
    const id = await openPage({}, { acquiring_channel: "IN_STORE" });
    const { openHostedPage } = await import("@/lib/sandbox");
    await openHostedPage(id);
    const started = await call("POST", `/_control/hpp/${id}/manual-id-check`);
    expect(started.body.manual_identification).toMatchObject({ challenge: expect.any(String), expires_at: expect.any(String) });
    return hppStatus(id);
  },
  "OM AUTHORIZED": async () => (await order(await placedOrder())).status,
  "OM PART_CAPTURED": async () => {
    const id = await placedOrder();
    await capture(id, 1000);
    return (await order(id)).status;
  },
  "OM CAPTURED": async () => {
    const id = await placedOrder();
    await capture(id, (await order(id)).order_amount);
    return (await order(id)).status;
  },
  "OM CANCELLED": async () => {
    const id = await placedOrder();
    await call("POST", `/ordermanagement/v1/orders/${id}/cancel`);
    return (await order(id)).status;
  },
  "OM EXPIRED": async () => {
    const id = await placedOrder();
    await capture(id, 1000);
    await call("POST", "/_control/clock/advance", { seconds: (29 * DAY) / 1000 });
    return (await order(id)).status;
  },
  "OM CLOSED": async () => {
    const id = await placedOrder();
    await capture(id, 1000);
    await call("POST", `/_control/orders/${id}/close`);
    return (await order(id)).status;
  },
  "fraud ACCEPTED": async () => (await order(await placedOrder())).fraud_status,
  "fraud PENDING": async () => (await order(await placedOrder("customer+pend-accept-05@email.uk"))).fraud_status,
  "fraud REJECTED": async () => {
    const id = await placedOrder("customer+pend-reject-05@email.uk");
    await clock.advance(5 * MINUTE);
    await runSandboxBackground();
    const rejected = await order(id);
    expect(rejected.status).toBe("CANCELLED");
    return rejected.fraud_status;
  },
};

describe("the scenario catalogue", () => {
  it("reaches every status Klarna documents, and names a trigger for each", () => {
    const documented = [
      ...HPP_STATUSES.map((status) => `HPP ${status}`),
      ...OM_ORDER_STATUSES.map((status) => `OM ${status}`),
      ...FRAUD_STATUSES.map((status) => `fraud ${status}`),
      "KP incomplete",
      "KP complete",
    ];
    expect(reachableStatuses()).toEqual(documented.sort());
    expect(Object.keys(DRIVERS).sort()).toEqual(documented.sort());
    for (const scenario of scenarioCatalogue()) expect(scenario.how.length, JSON.stringify(scenario)).toBeGreaterThan(0);
  });

  it.each(Object.keys(DRIVERS).sort())("%s: the catalogued trigger leads there", async (status) => {
    expect(await DRIVERS[status]!()).toBe(status.split(" ")[1]);
  });
});
