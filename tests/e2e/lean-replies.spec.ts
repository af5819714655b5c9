import { expect, test, type Page } from "@playwright/test";
import {
  approveOnHostedPage,
  chooseOptions,
  expectOrderStatus,
  fillCart,
  openCheckout,
  payWithKlarna,
  SANDBOX_AUTH,
  signInToBackOffice,
} from "./checkout-steps";

// Klarna may answer with only what its OpenAPI documents mark required. In a namespace where the
// sandbox's minimal_response fault holds every operation to that, a shopper still pays, the
// merchant still sells by link, captures and refunds, and every status is right.

test.describe.configure({ mode: "serial" });

const NAMESPACE = `e2e-lean-${process.pid}`;
const headers = { ...SANDBOX_AUTH, "klarna-sandbox-namespace": NAMESPACE };

async function inNamespace(page: Page) {
  await page.context().addCookies([{ name: "sandbox_namespace", value: NAMESPACE, url: test.info().project.use.baseURL! }]);
}

test.beforeAll(async ({ request }) => {
  await request.post("/sandbox/api/_control/reset", { headers });
  const armed = await request.post("/sandbox/api/_control/faults", { headers, data: { operation: "*", kind: "minimal_response" } });
  expect(armed.status()).toBe(201);
});

test.afterAll(async ({ request }) => {
  await request.post("/sandbox/api/_control/reset", { headers });
});

for (const mode of ["NONE", "PLACE_ORDER"] as const) {
  test(`a browser checkout (place_order_mode ${mode}) ends on /success, authorized`, async ({ page }) => {
    await inNamespace(page);
    await fillCart(page);
    await openCheckout(page);
    await chooseOptions(page, { placeOrderMode: mode });
    await payWithKlarna(page);
    await approveOnHostedPage(page);
    await expect(page).toHaveURL(/\/success\?sid=/);
    await expectOrderStatus(page, "authorized");
  });
}

test("pay-by-link: Klarna sends the link (no redirect_url for telesales), the customer pays from the outbox; the merchant captures and refunds", async ({
  page,
  browser,
  baseURL,
}) => {
  await inNamespace(page);
  await signInToBackOffice(page);
  await page.goto("/admin/pay-by-link");
  await page.getByLabel("Market").selectOption("GB");
  await page.getByLabel("Product 1").selectOption({ label: "Ceramic Mug · £19.00" });
  await page.getByLabel("Email").fill("lean.customer@email.uk");
  await page.getByLabel("First name").fill("Lean");
  await page.getByLabel("Last name").fill("Reply");
  await page.getByLabel("Street address").fill("1 Phone Street");
  await page.getByLabel("Postal code").fill("W1S 3BE");
  await page.getByLabel("City").fill("London");
  await page.getByRole("button", { name: "Create payment link" }).click();
  const reference = (await page.getByTestId("pay-by-link-reference").textContent())!;
  await expect(page.getByTestId("no-payment-link")).toContainText("the customer pays through the link Klarna sent");

  // The outbox stands for the customer's mailbox; only the sandbox's operator can open it.
  const customer = await browser.newContext({ baseURL, extraHTTPHeaders: SANDBOX_AUTH });
  const customerPage = await customer.newPage();
  await inNamespace(customerPage);
  await customerPage.goto("/sandbox/outbox");
  await customerPage
    .getByTestId("outbox-message")
    .filter({ hasText: "lean.customer@email.uk" })
    .first()
    .getByRole("link", { name: "Open the payment link" })
    .click();
  await approveOnHostedPage(customerPage);
  await expectOrderStatus(customerPage, "authorized");
  await customer.close();

  await page.goto(`/admin/orders/${reference}`);
  await expect(page.getByTestId("order-status")).toHaveText("authorized");
  const capture = page.getByRole("region", { name: "Capture" });
  await capture.getByLabel(/Capture amount/).fill("10.00");
  await capture.getByRole("button", { name: "Capture", exact: true }).click();
  await expect(capture.getByRole("status")).toHaveText("Capture of £10.00 done.");
  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveText("part_captured");
  await expect(page.getByTestId("captured-amount")).toHaveText("£10.00");

  page.once("dialog", (dialog) => void dialog.accept());
  const refund = page.getByRole("region", { name: "Refund" });
  await refund.getByLabel(/Refund amount/).fill("4.00");
  await refund.getByRole("button", { name: "Refund", exact: true }).click();
  await expect(refund.getByRole("status")).toHaveText("Refund of £4.00 done.");
  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveText("part_refunded");
  await expect(page.getByTestId("refunded-amount")).toHaveText("£4.00");
});
