import { expect, test, type Page } from "@playwright/test";
import { approveOnHostedPage, expectOrderStatus, fillCart, openCheckout, SANDBOX_AUTH } from "./checkout-steps";

// The shop speaks its market's language: German in DE, Swedish in SE, English in the US and GB,
// with the document's lang to match. The test ids hold in every market and the English names in
// the US and GB; the back office and the sandbox stay English whatever the shopper's market.

const LANGUAGES = [
  {
    market: "DE",
    lang: "de",
    allProducts: "Alle Produkte",
    count: "16 Produkte",
    products: "Produkte",
    categories: "Kategorien",
    home: "Wohnen",
    search: "Produkte suchen",
    taxNote: /^inkl\. 19\s%\sMwSt\.$/,
    inStock: "Auf Lager",
    outOfStock: "Ausverkauft",
    addToCart: "In den Warenkorb",
    added: "Ceramic Mug liegt jetzt in deinem Warenkorb.",
    cart: "Dein Warenkorb",
    checkoutLink: "Zur Kasse",
    vatLine: /^inkl\. MwSt\. \(19\s%\)$/,
    checkout: "Kasse",
    summary: "Bestellübersicht",
    labels: ["E-Mail", "Straße und Hausnummer", "Klarna-Testperson"],
    demo: "Zahlungsoptionen (Demo)",
    pay: "Mit Klarna bezahlen",
    cityRequired: "Bitte fülle das Feld „Ort“ aus.",
    hostedPageTitle: /^Bestellung NW-\S+ bezahlen$/,
    city: "Berlin",
    placed: "Danke, deine Bestellung ist eingegangen",
    paid: "Mit Klarna bezahlt",
    notFound: "Seite nicht gefunden",
    backOffice: "Backoffice",
  },
  {
    market: "SE",
    lang: "sv",
    allProducts: "Alla produkter",
    count: "16 produkter",
    products: "Produkter",
    categories: "Kategorier",
    home: "Hem",
    search: "Sök produkter",
    taxNote: /^inkl\. 25\s%\smoms$/,
    inStock: "I lager",
    outOfStock: "Slut i lager",
    addToCart: "Lägg i varukorgen",
    added: "Ceramic Mug ligger nu i din varukorg.",
    cart: "Din varukorg",
    checkoutLink: "Till kassan",
    vatLine: /^inkl\. moms \(25\s%\)$/,
    checkout: "Kassa",
    summary: "Ordersammanfattning",
    labels: ["E-post", "Gatuadress", "Klarnas testperson"],
    demo: "Betalningsalternativ (demo)",
    pay: "Betala med Klarna",
    cityRequired: "Fyll i fältet ”Ort”.",
    hostedPageTitle: /^Betala beställning NW-\S+$/,
    city: "Stockholm",
    placed: "Tack, din beställning är lagd",
    paid: "Betald med Klarna",
    notFound: "Sidan hittades inte",
    backOffice: "Administration",
  },
];

async function chooseMarket(page: Page, market: string) {
  await page.context().addCookies([{ name: "market", value: market, url: test.info().project.use.baseURL! }]);
}

async function expectLang(page: Page, lang: string) {
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
}

for (const language of LANGUAGES) {
  test(`in ${language.market} the shop, the checkout and the return page speak ${language.lang}`, async ({ page }) => {
    await chooseMarket(page, language.market);

    // The catalogue: headings, counts, categories by slug, the search form.
    await page.goto("/");
    await expectLang(page, language.lang);
    await expect(page.getByRole("heading", { level: 1, name: language.allProducts })).toBeVisible();
    await expect(page.getByText(language.count, { exact: true })).toBeVisible();
    await expect(page.getByRole("searchbox", { name: language.search })).toBeVisible();
    await page.getByRole("navigation", { name: language.categories }).getByRole("link", { name: language.home }).click();
    await expect(page.getByRole("heading", { level: 1, name: language.home })).toBeVisible();
    await expect(page.getByRole("list", { name: language.products }).getByRole("listitem")).toHaveCount(4);

    await page.goto("/products/notebook");
    await expect(page.getByTestId("stock")).toHaveText(language.outOfStock);

    // A product page: the VAT the price includes, the stock, the add-to-cart button and its status.
    await page.goto("/products/ceramic-mug");
    await expectLang(page, language.lang);
    await expect(page.getByText(language.taxNote)).toBeVisible();
    await expect(page.getByTestId("stock")).toHaveText(language.inStock);
    await expect(page.getByTestId("add-to-cart")).toHaveAccessibleName(language.addToCart);
    await page.getByTestId("add-to-cart").click();
    await expect(page.getByRole("status")).toHaveText(`${language.added} ${language.checkoutLink}`);
    await expect(page.getByTestId("cart-count")).toHaveText("1");

    // The cart.
    await page.goto("/cart");
    await expectLang(page, language.lang);
    await expect(page.getByRole("heading", { level: 1, name: language.cart })).toBeVisible();
    await expect(page.getByText(language.vatLine)).toBeVisible();
    await expect(page.getByTestId("checkout")).toHaveAccessibleName(language.checkoutLink);
    await page.getByTestId("checkout").click();

    // The checkout: labels, the demo panel, the pay button, a field message from the server.
    await expect(page.getByRole("heading", { level: 1, name: language.checkout })).toBeVisible();
    await expectLang(page, language.lang);
    for (const label of language.labels) await expect(page.getByLabel(label, { exact: true })).toBeVisible();
    await expect(page.getByText(language.demo)).toBeVisible();
    const summary = page.getByRole("complementary", { name: language.summary });
    await expect(summary.getByText(language.vatLine)).toBeVisible();
    await expect(summary).not.toContainText(/Tax|VAT/);
    await expect(page.getByTestId("pay-with-klarna")).toHaveAccessibleName(language.pay);
    // A blank city passes the browser's `required`; the server refuses it, the form says so in the shop's language.
    await page.locator("#city").fill(" ");
    await page.getByTestId("pay-with-klarna").click();
    await expect(page.getByText(language.cityRequired)).toBeVisible();
    await page.locator("#city").fill(language.city);
    await page.getByTestId("pay-with-klarna").click();

    // Klarna's hosted page (the sandbox's, in its session's language), then the return page.
    await expect(page.getByTestId("hpp-page")).toHaveAttribute("data-status", "IN_PROGRESS");
    // The shop's title for its order, which the shop sends Klarna in the market's language.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(language.hostedPageTitle);
    await approveOnHostedPage(page);
    await expect(page).toHaveURL(/\/success\?sid=/);
    await expectOrderStatus(page, "authorized");
    await expect(page.getByRole("heading", { level: 1, name: language.placed })).toBeVisible();
    await expect(page.getByText(language.paid, { exact: true })).toBeVisible();
    await expect(page.getByTestId("klarna-reference")).not.toBeEmpty();
    await expect(page.getByText(language.vatLine)).toBeVisible();
    await expectLang(page, language.lang);

    // The 404 page is the shop's, in its language.
    const missing = await page.goto("/no-such-page");
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: language.notFound })).toBeVisible();
    await expectLang(page, language.lang);
  });

  test(`in ${language.market} the back office and the sandbox stay English`, async ({ page }) => {
    await chooseMarket(page, language.market);
    await page.goto("/");
    await expectLang(page, language.lang);
    // Leaving the shop by client navigation puts the document's language back.
    await page.getByRole("link", { name: language.backOffice }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Back office sign-in" })).toBeVisible();
    await expectLang(page, "en");
    await page.goto("/admin/login");
    await expect(page.getByRole("heading", { level: 1, name: "Back office sign-in" })).toBeVisible();
    await expectLang(page, "en");
    await page.setExtraHTTPHeaders(SANDBOX_AUTH);
    await page.goto("/sandbox");
    await expect(page.getByRole("heading", { level: 1, name: "Klarna sandbox" })).toBeVisible();
    await expectLang(page, "en");
  });
}

test("in GB the prices include VAT and the shop speaks English, with the names tests rely on", async ({ page }) => {
  await fillCart(page, "GB", ["ceramic-mug"]);
  await expectLang(page, "en");
  await expect(page.getByText(/^Includes 20\s?% VAT$/)).toBeVisible();
  await expect(page.getByTestId("add-to-cart")).toHaveAccessibleName("Add to cart");
  await expect(page.getByTestId("stock")).toHaveText("In stock");

  await page.goto("/cart");
  await expect(page.getByRole("heading", { level: 1, name: "Your cart" })).toBeVisible();
  await expect(page.getByText(/^Includes VAT \(20\s?%\)$/)).toBeVisible();
  await expect(page.getByTestId("checkout")).toHaveAccessibleName("Checkout");

  await openCheckout(page);
  await expectLang(page, "en");
  const summary = page.getByRole("complementary", { name: "Order summary" });
  await expect(summary.getByText(/^Includes VAT \(20\s?%\)$/)).toBeVisible();
  await expect(summary).not.toContainText("Sales tax");
  await expect(page.getByTestId("pay-with-klarna")).toHaveAccessibleName("Pay with Klarna");
  await expect(page.getByRole("button", { name: "Pay with Klarna" })).toBeVisible();
});

test("in the US sales tax is added at checkout and the shop speaks English, with the names tests rely on", async ({ page }) => {
  await fillCart(page, "US", ["ceramic-mug"]);
  await expectLang(page, "en");
  await expect(page.getByText("Sales tax is added at checkout", { exact: true })).toBeVisible();
  await expect(page.getByTestId("add-to-cart")).toHaveAccessibleName("Add to cart");

  await page.goto("/cart");
  await expect(page.getByText(/^Sales tax \(8\s?%\)$/)).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveAttribute("aria-label", "1 item");
  await expect(page.getByTestId("checkout")).toHaveAccessibleName("Checkout");

  await openCheckout(page);
  const summary = page.getByRole("complementary", { name: "Order summary" });
  await expect(summary.getByText(/^Sales tax \(8\s?%\)$/)).toBeVisible();
  await expect(summary).not.toContainText("VAT");
  await expect(page.getByTestId("pay-with-klarna")).toHaveAccessibleName("Pay with Klarna");
  await expect(page.getByLabel("State", { exact: true })).toBeVisible();
});
