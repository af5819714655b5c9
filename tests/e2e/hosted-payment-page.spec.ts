import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { gbSession } from "../helpers/klarna-bodies";
import { SANDBOX_AUTH } from "./checkout-steps";

// The sandbox's hosted page as any Klarna integrator would drive it: sessions made through the
// API, the consumer's clicks in the browser, and the merchant URLs the browser ends up on.

async function hppSession(
  request: APIRequestContext,
  baseURL: string,
  options: Record<string, unknown> = {},
  urls?: Record<string, string>,
  kpOverrides: Record<string, unknown> = {},
) {
  const kp = await request.post("/sandbox/api/payments/v1/sessions", { headers: SANDBOX_AUTH, data: gbSession(kpOverrides) });
  expect(kp.status()).toBe(200);
  const kpReply = (await kp.json()) as { session_id: string; payment_method_categories: { identifier: string; name: string }[] };
  const merchant = (outcome: string) => `${baseURL}/sandbox/hpp/{{session_id}}/result?merchant=${outcome}&token={{authorization_token}}&order={{order_id}}`;
  const hpp = await request.post("/sandbox/api/hpp/v1/sessions", {
    headers: SANDBOX_AUTH,
    data: {
      payment_session_url: `${baseURL}/sandbox/api/payments/v1/sessions/${kpReply.session_id}`,
      merchant_urls: urls ?? { success: merchant("success"), cancel: merchant("cancel"), failure: merchant("failure"), error: merchant("error") },
      options,
    },
  });
  expect(hpp.status()).toBe(201);
  return { ...((await hpp.json()) as { session_id: string; redirect_url: string; qr_code_url: string }), kp: kpReply };
}

const germanOrder = {
  purchase_country: "DE",
  purchase_currency: "EUR",
  locale: "de-DE",
  order_amount: 11900,
  order_tax_amount: 1900,
  order_lines: [{ name: "Jacke", quantity: 1, unit_price: 11900, tax_rate: 1900, total_amount: 11900, total_tax_amount: 1900 }],
  billing_address: { email: "customer@email.de", country: "DE" },
};
const swedishOrder = {
  purchase_country: "SE",
  purchase_currency: "SEK",
  locale: "sv-SE",
  order_amount: 27400,
  order_tax_amount: 5480,
  order_lines: [
    { type: "physical", name: "Sko", quantity: 2, unit_price: 12500, total_discount_amount: 2500, tax_rate: 2500, total_amount: 22500, total_tax_amount: 4500 },
    { type: "shipping_fee", name: "Frakt", quantity: 1, unit_price: 4900, tax_rate: 2500, total_amount: 4900, total_tax_amount: 980 },
  ],
  billing_address: { email: "customer@email.se", country: "SE" },
};
const usOrder = {
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
};

/** Whether the page is wider than the window (scrolls sideways). */
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

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
  const session = await hppSession(request, baseURL!, { payment_method_category: "PAY_LATER", payment_fallback: true }, undefined, {
    billing_address: { email: "customer+denied@email.uk" },
  });
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

const languages = [
  {
    name: "German",
    order: germanOrder,
    lang: "de",
    title: /Bezahlen/,
    heading: "Kauf abschließen",
    summary: "Bestellübersicht",
    choose: "Wähle, wie du zahlen möchtest",
    categories: ["In 30 Tagen bezahlen", "Sofort bezahlen", "Ratenkauf", "Lastschrift"],
    tax: /^inkl\. MwSt\.\s*19,00\s€$/,
    total: /^119,00\s€$/,
    purchase: { BUY: "Kaufen", PAY: "Bezahlen", SUBSCRIBE: "Abonnieren" },
    decline: "Ablehnung simulieren",
    error: "Fehler simulieren",
    cancel: "Abbrechen",
    back: "Zurück zum Shop",
    note: "Klarna-Sandbox: Es wird nichts wirklich bezahlt.",
  },
  {
    name: "Swedish",
    order: swedishOrder,
    lang: "sv",
    title: /Betala/,
    heading: "Slutför ditt köp",
    summary: "Ordersammanfattning",
    choose: "Välj hur du vill betala",
    categories: ["Betala senare", "Delbetalning", "Betala nu"],
    tax: /^inkl\. moms\s*54,80\skr$/,
    total: /^274,00\skr$/,
    purchase: { BUY: "Köp", PAY: "Betala", BOOK: "Boka" },
    decline: "Simulera nekande",
    error: "Simulera fel",
    cancel: "Avbryt",
    back: "Tillbaka till butiken",
    note: "Klarna-sandlåda: ingen riktig betalning görs.",
  },
] as const;

for (const language of languages) {
  test(`a ${language.name} session's page speaks ${language.name}: lang, buttons, categories, VAT included`, async ({ page, request, baseURL }) => {
    const hosted = page.getByTestId("hpp-page");
    const [type, ...otherTypes] = Object.entries(language.purchase);
    const session = await hppSession(request, baseURL!, {}, undefined, language.order);
    // Klarna's KP reply names the categories in the session's language; identifiers stay as they are.
    expect(session.kp.payment_method_categories.map((category) => category.name)).toEqual(language.categories);
    await page.goto(session.redirect_url);
    await expect(hosted).toHaveAttribute("data-status", "IN_PROGRESS");
    // The language assistive tech reads: on the page's root (server-rendered) and on the document.
    await expect(hosted).toHaveAttribute("lang", language.lang);
    await expect(page.locator("html")).toHaveAttribute("lang", language.lang);
    await expect(page).toHaveTitle(language.title);
    await expect(page.getByText(language.name === "German" ? "Sandbox" : "sandlåda", { exact: true })).toBeVisible();
    await expect(hosted.getByRole("heading", { level: 1 })).toHaveText(language.heading);
    const summary = page.getByRole("region", { name: language.summary });
    await expect(summary.locator("div").filter({ hasText: language.tax })).toHaveCount(1);
    await expect(summary).not.toContainText(/Tax|Sales/);
    await expect(page.getByTestId("hpp-order-total")).toHaveText(language.total);
    await expect(page.getByRole("group", { name: language.choose }).locator("label")).toHaveText(language.categories);
    for (const [index, category] of session.kp.payment_method_categories.entries()) {
      await expect(page.getByRole("radio", { name: language.categories[index] })).toHaveAttribute("data-testid", `hpp-category-${category.identifier}`);
    }
    await expect(page.getByTestId("hpp-approve")).toHaveText(type![1]);
    await expect(page.getByTestId("hpp-decline")).toHaveText(language.decline);
    await expect(page.getByTestId("hpp-error")).toHaveText(language.error);
    await expect(page.getByTestId("hpp-cancel")).toHaveText(language.cancel);
    await expect(page.getByText(language.note)).toBeVisible();

    // The purchase button follows purchase_type; with a back URL, Back replaces Cancel.
    for (const [purchaseType, label] of otherTypes) {
      const typed = await hppSession(
        request,
        baseURL!,
        { purchase_type: purchaseType },
        { back: `${baseURL}/sandbox/hpp/{{session_id}}/result` },
        language.order,
      );
      await page.goto(typed.redirect_url);
      await expect(page.getByTestId("hpp-approve")).toHaveText(label);
      await expect(page.getByTestId("hpp-back")).toHaveText(language.back);
    }

    // Klarna's generic result page is in the session's language too.
    await page.getByTestId("hpp-back").click();
    await page.waitForURL(/\/result$/);
    await expect(hosted).toHaveAttribute("data-status", "BACK");
    await expect(hosted).toHaveAttribute("lang", language.lang);
    await expect(page.locator("html")).toHaveAttribute("lang", language.lang);
  });
}

test("a GB session says VAT is included; a US session shows the sales tax it adds", async ({ page, request, baseURL }) => {
  const hosted = page.getByTestId("hpp-page");
  const summary = page.getByRole("region", { name: "Order summary" });
  const gb = await hppSession(request, baseURL!);
  expect(gb.kp.payment_method_categories.map((category) => category.name)).toEqual(["Pay in 3", "Pay now", "Financing"]);
  await page.goto(gb.redirect_url);
  await expect(hosted).toHaveAttribute("lang", "en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(summary.locator("div").filter({ hasText: /^incl\. VAT\s*£104\.00$/ })).toHaveCount(1);
  await expect(summary).not.toContainText("Tax");
  await expect(page.getByRole("group", { name: "Choose how to pay" }).locator("label")).toHaveText(["Pay in 3", "Pay now", "Financing"]);
  await expect(page.getByTestId("hpp-approve")).toHaveText("Buy");

  const us = await hppSession(request, baseURL!, {}, undefined, usOrder);
  await page.goto(us.redirect_url);
  await expect(summary.locator("div").filter({ hasText: /^Sales tax\s*\$10\.00$/ })).toHaveCount(1);
  await expect(summary).not.toContainText("VAT");
  await expect(page.getByRole("group", { name: "Choose how to pay" }).locator("label")).toHaveText(["Pay in 4", "Financing"]);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`in the ${colorScheme} colour scheme the chosen category looks chosen and the others do not`, async ({ page, request, baseURL }) => {
    await page.emulateMedia({ colorScheme });
    const session = await hppSession(request, baseURL!);
    await page.goto(session.redirect_url);
    await page.getByTestId("hpp-category-pay_now").check();
    const look = (identifier: string) =>
      page.getByTestId(`hpp-category-${identifier}`).evaluate((radio) => {
        const style = (element: Element) => getComputedStyle(element);
        const row = radio.closest("label")!;
        return {
          radioBorder: style(radio).borderTopWidth,
          radioColor: style(radio).borderTopColor,
          rowBorder: style(row).borderTopColor,
          rowFill: style(row).backgroundColor,
        };
      });
    const chosen = await look("pay_now");
    for (const other of ["pay_later", "pay_over_time"]) {
      await expect(page.getByTestId(`hpp-category-${other}`)).not.toBeChecked();
      const unchosen = await look(other);
      expect(unchosen.radioBorder).not.toBe(chosen.radioBorder);
      expect(unchosen.radioColor).not.toBe(chosen.radioColor);
      expect(unchosen.rowBorder).not.toBe(chosen.rowBorder);
      expect(unchosen.rowFill).not.toBe(chosen.rowFill);
    }
    // The card follows the scheme: the chosen radio is drawn in the text colour (black on light, white on dark).
    expect(chosen.radioColor).toBe(colorScheme === "dark" ? "rgb(255, 255, 255)" : "rgb(0, 0, 0)");
  });
}

test("on a 390 px screen the merchant's title keeps its order reference whole, and nothing scrolls sideways", async ({ page, request, baseURL }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const session = await hppSession(request, baseURL!, { page_title: "Pay for order NW-CAT7UF2K" });
  await page.goto(session.redirect_url);
  const heading = page.getByTestId("hpp-page").getByRole("heading", { level: 1 });
  await expect(heading).toHaveText("Pay for order NW-CAT7UF2K");
  await expect(heading).toHaveAccessibleName("Pay for order NW-CAT7UF2K");
  const [reference, word] = await Promise.all(
    ["NW-CAT7UF2K", "Pay"].map((text) => heading.getByText(text, { exact: true }).evaluate((element) => element.getBoundingClientRect().height)),
  );
  expect(reference).toBe(word);
  expect(await scrollsSideways(page)).toBe(false);
});

test("on a 390 px screen the outbox wraps long payment links instead of scrolling sideways", async ({ page, request, baseURL }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const session = await hppSession(request, baseURL!);
  const sent = await request.post(`/sandbox/api/hpp/v1/sessions/${session.session_id}/distribution`, {
    headers: SANDBOX_AUTH,
    // A recipient and a link are words no line may break at: they must wrap anyway.
    data: { method: "email", contact_information: { email: "paymentlinkrecipientwithaverylongmailboxnameforwrapping@email.uk" } },
  });
  expect(sent.status()).toBe(201);
  await page.setExtraHTTPHeaders(SANDBOX_AUTH);
  await page.goto("/sandbox/outbox");
  await expect(page.getByTestId("outbox-message").filter({ hasText: session.redirect_url })).toHaveCount(1);
  expect(await scrollsSideways(page)).toBe(false);
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
