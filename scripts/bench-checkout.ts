/**
 * `npm run bench:checkout`: whole checkouts on the production server, made the way a browser
 * makes them (add to cart, submit the checkout form, pay through the sandbox's control API,
 * follow the redirect to /success until it shows the order placed), at concurrency 1 and 8;
 * then a real browser checkout timed by Playwright, median of 10. Figures go into
 * docs/performance.md; nothing here is a test.
 */
import { chromium } from "@playwright/test";
import { ms } from "./lib/load";
import { CookieJar, submitForm } from "./lib/form-client";
import { ensureProductionBuild, startProductionServer } from "./lib/server";

const CHECKOUTS = Number(process.env.BENCH_CHECKOUTS ?? 40);
const AUTH = { authorization: `Basic ${Buffer.from("sandbox:sandbox").toString("base64")}`, "content-type": "application/json" };
const CUSTOMER = { email: "customer@email.uk", givenName: "Test", familyName: "Person-uk", streetAddress: "10 New Burlington Street", postalCode: "W1S 3BE", city: "London" };

async function apiCheckout(baseUrl: string): Promise<number> {
  const started = performance.now();
  const jar = new CookieJar({ market: "GB" });
  await submitForm(baseUrl, "/products/ceramic-mug", jar, "Add to cart", { quantity: "1" });
  const checkout = await submitForm(baseUrl, "/checkout", jar, "Pay with Klarna", CUSTOMER);
  const hostedPage = checkout.headers.get("location");
  if (checkout.status !== 303 || !hostedPage) throw new Error(`checkout answered ${checkout.status}`);
  const sessionId = hostedPage.split("/").at(-1);
  const paid = await fetch(`${baseUrl}/sandbox/api/_control/hpp/${sessionId}/complete`, { method: "POST", headers: AUTH, body: JSON.stringify({ outcome: "approve" }) });
  const { redirect_to: successUrl } = (await paid.json()) as { redirect_to: string };
  const success = await (await fetch(successUrl, { headers: { cookie: jar.header() } })).text();
  if (!/data-testid="order-status"[^>]*>authorized</.test(success)) throw new Error("the success page does not show an authorized order");
  return performance.now() - started;
}

async function runConcurrently(baseUrl: string, concurrency: number) {
  const durations: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < CHECKOUTS) {
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

async function browserCheckouts(baseUrl: string, runs: number) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
  });
  const durations: number[] = [];
  try {
    for (let run = 0; run < runs; run += 1) {
      const context = await browser.newContext({ baseURL: baseUrl });
      await context.addCookies([{ name: "market", value: "GB", url: baseUrl }]);
      const page = await context.newPage();
      const started = performance.now();
      await page.goto("/products/ceramic-mug");
      await page.getByRole("button", { name: "Add to cart" }).click();
      await page.getByRole("status").filter({ hasText: "Added" }).waitFor();
      await page.goto("/checkout");
      await page.getByRole("button", { name: "Pay with Klarna" }).click();
      await page.getByTestId("hpp-approve").click();
      await page.getByTestId("order-status").filter({ hasText: "authorized" }).waitFor();
      durations.push(performance.now() - started);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  durations.sort((a, b) => a - b);
  return { median: durations[Math.floor(durations.length / 2)]!, min: durations[0]!, max: durations.at(-1)! };
}

async function main() {
  await ensureProductionBuild();
  // The sweep would compete for the CPU with what is measured.
  const server = await startProductionServer({ PGLITE_DIR: "memory://", AUTH_SECRET: "bench-secret-bench-secret-bench-secret", SWEEP_INTERVAL_SECONDS: "0" });
  try {
    await runConcurrently(server.baseUrl, 2); // warm-up
    console.log(`\n${CHECKOUTS} API-level checkouts per row, ${new Date().toISOString()}`);
    console.log("| concurrency | checkouts/s | p50 ms | p95 ms |");
    console.log("|---|---|---|---|");
    for (const concurrency of [1, 8]) {
      const row = await runConcurrently(server.baseUrl, concurrency);
      console.log(`| ${concurrency} | ${row.perSecond.toFixed(1)} | ${ms(row.p50)} | ${ms(row.p95)} |`);
    }
    const browser = await browserCheckouts(server.baseUrl, 10);
    console.log(`\nBrowser checkout (product page → success page), 10 runs: median ${ms(browser.median)} ms, min ${ms(browser.min)} ms, max ${ms(browser.max)} ms`);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
