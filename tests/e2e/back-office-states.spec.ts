import { expect, test, type Page } from "@playwright/test";
import { approveOnHostedPage, expectOrderStatus, fillCart, openCheckout, payWithKlarna, signInToBackOffice } from "./checkout-steps";

// The back office as a merchant uses it: it offers only what Klarna would accept on the order as
// it stands and says why the rest is not possible, reads amounts as the market writes them, and
// keeps a refused form as it was typed.

const OPERATIONS = ["Capture", "Refund", "Cancel order", "Release remaining authorization", "Extend authorization time"];

async function paidOrder(page: Page, market = "GB", slugs?: string[]): Promise<string> {
  const shopper = await page.context().browser()!.newContext({ baseURL: test.info().project.use.baseURL });
  const shopperPage = await shopper.newPage();
  await fillCart(shopperPage, market, slugs);
  await openCheckout(shopperPage);
  await payWithKlarna(shopperPage);
  await approveOnHostedPage(shopperPage);
  await expectOrderStatus(shopperPage, "authorized");
  const reference = (await shopperPage.getByTestId("order-reference").textContent())!;
  await shopper.close();
  return reference;
}

test("a cancelled order offers no capture, refund, cancel, release or extension, and says why", async ({ page }) => {
  const reference = await paidOrder(page);
  await signInToBackOffice(page);
  await page.goto(`/admin/orders/${reference}`);
  // A new order can be captured and cancelled; nothing is captured, so nothing can be refunded yet.
  await expect(page.getByRole("region", { name: "Refund" }).getByTestId("unavailable-reason")).toHaveText(
    "Not possible now: Nothing has been captured, so there is nothing to refund.",
  );
  page.once("dialog", (dialog) => void dialog.accept());
  const cancel = page.getByRole("region", { name: "Cancel order" });
  await cancel.getByRole("button", { name: "Cancel order" }).click();
  await expect(cancel.getByRole("status")).toHaveText("Cancel done.");
  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveText("cancelled");
  for (const operation of OPERATIONS) {
    const region = page.getByRole("region", { name: operation });
    await expect(region.getByRole("button"), operation).toHaveCount(0);
    await expect(region.getByTestId("unavailable-reason"), operation).toContainText("Not possible now:");
  }
  await expect(page.getByRole("region", { name: "Capture" }).getByTestId("unavailable-reason")).toHaveText("Not possible now: The order is cancelled.");
});

test("in Sweden, 1 149,00 (the format the label shows) captures 1 149,00 kr; capture remaining takes the rest", async ({ page }) => {
  const reference = await paidOrder(page, "SE", ["rain-jacket"]);
  await signInToBackOffice(page);
  await page.goto(`/admin/orders/${reference}`);
  const capture = page.getByRole("region", { name: "Capture" });
  await capture.getByLabel(/Capture amount/).fill("1 149,00");
  await expect(capture.getByTestId("amount-reading")).toHaveText("= 1\u00a0149,00\u00a0kr");
  await capture.getByRole("button", { name: "Capture", exact: true }).click();
  await expect(capture.getByRole("status")).toHaveText("Capture of 1\u00a0149,00\u00a0kr done.");
  // Done, the amount is cleared: clicking Capture again must not capture it a second time.
  await expect(capture.getByLabel(/Capture amount/)).toHaveValue("");
  await page.reload();
  await expect(page.getByTestId("captured-amount")).toHaveText("1\u00a0149,00\u00a0kr");
  await page.getByRole("region", { name: "Capture" }).getByRole("button", { name: "Capture remaining (750,00\u00a0kr)" }).click();
  await expect(page.getByRole("region", { name: "Capture" }).getByRole("status")).toHaveText("Capture of 750,00\u00a0kr done.");
  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveText("captured");
});

test("an amount in the other market's notation is caught before it is sent, not read as something else", async ({ page }) => {
  const reference = await paidOrder(page, "US", ["wool-throw"]);
  await signInToBackOffice(page);
  await page.goto(`/admin/orders/${reference}`);
  const capture = page.getByRole("region", { name: "Capture" });
  await capture.getByLabel(/Capture amount/).fill("12,50");
  await expect(capture.getByTestId("amount-reading")).toHaveText("Not an amount: write it as 1,149.00");
  await capture.getByRole("button", { name: "Capture", exact: true }).click();
  await expect(capture.getByRole("alert")).toHaveText("Enter the amount in USD as 1,149.00 is written.");
  await expect(capture.getByLabel(/Capture amount/)).toHaveValue("12,50");
  await expect(page.getByTestId("captured-amount")).toHaveText("$0.00");
});

test("a refused pay-by-link form keeps every field as it was typed", async ({ page }) => {
  await signInToBackOffice(page);
  await page.goto("/admin/pay-by-link");
  await page.getByLabel("Market").selectOption("SE");
  await page.getByLabel("Channel").selectOption("IN_STORE");
  await page.getByLabel("Product 1").selectOption({ label: "Ceramic Mug · 229,00\u00a0kr" });
  await page.getByLabel("Quantity 1").fill("3");
  const typed = {
    Email: "kund@email.se",
    Phone: "+46701740615",
    "First name": "Alice",
    "Last name": "Test",
    "Street address": "Södra Blasieholmshamnen 2",
    "Postal code": "11148",
  };
  for (const [label, value] of Object.entries(typed)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole("radio", { name: "By SMS" }).check();
  // No city: the server refuses.
  await page.getByRole("button", { name: "Create payment link" }).click();
  await expect(page.getByText("City is required.").first()).toBeVisible();
  await expect(page.getByLabel("Market")).toHaveValue("SE");
  await expect(page.getByLabel("Channel")).toHaveValue("IN_STORE");
  await expect(page.getByLabel("Product 1")).not.toHaveValue("");
  await expect(page.getByLabel("Quantity 1")).toHaveValue("3");
  for (const [label, value] of Object.entries(typed)) await expect(page.getByLabel(label, { exact: true }), label).toHaveValue(value);
  await expect(page.getByRole("radio", { name: "By SMS" })).toBeChecked();
});
