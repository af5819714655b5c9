import { expect, test } from "@playwright/test";
import {
  approveOnHostedPage,
  chooseCategories,
  chooseOptions,
  expectOrderStatus,
  fillCart,
  openCheckout,
  payWithKlarna,
  SANDBOX_AUTH,
  signInToBackOffice,
} from "./checkout-steps";

test.beforeEach(async ({ page }) => {
  await fillCart(page);
  await openCheckout(page);
});

for (const [mode, status] of [
  ["NONE", "authorized"],
  ["PLACE_ORDER", "authorized"],
  ["CAPTURE_ORDER", "captured"],
] as const) {
  test(`approve with place_order_mode ${mode}: the success page shows the order ${status}`, async ({ page }) => {
    await chooseOptions(page, { placeOrderMode: mode });
    await payWithKlarna(page);
    await expect(page.getByTestId("hpp-order-total")).toHaveText("£58.00"); // 19.00 + 39.00, VAT included
    await approveOnHostedPage(page);
    await expect(page).toHaveURL(/\/success\?sid=/);
    await expectOrderStatus(page, status);
    await expect(page.getByTestId("klarna-reference")).toHaveText(/^[A-Z0-9]{8}$/);
    await expect(page.getByTestId("cart-count")).toHaveText("0");
  });
}

test("a +denied persona is declined, then tries again with an approved one", async ({ page }) => {
  await page.getByLabel("Klarna test persona").selectOption({ label: "Denied (customer+denied@email.uk)" });
  await payWithKlarna(page);
  await expect(page.getByTestId("hpp-email")).toHaveValue("customer+denied@email.uk");
  await approveOnHostedPage(page);
  await expect(page).toHaveURL(/\/failure\?/);
  await expect(page.getByRole("heading", { name: "Klarna declined the payment" })).toBeVisible();
  // The browser's tab says what the page says.
  await expect(page).toHaveTitle(/^Klarna declined the payment · /);
  await expectOrderStatus(page, "pending_payment");
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByTestId("hpp-page")).toHaveAttribute("data-status", "IN_PROGRESS");
  await page.getByTestId("hpp-email").fill("customer@email.uk");
  await approveOnHostedPage(page);
  await expect(page).toHaveURL(/\/success\?/);
  await expectOrderStatus(page, "authorized");
});

test("cancel on the hosted page keeps the cart and offers another try", async ({ page }) => {
  await chooseOptions(page, { exitButton: "cancel" });
  await payWithKlarna(page);
  await expect(page.getByTestId("hpp-back")).toHaveCount(0);
  await page.getByTestId("hpp-cancel").click();
  await expect(page).toHaveURL(/\/cancel\?/);
  await expect(page.getByRole("heading", { name: "Payment cancelled" })).toBeVisible();
  await expectOrderStatus(page, "pending_payment");
  await expect(page.getByTestId("cart-count")).toHaveText("2");
});

test("back on the hosted page returns to the checkout with the cart and the details intact", async ({ page }) => {
  await page.getByLabel("Street address").fill("221B Baker Street");
  await payWithKlarna(page);
  await expect(page.getByTestId("hpp-cancel")).toHaveCount(0);
  await page.getByTestId("hpp-back").click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByLabel("Street address")).toHaveValue("221B Baker Street");
  await expect(page.getByTestId("cart-count")).toHaveText("2");
});

test("a technical error on the hosted page shows the error page and lets the shopper retry", async ({ page }) => {
  await payWithKlarna(page);
  await page.getByTestId("hpp-error").click();
  await expect(page).toHaveURL(/\/error\?/);
  await expect(page.getByRole("heading", { name: "Something went wrong during payment" })).toBeVisible();
  await page.getByRole("button", { name: "Try again" }).click();
  await approveOnHostedPage(page);
  await expectOrderStatus(page, "authorized");
});

test("payment fallback offers the other categories after a decline", async ({ page }) => {
  await page.getByLabel("Klarna test persona").selectOption({ label: "Denied (customer+denied@email.uk)" });
  await chooseOptions(page, { chooseCategories: true, fallback: true });
  await payWithKlarna(page, { one: "Pay in 3" });
  await expect(page.getByTestId("hpp-category-pay_now")).toHaveCount(0);
  await approveOnHostedPage(page, "pay_later");
  await expect(page.getByTestId("hpp-category-pay_now")).toBeVisible();
  await expect(page.getByTestId("hpp-category-pay_later")).toHaveCount(0);
  await page.getByTestId("hpp-email").fill("customer@email.uk");
  await approveOnHostedPage(page, "pay_now");
  await expectOrderStatus(page, "authorized");
});

test("the categories Klarna's session offers can be chosen: one, or a list, limits what the hosted page offers", async ({ page }) => {
  await chooseOptions(page, { chooseCategories: true });
  await page.getByRole("button", { name: "Pay with Klarna" }).click();
  // Klarna's own names for the GB session's categories, not a list of the shop's.
  await expect(page.getByRole("list", { name: "Categories Klarna offers" }).getByRole("listitem")).toHaveText([
    /^Pay in 3 pay_later/,
    /^Pay now pay_now/,
    /^Financing pay_over_time/,
  ]);
  await chooseCategories(page, { list: ["Pay in 3", "Financing"] });
  await expect(page.getByTestId(/^hpp-category-/)).toHaveCount(2);
  await expect(page.getByTestId("hpp-category-pay_over_time")).toBeVisible();
  await openCheckout(page);
  await chooseOptions(page, { chooseCategories: true });
  await payWithKlarna(page, { one: "Pay now" });
  await expect(page.getByTestId(/^hpp-category-/)).toHaveCount(1);
  await approveOnHostedPage(page, "pay_now");
  await expectOrderStatus(page, "authorized");
});

test("the categories step works before its script runs: without JavaScript, Only one shows its list and limits the hosted page", async ({ page, browser }) => {
  await chooseOptions(page, { chooseCategories: true });
  await page.getByTestId("pay-with-klarna").click();
  await expect(page.getByRole("heading", { level: 1, name: "Payment method" })).toBeVisible();
  // The step's own link, opened where no script ever runs (a choice made before hydration is the same case).
  const plain = await browser.newContext({ baseURL: new URL(page.url()).origin, javaScriptEnabled: false, extraHTTPHeaders: SANDBOX_AUTH });
  const shopper = await plain.newPage();
  await shopper.goto(page.url());
  await expect(shopper.getByLabel("Payment method category")).toBeHidden();
  await chooseCategories(shopper, { one: "Pay now" });
  await expect(shopper.getByTestId(/^hpp-category-/)).toHaveCount(1);
  await expect(shopper.getByTestId("hpp-category-pay_now")).toBeVisible();
  await plain.close();
});

test("polling mode: the shopper stays on Klarna's page and the order is placed without them returning", async ({ page, browser }) => {
  await chooseOptions(page, { returnStyle: "polling" });
  await payWithKlarna(page);
  // The hosted page's title names the order (the shop sets page_title).
  const reference = (await page.getByRole("heading", { level: 1 }).textContent())!.match(/NW-[A-Z0-9]{8}/)![0];
  await approveOnHostedPage(page);
  await expect(page).toHaveURL(/\/sandbox\/hpp\/.+\/result$/);
  await expect(page.getByTestId("hpp-page")).toHaveAttribute("data-status", "COMPLETED");
  // The status callback or the sweep (every second in this suite) places the order and empties the cart.
  await expect(async () => {
    await page.goto("/cart");
    await expect(page.getByText("Your cart is empty.")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  const merchant = await (await browser.newContext({ baseURL: new URL(page.url()).origin })).newPage();
  await signInToBackOffice(merchant);
  await merchant.goto(`/admin/orders/${reference}`);
  await expect(merchant.getByTestId("order-status")).toHaveText("authorized");
  await merchant.context().close();
});

test("a session the merchant disabled before payment shows an explicit error page", async ({ page, request }) => {
  await payWithKlarna(page);
  const sessionId = page.url().split("/").at(-1)!;
  const disabled = await request.delete(`/sandbox/api/hpp/v1/sessions/${sessionId}`, { headers: SANDBOX_AUTH });
  expect(disabled.status()).toBe(204);
  await page.reload();
  await expect(page.getByTestId("hpp-page")).toHaveAttribute("data-status", "DISABLED");
  await expect(page.getByTestId("hpp-approve")).toHaveCount(0);
  // Back at the shop the cart is still there, and a new checkout can be paid.
  await openCheckout(page);
  await payWithKlarna(page);
  await approveOnHostedPage(page);
  await expectOrderStatus(page, "authorized");
});

test("keyboard only: from the checkout through Klarna's page to /success with Tab, Space and Enter", async ({ page }) => {
  /** Presses Tab until an element whose test id starts with `testId` has the focus, as a keyboard user would; returns its test id. */
  const tabTo = async (testId: string) => {
    for (let presses = 0; presses < 60; presses += 1) {
      const focused = await page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? "");
      if (focused.startsWith(testId)) return focused;
      await page.keyboard.press("Tab");
    }
    throw new Error(`Tab never reached ${testId}`);
  };
  await tabTo("pay-with-klarna");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("hpp-page")).toHaveAttribute("data-status", "IN_PROGRESS");
  // Tab enters the group of categories on one of them; Space chooses it.
  const category = await tabTo("hpp-category-");
  await page.keyboard.press("Space");
  await expect(page.getByTestId(category)).toBeChecked();
  await tabTo("hpp-approve");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/success\?sid=/);
  await expectOrderStatus(page, "authorized");
});
