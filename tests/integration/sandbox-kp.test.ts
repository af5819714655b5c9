import { describe, expect, it } from "vitest";
import {
  CustomerTokenReply as CustomerTokenResponse,
  KpSessionRead as KpSession,
  KpSessionCreated,
  PlaceOrderReply as PlaceOrderResponse,
} from "@/lib/klarna-wire";
import { clock, HOUR, MINUTE } from "@/lib/sandbox/clock";
import { openHostedPage } from "@/lib/sandbox";
import { shapeDifferences } from "../../scripts/lib/shape-diff";
import { BASE, call, pay, createHppSession, createKpSession, gbSession, conforming } from "../helpers/sandbox";
import { countRows, withSandboxDatabase } from "../helpers/sandbox-db";

withSandboxDatabase();

/** The authorization token of a new HPP session on the KP session, approved by the consumer. */
async function approvedToken(kp: string): Promise<string> {
  const hpp = await createHppSession(kp);
  expect((await pay(hpp.session_id, "approve")).body.status).toBe("COMPLETED");
  return (await call("GET", `/hpp/v1/sessions/${hpp.session_id}`)).body.authorization_token;
}

/** A KP session authorized on the hosted page, and its authorization token. */
async function authorizedSession(overrides: Record<string, unknown> = {}) {
  const kp = await createKpSession(overrides);
  return { kp, token: await approvedToken(kp) };
}

const usSession = () => ({
  purchase_country: "US",
  purchase_currency: "USD",
  locale: "en-US",
  order_amount: 21000,
  order_tax_amount: 1000,
  order_lines: [
    { type: "physical", name: "Backpack", quantity: 2, unit_price: 10000, total_amount: 20000 },
    { type: "sales_tax", name: "Sales Tax", quantity: 1, unit_price: 1000, total_amount: 1000 },
  ],
  billing_address: { email: "customer@email.us", postal_code: "10024", country: "US", region: "NY" },
});

describe("KP sessions", () => {
  it("creates a session with the market's payment method categories and reads it back", async () => {
    const created = await call("POST", "/payments/v1/sessions", gbSession());
    expect(created.status).toBe(200);
    const body = conforming(KpSessionCreated, created.body);
    expect(body.payment_method_categories.map((category: any) => category.identifier)).toEqual(["pay_later", "pay_now", "pay_over_time"]);

    const read = await call("GET", `/payments/v1/sessions/${body.session_id}`);
    expect(read.status).toBe(200);
    const session = conforming(KpSession, read.body);
    expect(session).toMatchObject({ status: "incomplete", order_amount: 62400, purchase_currency: "GBP" });
    expect(new Date(session.expires_at).getTime() - Date.now()).toBeGreaterThan(47.9 * HOUR);
    // Customer details appear only after an authorization.
    expect(read.body.billing_address).toBeUndefined();
  });

  it("echoes on a read what the session was created with, each field as Klarna's session_read documents it", async () => {
    // Klarna's session_read lists these fields (payments-v1.json); its options are the widget's colours and border radius.
    const set = {
      merchant_urls: {
        confirmation: "https://shop.example/confirmation",
        notification: "https://shop.example/notification",
        push: "https://shop.example/push",
        authorization: "https://shop.example/authorization",
      },
      merchant_data: '{"order_specific":[{"substore":"Women\'s Fashion"}]}',
      options: { color_border: "#FF9900", color_border_selected: "#FF9900", color_details: "#FF9900", color_text: "#FF9900", radius_border: "5px" },
      design: "klarna-custom",
      attachment: { content_type: "application/vnd.klarna.internal.emd-v2+json", body: '{"customer_account_info":[]}' },
      custom_payment_method_ids: ["promo-0-percent"],
    };
    const read = await call("GET", `/payments/v1/sessions/${await createKpSession(set)}`);
    expect(read.body).toMatchObject(set);
    expect(shapeDifferences(KpSession, read.body)).toEqual([]);
  });

  it("accepts a US order with tax as a sales_tax line, and SE with VAT, per market categories", async () => {
    const us = await call("POST", "/payments/v1/sessions", usSession());
    expect(us.status).toBe(200);
    expect(us.body.payment_method_categories.map((category: { identifier: string }) => category.identifier)).toEqual(["pay_later", "pay_over_time"]);
    const se = await call("POST", "/payments/v1/sessions", {
      purchase_country: "SE",
      purchase_currency: "SEK",
      locale: "sv-SE",
      order_amount: 27400,
      order_tax_amount: 5480,
      order_lines: [
        {
          type: "physical",
          name: "Shoe",
          quantity: 2,
          unit_price: 12500,
          total_discount_amount: 2500,
          tax_rate: 2500,
          total_amount: 22500,
          total_tax_amount: 4500,
        },
        { type: "shipping_fee", name: "Shipping", quantity: 1, unit_price: 4900, tax_rate: 2500, total_amount: 4900, total_tax_amount: 980 },
      ],
    });
    expect(se.status).toBe(200);
  });

  const line = (index: number, changes: Record<string, unknown>) => {
    const session = gbSession();
    session.order_lines[index] = { ...session.order_lines[index]!, ...changes };
    return session;
  };

  it.each([
    ["a missing purchase_country", { ...gbSession(), purchase_country: undefined }, ["Bad value: purchase_country"]],
    ["a missing order line name", line(0, { name: undefined }), ["Bad value: order_lines[0].name"]],
    ["no order lines", { ...gbSession(), order_lines: [] }, ["Bad value: order_lines"]],
    ["a fractional amount", { ...gbSession(), order_amount: 624.5 }, ["Bad value: order_amount"]],
    [
      "total_amount ≠ quantity × unit_price − discount",
      line(1, { total_amount: 2800, total_tax_amount: 467 }),
      ["Bad value: order_lines[1].total_amount", "Bad value: order_amount", "Bad value: order_tax_amount"],
    ],
    // The order's tax, 2 off Σ line tax, is within Klarna's ±1 per line: only the line is wrong.
    ["line tax off by 2", line(1, { total_tax_amount: 485 }), ["Bad value: order_lines[1].total_tax_amount"]],
    ["line tax at the wrong rate (Klarna's own example)", line(0, { tax_rate: 2500 }), ["Bad value: order_lines[0].total_tax_amount"]],
    ["order_amount ≠ Σ lines", { ...gbSession(), order_amount: 62401 }, ["Bad value: order_amount"]],
    ["order_tax_amount ≠ Σ line tax", { ...gbSession(), order_tax_amount: 10300 }, ["Bad value: order_tax_amount"]],
    ["order_tax_amount 3 off Σ line tax on 2 lines (beyond ±1 per line)", { ...gbSession(), order_tax_amount: 10403 }, ["Bad value: order_tax_amount"]],
    ["a currency foreign to the country", { ...gbSession(), purchase_currency: "EUR" }, ["Bad value: purchase_currency"]],
    ["a locale of another country", { ...gbSession(), locale: "sv-SE" }, ["Bad value: locale"]],
    ["a malformed locale", { ...gbSession(), locale: "english" }, ["Bad value: locale"]],
    ["a sales_tax line outside the US", line(1, { type: "sales_tax" }), ["Bad value: order_lines[1].type"]],
    ["a postal code over 10 characters", { ...gbSession(), billing_address: { postal_code: "12345678901" } }, ["Bad value: billing_address.postal_code"]],
    ["a widget colour that is not #RRGGBB", { ...gbSession(), options: { color_border: "orange" } }, ["Bad value: options.color_border"]],
  ])("refuses %s with 400 BAD_VALUE naming the field", async (_label, body, messages) => {
    const before = await countRows("sandbox_kp_sessions");
    const reply = await call("POST", "/payments/v1/sessions", body);
    expect(reply.status).toBe(400);
    expect(reply.body.error_code).toBe("BAD_VALUE");
    expect(reply.body.error_messages).toEqual(messages);
    expect(await countRows("sandbox_kp_sessions")).toBe(before);
  });

  it.each([
    [
      "VAT rates on US lines",
      { order_lines: usSession().order_lines.map((l, i) => (i === 0 ? { ...l, tax_rate: 800 } : l)) },
      "Bad value: order_lines[0].tax_rate",
    ],
    ["an order_tax_amount that is not the sales-tax line", { order_tax_amount: 900 }, "Bad value: order_tax_amount"],
  ])("refuses US orders with %s", async (_label, changes, message) => {
    const reply = await call("POST", "/payments/v1/sessions", { ...usSession(), ...changes });
    expect(reply.status).toBe(400);
    expect(reply.body.error_messages).toContain(message);
  });

  it("updates a session (204), which restarts its 48 h lifetime", async () => {
    const id = await createKpSession();
    await clock.advance(47 * HOUR);
    const updated = gbSession({ merchant_reference1: "ORDER-2" });
    expect((await call("POST", `/payments/v1/sessions/${id}`, updated)).status).toBe(204);
    await clock.advance(47 * HOUR);
    expect((await call("GET", `/payments/v1/sessions/${id}`)).status).toBe(200);
    await clock.advance(1 * HOUR + MINUTE);
    const gone = await call("GET", `/payments/v1/sessions/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ error_code: "NOT_FOUND", error_messages: ["Invalid session id"] });
    expect((await call("POST", `/payments/v1/sessions/${id}`, updated)).status).toBe(404);
  });

  it("validates updates like creations", async () => {
    const id = await createKpSession();
    const reply = await call("POST", `/payments/v1/sessions/${id}`, { ...gbSession(), order_amount: 1 });
    expect(reply.body.error_messages).toEqual(["Bad value: order_amount"]);
  });

  it("merges an update with only the cart (Klarna's example) into the session, and checks the result", async () => {
    const id = await createKpSession();
    const cart = {
      order_amount: 2900,
      order_tax_amount: 483,
      order_lines: [
        { type: "shipping_fee", name: "Express shipping", quantity: 1, unit_price: 2900, tax_rate: 2000, total_amount: 2900, total_tax_amount: 483 },
      ],
    };
    expect((await call("POST", `/payments/v1/sessions/${id}`, cart)).status).toBe(204);
    // Customer details show only after an authorization: place one, then read.
    const hpp = await createHppSession(id);
    await pay(hpp.session_id, "approve");
    const read = await call("GET", `/payments/v1/sessions/${id}`);
    expect(read.body).toMatchObject({ purchase_country: "GB", purchase_currency: "GBP", order_amount: 2900, order_lines: [{ name: "Express shipping" }] });
    expect(read.body.billing_address).toMatchObject({ email: "customer@email.uk", postal_code: "W1S 3BE" });
    // A merged result that breaks a rule is refused, naming the field, and changes nothing.
    const other = await createKpSession();
    expect((await call("POST", `/payments/v1/sessions/${other}`, { order_amount: 100 })).body.error_messages).toEqual(["Bad value: order_amount"]);
    expect((await call("GET", `/payments/v1/sessions/${other}`)).body.order_amount).toBe(62400);
  });

  it("accepts a session without locale (Klarna's default en-US) and an order tax within ±1 per line", async () => {
    const { locale: _locale, ...withoutLocale } = gbSession();
    const created = await call("POST", "/payments/v1/sessions", withoutLocale);
    expect(created.status).toBe(200);
    expect((await call("GET", `/payments/v1/sessions/${created.body.session_id}`)).body.locale).toBe("en-US");
    for (const tax of [10398, 10402]) expect((await call("POST", "/payments/v1/sessions", gbSession({ order_tax_amount: tax }))).status, String(tax)).toBe(200);
  });
});

describe("KP authorizations and orders", () => {
  it("places an order from a token once; the session becomes complete and shows customer details", async () => {
    const { kp, token } = await authorizedSession();
    const placed = await call("POST", `/payments/v1/authorizations/${token}/order`, gbSession());
    expect(placed.status).toBe(200);
    const order = conforming(PlaceOrderResponse, placed.body);
    expect(order.fraud_status).toBe("ACCEPTED");
    expect(order.authorized_payment_method).toEqual({ type: "invoice", number_of_days: 30 });
    const session = await call("GET", `/payments/v1/sessions/${kp}`);
    expect(session.body.status).toBe("complete");
    expect(session.body.billing_address.email).toBe("customer@email.uk");

    const again = await call("POST", `/payments/v1/authorizations/${token}/order`, gbSession());
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ error_code: "NOT_FOUND", error_messages: ["Invalid authorization token"] });
  });

  it("shows the customer, after an authorization, with only the fields of Klarna's customer_read", async () => {
    // customer_read lists date_of_birth, gender, title, type and the organisation's fields: no national id, no SSN digits.
    const { kp } = await authorizedSession({ customer: { date_of_birth: "1978-12-31", gender: "male", national_identification_number: "19781231-1234" } });
    const read = await call("GET", `/payments/v1/sessions/${kp}`);
    expect(read.body.customer).toEqual({ date_of_birth: "1978-12-31", gender: "male" });
    expect(shapeDifferences(KpSession, read.body)).toEqual([]);
  });

  it("lets one authorization of a session become an order; the complete session takes no more payments", async () => {
    const kp = await createKpSession();
    const [first, second] = [await approvedToken(kp), await approvedToken(kp)];
    const waiting = await createHppSession(kp);
    const orders = await countRows("sandbox_orders");

    expect((await call("POST", `/payments/v1/authorizations/${first}/order`, gbSession())).status).toBe(200);
    const refused = await call("POST", `/payments/v1/authorizations/${second}/order`, gbSession());
    expect(refused).toMatchObject({ status: 404, body: { error_code: "SESSION_COMPLETED", error_messages: ["Session is already completed"] } });
    expect(await countRows("sandbox_orders")).toBe(orders + 1);

    expect((await call("POST", "/hpp/v1/sessions", { payment_session_url: `${BASE}/payments/v1/sessions/${kp}` })).status).toBe(404);
    expect(await openHostedPage(waiting.session_id)).toEqual({ state: "unavailable", reason: "completed", locale: "en-GB" });
    expect(await pay(waiting.session_id, "approve")).toMatchObject({ status: 404, body: { error_code: "SESSION_COMPLETED" } });
    expect((await call("GET", `/hpp/v1/sessions/${waiting.session_id}`)).body.authorization_token).toBeUndefined();
  });

  it("refuses to update a complete session with 404 SESSION_COMPLETED, changing nothing", async () => {
    const { kp, token } = await authorizedSession();
    expect((await call("POST", `/payments/v1/authorizations/${token}/order`, gbSession())).status).toBe(200);
    const refused = await call("POST", `/payments/v1/sessions/${kp}`, gbSession({ merchant_reference1: "ORDER-2" }));
    expect(refused).toMatchObject({ status: 404, body: { error_code: "SESSION_COMPLETED", error_messages: ["Session is already completed"] } });
    expect((await call("GET", `/payments/v1/sessions/${kp}`)).body.merchant_reference1).toBe("ORDER-1");
  });

  it("places one order when two tokens and a PLACE_ORDER approval of one session race", async () => {
    const kp = await createKpSession();
    const tokens = [await approvedToken(kp), await approvedToken(kp)];
    const placing = await createHppSession(kp, { place_order_mode: "PLACE_ORDER" });
    const orders = await countRows("sandbox_orders");
    const replies = await Promise.all([
      ...tokens.map((token) => call("POST", `/payments/v1/authorizations/${token}/order`, gbSession())),
      pay(placing.session_id, "approve"),
    ]);
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(1);
    expect(replies.filter((reply) => reply.status === 404 && reply.body.error_code === "SESSION_COMPLETED")).toHaveLength(2);
    expect(await countRows("sandbox_orders")).toBe(orders + 1);
  });

  it("returns the confirmation redirect_url when merchant_urls.confirmation is given", async () => {
    const { token } = await authorizedSession();
    const placed = await call(
      "POST",
      `/payments/v1/authorizations/${token}/order`,
      gbSession({ merchant_urls: { confirmation: "https://shop.example/thanks/{order.id}" } }),
    );
    expect(placed.body.redirect_url).toBe(`https://shop.example/thanks/${placed.body.order_id}`);
  });

  it("refuses an order that does not match the session with 409 BAD_VALUE", async () => {
    const { token } = await authorizedSession();
    const session = gbSession();
    const tampered = { ...session, order_amount: 59500, order_tax_amount: 9917, order_lines: [session.order_lines[0]] };
    const reply = await call("POST", `/payments/v1/authorizations/${token}/order`, tampered);
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ error_code: "BAD_VALUE", error_messages: ["Not matching fields: [order_amount, order_tax_amount, order_lines]"] });
    // Nothing was used up: the matching order still goes through.
    expect((await call("POST", `/payments/v1/authorizations/${token}/order`, gbSession())).status).toBe(200);
  });

  it("validates the place-order body like a session", async () => {
    const { token } = await authorizedSession();
    const reply = await call("POST", `/payments/v1/authorizations/${token}/order`, { ...gbSession(), order_amount: 5 });
    expect(reply).toMatchObject({ status: 400, body: { error_code: "BAD_VALUE", error_messages: ["Bad value: order_amount"] } });
  });

  it("expires a token after 60 minutes", async () => {
    const { token } = await authorizedSession();
    await clock.advance(60 * MINUTE + 1000);
    const reply = await call("POST", `/payments/v1/authorizations/${token}/order`, gbSession());
    expect(reply).toMatchObject({ status: 404, body: { error_code: "NOT_FOUND", error_messages: ["Invalid authorization token"] } });
  });

  it("cancels an unused authorization (204), after which it cannot be used", async () => {
    const { token } = await authorizedSession();
    expect((await call("DELETE", `/payments/v1/authorizations/${token}`)).status).toBe(204);
    expect((await call("POST", `/payments/v1/authorizations/${token}/order`, gbSession())).status).toBe(404);
    expect((await call("DELETE", `/payments/v1/authorizations/${token}`)).status).toBe(404);
  });

  it("captures at placement with auto_capture", async () => {
    const { token } = await authorizedSession();
    const placed = await call("POST", `/payments/v1/authorizations/${token}/order`, { ...gbSession(), auto_capture: true });
    const order = await call("GET", `/ordermanagement/v1/orders/${placed.body.order_id}`);
    expect(order.body).toMatchObject({ status: "CAPTURED", captured_amount: 62400, remaining_authorized_amount: 0 });
  });

  it("creates a customer token only for a tokenizing intent", async () => {
    const tokenRequest = { description: "Monthly box", intended_use: "SUBSCRIPTION", locale: "en-GB", purchase_country: "GB", purchase_currency: "GBP" };
    const buy = await authorizedSession();
    const refused = await call("POST", `/payments/v1/authorizations/${buy.token}/customer-token`, tokenRequest);
    expect(refused).toMatchObject({ status: 403, body: { error_code: "INVALID_OPERATION" } });

    const tokenize = await authorizedSession({ intent: "buy_and_tokenize" });
    const created = await call("POST", `/payments/v1/authorizations/${tokenize.token}/customer-token`, tokenRequest);
    expect(created.status).toBe(200);
    conforming(CustomerTokenResponse, created.body);
    const invalid = await call("POST", `/payments/v1/authorizations/${tokenize.token}/customer-token`, { ...tokenRequest, intended_use: "OTHER" });
    expect(invalid.body.error_messages).toEqual(["Bad value: intended_use"]);
  });
});
