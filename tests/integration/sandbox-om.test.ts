import { describe, expect, it } from "vitest";
import { OmCapture, OmOrder, OmRefund } from "@/lib/klarna-wire";
import { clock, DAY, MINUTE } from "@/lib/sandbox/clock";
import { call, pay, createHppSession, createKpSession, conforming } from "../helpers/sandbox";
import { withSandboxDatabase } from "../helpers/sandbox-db";

withSandboxDatabase();

const ORDER_AMOUNT = 62400;

async function placedOrder(email = "customer@email.uk"): Promise<string> {
  const hpp = await createHppSession(await createKpSession({ billing_address: { email, postal_code: "W1S 3BE", country: "GB" } }), {
    place_order_mode: "PLACE_ORDER",
  });
  await pay(hpp.session_id, "approve");
  return (await call("GET", `/hpp/v1/sessions/${hpp.session_id}`)).body.order_id;
}

const orderPath = (id: string) => `/ordermanagement/v1/orders/${id}`;
const getOrder = async (id: string) => conforming(OmOrder, (await call("GET", orderPath(id))).body);
const capture = (id: string, amount: number, headers: Record<string, string> = {}) =>
  call("POST", `${orderPath(id)}/captures`, { captured_amount: amount, description: "Parcel", reference: "SHIP-1" }, headers);
const refund = (id: string, amount: number, headers: Record<string, string> = {}) =>
  call("POST", `${orderPath(id)}/refunds`, { refunded_amount: amount, description: "Return" }, headers);

describe("OM orders", () => {
  it("reads an order with Klarna's fields: amounts, lines, 28-day expiry, reference", async () => {
    const id = await placedOrder();
    const order = await getOrder(id);
    expect(order).toMatchObject({
      order_id: id,
      status: "AUTHORIZED",
      fraud_status: "ACCEPTED",
      order_amount: ORDER_AMOUNT,
      original_order_amount: ORDER_AMOUNT,
      captured_amount: 0,
      refunded_amount: 0,
      remaining_authorized_amount: ORDER_AMOUNT,
      purchase_currency: "GBP",
      merchant_reference1: "ORDER-1",
      captures: [],
      refunds: [],
    });
    expect(order.order_lines).toHaveLength(2);
    expect(new Date(order.expires_at).getTime() - new Date(order.created_at).getTime()).toBe(28 * DAY);
    expect(order.initial_payment_method?.type).toBe("INVOICE");
  });

  it("answers an unknown order with 404 NO_SUCH_ORDER", async () => {
    const reply = await call("GET", orderPath("0a0b0c0d-0000-4000-8000-000000000000"));
    expect(reply).toMatchObject({ status: 404, body: { error_code: "NO_SUCH_ORDER" } });
  });

  it.each([
    ["captures", { captured_amount: 100 }],
    ["refunds", { refunded_amount: 100 }],
    ["release-remaining-authorization", undefined],
    ["extend-authorization-time", undefined],
  ])("answers POST …/%s on an unknown order with 404 NO_SUCH_ORDER", async (operation, body) => {
    const reply = await call("POST", `${orderPath("0a0b0c0d-0000-4000-8000-000000000000")}/${operation}`, body);
    expect(reply).toMatchObject({ status: 404, body: { error_code: "NO_SUCH_ORDER" } });
  });

  it("captures in parts (201 + Capture-Id + Location) up to the authorized amount", async () => {
    const id = await placedOrder();
    const first = await capture(id, 20000);
    expect(first.status).toBe(201);
    const captureId = first.headers.get("capture-id")!;
    expect(first.headers.get("location")).toBe(`http://localhost:3000/sandbox/api${orderPath(id)}/captures/${captureId}`);
    expect(first.body).toBeUndefined();
    expect(await getOrder(id)).toMatchObject({ status: "PART_CAPTURED", captured_amount: 20000, remaining_authorized_amount: 42400 });

    const tooMuch = await capture(id, 42401);
    expect(tooMuch).toMatchObject({ status: 403, body: { error_code: "CAPTURE_NOT_ALLOWED" } });

    expect((await capture(id, 42400)).status).toBe(201);
    const order = await getOrder(id);
    expect(order).toMatchObject({ status: "CAPTURED", captured_amount: ORDER_AMOUNT, remaining_authorized_amount: 0 });
    expect(order.captures.map((entry: any) => [entry.captured_amount, entry.klarna_reference])).toEqual([
      [20000, `${order.klarna_reference}-1`],
      [42400, `${order.klarna_reference}-2`],
    ]);

    const single = await call("GET", `${orderPath(id)}/captures/${captureId}`);
    expect(conforming(OmCapture, single.body)).toMatchObject({ capture_id: captureId, captured_amount: 20000, description: "Parcel", reference: "SHIP-1" });
    expect((await call("GET", `${orderPath(id)}/captures`)).body).toHaveLength(2);
    expect((await call("GET", `${orderPath(id)}/captures/0a0b0c0d-0000-4000-8000-000000000000`)).body.error_code).toBe("NO_SUCH_CAPTURE");
  });

  it("adds shipping info to a capture", async () => {
    const id = await placedOrder();
    const captureId = (await capture(id, 1000)).headers.get("capture-id")!;
    const info = { shipping_info: [{ shipping_company: "Royal Mail", tracking_number: "RM123" }] };
    expect((await call("POST", `${orderPath(id)}/captures/${captureId}/shipping-info`, info)).status).toBe(204);
    expect((await getOrder(id)).captures[0]?.shipping_info).toEqual(info.shipping_info);
  });

  it("refunds captured money (201 + Refund-Id) and refuses more than was captured", async () => {
    const id = await placedOrder();
    expect(await refund(id, 100)).toMatchObject({
      status: 403,
      body: { error_code: "REFUND_NOT_ALLOWED", error_messages: ["Order has no captures. Refund not possible."] },
    });
    await capture(id, 30000);
    const first = await refund(id, 10000);
    expect(first.status).toBe(201);
    const refundId = first.headers.get("refund-id")!;
    expect(first.headers.get("location")).toContain(`/refunds/${refundId}`);
    expect(await refund(id, 20001)).toMatchObject({ status: 403, body: { error_code: "REFUND_NOT_ALLOWED" } });
    expect((await refund(id, 20000)).status).toBe(201);
    const order = await getOrder(id);
    expect(order).toMatchObject({ refunded_amount: 30000, captured_amount: 30000, status: "PART_CAPTURED" });
    expect(order.captures[0]?.refunded_amount).toBe(30000);
    expect(conforming(OmRefund, (await call("GET", `${orderPath(id)}/refunds/${refundId}`)).body)).toMatchObject({
      refunded_amount: 10000,
      description: "Return",
    });
  });

  it("cancels only an uncaptured order", async () => {
    const uncaptured = await placedOrder();
    expect((await call("POST", `${orderPath(uncaptured)}/cancel`)).status).toBe(204);
    expect((await getOrder(uncaptured)).status).toBe("CANCELLED");
    expect(await capture(uncaptured, 100)).toMatchObject({ status: 403, body: { error_code: "CAPTURE_NOT_ALLOWED" } });
    expect(await call("POST", `${orderPath(uncaptured)}/cancel`)).toMatchObject({ status: 403, body: { error_code: "CANCEL_NOT_ALLOWED" } });

    const captured = await placedOrder();
    await capture(captured, 100);
    expect(await call("POST", `${orderPath(captured)}/cancel`)).toMatchObject({
      status: 403,
      body: { error_code: "CANCEL_NOT_ALLOWED", error_messages: ["Order has previous captures. Cancel not possible."] },
    });
  });

  it("releases the remaining authorization of a part-captured order only", async () => {
    const release = (id: string) => call("POST", `${orderPath(id)}/release-remaining-authorization`);
    const id = await placedOrder();
    expect(await release(id)).toMatchObject({ status: 403, body: { error_code: "NOT_ALLOWED" } });
    await capture(id, 1000);
    expect((await release(id)).status).toBe(204);
    expect(await getOrder(id)).toMatchObject({ status: "CAPTURED", remaining_authorized_amount: 0, captured_amount: 1000 });
    expect(await capture(id, 1)).toMatchObject({ status: 403, body: { error_code: "CAPTURE_NOT_ALLOWED" } });

    const full = await placedOrder();
    await capture(full, ORDER_AMOUNT);
    expect(await release(full)).toMatchObject({
      status: 403,
      body: { error_messages: ["Order is fully captured. Remaining authorization cannot be released."] },
    });
  });

  it("refuses to release or extend a cancelled order with NOT_ALLOWED", async () => {
    const id = await placedOrder();
    expect((await call("POST", `${orderPath(id)}/cancel`)).status).toBe(204);
    const before = await getOrder(id);
    for (const operation of ["release-remaining-authorization", "extend-authorization-time"]) {
      const reply = await call("POST", `${orderPath(id)}/${operation}`);
      expect(reply, operation).toMatchObject({
        status: 403,
        body: { error_code: "NOT_ALLOWED", error_messages: [expect.stringMatching(/^Order is cancelled\./)] },
      });
    }
    expect(await getOrder(id)).toEqual(before);
  });

  it("expires an uncaptured authorization after 28 days and extends it by 28 days from today, at most 180 after creation", async () => {
    const extend = (id: string) => call("POST", `${orderPath(id)}/extend-authorization-time`);
    const id = await placedOrder();
    const created = new Date((await getOrder(id)).created_at).getTime();
    await clock.advance(20 * DAY);
    expect((await extend(id)).status).toBe(204);
    const extended = new Date((await getOrder(id)).expires_at).getTime();
    expect(extended).toBeGreaterThan(created + 47 * DAY);
    expect((await extend(id)).status).toBe(204);
    expect(new Date((await getOrder(id)).expires_at).getTime()).toBe(extended);

    // Day 45, 70, … 170: each call extends, the last one only up to the 180-day limit.
    for (let call = 0; call < 6; call += 1) {
      await clock.advance(25 * DAY);
      expect((await extend(id)).status).toBe(204);
    }
    expect(new Date((await getOrder(id)).expires_at).getTime()).toBe(created + 180 * DAY);
    await clock.advance(25 * DAY);
    expect((await extend(id)).status).toBe(403);

    const lapsed = await placedOrder();
    await clock.advance(28 * DAY + MINUTE);
    expect((await getOrder(lapsed)).status).toBe("EXPIRED");
    expect(await capture(lapsed, 100)).toMatchObject({
      status: 403,
      body: { error_code: "CAPTURE_NOT_ALLOWED", error_messages: [`Order ${lapsed} is expired. Capture not possible.`] },
    });
    expect(await extend(lapsed)).toMatchObject({ status: 403, body: { error_messages: ["Order is expired. Authorization time cannot be extended."] } });
  });

  it("refuses captures while fraud review is pending and decides after NN sandbox minutes", async () => {
    const accepted = await placedOrder("customer+pend-accept-05@email.uk");
    expect((await getOrder(accepted)).fraud_status).toBe("PENDING");
    expect(await capture(accepted, 100)).toMatchObject({ status: 403, body: { error_code: "CAPTURE_NOT_ALLOWED" } });
    const rejected = await placedOrder("customer+pend-reject-10@email.uk");
    await clock.advance(5 * MINUTE);
    expect((await getOrder(accepted)).fraud_status).toBe("ACCEPTED");
    expect((await capture(accepted, 100)).status).toBe(201);
    expect((await getOrder(rejected)).fraud_status).toBe("PENDING");
    await clock.advance(5 * MINUTE);
    expect((await getOrder(rejected)).fraud_status).toBe("REJECTED");
    expect((await capture(rejected, 100)).status).toBe(403);
  });
});

describe("OM idempotency", () => {
  it("replays the first reply for a repeated Klarna-Idempotency-Key: one capture", async () => {
    const id = await placedOrder();
    const key = { "klarna-idempotency-key": crypto.randomUUID() };
    const [a, b] = await Promise.all([capture(id, 1000, key), capture(id, 1000, key)]);
    const c = await capture(id, 9999, key);
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect(new Set([a, b, c].map((reply) => reply.headers.get("capture-id"))).size).toBe(1);
    expect(await getOrder(id)).toMatchObject({ captured_amount: 1000 });
    expect((await getOrder(id)).captures).toHaveLength(1);
  });

  it("replays a refusal too, and keys are independent", async () => {
    const id = await placedOrder();
    const key = { "klarna-idempotency-key": crypto.randomUUID() };
    expect((await refund(id, 100, key)).status).toBe(403);
    await capture(id, 5000);
    expect((await refund(id, 100, key)).status).toBe(403);
    expect((await refund(id, 100, { "klarna-idempotency-key": crypto.randomUUID() })).status).toBe(201);
  });

  it("replays cancel and release: the first reply again, one effect", async () => {
    const twice = async (path: string) => {
      const key = { "klarna-idempotency-key": crypto.randomUUID() };
      return [await call("POST", path, undefined, key), await call("POST", path, undefined, key)].map((reply) => [reply.status, reply.body]);
    };
    const cancelled = await placedOrder();
    expect(await twice(`${orderPath(cancelled)}/cancel`)).toEqual([
      [204, undefined],
      [204, undefined],
    ]);
    expect((await getOrder(cancelled)).status).toBe("CANCELLED");
    const released = await placedOrder();
    await capture(released, 1000);
    expect(await twice(`${orderPath(released)}/release-remaining-authorization`)).toEqual([
      [204, undefined],
      [204, undefined],
    ]);
    expect(await getOrder(released)).toMatchObject({ status: "CAPTURED", captured_amount: 1000, remaining_authorized_amount: 0 });
    // Without a key the same calls are refused: the second replies above were replays, not runs.
    expect((await call("POST", `${orderPath(cancelled)}/cancel`)).body.error_code).toBe("CANCEL_NOT_ALLOWED");
    expect((await call("POST", `${orderPath(released)}/release-remaining-authorization`)).body.error_code).toBe("NOT_ALLOWED");
  });

  it("forgets a key after 24 hours", async () => {
    const id = await placedOrder();
    const key = { "klarna-idempotency-key": crypto.randomUUID() };
    await capture(id, 1000, key);
    await clock.advance(DAY + MINUTE);
    await capture(id, 1000, key);
    expect((await getOrder(id)).captured_amount).toBe(2000);
  });

  it("runs requests without a key every time", async () => {
    const id = await placedOrder();
    await capture(id, 1000);
    await capture(id, 1000);
    expect((await getOrder(id)).captured_amount).toBe(2000);
  });
});
