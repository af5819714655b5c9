import { describe, expect, it } from "vitest";
import { ExtendDueDateOptions, OmOrder } from "@/lib/klarna-wire";
import { handleSandboxRequest, listOutbox } from "@/lib/sandbox";
import { clock, DAY } from "@/lib/sandbox/clock";
import { BASE, call, pay, conforming, createHppSession, createKpSession } from "../helpers/sandbox";
import { withSandboxDatabase } from "../helpers/sandbox-db";

// The Order Management operations beyond the money ones (ordermanagement-v1.yml),
// each with Klarna's success code, rules and error codes, and the idempotency key.

withSandboxDatabase();

const ORDER_AMOUNT = 62400;
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

async function placedOrder(): Promise<string> {
  const hpp = await createHppSession(await createKpSession(), { place_order_mode: "PLACE_ORDER" });
  await pay(hpp.session_id, "approve");
  return (await call("GET", `/hpp/v1/sessions/${hpp.session_id}`)).body.order_id;
}

const orderPath = (id: string) => `/ordermanagement/v1/orders/${id}`;
const getOrder = async (id: string) => conforming(OmOrder, (await call("GET", orderPath(id))).body);
async function captured(id: string, amount: number): Promise<string> {
  const reply = await call("POST", `${orderPath(id)}/captures`, { captured_amount: amount });
  expect(reply.status).toBe(201);
  return reply.headers.get("capture-id")!;
}

describe("PATCH …/authorization", () => {
  it("changes the order amount and lines (204); original_order_amount keeps the first, remaining follows", async () => {
    const id = await placedOrder();
    await captured(id, 20000);
    const lines = [{ type: "physical", name: "Rain Jacket", quantity: 1, unit_price: 50000, tax_rate: 2000, total_amount: 50000, total_tax_amount: 8333 }];
    expect(
      (await call("PATCH", `${orderPath(id)}/authorization`, { order_amount: 50000, description: "One item out of stock", order_lines: lines })).status,
    ).toBe(204);
    expect(await getOrder(id)).toMatchObject({
      order_amount: 50000,
      original_order_amount: ORDER_AMOUNT,
      remaining_authorized_amount: 30000,
      status: "PART_CAPTURED",
      order_lines: lines,
    });
    // Raising it again raises what remains.
    expect((await call("PATCH", `${orderPath(id)}/authorization`, { order_amount: 70000 })).status).toBe(204);
    expect(await getOrder(id)).toMatchObject({ remaining_authorized_amount: 50000, original_order_amount: ORDER_AMOUNT });
  });

  it("refuses an amount below what was captured, and a cancelled order, with 403 NOT_ALLOWED; a missing amount with 400", async () => {
    const id = await placedOrder();
    await captured(id, 20000);
    const below = await call("PATCH", `${orderPath(id)}/authorization`, { order_amount: 19999 });
    expect(below).toMatchObject({
      status: 403,
      body: { error_code: "NOT_ALLOWED", error_messages: ["Resulting authorization amount 19999 cannot be less than the captured amount 20000."] },
    });
    expect((await getOrder(id)).order_amount).toBe(ORDER_AMOUNT);
    expect((await call("PATCH", `${orderPath(id)}/authorization`, {})).body).toMatchObject({
      error_code: "BAD_VALUE",
      error_messages: ["Bad value: order_amount"],
    });
    const cancelled = await placedOrder();
    await call("POST", `${orderPath(cancelled)}/cancel`);
    expect((await call("PATCH", `${orderPath(cancelled)}/authorization`, { order_amount: 100 })).body.error_code).toBe("NOT_ALLOWED");
  });
});

describe("merchant references, customer details, shipping info, acknowledge", () => {
  it("updates the merchant references (204), not on a cancelled order (403)", async () => {
    const id = await placedOrder();
    expect((await call("PATCH", `${orderPath(id)}/merchant-references`, { merchant_reference1: "NEW-1", merchant_reference2: "R2" })).status).toBe(204);
    expect(await getOrder(id)).toMatchObject({ merchant_reference1: "NEW-1", merchant_reference2: "R2" });
    await call("POST", `${orderPath(id)}/cancel`);
    expect((await call("PATCH", `${orderPath(id)}/merchant-references`, { merchant_reference1: "X" })).body).toMatchObject({ error_code: "NOT_ALLOWED" });
    expect((await getOrder(id)).merchant_reference1).toBe("NEW-1");
  });

  it("replaces the addresses given (204) and validates them", async () => {
    const id = await placedOrder();
    const shipping = { given_name: "Test", family_name: "Person-uk", street_address: "1 New Street", postal_code: "EC1A 1BB", city: "London", country: "GB" };
    expect((await call("PATCH", `${orderPath(id)}/customer-details`, { shipping_address: shipping })).status).toBe(204);
    const order = await getOrder(id);
    expect(order.shipping_address).toEqual(shipping);
    expect(order.billing_address.postal_code).toBe("W1S 3BE");
    expect((await call("PATCH", `${orderPath(id)}/customer-details`, { shipping_address: { postal_code: "12345678901" } })).body.error_messages).toEqual([
      "Bad value: shipping_address.postal_code",
    ]);
  });

  it("adds shipping info to the order (204) and acknowledges it (204)", async () => {
    const id = await placedOrder();
    const info = { shipping_company: "DHL", shipping_method: "Home", tracking_number: "123" };
    expect((await call("POST", `${orderPath(id)}/shipping-info`, { shipping_info: [info] })).status).toBe(204);
    expect((await call("POST", `${orderPath(id)}/shipping-info`, { shipping_info: [{ ...info, tracking_number: "456" }] })).status).toBe(204);
    expect((await getOrder(id)).shipping_info.map((entry: any) => entry.tracking_number)).toEqual(["123", "456"]);
    expect((await call("POST", `${orderPath(id)}/shipping-info`, { shipping_info: [] })).body.error_messages).toEqual(["Bad value: shipping_info"]);
    expect((await call("POST", `${orderPath(id)}/acknowledge`)).status).toBe(204);
  });
});

describe("a capture's communication and due date", () => {
  it("sends the invoice again (204) to the sandbox's outbox", async () => {
    const id = await placedOrder();
    const captureId = await captured(id, 20000);
    expect((await call("POST", `${orderPath(id)}/captures/${captureId}/trigger-send-out`)).status).toBe(204);
    const [message] = await listOutbox("default");
    expect(message).toMatchObject({ method: "email", recipient: "customer@email.uk", captureId, link: null });
    expect(message!.subject).toMatch(/^Your Klarna invoice [A-Z0-9]{8}-1$/);
    expect((await call("POST", `${orderPath(id)}/captures/${UNKNOWN}/trigger-send-out`)).body.error_code).toBe("NO_SUCH_CAPTURE");
  });

  it("lists the due-date extensions (200) and moves the due date by the one chosen (204)", async () => {
    const id = await placedOrder();
    const captureId = await captured(id, 20000);
    const options = await call("GET", `${orderPath(id)}/captures/${captureId}/extend-due-date-options`);
    expect(options.status).toBe(200);
    expect(conforming(ExtendDueDateOptions, options.body)).toMatchObject({
      currency: "GBP",
      options: expect.arrayContaining([{ number_of_days: 14, amount: 195 }]),
    });
    const before = new Date((await getOrder(id)).captures[0].due_date).getTime();
    expect((await call("PATCH", `${orderPath(id)}/captures/${captureId}/extend-due-date`, { number_of_days: 14 })).status).toBe(204);
    expect(new Date((await getOrder(id)).captures[0].due_date).getTime()).toBe(before + 14 * DAY);
    expect((await call("PATCH", `${orderPath(id)}/captures/${captureId}/extend-due-date`, { number_of_days: 9 })).body).toMatchObject({
      error_code: "BAD_VALUE",
      error_messages: ["Bad value: number_of_days"],
    });
    expect((await call("GET", `${orderPath(id)}/captures/${UNKNOWN}/extend-due-date-options`)).body.error_code).toBe("NO_SUCH_CAPTURE");
  });
});

describe("every Order Management path", () => {
  const paths = (id: string, captureId: string): [string, string, unknown?][] => [
    ["PATCH", `${orderPath(id)}/authorization`, { order_amount: 1 }],
    ["PATCH", `${orderPath(id)}/merchant-references`, {}],
    ["PATCH", `${orderPath(id)}/customer-details`, {}],
    ["POST", `${orderPath(id)}/shipping-info`, { shipping_info: [{ tracking_number: "1" }] }],
    ["POST", `${orderPath(id)}/acknowledge`],
    ["POST", `${orderPath(id)}/captures/${captureId}/trigger-send-out`],
    ["GET", `${orderPath(id)}/captures/${captureId}/extend-due-date-options`],
    ["PATCH", `${orderPath(id)}/captures/${captureId}/extend-due-date`, { number_of_days: 14 }],
  ];

  it("answers an unknown order with 404 NO_SUCH_ORDER", async () => {
    for (const [method, path, body] of paths(UNKNOWN, UNKNOWN)) {
      const reply = await call(method, path, body);
      expect(reply.status, `${method} ${path}`).toBe(404);
      expect(reply.body.error_code, `${method} ${path}`).toBe("NO_SUCH_ORDER");
    }
  });

  it("answers a caller without credentials with 401 before anything else, for an unknown order or a path that does not exist", async () => {
    const id = await placedOrder();
    const all = [...paths(id, UNKNOWN), ...paths(UNKNOWN, UNKNOWN), ["PATCH", "/ordermanagement/v1/orders/x/no-such-thing", {}] as [string, string, unknown]];
    for (const [method, path, body] of all) {
      const reply = await handleSandboxRequest(
        new Request(`${BASE}${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) }),
      );
      expect(reply.status, `${method} ${path}`).toBe(401);
      expect((await reply.json()).error_code).toBe("PERMISSION_DENIED");
    }
  });

  it("repeats nothing for a repeated Klarna-Idempotency-Key on a PATCH: the first reply comes back", async () => {
    const id = await placedOrder();
    const key = { "klarna-idempotency-key": crypto.randomUUID() };
    expect((await call("PATCH", `${orderPath(id)}/authorization`, { order_amount: 50000 }, key)).status).toBe(204);
    expect((await call("PATCH", `${orderPath(id)}/authorization`, { order_amount: 40000 }, key)).status).toBe(204);
    expect((await getOrder(id)).order_amount).toBe(50000);
  });
});

describe("closed and expired orders", () => {
  it("close by control call (what Klarna does on its side): captured money stays, nothing more can be captured", async () => {
    const id = await placedOrder();
    await captured(id, 20000);
    expect((await call("POST", `/_control/orders/${id}/close`)).status).toBe(204);
    expect(await getOrder(id)).toMatchObject({ status: "CLOSED", captured_amount: 20000, remaining_authorized_amount: 0 });
    expect((await call("POST", `${orderPath(id)}/captures`, { captured_amount: 100 })).body.error_code).toBe("CAPTURE_NOT_ALLOWED");
    expect((await call("POST", `${orderPath(id)}/refunds`, { refunded_amount: 5000 })).status).toBe(201);
    expect((await call("POST", `/_control/orders/${id}/close`)).body.error_code).toBe("NOT_ALLOWED");
  });

  it("expire a partly captured order once its authorization time passes; its captures can still be refunded", async () => {
    const id = await placedOrder();
    await captured(id, 20000);
    await clock.advance(29 * DAY);
    expect(await getOrder(id)).toMatchObject({ status: "EXPIRED", captured_amount: 20000, remaining_authorized_amount: 0 });
    expect((await call("POST", `${orderPath(id)}/captures`, { captured_amount: 100 })).body.error_code).toBe("CAPTURE_NOT_ALLOWED");
    expect((await call("POST", `${orderPath(id)}/refunds`, { refunded_amount: 1000 })).status).toBe(201);
  });
});
