import { describe, expect, it } from "vitest";
import { HppSessionRead as HppSession, HppSessionCreated, OmOrder } from "@/lib/klarna-wire";
import { listOutbox, openHostedPage } from "@/lib/sandbox";
import { clock, HOUR, MINUTE } from "@/lib/sandbox/clock";
import { BASE, call, pay, createHppSession, createKpSession, merchantUrls, conforming } from "../helpers/sandbox";
import { countRows, withSandboxDatabase } from "../helpers/sandbox-db";

withSandboxDatabase();

const read = async (id: string) => call("GET", `/hpp/v1/sessions/${id}`);
const paymentSessionUrl = (kp: string) => `${BASE}/payments/v1/sessions/${kp}`;

describe("HPP sessions", () => {
  it("creates a session (201) with Klarna's fields, expiring one hour before the KP session", async () => {
    const kp = await createKpSession();
    const reply = await call("POST", "/hpp/v1/sessions", { payment_session_url: paymentSessionUrl(kp), merchant_urls: merchantUrls });
    expect(reply.status).toBe(201);
    const created = conforming(HppSessionCreated, reply.body);
    expect(created.redirect_url).toBe(`http://localhost:3000/sandbox/hpp/${created.session_id}`);
    expect(created.qr_code_url).toBe(`${created.redirect_url}/qr`);
    expect(created.session_url).toBe(`${BASE}/hpp/v1/sessions/${created.session_id}`);
    expect(created.distribution_url).toBe(`${created.session_url}/distribution`);
    expect(created.distribution_module?.standalone_url).toContain("{{profile_id}}");
    const kpSession = await call("GET", `/payments/v1/sessions/${kp}`);
    expect(new Date(created.expires_at).getTime()).toBe(new Date(kpSession.body.expires_at).getTime() - HOUR);

    const state = conforming(HppSession, (await read(created.session_id)).body);
    expect(state).toMatchObject({ session_id: created.session_id, status: "WAITING", expires_at: created.expires_at });
    expect(state.authorization_token).toBeUndefined();
  });

  it.each([
    ["an unknown KP session", () => paymentSessionUrl("0a0b0c0d-0000-4000-8000-000000000000"), 404, "NOT_FOUND"],
    ["a URL that names no KP session", () => "https://example.com/payments/v1/orders/1", 400, "BAD_VALUE"],
  ])("refuses %s", async (_label, url, status, code) => {
    const before = await countRows("sandbox_hpp_sessions");
    const reply = await call("POST", "/hpp/v1/sessions", { payment_session_url: url() });
    expect(reply).toMatchObject({ status, body: { error_code: code } });
    expect(await countRows("sandbox_hpp_sessions")).toBe(before);
  });

  it("refuses an expired KP session with 404 'Payment session has expired'", async () => {
    const kp = await createKpSession();
    await clock.advance(47 * HOUR + MINUTE);
    const reply = await call("POST", "/hpp/v1/sessions", { payment_session_url: paymentSessionUrl(kp) });
    expect(reply).toMatchObject({ status: 404, body: { error_messages: ["Payment session has expired"] } });
  });

  it("refuses a KP session that already has its order with 404", async () => {
    const kp = await createKpSession();
    await pay((await createHppSession(kp, { place_order_mode: "PLACE_ORDER" })).session_id, "approve");
    const before = await countRows("sandbox_hpp_sessions");
    const reply = await call("POST", "/hpp/v1/sessions", { payment_session_url: paymentSessionUrl(kp) });
    expect(reply).toMatchObject({ status: 404, body: { error_code: "NOT_FOUND", error_messages: ["Payment session has expired"] } });
    expect(await countRows("sandbox_hpp_sessions")).toBe(before);
  });

  it("refuses payment_method_category together with payment_method_categories", async () => {
    const kp = await createKpSession();
    const reply = await call("POST", "/hpp/v1/sessions", {
      payment_session_url: paymentSessionUrl(kp),
      options: { payment_method_category: "PAY_LATER", payment_method_categories: ["PAY_NOW"] },
    });
    expect(reply).toMatchObject({ status: 400, body: { error_code: "BAD_VALUE" } });
    expect(reply.body.error_messages[0]).toBe("Bad value: options.payment_method_category");
  });

  it("accepts categories of the KP session in any case and refuses others", async () => {
    const kp = await createKpSession();
    const lower = await call("POST", "/hpp/v1/sessions", {
      payment_session_url: paymentSessionUrl(kp),
      options: { payment_method_categories: ["pay_later", "PAY_NOW"] },
    });
    expect(lower.status).toBe(201);
    const foreign = await call("POST", "/hpp/v1/sessions", {
      payment_session_url: paymentSessionUrl(kp),
      options: { payment_method_categories: ["PAY_NOW", "DIRECT_DEBIT"] },
    });
    expect(foreign).toMatchObject({ status: 400, body: { error_messages: ["Bad value: options.payment_method_categories[1]"] } });
    const unknown = await call("POST", "/hpp/v1/sessions", { payment_session_url: paymentSessionUrl(kp), options: { payment_method_category: "CRYPTO" } });
    expect(unknown).toMatchObject({ status: 400, body: { error_messages: ["Bad value: options.payment_method_category"] } });
  });

  it("moves WAITING → IN_PROGRESS when the consumer opens the page", async () => {
    const hpp = await createHppSession(await createKpSession());
    const page = await openHostedPage(hpp.session_id);
    expect(page).toMatchObject({ state: "open", status: "IN_PROGRESS", email: "customer@email.uk", showBack: false });
    if (page.state === "open") expect(page.categories.map((category) => category.identifier)).toEqual(["pay_later", "pay_now", "pay_over_time"]);
    expect((await read(hpp.session_id)).body.status).toBe("IN_PROGRESS");
  });

  it("offers only the configured categories", async () => {
    const kp = await createKpSession();
    const one = await openHostedPage((await createHppSession(kp, { payment_method_category: "PAY_NOW" })).session_id);
    const list = await openHostedPage((await createHppSession(kp, { payment_method_categories: ["pay_over_time", "pay_later"] })).session_id);
    expect(one.state === "open" && one.categories.map((category) => category.identifier)).toEqual(["pay_now"]);
    expect(list.state === "open" && list.categories.map((category) => category.identifier)).toEqual(["pay_over_time", "pay_later"]);
  });
});

describe("HPP consumer outcomes", () => {
  it("approve in NONE mode: COMPLETED with an authorization token filled into the success URL", async () => {
    const hpp = await createHppSession(await createKpSession());
    const result = await pay(hpp.session_id, "approve", { category: "pay_now" });
    expect(result.status).toBe(200);
    const state = conforming(HppSession, (await read(hpp.session_id)).body);
    expect(state.status).toBe("COMPLETED");
    expect(state.authorization_token).toMatch(/^[0-9a-f-]{36}$/);
    expect(state.order_id).toBeUndefined();
    expect(result.body).toEqual({
      status: "COMPLETED",
      redirect_to: `https://shop.example/success?sid=${hpp.session_id}&token=${state.authorization_token}&order={{order_id}}`,
    });
  });

  it("approve in PLACE_ORDER mode: an AUTHORIZED order whose id and reference the read returns", async () => {
    const hpp = await createHppSession(await createKpSession(), { place_order_mode: "PLACE_ORDER" });
    const result = await pay(hpp.session_id, "approve");
    const state = conforming(HppSession, (await read(hpp.session_id)).body);
    expect(state).toMatchObject({ status: "COMPLETED", order_id: expect.any(String), klarna_reference: expect.stringMatching(/^[A-Z0-9]{8}$/) });
    expect(result.body.redirect_to).toContain(`order=${state.order_id}`);
    const order = conforming(OmOrder, (await call("GET", `/ordermanagement/v1/orders/${state.order_id}`)).body);
    expect(order).toMatchObject({ status: "AUTHORIZED", captured_amount: 0, order_amount: 62400, klarna_reference: state.klarna_reference });
  });

  it("approve in CAPTURE_ORDER mode: the order is fully captured", async () => {
    const hpp = await createHppSession(await createKpSession(), { place_order_mode: "capture_order" });
    await pay(hpp.session_id, "approve");
    const state = (await read(hpp.session_id)).body;
    const order = conforming(OmOrder, (await call("GET", `/ordermanagement/v1/orders/${state.order_id}`)).body);
    expect(order).toMatchObject({ status: "CAPTURED", captured_amount: 62400, remaining_authorized_amount: 0 });
    expect(order.captures).toHaveLength(1);
  });

  it("declines the +denied persona (FAILED, failure URL) and lets the consumer retry", async () => {
    const hpp = await createHppSession(await createKpSession({ billing_address: { email: "customer+denied@email.uk" } }));
    const declined = await pay(hpp.session_id, "approve");
    expect(declined.body).toEqual({ status: "FAILED", redirect_to: `https://shop.example/failure?sid=${hpp.session_id}` });
    expect((await read(hpp.session_id)).body.status).toBe("FAILED");
    const retried = await pay(hpp.session_id, "approve", { email: "customer@email.uk" });
    expect(retried.body.status).toBe("COMPLETED");
  });

  it.each([
    ["+reject_reason_", "customer+reject_reason_credit_limit_exceeded@email.us"],
    ["+red", "customer+red@email.de"],
  ])("declines the %s persona", async (_label, email) => {
    const hpp = await createHppSession(await createKpSession());
    expect((await pay(hpp.session_id, "approve", { email })).body.status).toBe("FAILED");
  });

  it("offers the remaining categories after a decline with payment_fallback, then fails when none are left", async () => {
    const hpp = await createHppSession(await createKpSession({ billing_address: { email: "customer+denied@email.uk" } }), {
      payment_method_category: "PAY_LATER",
      payment_fallback: true,
    });
    const first = await pay(hpp.session_id, "approve", { category: "pay_later" });
    expect(first.body).toEqual({ status: "IN_PROGRESS", redirect_to: null, fallback_categories: ["pay_now", "pay_over_time"] });
    const page = await openHostedPage(hpp.session_id);
    expect(page.state === "open" && [page.fallbackOffered, page.categories.map((category) => category.identifier)]).toEqual([
      true,
      ["pay_now", "pay_over_time"],
    ]);
    expect((await pay(hpp.session_id, "approve", { category: "pay_later" })).status).toBe(400);
    await pay(hpp.session_id, "decline", { category: "pay_now" });
    const last = await pay(hpp.session_id, "approve", { category: "pay_over_time" });
    expect(last.body.status).toBe("FAILED");
  });

  it("cancel is final and goes to the cancel URL", async () => {
    const hpp = await createHppSession(await createKpSession());
    expect((await pay(hpp.session_id, "cancel")).body).toEqual({
      status: "CANCELLED",
      redirect_to: `https://shop.example/cancel?sid=${hpp.session_id}`,
    });
    expect((await pay(hpp.session_id, "approve")).status).toBe(400);
    expect(await openHostedPage(hpp.session_id)).toEqual({ state: "unavailable", reason: "cancelled", locale: "en-GB" });
  });

  it("back replaces cancel when a back URL is set, and the consumer may come back", async () => {
    const hpp = await createHppSession(await createKpSession(), {}, { ...merchantUrls, back: "https://shop.example/back?sid={{session_id}}" });
    expect((await openHostedPage(hpp.session_id)).state === "open").toBe(true);
    const result = await pay(hpp.session_id, "cancel");
    expect(result.body).toEqual({ status: "BACK", redirect_to: `https://shop.example/back?sid=${hpp.session_id}` });
    const page = await openHostedPage(hpp.session_id);
    expect(page).toMatchObject({ state: "open", status: "IN_PROGRESS", showBack: true });
  });

  it("error goes to the error URL, or to the failure URL when there is none; retry is allowed", async () => {
    const kp = await createKpSession();
    const withError = await createHppSession(kp);
    expect((await pay(withError.session_id, "error")).body).toEqual({
      status: "ERROR",
      redirect_to: `https://shop.example/error?sid=${withError.session_id}`,
    });
    const { error: _error, ...withoutErrorUrl } = merchantUrls;
    const fallback = await createHppSession(kp, {}, withoutErrorUrl);
    expect((await pay(fallback.session_id, "error")).body.redirect_to).toBe(`https://shop.example/failure?sid=${fallback.session_id}`);
    expect((await pay(fallback.session_id, "approve")).body.status).toBe("COMPLETED");
  });

  it("sends the browser to the sandbox's generic page when the merchant gave no URL", async () => {
    const hpp = await createHppSession(await createKpSession(), {}, {});
    expect((await pay(hpp.session_id, "approve")).body.redirect_to).toBe(`http://localhost:3000/sandbox/hpp/${hpp.session_id}/result`);
  });

  it("URL-encodes what it fills into placeholders", async () => {
    const hpp = await createHppSession(await createKpSession(), {}, { success: "https://shop.example/r?next=/a%20b&sid={{session_id}}" });
    const result = await pay(hpp.session_id, "approve");
    expect(result.body.redirect_to).toBe(`https://shop.example/r?next=/a%20b&sid=${encodeURIComponent(hpp.session_id)}`);
  });

  it("completes every other open HPP session on the same KP session", async () => {
    const kp = await createKpSession();
    const first = await createHppSession(kp);
    const second = await createHppSession(kp);
    await pay(first.session_id, "decline");
    await pay(second.session_id, "approve");
    const [a, b] = [(await read(first.session_id)).body, (await read(second.session_id)).body];
    expect(a.status).toBe("COMPLETED");
    expect(a.authorization_token).toBe(b.authorization_token);
  });

  it("refuses a category the page does not offer", async () => {
    const hpp = await createHppSession(await createKpSession(), { payment_method_category: "PAY_NOW" });
    expect((await pay(hpp.session_id, "approve", { category: "pay_later" })).body.error_messages).toEqual(["Bad value: category"]);
  });
});

describe("HPP disable, expiry and distribution", () => {
  it("disables a session (204): final, the page shows an error, a completed session refuses with 400", async () => {
    const kp = await createKpSession();
    const open = await createHppSession(kp);
    expect((await call("DELETE", `/hpp/v1/sessions/${open.session_id}`)).status).toBe(204);
    expect((await read(open.session_id)).body.status).toBe("DISABLED");
    expect(await openHostedPage(open.session_id)).toEqual({ state: "unavailable", reason: "disabled", locale: "en-GB" });
    expect((await pay(open.session_id, "approve")).status).toBe(400);

    const done = await createHppSession(await createKpSession());
    await pay(done.session_id, "approve");
    const refused = await call("DELETE", `/hpp/v1/sessions/${done.session_id}`);
    expect(refused).toMatchObject({ status: 400, body: { error_messages: ["HPP session has already been successfully completed"] } });
  });

  it("answers 404 once the session has expired, and the page says so", async () => {
    const hpp = await createHppSession(await createKpSession());
    await clock.advance(47 * HOUR);
    expect((await read(hpp.session_id)).status).toBe(404);
    expect(await openHostedPage(hpp.session_id)).toEqual({ state: "unavailable", reason: "expired" });
    expect((await pay(hpp.session_id, "approve")).status).toBe(404);
  });

  it("distributes the link by e-mail and SMS in the session's language", async () => {
    const kp = await createKpSession();
    const hpp = await createHppSession(kp);
    const email = await call("POST", `/hpp/v1/sessions/${hpp.session_id}/distribution`, {
      method: "email",
      contact_information: { email: "customer@email.uk" },
    });
    expect(email.status).toBe(201);
    const sms = await call("POST", `/hpp/v1/sessions/${hpp.session_id}/distribution`, {
      method: "sms",
      contact_information: { phone: "+447755564318", phone_country: "GB" },
    });
    expect(sms.status).toBe(201);
    const outbox = (await listOutbox("default")).filter((message) => message.hppSessionId === hpp.session_id);
    expect(outbox.map((message) => [message.method, message.recipient])).toEqual(
      expect.arrayContaining([
        ["email", "customer@email.uk"],
        ["sms", "+447755564318 (GB)"],
      ]),
    );
    const mail = outbox.find((message) => message.method === "email")!;
    expect(mail.subject).toBe("Complete your purchase with Klarna");
    expect(mail.body).toContain("£624.00");
    expect(mail.body).toContain(hpp.redirect_url);
    expect(mail.link).toBe(hpp.redirect_url);

    const german = await createHppSession(
      await createKpSession({
        purchase_country: "DE",
        purchase_currency: "EUR",
        locale: "de-DE",
        order_amount: 11900,
        order_tax_amount: 1900,
        order_lines: [{ name: "Jacke", quantity: 1, unit_price: 11900, tax_rate: 1900, total_amount: 11900, total_tax_amount: 1900 }],
      }),
    );
    await call("POST", `/hpp/v1/sessions/${german.session_id}/distribution`, { method: "email", contact_information: { email: "customer@email.de" } });
    const [deMail] = (await listOutbox("default")).filter((message) => message.hppSessionId === german.session_id);
    expect(deMail?.subject).toBe("Schließe deinen Kauf mit Klarna ab");
    expect(deMail?.body).toMatch(/119,00\s€/);
  });

  it.each([
    [{ method: "email", contact_information: { email: "not-an-address" } }, 400, "BAD_VALUE"],
    [{ method: "email", contact_information: {} }, 400, "MISSING_CONTACT_DATA"],
    [{ method: "sms", contact_information: { phone: "call me", phone_country: "GB" } }, 400, "BAD_VALUE"],
    [{ method: "sms", contact_information: { phone: "+447755564318" } }, 400, "MISSING_CONTACT_DATA"],
    [{ method: "fax", contact_information: { phone: "1" } }, 400, "BAD_VALUE"],
  ])("refuses distribution %j and sends nothing", async (body, status, code) => {
    const hpp = await createHppSession(await createKpSession());
    const before = await countRows("sandbox_outbox");
    expect(await call("POST", `/hpp/v1/sessions/${hpp.session_id}/distribution`, body)).toMatchObject({ status, body: { error_code: code } });
    expect(await countRows("sandbox_outbox")).toBe(before);
  });

  it("refuses to distribute an unknown session (404) and a completed, cancelled or disabled one (400)", async () => {
    const distribute = (id: string) => call("POST", `/hpp/v1/sessions/${id}/distribution`, { method: "email", contact_information: { email: "a@b.co" } });
    const before = await countRows("sandbox_outbox");
    expect(await distribute("0a0b0c0d-0000-4000-8000-000000000000")).toMatchObject({ status: 404, body: { error_code: "NOT_FOUND" } });
    for (const [end, status] of [
      ["approve", "COMPLETED"],
      ["cancel", "CANCELLED"],
      ["disable", "DISABLED"],
    ] as const) {
      const hpp = await createHppSession(await createKpSession());
      if (end === "disable") await call("DELETE", `/hpp/v1/sessions/${hpp.session_id}`);
      else await pay(hpp.session_id, end);
      expect(await distribute(hpp.session_id)).toMatchObject({
        status: 400,
        body: { error_code: "BAD_REQUEST", error_messages: [`HPP session is ${status}; it cannot be distributed`] },
      });
    }
    expect(await countRows("sandbox_outbox")).toBe(before);
  });
});
