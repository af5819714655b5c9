import { expect, test, type APIRequestContext } from "@playwright/test";
import { gbSession } from "../helpers/klarna-bodies";
import { SANDBOX_AUTH } from "./checkout-steps";

// The sandbox's hosted page as any Klarna integrator would drive it: sessions made through the
// API, the consumer's clicks in the browser, and the merchant URLs the browser ends up on.

async function hppSession(request: APIRequestContext, baseURL: string, options: Record<string, unknown> = {}, urls?: Record<string, string>, kpOverrides: Record<string, unknown> = {}) {
  const kp = await request.post("/sandbox/api/payments/v1/sessions", { headers: SANDBOX_AUTH, data: gbSession(kpOverrides) });
  expect(kp.status()).toBe(200);
  const merchant = (outcome: string) => `${baseURL}/sandbox/hpp/{{session_id}}/result?merchant=${outcome}&token={{authorization_token}}&order={{order_id}}`;
  const hpp = await request.post("/sandbox/api/hpp/v1/sessions", {
    headers: SANDBOX_AUTH,
    data: {
      payment_session_url: `${baseURL}/sandbox/api/payments/v1/sessions/${(await kp.json()).session_id}`,
      merchant_urls: urls ?? { success: merchant("success"), cancel: merchant("cancel"), failure: merchant("failure"), error: merchant("error") },
      options,
    },
  });
  expect(hpp.status()).toBe(201);
  return (await hpp.json()) as { session_id: string; redirect_url: string; qr_code_url: string };
}

const read = async (request: APIRequestContext, id: string) => (await request.get(`/sandbox/api/hpp/v1/sessions/${id}`, { headers: SANDBOX_AUTH })).json();

test("approve: the browser lands on the success URL with the session id and authorization token filled in", async ({ page, request, baseURL }) => {
  const session = await hppSession(request, baseURL!, { purchase_type: "PAY" });
  await page.goto(session.redirect_url);
  await expect(page.getByTestId("hpp-page")).toHaveAttribute("data-status", "IN_PROGRESS");
  await expect(page.getByTestId("hpp-order-total")).toHaveText("£624.00");
  await expect(page.getByTestId("hpp-email")).toHaveValue("customer@email.uk");
  await page.getByTestId("hpp-category-pay_over_time").check();
  await expect(page.getByTestId("hpp-approve")).toHaveText("Pay");
  await page.getByTestId("hpp-approve").click();
  await page.waitForURL(/merchant=success/);
  const url = new URL(page.url());
  const state = await read(request, session.session_id);
  expect(state.status).toBe("COMPLETED");
  expect(url.pathname).toBe(`/sandbox/hpp/${session.session_id}/result`);
  expect(url.searchParams.get("token")).toBe(state.authorization_token);
  expect(url.searchParams.get("token")).toMatch(/^[0-9a-f-]{36}$/);
});

test("a +denied consumer goes to the failure URL", async ({ page, request, baseURL }) => {
  const session = await hppSession(request, baseURL!, {}, undefined, { billing_address: { email: "customer+denied@email.uk" } });
  await page.goto(session.redirect_url);
  await page.getByTestId("hpp-approve").click();
  await page.waitForURL(/merchant=failure/);
  expect((await read(request, session.session_id)).status).toBe("FAILED");
});

for (const outcome of ["cancel", "error"] as const) {
  test(`${outcome} goes to the ${outcome} URL`, async ({ page, request, baseURL }) => {
    const session = await hppSession(request, baseURL!);
    await page.goto(session.redirect_url);
    await expect(page.getByTestId("hpp-back")).toHaveCount(0);
    await page.getByTestId(`hpp-${outcome}`).click();
    await page.waitForURL(new RegExp(`merchant=${outcome}`));
    expect((await read(request, session.session_id)).status).toBe(outcome === "cancel" ? "CANCELLED" : "ERROR");
  });
}

test("with a back URL the page shows Back instead of Cancel, and Back goes there", async ({ page, request, baseURL }) => {
  const session = await hppSession(request, baseURL!, {}, { back: `${baseURL}/sandbox/hpp/{{session_id}}/result?merchant=back` });
  await page.goto(session.redirect_url);
  await expect(page.getByTestId("hpp-cancel")).toHaveCount(0);
  await page.getByTestId("hpp-back").click();
  await page.waitForURL(/merchant=back/);
  expect((await read(request, session.session_id)).status).toBe("BACK");
});

test("place_order_mode CAPTURE_ORDER fills {{order_id}} with a captured Klarna order", async ({ page, request, baseURL }) => {
  const session = await hppSession(request, baseURL!, { place_order_mode: "CAPTURE_ORDER" });
  await page.goto(session.redirect_url);
  await page.getByTestId("hpp-approve").click();
  await page.waitForURL(/merchant=success/);
  const orderId = new URL(page.url()).searchParams.get("order")!;
  const order = await (await request.get(`/sandbox/api/ordermanagement/v1/orders/${orderId}`, { headers: SANDBOX_AUTH })).json();
  expect(order).toMatchObject({ status: "CAPTURED", captured_amount: 62400 });
});

test("payment fallback keeps the declined consumer on the page with the other categories", async ({ page, request, baseURL }) => {
  const session = await hppSession(request, baseURL!, { payment_method_category: "PAY_LATER", payment_fallback: true }, undefined, { billing_address: { email: "customer+denied@email.uk" } });
  await page.goto(session.redirect_url);
  await expect(page.getByTestId(/^hpp-category-/)).toHaveCount(1);
  await page.getByTestId("hpp-approve").click();
  await expect(page.getByRole("status")).toContainText("declined");
  await expect(page.getByTestId("hpp-category-pay_now")).toBeVisible();
  expect((await read(request, session.session_id)).status).toBe("IN_PROGRESS");
});

test("a disabled session shows an explicit error page", async ({ page, request, baseURL }) => {
  const session = await hppSession(request, baseURL!);
  expect((await request.delete(`/sandbox/api/hpp/v1/sessions/${session.session_id}`, { headers: SANDBOX_AUTH })).status()).toBe(204);
  await page.goto(session.redirect_url);
  await expect(page.getByTestId("hpp-page")).toHaveAttribute("data-status", "DISABLED");
  await expect(page.getByRole("heading", { name: "This payment is no longer available" })).toBeVisible();
});

test("the page speaks the session's language", async ({ page, request, baseURL }) => {
  const session = await hppSession(request, baseURL!, {}, undefined, {
    purchase_country: "DE",
    purchase_currency: "EUR",
    locale: "de-DE",
    order_amount: 11900,
    order_tax_amount: 1900,
    order_lines: [{ name: "Jacke", quantity: 1, unit_price: 11900, tax_rate: 1900, total_amount: 11900, total_tax_amount: 1900 }],
  });
  await page.goto(session.redirect_url);
  await expect(page.getByRole("heading", { name: "Kauf abschließen" })).toBeVisible();
  await expect(page.getByTestId("hpp-approve")).toHaveText("Kaufen");
  await expect(page.getByTestId("hpp-order-total")).toHaveText(/^119,00\s€$/);
});

test("the page shows the merchant's title, logo, background and order lines, and hides the lines on request", async ({ page, request, baseURL }) => {
  const image = (name: string) => `${baseURL}/products/${name}.svg`;
  const hosted = page.getByTestId("hpp-page");
  const lines = page.getByRole("region", { name: "Order summary" }).getByRole("listitem");
  const branded = await hppSession(request, baseURL!, {
    page_title: "Rain gear checkout",
    logo_url: `${baseURL}/logo.svg`,
    background_images: [
      { url: image("camp-stool"), width: 600 },
      { url: image("canvas-tote"), width: 1200 },
    ],
    show_subtotal_detail: "HIDE",
  });
  await page.goto(branded.redirect_url);
  await expect(hosted.getByRole("heading", { level: 1 })).toHaveText("Rain gear checkout");
  await expect(hosted.locator("header img")).toHaveAttribute("src", `${baseURL}/logo.svg`);
  await expect(hosted).toHaveCSS("background-image", `url("${image("canvas-tote")}")`);
  await expect(lines).toHaveCount(0);
  await expect(page.getByTestId("hpp-order-total")).toHaveText("£624.00");

  const plain = await hppSession(request, baseURL!);
  await page.goto(plain.redirect_url);
  await expect(hosted.getByRole("heading", { level: 1 })).toHaveText("Complete your purchase");
  await expect(hosted.locator("header img")).toHaveCount(0);
  await expect(hosted).toHaveCSS("background-image", "none");
  await expect(lines).toHaveText([/^1 × Rain Jacket\s*£595\.00$/, /^1 × Shipping\s*£29\.00$/]);
});

test("the QR code is an image of the payment link; unknown sessions have none", async ({ request, baseURL }) => {
  const session = await hppSession(request, baseURL!);
  const qr = await request.get(session.qr_code_url);
  expect(qr.status()).toBe(200);
  expect(qr.headers()["content-type"]).toBe("image/svg+xml");
  expect(await qr.text()).toContain("<svg");
  expect((await request.get("/sandbox/hpp/0a0b0c0d-0000-4000-8000-000000000000/qr")).status()).toBe(404);
});
