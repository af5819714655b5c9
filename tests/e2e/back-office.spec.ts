import { expect, test, type Page } from "@playwright/test";
import { hiddenFields } from "../../scripts/lib/form-client";
import { approveOnHostedPage, expectOrderStatus, fillCart, openCheckout, payWithKlarna } from "./checkout-steps";

// The merchant's side: sign-in, Order Management from the order page, pay-by-link.

const ADMIN = { email: "admin@example.com", password: "admin-password" };
const VIEWER = { email: "viewer@example.com", password: "viewer-password" };

async function signIn(page: Page, user = ADMIN) {
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
}

/** A shopper's paid order, in a browser context of its own; returns the order reference. */
async function shopperOrder(page: Page): Promise<string> {
  const shopper = await page.context().browser()!.newContext({ baseURL: new URL(page.url() === "about:blank" ? "http://x" : page.url()).origin });
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
  const region = page.getByRole("form", { name: form });
  for (const [label, value] of Object.entries(fields)) await region.getByLabel(label).fill(value);
  await region.getByRole("button").last().click();
  return region;
}

test("signed out, every back-office page leads to the sign-in page", async ({ page }) => {
  for (const path of ["/admin", "/admin/orders", "/admin/orders/NW-ANYTHING", "/admin/pay-by-link"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/admin\/login$/);
  }
  expect((await page.request.get("/api/admin/orders")).status()).toBe(401);
});

test("a wrong password gives a message and no session", async ({ page }) => {
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong e-mail or password.")).toBeVisible();
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/login$/);
});

test("capture half, capture the rest, refund part: statuses and timeline follow", async ({ page }) => {
  await page.goto("/");
  const reference = await shopperOrder(page);
  await signIn(page);
  await page.goto("/admin/orders");
  await expect(page.getByRole("table")).toContainText(reference);
  await openOrder(page, reference);
  await expect(page.getByTestId("order-status")).toHaveText("authorized");

  // A refused capture, corrected in the same form without reloading: the corrected one is a new
  // operation, not a repeat of the refused one.
  let form = await submit(page, "Capture", { "Capture amount (GBP, up to £58.00)": "70.00" });
  await expect(form.getByRole("alert")).toHaveText("Capture not allowed: £70.00 is more than the £58.00 Klarna still has authorized.");
  form = await submit(page, "Capture", { "Capture amount (GBP, up to £58.00)": "29.00" });
  await expect(form.getByRole("status")).toHaveText("Capture of £29.00 done.");
  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveText("part_captured");
  await expect(page.getByTestId("remaining-amount")).toHaveText("£29.00");

  form = await submit(page, "Capture", { "Capture amount (GBP, up to £29.00)": "29.00" });
  await expect(form.getByRole("status")).toHaveText("Capture of £29.00 done.");
  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveText("captured");

  page.once("dialog", (dialog) => void dialog.accept());
  form = await submit(page, "Refund", { "Refund amount (GBP, up to £58.00)": "10.00" });
  await expect(form.getByRole("status")).toHaveText("Refund of £10.00 done.");
  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveText("part_refunded");
  await expect(page.getByTestId("refunded-amount")).toHaveText("£10.00");
  const timeline = page.getByTestId("timeline");
  await expect(timeline).toContainText("Capture of £29.00 done.");
  await expect(timeline).toContainText("Refund of £10.00 done.");

  page.once("dialog", (dialog) => void dialog.accept());
  form = await submit(page, "Refund", { "Refund amount (GBP, up to £48.00)": "60.00" });
  await expect(form.getByRole("alert")).toHaveText("Refund not allowed: £60.00 is more than the £48.00 captured and not yet refunded.");
  await page.reload();
  await expect(page.getByTestId("refunded-amount")).toHaveText("£10.00");
});

test("cancel an uncaptured order after confirming", async ({ page }) => {
  await page.goto("/");
  const reference = await shopperOrder(page);
  await signIn(page);
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
  await signIn(page);
  await openOrder(page, reference);
  const form = page.getByRole("form", { name: "Capture" });
  await form.getByLabel(/Capture amount/).fill("5.00");
  await form.getByRole("button", { name: "Capture" }).dblclick();
  await expect(form.getByRole("status").or(form.getByRole("alert"))).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("captured-amount")).toHaveText("£5.00");
});

test("a viewer can read but not capture, refund or cancel", async ({ page }) => {
  await page.goto("/");
  const reference = await shopperOrder(page);
  await signIn(page, VIEWER);
  await openOrder(page, reference);
  await expect(page.getByText("You have read-only access.")).toBeVisible();
  await expect(page.getByRole("form", { name: "Capture" })).toHaveCount(0);
});

test("pay-by-link by e-mail: the customer opens the link from the outbox, pays, and the order shows authorized", async ({ page, browser, baseURL }) => {
  await signIn(page);
  await page.goto("/admin/pay-by-link");
  await page.getByLabel("Market").selectOption("GB");
  await page.getByLabel("Product 1").selectOption({ label: "Ceramic Mug · £19.00" });
  await page.getByLabel("Email").fill("telesales.customer@email.uk");
  await page.getByLabel("First name").fill("Tele");
  await page.getByLabel("Last name").fill("Sales");
  await page.getByLabel("Street address").fill("1 Phone Street");
  await page.getByLabel("Postal code").fill("W1S 3BE");
  await page.getByLabel("City").fill("London");
  await page.getByRole("button", { name: "Create payment link" }).click();
  const reference = await page.getByTestId("pay-by-link-reference").textContent();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();

  const customer = await browser.newContext({ baseURL });
  const customerPage = await customer.newPage();
  await customerPage.goto("/sandbox/outbox");
  const message = customerPage.getByTestId("outbox-message").filter({ hasText: "telesales.customer@email.uk" }).first();
  await message.getByRole("link", { name: "Open the payment link" }).click();
  await approveOnHostedPage(customerPage);
  await expectOrderStatus(customerPage, "authorized");
  await customer.close();

  await openOrder(page, reference!);
  await expect(page.getByTestId("order-status")).toHaveText("authorized");
});

test("back-office actions called directly refuse a signed-out caller (401) and a viewer (403), changing nothing", async ({ page, playwright, baseURL }) => {
  await page.goto("/");
  const reference = await shopperOrder(page);
  await signIn(page);
  const html = await (await page.request.get(`/admin/orders/${reference}`)).text();
  const fields = hiddenFields(html, "Capture amount");
  const actionId = JSON.parse(fields.find(([name]) => name.endsWith(":0"))![1]).id as string;
  const call = async (as: "nobody" | "viewer") => {
    const context = await playwright.request.newContext({ baseURL });
    if (as === "viewer") {
      const form = Object.fromEntries(hiddenFields(await (await context.get("/admin/login")).text(), "Sign in"));
      await context.post("/admin/login", { multipart: { ...form, email: VIEWER.email, password: VIEWER.password }, headers: { origin: baseURL! }, maxRedirects: 0 });
    }
    // The call the browser's JavaScript makes, as a script could forge it: the action's id, the
    // form's fields, the right Origin, but not the right session.
    const response = await context.post(`/admin/orders/${reference}`, {
      headers: { origin: baseURL!, "next-action": actionId, accept: "text/x-component" },
      multipart: { "1_orderId": fields.find(([name]) => name === "orderId")?.[1] ?? "", "1_kind": "capture", "1_operationId": crypto.randomUUID(), "1_amount": "1.00", "0": JSON.stringify(["$K1"]) },
      maxRedirects: 0,
    });
    await context.dispose();
    return response.status();
  };
  expect(await call("nobody")).toBe(401);
  expect(await call("viewer")).toBe(403);
  await page.goto(`/admin/orders/${reference}`);
  await expect(page.getByTestId("captured-amount")).toHaveText("£0.00");
  await expect(page.getByTestId("order-status")).toHaveText("authorized");
});
