import { expect, test, type Page } from "@playwright/test";
import { fillCart, openCheckout } from "./checkout-steps";

async function openProduct(page: Page, name: string) {
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test("a shopper browses, filters, searches, fills a cart, switches market and finds the cart intact after a reload", async ({ page }) => {
  await page.goto("/");
  const products = page.getByRole("list", { name: "Products" }).getByRole("listitem");
  await expect(products).toHaveCount(16);

  await page.getByRole("navigation", { name: "Categories" }).getByRole("link", { name: "Home" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();
  await expect(products).toHaveCount(4);

  await page.getByRole("searchbox", { name: "Search products" }).fill("kettle");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(products).toHaveCount(1);
  await openProduct(page, "Pour-over Kettle");
  await expect(page.getByText("$69.00")).toBeVisible();
  await page.getByLabel("Quantity").fill("2");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status")).toHaveText("Added Pour-over Kettle to your cart. Go to checkout");
  await expect(page.getByRole("status").getByRole("link", { name: "Go to checkout" })).toHaveAttribute("href", "/checkout");
  await expect(page.getByTestId("cart-count")).toHaveText("2");

  await page.goto("/?q=lantern");
  await openProduct(page, "Camping Lantern");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByTestId("cart-count")).toHaveText("3");

  await page.goto("/?category=apparel");
  await openProduct(page, "Merino Beanie");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByTestId("cart-count")).toHaveText("4");

  await page.getByRole("link", { name: /^Cart/ }).click();
  const lines = page.getByTestId("cart-line");
  await expect(lines).toHaveCount(3);
  await page.getByRole("button", { name: "Increase quantity of Camping Lantern" }).click();
  await expect(lines.filter({ hasText: "Camping Lantern" }).getByTestId("line-total")).toHaveText("$90.00");
  await page.getByRole("button", { name: "Remove Merino Beanie" }).click();
  await expect(lines).toHaveCount(2);
  await expect(page.getByTestId("cart-count")).toHaveText("4");
  // US: 2 × 69.00 + 2 × 45.00 = 228.00, plus 8 % sales tax 18.24.
  await expect(page.getByTestId("cart-subtotal")).toHaveText("$228.00");
  await expect(page.getByTestId("cart-total")).toHaveText("$246.24");

  await page.getByLabel("Market").selectOption("SE");
  // SE: 2 × 699,00 + 2 × 449,00 kr, VAT included (sv-SE groups with a no-break space), in Swedish.
  await expect(page.getByTestId("cart-subtotal")).toHaveText(/^2\s296,00\skr$/);
  await expect(page.getByText(/^inkl\. moms \(25\s%\)$/)).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expect(page.getByRole("heading", { level: 1, name: "Din varukorg" })).toBeVisible();
  await expect(lines).toHaveCount(2);

  await page.reload();
  await expect(lines).toHaveCount(2);
  await expect(page.getByRole("combobox", { name: "Antal för Pour-over Kettle" })).toHaveValue("2");
  await expect(page.getByRole("combobox", { name: "Antal för Camping Lantern" })).toHaveValue("2");
  await expect(page.getByTestId("cart-count")).toHaveText("4");
  await expect(page.getByTestId("checkout")).toHaveAccessibleName("Till kassan");

  // Back to the US: English again, with the cart as it was.
  await page.getByLabel("Marknad").selectOption("US");
  await expect(page.getByRole("heading", { level: 1, name: "Your cart" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("cart-total")).toHaveText("$246.24");
  await expect(page.getByRole("link", { name: "Checkout" })).toBeVisible();
});

test("an unknown product, and an address nothing answers, show the shop's 404 page inside one shop frame", async ({ page }) => {
  const response = await page.goto("/products/no-such-product");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  // Inside the shop's own frame, once: its header, with the cart, leads back.
  await expect(page.getByRole("banner")).toHaveCount(1);
  await expect(page.getByTestId("cart-count")).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: "Northwind Goods" })).toHaveAttribute("href", "/");
  expect((await page.goto("/no-such-page"))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("banner")).toHaveCount(1);
});

test("a return page opened with a link that is not ours says so, in its tab too", async ({ page }) => {
  await page.goto("/success?sid=00000000-0000-4000-8000-000000000000&k=forged");
  await expect(page.getByRole("heading", { level: 1, name: "We could not find this payment" })).toBeVisible();
  await expect(page).toHaveTitle(/^We could not find this payment · /);
});

test("on a phone the shop's name is never cut, in any market's language", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const market of ["GB", "DE", "SE"]) {
    await page.context().addCookies([{ name: "market", value: market, url: test.info().project.use.baseURL! }]);
    await page.goto("/");
    const brand = page.getByRole("banner").getByRole("link", { name: "Northwind Goods" });
    expect(await brand.evaluate((link) => link.scrollWidth <= link.clientWidth), market).toBe(true);
    expect((await brand.boundingBox())!.x + (await brand.boundingBox())!.width, market).toBeLessThanOrEqual(390);
    await expect(page.getByTestId("cart-count")).toBeInViewport();
  }
});

test("on a phone the checkout shows the order's total before Pay with Klarna", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await fillCart(page);
  await openCheckout(page);
  const summary = await page.getByRole("complementary", { name: "Order summary" }).boundingBox();
  const pay = await page.getByTestId("pay-with-klarna").boundingBox();
  expect(summary!.y + summary!.height).toBeLessThan(pay!.y);
});

test("a sold-out product cannot be added", async ({ page }) => {
  await page.goto("/products/notebook");
  await expect(page.getByTestId("stock")).toHaveText("Out of stock");
  await expect(page.getByRole("button", { name: "Add to cart" })).toBeDisabled();
});
