import { describe, expect, it } from "vitest";
import { KlarnaApiError } from "@/lib/sandbox/errors";
import {
  addDashboardFault,
  advanceDashboardClock,
  advanceToNextDeadline,
  clearDashboardFaults,
  loadDashboard,
  removeDashboardFault,
  resetDashboardClock,
  resetDashboardNamespace,
} from "@/lib/sandbox/dashboard";
import { BASE, call, pay, gbSession, merchantUrls } from "../helpers/sandbox";
import { withSandboxDatabase } from "../helpers/sandbox-db";

withSandboxDatabase();

let sequence = 0;
const freshNamespace = () => `dash-int-${Date.now()}-${sequence++}`;

/** A KP and an HPP session created through the API in `namespace`. */
async function createSessions(namespace: string, overrides: Record<string, unknown> = {}, options: Record<string, unknown> = {}) {
  const headers = { "klarna-sandbox-namespace": namespace };
  const kp = await call("POST", "/payments/v1/sessions", gbSession(overrides), headers);
  expect(kp.status).toBe(200);
  const hpp = await call(
    "POST",
    "/hpp/v1/sessions",
    { payment_session_url: `${BASE}/payments/v1/sessions/${kp.body.session_id}`, merchant_urls: merchantUrls, options },
    headers,
  );
  expect(hpp.status).toBe(201);
  return { kp: kp.body.session_id as string, hpp: hpp.body.session_id as string };
}

describe("sandbox dashboard data", () => {
  it("shows a namespace's sessions and orders only in that namespace", async () => {
    const [first, second] = [freshNamespace(), freshNamespace()];
    const a = await createSessions(first, {}, { place_order_mode: "PLACE_ORDER" });
    const b = await createSessions(second);
    expect((await pay(a.hpp, "approve", { email: "customer+pend-accept-05@email.uk" })).status).toBe(200);

    const dashboard = await loadDashboard(first);
    expect(dashboard.clock.namespace).toBe(first);
    expect(dashboard.hppSessions.map((session) => session.id)).toEqual([a.hpp]);
    expect(dashboard.hppSessions[0]).toMatchObject({ kp_session_id: a.kp, order_amount: 62400, purchase_currency: "GBP", status: "COMPLETED", expired: false });
    expect(dashboard.kpSessions.map((session) => session.id)).toEqual([a.kp]);
    expect(dashboard.orders).toHaveLength(1);
    expect(dashboard.orders[0]).toMatchObject({
      status: "AUTHORIZED",
      fraud_status: "PENDING",
      order_amount: 62400,
      captured_amount: 0,
      refunded_amount: 0,
      purchase_currency: "GBP",
    });
    expect(dashboard.orders[0]!.fraud_decision_at).toBeInstanceOf(Date);
    expect(dashboard.nextDeadline?.kind).toBe("fraud_decision");
    expect(dashboard.counts).toMatchObject({ kp_sessions: 1, hpp_sessions: 1, orders: 1 });

    const other = await loadDashboard(second);
    expect(other.hppSessions.map((session) => session.id)).toEqual([b.hpp]);
    expect(other.orders).toEqual([]);
    expect((await loadDashboard(freshNamespace())).hppSessions).toEqual([]);
  });

  it("moves one namespace's clock and leaves the others alone", async () => {
    const [first, second] = [freshNamespace(), freshNamespace()];
    const state = await advanceDashboardClock(first, 2, "hours");
    expect(state.offset_seconds).toBe(7200);
    expect((await loadDashboard(first)).clock.offset_seconds).toBe(7200);
    expect((await loadDashboard(second)).clock.offset_seconds).toBe(0);

    await createSessions(first);
    const advanced = await advanceToNextDeadline(first);
    expect(advanced).toMatchObject({ deadline: { kind: "hpp_session_expiry" } });
    expect((await loadDashboard(first)).hppSessions[0]!.expired).toBe(true);

    await resetDashboardClock(first);
    expect((await loadDashboard(first)).clock.offset_seconds).toBe(0);
  });

  it("adds, lists, removes and clears faults per namespace, refusing misfits", async () => {
    const [first, second] = [freshNamespace(), freshNamespace()];
    const fault = await addDashboardFault(first, { operation: "hpp.read_session", kind: "http_error", status: 503 });
    await addDashboardFault(first, { operation: "callback.hpp_status", kind: "drop_callback", count: 1 });
    expect((await loadDashboard(first)).faults.map((entry) => entry.operation)).toEqual(["hpp.read_session", "callback.hpp_status"]);
    expect((await loadDashboard(second)).faults).toEqual([]);

    await expect(addDashboardFault(first, { operation: "hpp.redirect", kind: "http_error" })).rejects.toBeInstanceOf(KlarnaApiError);
    // The control API is never faulted: it is how a test gets out of the faults it armed.
    await expect(addDashboardFault(first, { operation: "control.reset_namespace", kind: "http_error", status: 503 })).rejects.toMatchObject({
      status: 400,
      code: "BAD_VALUE",
    });
    await expect(removeDashboardFault(second, fault.fault_id)).rejects.toMatchObject({ status: 404 });

    await removeDashboardFault(first, fault.fault_id);
    expect((await loadDashboard(first)).faults.map((entry) => entry.operation)).toEqual(["callback.hpp_status"]);
    await clearDashboardFaults(first);
    expect((await loadDashboard(first)).faults).toEqual([]);
  });

  it("resets one namespace without touching another", async () => {
    const [first, second] = [freshNamespace(), freshNamespace()];
    await createSessions(first);
    await createSessions(second);
    await addDashboardFault(first, { kind: "latency" });
    await advanceDashboardClock(first, 1, "days");

    await resetDashboardNamespace(first);
    const reset = await loadDashboard(first);
    expect(reset).toMatchObject({ hppSessions: [], kpSessions: [], orders: [], faults: [], callbacks: [], outboxCount: 0 });
    expect(reset.clock.offset_seconds).toBe(0);
    expect((await loadDashboard(second)).hppSessions).toHaveLength(1);
  });
});
