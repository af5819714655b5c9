import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { fillCart, openCheckout, payWithKlarna, signInToBackOffice } from "./checkout-steps";

// axe on every page of the shop, the checkout, the hosted page, the return pages, the back office
// and the sandbox's pages, in both colour schemes, on a desktop and on a 390 px phone: no serious
// or critical violation.

async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(" ")).slice(0, 5).join(", ")}`);
  expect(serious, `${what} at ${page.url()}`).toEqual([]);
}

for (const colorScheme of ["light", "dark"] as const) {
  for (const [device, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]] as const) {
    test(`${colorScheme}, ${device}: every page passes axe`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      await page.goto("/");
      await expectAccessible(page, "catalogue");
      await page.goto("/products/ceramic-mug");
      await expectAccessible(page, "product");
      await page.goto("/no-such-page");
      await expectAccessible(page, "not found");
      await fillCart(page);
      await page.goto("/cart");
      await expectAccessible(page, "cart");
      await openCheckout(page);
      await expectAccessible(page, "checkout");
      await payWithKlarna(page);
      await expectAccessible(page, "hosted page");
      await page.getByTestId("hpp-error").click();
      await expect(page).toHaveURL(/\/error\?/);
      await expectAccessible(page, "error return page");
      await page.getByRole("button", { name: "Try again" }).click();
      await expect(page.getByTestId("hpp-page")).toHaveAttribute("data-status", "IN_PROGRESS");
      await page.getByTestId("hpp-approve").click();
      await expect(page).toHaveURL(/\/success\?/);
      await expect(page.getByTestId("order-status")).toHaveText("authorized");
      await expectAccessible(page, "success page");
      const reference = (await page.getByTestId("order-reference").textContent())!;

      await page.goto("/admin/login");
      await expectAccessible(page, "sign-in");
      await signInToBackOffice(page);
      await expectAccessible(page, "dashboard");
      for (const path of ["/admin/orders", `/admin/orders/${reference}`, "/admin/pay-by-link", "/sandbox", "/sandbox/scenarios", "/sandbox/docs", "/sandbox/outbox"]) {
        await page.goto(path);
        await expectAccessible(page, path);
      }
    });
  }
}
