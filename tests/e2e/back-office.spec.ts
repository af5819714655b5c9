import { expect, test, type APIRequest, type APIRequestContext, type Page } from "@playwright/test";
import { hiddenFields } from "../../scripts/lib/form-client";
import { ADMIN, approveOnHostedPage, expectOrderStatus, fillCart, openCheckout, payWithKlarna, SANDBOX_AUTH, signInToBackOffice } from "./checkout-steps";

// The merchant's side: sign-in, Order Management from the order page, pay-by-link.

const VIEWER = { email: "viewer@example.com", password: "viewer-password" };

/** A shopper's paid order, in a browser context of its own; returns the order reference. */
async function shopperOrder(page: Page): Promise<string> {
  const shopper = await page
    .context()
    .browser()!
    .newContext({ baseURL: new URL(page.url() === "about:blank" ? "http://x" : page.url()).origin });
  const shopperPage = await shopper.newPage();
  await fillCart(shopperPage);
  await openCheckout(shopperPage);
  await payWithKlarna(shopperPage);
  await approveOnHostedPage(shopperPage);
  await expectOrderStatus(shopperPage, "authorized");
  const reference = await shopperPage.getByTestId("order-reference").textContent();
  await shopper.close();
  return reference!;
}

async function openOrder(page: Page, reference: string) {
  await page.goto(`/admin/orders/${reference}`);
  await expect(page.getByRole("heading", { name: reference })).toBeVisible();
}

async function submit(page: Page, form: string, fields: Record<string, string> = {}) {
  const region = page.getByRole("region", { name: form });
  for (const [label, value] of Object.entries(fields)) await region.getByLabel(label).fill(value);
  await region.getByRole("button").last().click();
  return region;
}

/** Fills the pay-by-link form for one mug, sent by e-mail to `email`; returns the order reference. */
async function createPayByLink(page: Page, email: string): Promise<string> {
  await page.goto("/admin/pay-by-link");
  await page.getByLabel("Market").selectOption("GB");
  await page.getByLabel("Product 1").selectOption({ label: "Ceramic Mug · £19.00" });
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("First name").fill("Tele");
  await page.getByLabel("Last name").fill("Sales");
  await page.getByLabel("Street address").fill("1 Phone Street");
  await page.getByLabel("Postal code").fill("W1S 3BE");
  await page.getByLabel("City").fill("London");
  await page.getByRole("button", { name: "Create payment link" }).click();
  return (await page.getByTestId("pay-by-link-reference").textContent())!;
}

interface FormAction {
  /** The page the form is on, as a full URL. */
  url: string;
  id: string;
  /** The form's own hidden fields (orderId, sessionId, …). */
  fields: Record<string, string>;
}

/** The server action behind the form holding `marker` on the admin's page at `path`. */
async function formAction(page: Page, path: string, marker: string): Promise<FormAction> {
  const response = await page.request.get(path);
  const fields = hiddenFields(await response.text(), marker);
  const id = JSON.parse(fields.find(([name]) => name.endsWith(":0"))![1]).id as string;
  return { url: response.url(), id, fields: Object.fromEntries(fields.filter(([name]) => !name.startsWith("$"))) };
}

/** A request context of its own: signed out, or signed in as the viewer through the sign-in form. */
async function requestAs(request: APIRequest, baseURL: string, who: "nobody" | "viewer"): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL });
  if (who === "viewer") {
    const form = Object.fromEntries(hiddenFields(await (await context.get("/admin/login")).text(), "Sign in"));
    await context.post("/admin/login", {
      multipart: { ...form, email: VIEWER.email, password: VIEWER.password },
      headers: { origin: baseURL },
      maxRedirects: 0,
    });
  }
  return context;
}

/**
 * The call the browser's JavaScript makes for a form's action (previous state, form data), as a
 * script could forge it: the action's id, the form's fields, the right Origin, and the session of
 * `as`. Returns the status.
 */
async function callAction(as: APIRequestContext, action: FormAction, fields: Record<string, string>): Promise<number> {
  const multipart = new FormData();
  for (const [name, value] of Object.entries({ ...action.fields, ...fields })) multipart.append(`_1_${name}`, value);
  // The arguments last, as the browser sends them: Next reads the form data they refer to before them.
  multipart.append("0", JSON.stringify([null, "$K1"]));
  const response = await as.post(action.url, {
    headers: { origin: new URL(action.url).origin, "next-action": action.id, accept: "text/x-component" },
    multipart,
    maxRedirects: 0,
  });
  return response.status();
}

test("signed out, every back-office page leads to the sign-in page", async ({ page }) => {
  for (const path of ["/admin", "/admin/orders", "/admin/orders/NW-ANYTHING", "/admin/pay-by-link"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/admin\/login$/);
  }
  expect((await page.request.get("/api/admin/orders")).status()).toBe(401);
});

test("an unknown order in the back office is a 404 inside the back office's header, not the shop's", async ({ page }) => {
  await signInToBackOffice(page);
  const response = await page.goto("/admin/orders/NW-NOSUCHREF");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  await expect(page.getByRole("banner")).toHaveCount(1);
  await expect(page.getByRole("link", { name: "Northwind back office" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the orders" })).toHaveAttribute("href", "/admin/orders");
});

test("a wrong password gives a message and no session", async ({ page }) => {
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong e-mail or password.")).toBeVisible();
  // What was typed stays: only the password needs typing again.
  await expect(page.getByLabel("Email")).toHaveValue(ADMIN.email);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/login$/);
});

test("after 5 wrong passwords for one account the sign-in form says until when it is locked", async ({ page }) => {
  // An account of its own: locking the admin out would lock out the other tests.
  const email = `locked-${test.info().parallelIndex}-${Date.now()}@example.com`;
  await page.goto("/admin/login");
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong-${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Wrong e-mail or password.")).toBeVisible();
    await page.reload();
  }
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong-6");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/^Too many sign-in attempts for this account from here\. Try again after \d\d:\d\d UTC \(\d{4}-\d\d-\d\d\)\.$/)).toBeVisible();
});

test("capture half, capture the rest, refund part: statuses and timeline follow", async ({ page }) => {
  await page.goto("/");
  const reference = await shopperOrder(page);
  await signInToBackOffice(page);
  await page.goto("/admin/orders");
  await expect(page.getByRole("table")).toContainText(reference);
  await openOrder(page, reference);
  await expect(page.getByTestId("order-status")).toHaveText("authorized");
  await expect(page.getByTestId("klarna-status")).toHaveText("AUTHORIZED");

  // After each step, read once the page is reloaded: our status, Klarna's, the amounts, and the
  // timeline, which gains exactly that step's entries.
  const expectOrder = async (status: string, klarnaStatus: string, amounts: { captured: string; refunded: string }) => {
    await expect(page.getByTestId("order-status")).toHaveText(status);
    await expect(page.getByTestId("klarna-status")).toHaveText(klarnaStatus);
    await expect(page.getByTestId("captured-amount")).toHaveText(amounts.captured);
    await expect(page.getByTestId("refunded-amount")).toHaveText(amounts.refunded);
  };
  const timeline = () => page.getByTestId("timeline").locator("li > span").allTextContents();
  let seen = await timeline();
  const expectTimelineAdded = async (...messages: string[]) => {
    const now = await timeline();
    expect(now).toEqual([...seen, ...messages]);
    seen = now;
  };

  // A refused capture, corrected in the same form without reloading: the corrected one is a new
  // operation, not a repeat of the refused one.
  let form = await submit(page, "Capture", { "Capture amount (GBP, up to £58.00)": "70.00" });
  await expect(form.getByRole("alert")).toHaveText("Capture is not possible. £70.00 is more than the £58.00 still authorized.");
  form = await submit(page, "Capture", { "Capture amount (GBP, up to £58.00)": "29.00" });
  await expect(form.getByRole("status")).toHaveText("Capture of £29.00 done.");
  await page.reload();
  await expectOrder("part_captured", "PART_CAPTURED", { captured: "£29.00", refunded: "£0.00" });
  await expect(page.getByTestId("remaining-amount")).toHaveText("£29.00");
  await expectTimelineAdded("Capture is not possible. £70.00 is more than the £58.00 still authorized.", "Capture of £29.00 done.");

  form = await submit(page, "Capture", { "Capture amount (GBP, up to £29.00)": "29.00" });
  await expect(form.getByRole("status")).toHaveText("Capture of £29.00 done.");
  await page.reload();
  await expectOrder("captured", "CAPTURED", { captured: "£58.00", refunded: "£0.00" });
  await expect(page.getByTestId("remaining-amount")).toHaveText("£0.00");
  await expectTimelineAdded("Capture of £29.00 done.");

  page.once("dialog", (dialog) => void dialog.accept());
  form = await submit(page, "Refund", { "Refund amount (GBP, up to £58.00)": "10.00" });
  await expect(form.getByRole("status")).toHaveText("Refund of £10.00 done.");
  await page.reload();
  await expectOrder("part_refunded", "CAPTURED", { captured: "£58.00", refunded: "£10.00" });
  await expectTimelineAdded("Refund of £10.00 done.");

  // Refused: nothing changes; the timeline only records the refusal.
  page.once("dialog", (dialog) => void dialog.accept());
  form = await submit(page, "Refund", { "Refund amount (GBP, up to £48.00)": "60.00" });
  const refused = "Refund is not possible. £60.00 is more than the £48.00 captured and not yet refunded.";
  await expect(form.getByRole("alert")).toHaveText(refused);
  await page.reload();
  await expectOrder("part_refunded", "CAPTURED", { captured: "£58.00", refunded: "£10.00" });
  await expectTimelineAdded(refused);
});

test("cancel an uncaptured order after confirming", async ({ page }) => {
  await page.goto("/");
  const reference = await shopperOrder(page);
  await signInToBackOffice(page);
  await openOrder(page, reference);
  page.once("dialog", (dialog) => void dialog.accept());
  const form = await submit(page, "Cancel order");
  await expect(form.getByRole("status")).toHaveText("Cancel done.");
  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveText("cancelled");
  await expect(page.getByTestId("klarna-status")).toHaveText("CANCELLED");
});

test("a double-clicked capture makes one capture", async ({ page }) => {
  await page.goto("/");
  const reference = await shopperOrder(page);
  await signInToBackOffice(page);
  await openOrder(page, reference);
  const form = page.getByRole("region", { name: "Capture" });
  await form.getByLabel(/Capture amount/).fill("5.00");
  await form.getByRole("button", { name: "Capture", exact: true }).dblclick();
  await expect(form.getByRole("status").or(form.getByRole("alert"))).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("captured-amount")).toHaveText("£5.00");
});

test("a viewer can read but not capture, refund or cancel", async ({ page }) => {
  await page.goto("/");
  const reference = await shopperOrder(page);
  await signInToBackOffice(page, VIEWER);
  await openOrder(page, reference);
  await expect(page.getByText("You have read-only access.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Capture" })).toHaveCount(0);
});

test("pay-by-link by e-mail: the customer opens the link from the outbox, pays, and the order shows authorized", async ({ page, browser, baseURL }) => {
  await signInToBackOffice(page);
  const reference = await createPayByLink(page, "telesales.customer@email.uk");
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();

  // The outbox stands for the customer's mailbox; only the sandbox's operator can open it.
  const customer = await browser.newContext({ baseURL, extraHTTPHeaders: SANDBOX_AUTH });
  const customerPage = await customer.newPage();
  await customerPage.goto("/sandbox/outbox");
  const message = customerPage.getByTestId("outbox-message").filter({ hasText: "telesales.customer@email.uk" }).first();
  await message.getByRole("link", { name: "Open the payment link" }).click();
  await approveOnHostedPage(customerPage);
  await expectOrderStatus(customerPage, "authorized");
  await customer.close();

  await openOrder(page, reference);
  await expect(page.getByTestId("order-status")).toHaveText("authorized");
});

test("Order Management called directly refuses a signed-out caller (401) and a viewer (403), changing nothing", async ({ page, playwright, baseURL }) => {
  await page.goto("/");
  const reference = await shopperOrder(page);
  await signInToBackOffice(page);
  const manage = await formAction(page, `/admin/orders/${reference}`, "Capture amount");
  const nobody = await requestAs(playwright.request, baseURL!, "nobody");
  const viewer = await requestAs(playwright.request, baseURL!, "viewer");
  const operation = (kind: string, amount?: string) => ({ kind, operationId: crypto.randomUUID(), ...(amount ? { amount } : {}) });

  for (const fields of [operation("capture", "1.00"), operation("cancel")]) {
    expect(await callAction(nobody, manage, fields)).toBe(401);
    expect(await callAction(viewer, manage, fields)).toBe(403);
  }
  await openOrder(page, reference);
  await expect(page.getByTestId("order-status")).toHaveText("authorized");
  await expect(page.getByTestId("klarna-status")).toHaveText("AUTHORIZED");
  await expect(page.getByTestId("captured-amount")).toHaveText("£0.00");

  // The admin's same call captures, so the refused ones were complete calls; and a refund needs a capture.
  expect(await callAction(page.request, manage, operation("capture", "10.00"))).toBe(200);
  await page.reload();
  await expect(page.getByTestId("captured-amount")).toHaveText("£10.00");
  expect(await callAction(nobody, manage, operation("refund", "5.00"))).toBe(401);
  expect(await callAction(viewer, manage, operation("refund", "5.00"))).toBe(403);
  await page.reload();
  await expect(page.getByTestId("refunded-amount")).toHaveText("£0.00");
  await expect(page.getByTestId("order-status")).toHaveText("part_captured");
  await Promise.all([nobody.dispose(), viewer.dispose()]);
});

test("payment-link actions called directly refuse a signed-out caller (401) and a viewer (403), changing nothing", async ({ page, playwright, baseURL }) => {
  const forged = "forged.caller@email.uk";
  await signInToBackOffice(page);
  const reference = await createPayByLink(page, "direct.calls@email.uk");
  const productId = await page.getByLabel("Product 1").locator("option", { hasText: "Ceramic Mug" }).getAttribute("value");
  const orderPath = `/admin/orders/${reference}`;
  const resend = await formAction(page, orderPath, "Send link by");
  const disable = await formAction(page, orderPath, "Disable session");
  const create = await formAction(page, "/admin/pay-by-link", "Create payment link");
  const customer = { email: forged, givenName: "Forged", familyName: "Caller", streetAddress: "1 Phone Street", postalCode: "W1S 3BE", city: "London" };
  const calls = [
    (as: APIRequestContext) => callAction(as, resend, { method: "email", email: forged }),
    (as: APIRequestContext) => callAction(as, disable, {}),
    (as: APIRequestContext) =>
      callAction(as, create, { market: "GB", channel: "TELESALES", productId: productId!, quantity: "1", delivery: "email", ...customer }),
  ];
  const nobody = await requestAs(playwright.request, baseURL!, "nobody");
  const viewer = await requestAs(playwright.request, baseURL!, "viewer");
  for (const call of calls) {
    expect(await call(nobody)).toBe(401);
    expect(await call(viewer)).toBe(403);
  }
  await Promise.all([nobody.dispose(), viewer.dispose()]);

  // Nothing sent to the forged address, the session still open, no order for the forged customer.
  const outbox = async () => (await page.request.get("/sandbox/outbox")).text();
  const ordersFor = async (email: string) => (await (await page.request.get(`/api/admin/orders?q=${encodeURIComponent(email)}`)).json()).rows as unknown[];
  expect(await outbox()).not.toContain(forged);
  await openOrder(page, reference);
  await expect(page.getByTestId("session-status")).toHaveText("WAITING");
  expect(await ordersFor(forged)).toHaveLength(0);

  // The admin's same calls act, so the refused ones were complete calls.
  for (const call of calls) expect(await call(page.request)).toBe(200);
  expect(await outbox()).toContain(forged);
  await page.reload();
  await expect(page.getByTestId("session-status")).toHaveText("DISABLED");
  expect(await ordersFor(forged)).toHaveLength(1);
});
