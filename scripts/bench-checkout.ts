/**
 * `npm run bench:checkout`: whole checkouts on the production server, made the way a browser
 * makes them (add to cart, submit the checkout form, pay through the sandbox's control API,
 * follow the redirect to /success until it shows the order placed), at concurrency 1 and 8;
 * then a real browser checkout timed by Playwright as a shopper clicks through it (product page,
 * Add to cart, the "Go to checkout" link it offers, Pay with Klarna, Approve), median of 10. Figures go into
 * docs/performance.md; nothing here is a test.
 */
import { chromium } from "@playwright/test";
import { ms } from "./lib/load";
import { CookieJar, postForm, readForm, submitForm } from "./lib/form-client";
import { ensureProductionBuild, OPERATOR_AUTH, startProductionServer } from "./lib/server";

const CHECKOUTS = Number(process.env.BENCH_CHECKOUTS ?? 40);
const AUTH = { ...OPERATOR_AUTH, "content-type": "application/json" };
// Spread over several well-stocked products: one product's stock would run out mid-run.
const PRODUCTS = ["wool-socks", "insulated-bottle", "canvas-tote", "ceramic-mug", "leather-wallet", "merino-beanie"];
let checkoutsStarted = 0;
const nextProductPath = () => `/products/${PRODUCTS[checkoutsStarted++ % PRODUCTS.length]}`;
const CUSTOMER = {
  email: "customer@email.uk",
  givenName: "Test",
  familyName: "Person-uk",
  streetAddress: "10 New Burlington Street",
  postalCode: "W1S 3BE",
  city: "London",
};

/**
 * One checkout as a browser makes it. Filling the cart and loading the checkout form come
 * first and are not timed; the figure covers submitting the form (merchant order, KP and HPP
 * sessions), paying through the control API and loading /success until the order is placed.
 */
async function apiCheckout(baseUrl: string): Promise<number> {
  const jar = new CookieJar({ market: "GB" });
  await submitForm(baseUrl, nextProductPath(), jar, "Add to cart", { quantity: "1" });
  const checkoutForm = await readForm(baseUrl, "/checkout", jar, "Pay with Klarna");
  const started = performance.now();
  const checkout = await postForm(baseUrl, "/checkout", jar, checkoutForm, CUSTOMER);
  const hostedPage = checkout.headers.get("location");
  if (checkout.status !== 303 || !hostedPage) throw new Error(`checkout answered ${checkout.status}`);
  const sessionId = hostedPage.split("/").at(-1);
  const paid = await fetch(`${baseUrl}/sandbox/api/_control/hpp/${sessionId}/complete`, {
    method: "POST",
    headers: AUTH,
    body: JSON.stringify({ outcome: "approve" }),
  });
  const { redirect_to: successUrl } = (await paid.json()) as { redirect_to: string };
  const success = await (await fetch(successUrl, { headers: { cookie: jar.header() } })).text();
  if (!/data-testid="order-status"[^>]*>authorized</.test(success)) throw new Error("the success page does not show an authorized order");
  return performance.now() - started;
}

async function runConcurrently(baseUrl: string, concurrency: number, checkouts = CHECKOUTS) {
  const durations: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < checkouts) {
        next += 1;
        durations.push(await apiCheckout(baseUrl));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  durations.sort((a, b) => a - b);
  const at = (p: number) => durations[Math.min(durations.length - 1, Math.ceil((p / 100) * durations.length) - 1)]!;
  return { perSecond: durations.length / seconds, p50: at(50), p95: at(95) };
}

const BROWSER_STEPS = ["product page", "add to cart", "Go to checkout → checkout page", "Pay with Klarna → hosted page", "Approve → success page"] as const;

async function browserCheckouts(baseUrl: string, runs: number) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
  });
  const totals: number[] = [];
  const steps = BROWSER_STEPS.map(() => [] as number[]);
  try {
    for (let run = 0; run < runs; run += 1) {
      const context = await browser.newContext({ baseURL: baseUrl });
      await context.addCookies([{ name: "market", value: "GB", url: baseUrl }]);
      const page = await context.newPage();
      const started = performance.now();
      let stepStarted = started;
      const stepDone = (step: number) => {
        const now = performance.now();
        steps[step]!.push(now - stepStarted);
        stepStarted = now;
      };
      await page.goto(nextProductPath());
      stepDone(0);
      await page.getByRole("button", { name: "Add to cart" }).click();
      await page.getByRole("status").filter({ hasText: "Added" }).waitFor();
      stepDone(1);
      await page.getByRole("link", { name: "Go to checkout" }).click();
      await page.getByRole("button", { name: "Pay with Klarna" }).waitFor();
      stepDone(2);
      await page.getByRole("button", { name: "Pay with Klarna" }).click();
      await page.getByTestId("hpp-approve").waitFor();
      stepDone(3);
      await page.getByTestId("hpp-approve").click();
      await page.getByTestId("order-status").filter({ hasText: "authorized" }).waitFor({ state: "attached" }); // a hidden span: the test contract, not what shoppers read
      stepDone(4);
      totals.push(performance.now() - started);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  totals.sort((a, b) => a - b);
  return {
    median: median(totals),
    min: totals[0]!,
    max: totals.at(-1)!,
    steps: BROWSER_STEPS.map((name, index) => ({ name, median: median(steps[index]!) })),
  };
}

async function main() {
  await ensureProductionBuild();
  // The sweep would compete for the CPU with what is measured.
  // BENCH_DATABASE_URL measures on Postgres instead (an empty database: the run uses up stock).
  const database: Record<string, string> = process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : { PGLITE_DIR: "memory://" };
  const server = await startProductionServer({ ...database, AUTH_SECRET: "bench-only-Gh5Tr8Ky2Mv6Qp9Wz3Lx7Nc4Bd1Fs0", SWEEP_INTERVAL_SECONDS: "0" });
  console.log(`Database: ${process.env.BENCH_DATABASE_URL ? "Postgres" : "PGlite (memory://)"}`);
  try {
    await runConcurrently(server.baseUrl, 2, 8); // warm-up
    console.log(`\n${CHECKOUTS} API-level checkouts per row, ${new Date().toISOString()}`);
    console.log("| concurrency | checkouts/s | p50 ms | p95 ms |");
    console.log("|---|---|---|---|");
    for (const concurrency of [1, 8]) {
      const row = await runConcurrently(server.baseUrl, concurrency);
      console.log(`| ${concurrency} | ${row.perSecond.toFixed(1)} | ${ms(row.p50)} | ${ms(row.p95)} |`);
    }
    const browser = await browserCheckouts(server.baseUrl, 10);
    console.log(
      `\nBrowser checkout (product page → success page), 10 runs: median ${ms(browser.median)} ms, min ${ms(browser.min)} ms, max ${ms(browser.max)} ms`,
    );
    console.log("| step (each waits for what the shopper sees next) | median ms |\n|---|---|");
    for (const step of browser.steps) console.log(`| ${step.name} | ${ms(step.median)} |`);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
