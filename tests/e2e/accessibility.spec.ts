import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { approveOnHostedPage, chooseOptions, fillCart, openCheckout, payWithKlarna, SANDBOX_AUTH, signInToBackOffice } from "./checkout-steps";

// axe on every page of the shop, the checkout, the hosted page, the return pages, the back office
// and the sandbox's pages, in both colour schemes, on a desktop and on a 390 px phone: no serious
// or critical violation.

async function expectAccessible(page: Page, what: string) {
  // Next.js streams a page's generateMetadata after its body: wait until the title has arrived,
  // as it has by the time a person reads the page (a title that never comes still fails here).
  await expect(page, `${what} has a title`).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.nodes
          .map((node) => node.target.join(" "))
          .slice(0, 5)
          .join(", ")}`,
    );
  expect(serious, `${what} at ${page.url()}`).toEqual([]);
}

/** A paid order, through the pages a shopper sees; returns its reference. */
async function paidOrder(page: Page, check: boolean): Promise<string> {
  await fillCart(page);
  await page.goto("/cart");
  if (check) await expectAccessible(page, "cart");
  await openCheckout(page);
  if (check) await expectAccessible(page, "checkout");
  await payWithKlarna(page);
  if (check) await expectAccessible(page, "hosted page");
  await page.getByTestId("hpp-error").click();
  await expect(page).toHaveURL(/\/error\?/);
  if (check) await expectAccessible(page, "error return page");
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByTestId("hpp-page")).toHaveAttribute("data-status", "IN_PROGRESS");
  await page.getByTestId("hpp-approve").click();
  await expect(page).toHaveURL(/\/success\?/);
  await expect(page.getByTestId("order-status")).toHaveText("authorized");
  if (check) await expectAccessible(page, "success page");
  return (await page.getByTestId("order-reference").textContent())!;
}

const AREAS: Record<string, (page: Page) => Promise<void>> = {
  shop: async (page) => {
    for (const path of ["/", "/products/ceramic-mug", "/no-such-page"]) {
      await page.goto(path);
      await expectAccessible(page, path);
    }
  },
  "checkout, hosted page and return pages": async (page) => {
    await paidOrder(page, true);
  },
  "categories step, cancel and failure pages, order page": async (page) => {
    await fillCart(page);
    await openCheckout(page);
    await chooseOptions(page, { chooseCategories: true, exitButton: "cancel" });
    await page.getByTestId("pay-with-klarna").click();
    await expect(page.getByRole("heading", { level: 1, name: "Payment method" })).toBeVisible();
    await expectAccessible(page, "categories step");
    await page.getByRole("button", { name: "Continue to Klarna" }).click();
    await expect(page.getByTestId("hpp-page")).toHaveAttribute("data-status", "IN_PROGRESS");
    await page.getByTestId("hpp-cancel").click();
    await expect(page).toHaveURL(/\/cancel\?/);
    await expectAccessible(page, "cancel return page");
    await page.getByRole("button", { name: "Try again" }).click();
    await expect(page.getByTestId("hpp-page")).toHaveAttribute("data-status", "IN_PROGRESS");
    await page.getByTestId("hpp-decline").click();
    await expect(page).toHaveURL(/\/failure\?/);
    await expectAccessible(page, "failure return page");
    await page.getByRole("button", { name: "Try again" }).click();
    await approveOnHostedPage(page);
    await expect(page.getByTestId("order-status")).toHaveText("authorized");
    await page.getByRole("link", { name: "this link to your order" }).click();
    await expect(page).toHaveURL(/\/orders\/NW-/);
    await expectAccessible(page, "order page");
  },
  "a German hosted page, and Klarna's own result page": async (page) => {
    await fillCart(page, "DE", ["ceramic-mug"]);
    await openCheckout(page);
    await payWithKlarna(page);
    await expectAccessible(page, "German hosted page");
    await fillCart(page, "GB", ["ceramic-mug"]);
    await openCheckout(page);
    await chooseOptions(page, { returnStyle: "hosted" });
    await payWithKlarna(page);
    await approveOnHostedPage(page);
    await expect(page).toHaveURL(/\/sandbox\/hpp\/.+\/result$/);
    await expectAccessible(page, "Klarna's result page");
  },
  "back office": async (page) => {
    const reference = await paidOrder(page, false);
    await page.goto("/admin/login");
    await expectAccessible(page, "sign-in");
    await signInToBackOffice(page);
    await expectAccessible(page, "dashboard");
    for (const path of ["/admin/orders", `/admin/orders/${reference}`, "/admin/pay-by-link"]) {
      await page.goto(path);
      await expectAccessible(page, path);
    }
  },
  "sandbox dashboard and scenarios": async (page) => {
    await page.setExtraHTTPHeaders(SANDBOX_AUTH);
    for (const path of ["/sandbox", "/sandbox/scenarios", "/sandbox/fidelity"]) {
      await page.goto(path);
      await expectAccessible(page, path);
    }
  },
  // One page each: by now the outbox holds every test's messages and the reference is long.
  "sandbox API reference": async (page) => {
    await page.setExtraHTTPHeaders(SANDBOX_AUTH);
    await page.goto("/sandbox/docs");
    await expectAccessible(page, "/sandbox/docs");
  },
  "sandbox outbox": async (page) => {
    await page.setExtraHTTPHeaders(SANDBOX_AUTH);
    await page.goto("/sandbox/outbox");
    await expectAccessible(page, "/sandbox/outbox");
  },
};

for (const colorScheme of ["light", "dark"] as const) {
  for (const [device, viewport] of [
    ["desktop", { width: 1280, height: 800 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    for (const [area, visit] of Object.entries(AREAS)) {
      test(`${area}, ${colorScheme}, ${device}: no serious or critical axe violation`, async ({ page }) => {
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme });
        await visit(page);
      });
    }
  }
}
