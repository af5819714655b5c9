import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleSandboxRequest } from "@/lib/sandbox";
import { runSandboxBackground } from "@/lib/sandbox/background";
import { RETRY_DELAYS_MS } from "@/lib/sandbox/callbacks";
import { BASE, call, gbSession } from "../helpers/sandbox";
import { withSandboxDatabase } from "../helpers/sandbox-db";
import { SANDBOX_AUTH } from "../helpers/sandbox-auth";

// The control plane: callbacks with Klarna's retry ladder and their ledger, the per-namespace
// clock and its deadlines, faults, pending fraud reviews, and namespaces kept apart.

withSandboxDatabase();

/** A merchant endpoint that records what it receives and fails as told, per event. */
let receiver: Server;
let receiverUrl = "";
const received: { path: string; body: any }[] = [];
const failuresBeforeSuccess: Record<string, number> = { "/fail-twice": 2, "/always-fail": Infinity, "/ok": 0, "/notify": 0, "/authorized": 1 };

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      const body = JSON.parse(text);
      received.push({ path, body });
      const seen = received.filter((entry) => entry.path === path && entry.body.event_id === body.event_id).length;
      res.writeHead(seen > (failuresBeforeSuccess[path] ?? 0) ? 200 : 500).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

const inNs = (namespace: string) => ({ "klarna-sandbox-namespace": namespace });

async function openSession(
  namespace: string,
  merchant_urls: Record<string, string>,
  options: Record<string, unknown> = {},
  session: Record<string, unknown> = {},
) {
  const kp = await call("POST", "/payments/v1/sessions", gbSession(session), inNs(namespace));
  expect(kp.status).toBe(200);
  const hpp = await call("POST", "/hpp/v1/sessions", { payment_session_url: `${BASE}/payments/v1/sessions/${kp.body.session_id}`, merchant_urls, options });
  expect(hpp.status).toBe(201);
  return { kpSessionId: kp.body.session_id as string, hppSessionId: hpp.body.session_id as string };
}

/** Delivers what is due, then moves the namespace's clock to its next deadline, `rounds` times. */
async function runLadder(namespace: string, rounds: number) {
  for (let round = 0; round < rounds; round += 1) {
    await runSandboxBackground();
    await call("POST", "/_control/clock/advance", { to: "next_deadline" }, inNs(namespace));
  }
  await runSandboxBackground();
}

const ledger = async (namespace: string) => (await call("GET", "/_control/callbacks", undefined, inNs(namespace))).body.callbacks as any[];

describe("status callbacks", () => {
  it("retry a receiver that fails twice until the third attempt delivers, and give up after four attempts on one that always fails", async () => {
    const namespace = "ladder";
    const flaky = await openSession(namespace, { status_update: `${receiverUrl}/fail-twice?sid={{session_id}}` });
    const broken = await openSession(namespace, { status_update: `${receiverUrl}/always-fail?sid={{session_id}}` });
    for (const session of [flaky, broken])
      expect((await call("POST", `/_control/hpp/${session.hppSessionId}/complete`, { outcome: "approve" })).status).toBe(200);

    await runLadder(namespace, 8);

    const entries = await ledger(namespace);
    const flakyEvents = entries.filter((entry) => entry.subject_id === flaky.hppSessionId);
    // Opening the page (IN_PROGRESS) and paying (COMPLETED): one event each.
    expect(flakyEvents.map((entry) => entry.payload.session.status).sort()).toEqual(["COMPLETED", "IN_PROGRESS"]);
    for (const entry of flakyEvents) {
      expect(entry).toMatchObject({ state: "delivered", attempts: 3, next_attempt_at: null });
      expect(entry.deliveries.map((delivery: any) => delivery.status_code)).toEqual([500, 500, 200]);
      expect(entry.url).toBe(`${receiverUrl}/fail-twice?sid=${flaky.hppSessionId}`);
      expect(received.filter((request) => request.body.event_id === entry.event_id)).toHaveLength(3);
    }
    const completed = received.find((request) => request.path === "/fail-twice" && request.body.session.status === "COMPLETED")!.body;
    expect(completed.session).toMatchObject({ session_id: flaky.hppSessionId, status: "COMPLETED" });
    expect(completed.session.authorization_token).toEqual(expect.any(String));

    const brokenEvents = entries.filter((entry) => entry.subject_id === broken.hppSessionId);
    expect(brokenEvents).toHaveLength(2);
    for (const entry of brokenEvents) {
      expect(entry).toMatchObject({ state: "failed", attempts: 4, next_attempt_at: null });
      expect(entry.deliveries).toHaveLength(4);
      expect(received.filter((request) => request.body.event_id === entry.event_id)).toHaveLength(4);
    }
    // The retries waited the ladder's 2, 4 and 8 seconds of sandbox time (at least: the test
    // moves the clock from deadline to deadline, and other events' deadlines come in between).
    for (const entry of [...flakyEvents, ...brokenEvents]) {
      const sentAt = entry.deliveries.map((delivery: any) => Date.parse(delivery.sent_at));
      sentAt.slice(1).forEach((time: number, index: number) => expect(time - sentAt[index]).toBeGreaterThanOrEqual(RETRY_DELAYS_MS[index]!));
    }
  });

  it("send the KP authorization callback after an approval in NONE mode, through the ledger and its retries", async () => {
    const namespace = "authorization-callback";
    const session = await openSession(namespace, {}, {}, { merchant_urls: { authorization: `${receiverUrl}/authorized?session={session.id}` } });
    const placing = await openSession(
      namespace,
      {},
      { place_order_mode: "PLACE_ORDER" },
      { merchant_urls: { authorization: `${receiverUrl}/authorized?session={session.id}` } },
    );
    expect((await call("POST", `/_control/hpp/${session.hppSessionId}/complete`, { outcome: "approve" })).status).toBe(200);
    expect((await call("POST", `/_control/hpp/${placing.hppSessionId}/complete`, { outcome: "approve" })).status).toBe(200);
    const token = (await call("GET", `/hpp/v1/sessions/${session.hppSessionId}`)).body.authorization_token;
    await runLadder(namespace, 1);
    const [entry, ...others] = (await ledger(namespace)).filter((candidate) => candidate.kind === "kp_authorization");
    // Only the NONE session hands out a token; PLACE_ORDER uses it on Klarna's side.
    expect(others).toEqual([]);
    expect(entry).toMatchObject({
      subject_id: session.kpSessionId,
      url: `${receiverUrl}/authorized?session=${session.kpSessionId}`,
      state: "delivered",
      attempts: 2,
    });
    expect(entry.payload).toEqual({ authorization_token: token, session_id: session.kpSessionId });
    expect(entry.deliveries.map((delivery: any) => delivery.status_code)).toEqual([500, 200]);
  });

  it("announces COMPLETED to each HPP session that follows a sibling's approval, and the KP session is complete", async () => {
    const statusUpdate = { status_update: `${receiverUrl}/ok?sid={{session_id}}` };
    const approved = await openSession("siblings", statusUpdate, { place_order_mode: "PLACE_ORDER" });
    const sibling = (
      await call("POST", "/hpp/v1/sessions", { payment_session_url: `${BASE}/payments/v1/sessions/${approved.kpSessionId}`, merchant_urls: statusUpdate })
    ).body.session_id;
    expect((await call("POST", `/_control/hpp/${approved.hppSessionId}/complete`, { outcome: "approve" })).body.status).toBe("COMPLETED");
    await runSandboxBackground();

    const completed = (id: string) =>
      received
        .filter((request) => request.body.session?.session_id === id && request.body.session.status === "COMPLETED")
        .map((request) => request.body.session);
    const [own] = completed(approved.hppSessionId);
    expect(own).toMatchObject({ order_id: expect.any(String), klarna_reference: expect.any(String) });
    expect(completed(sibling)).toEqual([{ ...own, session_id: sibling, updated_at: expect.any(String) }]);
    expect((await call("GET", `/hpp/v1/sessions/${sibling}`)).body).toMatchObject({ status: "COMPLETED", order_id: own.order_id });
    expect((await call("GET", `/payments/v1/sessions/${approved.kpSessionId}`)).body.status).toBe("complete");
  });

  it("drops or duplicates callbacks on demand, and the ledger says so", async () => {
    const namespace = "callback-faults";
    await call("POST", "/_control/faults", { operation: "callback.hpp_status", kind: "drop_callback", count: 1 }, inNs(namespace));
    await call("POST", "/_control/faults", { operation: "callback.hpp_status", kind: "duplicate_callback", count: 1 }, inNs(namespace));
    const session = await openSession(namespace, { status_update: `${receiverUrl}/ok?sid={{session_id}}` });
    await call("POST", `/_control/hpp/${session.hppSessionId}/complete`, { outcome: "approve" });
    await runSandboxBackground();
    const entries = (await ledger(namespace)).sort((a, b) => a.created_at.localeCompare(b.created_at));
    const states = entries.map((entry) => entry.state);
    expect(states).toEqual(["dropped", "delivered"]);
    expect(received.filter((request) => request.body.event_id === entries[0].event_id)).toHaveLength(0);
    expect(received.filter((request) => request.body.event_id === entries[1].event_id)).toHaveLength(2);
  });
});

describe("the clock", () => {
  it("expires tokens, HPP and KP sessions and OM authorizations with Klarna's errors, in its namespace only", async () => {
    const namespace = "expiry";
    const session = await openSession(namespace, {});
    await call("POST", `/_control/hpp/${session.hppSessionId}/complete`, { outcome: "approve" });
    const { body: read } = await call("GET", `/hpp/v1/sessions/${session.hppSessionId}`);
    expect(read.authorization_token).toEqual(expect.any(String));
    const placed = await openSession(namespace, {}, { place_order_mode: "PLACE_ORDER" });
    await call("POST", `/_control/hpp/${placed.hppSessionId}/complete`, { outcome: "approve" });
    const orderId = (await call("GET", `/hpp/v1/sessions/${placed.hppSessionId}`)).body.order_id;
    const elsewhere = await openSession("expiry-bystander", {});

    // The authorization token lives 60 minutes: the first deadline.
    const first = await call("POST", "/_control/clock/advance", { to: "next_deadline" }, inNs(namespace));
    expect(first.body).toMatchObject({ namespace, deadline: { kind: "authorization_token_expiry" }, offset_seconds: 3600 });
    const late = await call("POST", `/payments/v1/authorizations/${read.authorization_token}/order`, gbSession());
    expect(late).toMatchObject({ status: 404, body: { error_code: "NOT_FOUND", error_messages: ["Invalid authorization token"] } });

    // 47 hours: the HPP sessions (an hour before their KP session), then the KP sessions.
    // (A minute more: the token deadline came a moment after the sessions were created.)
    await call("POST", "/_control/clock/advance", { seconds: 46 * 3600 + 60 }, inNs(namespace));
    expect((await call("GET", `/hpp/v1/sessions/${placed.hppSessionId}`)).status).toBe(404);
    await call("POST", "/_control/clock/advance", { seconds: 3600 }, inNs(namespace));
    expect((await call("GET", `/payments/v1/sessions/${placed.kpSessionId}`)).body).toMatchObject({ error_code: "NOT_FOUND" });

    // 28 days: the order's authorization.
    await call("POST", "/_control/clock/advance", { seconds: 27 * 24 * 3600 }, inNs(namespace));
    expect((await call("GET", `/ordermanagement/v1/orders/${orderId}`)).body.status).toBe("EXPIRED");
    const capture = await call("POST", `/ordermanagement/v1/orders/${orderId}/captures`, { captured_amount: 100 });
    expect(capture).toMatchObject({ status: 403, body: { error_code: "CAPTURE_NOT_ALLOWED" } });

    // Another namespace's time did not move: its session is still alive.
    expect((await call("GET", "/_control/clock", undefined, inNs("expiry-bystander"))).body.offset_seconds).toBe(0);
    expect((await call("GET", `/hpp/v1/sessions/${elsewhere.hppSessionId}`)).body.status).toBe("WAITING");
    // The clock is kept in the database: a fresh read agrees.
    expect((await call("GET", "/_control/clock", undefined, inNs(namespace))).body.offset_seconds).toBe(29 * 24 * 3600 + 60);
  });
});

describe("faults", () => {
  it("fail the next N calls of one operation with 503 or 429, storing nothing, then stop", async () => {
    const namespace = "faults";
    const session = await openSession(namespace, {});
    await call("POST", "/_control/faults", { operation: "hpp.read_session", kind: "http_error", status: 503, count: 2 }, inNs(namespace));
    const read = () => call("GET", `/hpp/v1/sessions/${session.hppSessionId}`);
    expect(await read()).toMatchObject({ status: 503, body: { error_code: "SERVICE_UNAVAILABLE" } });
    expect((await read()).status).toBe(503);
    expect((await read()).status).toBe(200);
    // Other operations and other namespaces are untouched.
    await call("POST", "/_control/faults", { operation: "*", kind: "http_error", status: 429, count: 1 }, inNs(namespace));
    expect((await call("POST", "/payments/v1/sessions", gbSession(), inNs("faults-bystander"))).status).toBe(200);
    const limited = await call("POST", "/payments/v1/sessions", gbSession(), inNs(namespace));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect((await call("GET", "/_control/namespace", undefined, inNs(namespace))).body.counts.kp_sessions).toBe(1);
    expect((await call("GET", "/_control/faults", undefined, inNs(namespace))).body.faults.map((fault: any) => fault.fired)).toEqual([2, 1]);
  });

  it("reset the connection, before or after the operation takes effect", async () => {
    const namespace = "resets";
    const session = await openSession(namespace, {});
    await call("POST", "/_control/faults", { operation: "hpp.disable_session", kind: "reset", after: true, count: 1 }, inNs(namespace));
    const auth = SANDBOX_AUTH.authorization;
    const reply = await handleSandboxRequest(
      new Request(`${BASE}/hpp/v1/sessions/${session.hppSessionId}`, { method: "DELETE", headers: { authorization: auth } }),
    );
    expect(reply.type).toBe("error");
    // The reply was lost, but the session was disabled.
    expect((await call("GET", `/hpp/v1/sessions/${session.hppSessionId}`)).body.status).toBe("DISABLED");
  });

  it("answer with only what Klarna's OpenAPI marks required (minimal_response), keeping headers, on the operations named", async () => {
    const namespace = "lean";
    const ecommerce = await openSession(namespace, {});
    await call("POST", "/_control/faults", { operation: "hpp.create_session", kind: "minimal_response", count: 1 }, inNs(namespace));
    const kp = await call("POST", "/payments/v1/sessions", gbSession({ acquiring_channel: "TELESALES" }), inNs(namespace));
    const telesales = await call("POST", "/hpp/v1/sessions", { payment_session_url: `${BASE}/payments/v1/sessions/${kp.body.session_id}` });
    // redirect_url is documented for e-commerce only: a telesales session's lean reply has none.
    expect(telesales).toMatchObject({ status: 201, body: { session_id: expect.any(String) } });
    expect(Object.keys(telesales.body)).toEqual(["session_id"]);

    await call("POST", "/_control/faults", { operation: "*", kind: "minimal_response" }, inNs(namespace));
    const created = await call("POST", "/hpp/v1/sessions", { payment_session_url: `${BASE}/payments/v1/sessions/${kp.body.session_id}` });
    expect(Object.keys(created.body)).toEqual(["session_id"]);
    const again = await call("POST", "/hpp/v1/sessions", {
      payment_session_url: `${BASE}/payments/v1/sessions/${(await openSession("lean-full", {})).kpSessionId}`,
    });
    expect(Object.keys(again.body), "another namespace answers in full").toContain("qr_code_url");
    expect(Object.keys((await call("POST", "/payments/v1/sessions", gbSession(), inNs(namespace))).body).sort()).toEqual(["client_token", "session_id"]);
    expect((await call("GET", `/hpp/v1/sessions/${ecommerce.hppSessionId}`)).body).toEqual({ session_id: ecommerce.hppSessionId, status: "WAITING" });

    const approved = await call("POST", `/_control/hpp/${ecommerce.hppSessionId}/complete`, { outcome: "approve" });
    expect(approved.body.status).toBe("COMPLETED");
    const completed = (await call("GET", `/hpp/v1/sessions/${ecommerce.hppSessionId}`)).body;
    expect(Object.keys(completed).sort()).toEqual(["authorization_token", "session_id", "status"]);
    const placed = await call("POST", `/payments/v1/authorizations/${completed.authorization_token}/order`, gbSession());
    expect(placed.body).toEqual({ order_id: expect.any(String) });
    const orderPath = `/ordermanagement/v1/orders/${placed.body.order_id}`;
    const capture = await call("POST", `${orderPath}/captures`, { captured_amount: 1000 });
    expect(capture.status).toBe(201);
    expect(capture.headers.get("capture-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(capture.headers.get("location")).toContain(`${orderPath}/captures/`);
    expect((await call("GET", orderPath)).body).toEqual({ order_id: placed.body.order_id, status: "PART_CAPTURED" });
    expect((await call("GET", `${orderPath}/captures`)).body).toEqual([{ capture_id: capture.headers.get("capture-id") }]);
    // Errors keep Klarna's envelope in full, and the control API is never cut down.
    expect((await call("GET", "/hpp/v1/sessions/00000000-0000-4000-8000-000000000000")).body).toMatchObject({
      error_code: "NOT_FOUND",
      error_messages: expect.any(Array),
    });
    expect((await call("GET", "/_control/clock", undefined, inNs(namespace))).body).toMatchObject({ namespace, now: expect.any(String), offset_seconds: 0 });
    expect(
      (await call("POST", "/_control/faults", { operation: "control.read_clock", kind: "minimal_response" }, inNs(namespace))).body.error_messages[0],
    ).toBe("Bad value: operation");
  });

  it("refuse faults that cannot apply, with a clear error", async () => {
    expect((await call("POST", "/_control/faults", { operation: "hpp.read_session", kind: "drop_callback" })).body).toMatchObject({ error_code: "BAD_VALUE" });
    expect((await call("POST", "/_control/faults", { operation: "no.such_operation", kind: "latency" })).body.error_messages[0]).toBe("Bad value: operation");
    expect((await call("POST", "/_control/faults", { kind: "http_error", probability: 2 })).body.error_messages).toEqual(["Bad value: probability"]);
    expect((await call("GET", "/_control/clock", undefined, inNs("bad namespace!"))).status).toBe(400);
  });
});

describe("pending fraud review", () => {
  it.each([
    ["accept", "FRAUD_RISK_ACCEPTED", "ACCEPTED", "AUTHORIZED"],
    ["reject", "FRAUD_RISK_REJECTED", "REJECTED", "CANCELLED"],
  ])("+pend-%s-05 decides after 5 minutes of sandbox time and notifies the merchant", async (verdict, event, fraudStatus, orderStatus) => {
    const namespace = `fraud-${verdict}`;
    const session = await openSession(
      namespace,
      {},
      { place_order_mode: "PLACE_ORDER" },
      {
        billing_address: {
          given_name: "Test",
          family_name: "Person-uk",
          email: `customer+pend-${verdict}-05@email.uk`,
          postal_code: "W1S 3BE",
          city: "London",
          country: "GB",
        },
        merchant_urls: { notification: `${receiverUrl}/notify?order={order.id}` },
      },
    );
    await call("POST", `/_control/hpp/${session.hppSessionId}/complete`, { outcome: "approve" });
    const orderId = (await call("GET", `/hpp/v1/sessions/${session.hppSessionId}`)).body.order_id;
    expect((await call("GET", `/ordermanagement/v1/orders/${orderId}`)).body.fraud_status).toBe("PENDING");
    expect((await call("POST", `/ordermanagement/v1/orders/${orderId}/captures`, { captured_amount: 100 })).body.error_code).toBe("CAPTURE_NOT_ALLOWED");

    const advanced = await call("POST", "/_control/clock/advance", { to: "next_deadline" }, inNs(namespace));
    expect(advanced.body).toMatchObject({ deadline: { kind: "fraud_decision" }, offset_seconds: 300 });
    await runSandboxBackground();

    const notification = received.find((request) => request.path === "/notify" && request.body.order_id === orderId);
    expect(notification?.body).toMatchObject({ order_id: orderId, event_type: event });
    expect((await call("GET", `/ordermanagement/v1/orders/${orderId}`)).body).toMatchObject({ fraud_status: fraudStatus, status: orderStatus });
    expect((await ledger(namespace))[0]).toMatchObject({ kind: "fraud_notification", state: "delivered", url: `${receiverUrl}/notify?order=${orderId}` });
  });
});

describe("namespaces", () => {
  it("keep sessions, ledgers, faults and clocks apart, and a reset empties only its own", async () => {
    const a = await openSession("ns-a", {});
    const b = await openSession("ns-b", {});
    await call("POST", "/_control/faults", { operation: "hpp.read_session", kind: "latency", latency_ms: 1 }, inNs("ns-a"));
    await call("POST", "/_control/clock/advance", { seconds: 60 }, inNs("ns-a"));
    // Reading by id works from anywhere: the session's own namespace decides.
    expect((await call("GET", `/hpp/v1/sessions/${b.hppSessionId}`, undefined, inNs("ns-a"))).status).toBe(200);

    const reset = await call("POST", "/_control/reset", undefined, inNs("ns-a"));
    expect(reset.body).toMatchObject({ namespace: "ns-a", clock: { offset_seconds: 0 }, counts: { kp_sessions: 0, hpp_sessions: 0, faults: 0 } });
    expect((await call("GET", `/hpp/v1/sessions/${a.hppSessionId}`)).status).toBe(404);
    expect((await call("GET", "/_control/namespace", undefined, inNs("ns-b"))).body.counts).toMatchObject({ kp_sessions: 1, hpp_sessions: 1 });
    expect((await call("GET", `/hpp/v1/sessions/${b.hppSessionId}`)).body.status).toBe("WAITING");
  });

  it("refuse a malformed namespace header with a clear error, storing nothing", async () => {
    const defaultCount = async () => (await call("GET", "/_control/namespace")).body.counts.kp_sessions as number;
    const before = await defaultCount();
    const refused = await call("POST", "/payments/v1/sessions", gbSession(), inNs("no spaces/allowed"));
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error_code: "BAD_VALUE", error_messages: ["Bad value: klarna-sandbox-namespace header"] });
    expect(await defaultCount()).toBe(before);
  });
});
