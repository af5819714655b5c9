import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { OPERATOR_AUTH } from "../../scripts/lib/server";

// Steps shared by the checkout journeys. Everything goes through the pages a shopper sees; the
// sandbox's API is used only where a merchant or Klarna would act (disable, clock).

/** The production server's sandbox credentials (playwright.config.ts sets them). */
export const SANDBOX_AUTH = OPERATOR_AUTH;

export async function fillCart(page: Page, market = "GB", slugs: string[] = ["ceramic-mug", "camping-lantern"]) {
  await page.goto("/");
  await page.context().addCookies([{ name: "market", value: market, url: page.url() }]);
  // By test id and the cart's count: the button's name and message are in the market's language.
  for (const slug of slugs) {
    await page.goto(`/products/${slug}`);
    const count = Number(await page.getByTestId("cart-count").textContent());
    await page.getByTestId("add-to-cart").click();
    await expect(page.getByTestId("cart-count")).toHaveText(String(count + 1));
  }
}

export async function openCheckout(page: Page) {
  await page.goto("/cart");
  await page.getByTestId("checkout").click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByTestId("pay-with-klarna")).toBeVisible();
}

/** Opens the demo panel and applies the given payment options. */
export async function chooseOptions(
  page: Page,
  options: { placeOrderMode?: string; chooseCategories?: boolean; fallback?: boolean; returnStyle?: string; exitButton?: "back" | "cancel" },
) {
  await page.getByText("Payment options (demo)").click();
  if (options.placeOrderMode) await page.getByLabel("Place order mode").selectOption(options.placeOrderMode);
  if (options.chooseCategories) await page.getByRole("checkbox", { name: /Choose the payment method categories/ }).check();
  if (options.fallback) await page.getByRole("checkbox", { name: /Payment fallback/ }).check();
  if (options.returnStyle) await page.getByRole("radio", { name: new RegExp(`^${options.returnStyle}`, "i") }).check();
  if (options.exitButton) await page.getByRole("radio", { name: new RegExp(`^${options.exitButton}`, "i") }).check();
}

/**
 * "Pay with Klarna", and on to the hosted page. With `categories` (the checkout option to choose
 * them was set), through the step that lists what Klarna's session offers, by Klarna's names.
 */
export async function payWithKlarna(page: Page, categories?: CategoryChoice) {
  await page.getByTestId("pay-with-klarna").click();
  if (categories) await chooseCategories(page, categories);
  await expect(page.getByTestId("hpp-page")).toHaveAttribute("data-status", "IN_PROGRESS");
}

type CategoryChoice = { one: string } | { list: string[] };

/** The categories step: limits Klarna's page to one category or a list, then goes there. */
export async function chooseCategories(page: Page, categories: CategoryChoice) {
  await expect(page.getByRole("heading", { level: 1, name: "Payment method" })).toBeVisible();
  if ("one" in categories) {
    await page.getByRole("radio", { name: "Only one" }).check();
    await page.getByLabel("Payment method category").selectOption({ label: categories.one });
  } else {
    await page.getByRole("radio", { name: "A list" }).check();
    for (const category of categories.list) await page.getByRole("checkbox", { name: category }).check();
  }
  await page.getByRole("button", { name: "Continue to Klarna" }).click();
}

/**
 * A shopper on Klarna's page with a fresh cart, in a sandbox namespace of their own (reset first),
 * so that a fault armed with `armFault` hits this shopper's calls only.
 */
export async function onHostedPageInOwnNamespace(page: Page, request: APIRequestContext, name: string) {
  const namespace = `e2e-${name}-${test.info().parallelIndex}`;
  const headers = { ...SANDBOX_AUTH, "klarna-sandbox-namespace": namespace };
  const reset = async () => expect((await request.post("/sandbox/api/_control/reset", { headers })).ok()).toBe(true);
  await reset();
  await page.context().addCookies([{ name: "sandbox_namespace", value: namespace, url: test.info().project.use.baseURL! }]);
  await fillCart(page);
  await openCheckout(page);
  await payWithKlarna(page);
  return {
    armFault: async (fault: Record<string, unknown>) =>
      expect((await request.post("/sandbox/api/_control/faults", { headers, data: fault })).status()).toBe(201),
    reset,
  };
}

export async function approveOnHostedPage(page: Page, category = "pay_later") {
  await page.getByTestId(`hpp-category-${category}`).check();
  await page.getByTestId("hpp-approve").click();
}

export async function expectOrderStatus(page: Page, status: string) {
  await expect(page.getByTestId("order-status")).toHaveText(status);
  await expect(page.getByTestId("order-reference")).toHaveText(/^NW-[A-Z0-9]{8}$/);
}

export const ADMIN = { email: "admin@example.com", password: "admin-password" };

export async function signInToBackOffice(page: Page, user: { email: string; password: string } = ADMIN) {
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
}
