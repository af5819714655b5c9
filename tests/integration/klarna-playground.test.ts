import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// The storefront against Klarna's playground, as configured for two regions, with `fetch`
// answering as Klarna documents it (nothing leaves the machine): which host and credentials each
// market's calls go to, what an http:// origin leaves out, and what the shop does with replies
// that lack what it would like to have.

vi.stubEnv("KLARNA_MODE", "playground");
vi.stubEnv("KLARNA_EU_USERNAME", "K_eu");
vi.stubEnv("KLARNA_EU_PASSWORD", "eu-secret");
vi.stubEnv("KLARNA_NA_USERNAME", "K_na");
vi.stubEnv("KLARNA_NA_PASSWORD", "na-secret");
vi.stubEnv("APP_URL", "http://shop.example.com");

interface Sent {
  method: string;
  url: string;
  authorization: string | null;
  body: any;
}
const sent: Sent[] = [];
let hppCreated: Record<string, unknown> = {};

const reply = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

vi.stubGlobal("fetch", async (input: string | URL, init: RequestInit = {}) => {
  const url = new URL(String(input));
  const headers = new Headers(init.headers);
  sent.push({
    method: init.method ?? "GET",
    url: url.toString(),
    authorization: headers.get("authorization"),
    body: init.body ? JSON.parse(String(init.body)) : undefined,
  });
  const route = `${init.method ?? "GET"} ${url.pathname}`;
  if (route === "POST /payments/v1/sessions")
    return reply(200, { session_id: crypto.randomUUID(), client_token: "t", payment_method_categories: [{ identifier: "klarna", name: "Pay with Klarna" }] });
  if (route === "POST /hpp/v1/sessions") return reply(201, { session_id: crypto.randomUUID(), ...hppCreated });
  if (/^DELETE \/hpp\/v1\/sessions\//.test(route)) return reply(204);
  if (/^GET \/hpp\/v1\/sessions\//.test(route))
    return reply(200, { session_id: url.pathname.split("/").at(-1), status: "COMPLETED", authorization_token: "tok-1" });
  if (route === "POST /payments/v1/authorizations/tok-1/order") return reply(200, { order_id: "klarna-order-1" });
  if (/^GET \/ordermanagement\/v1\/orders\//.test(route)) return reply(200, { order_id: "klarna-order-1", status: "AUTHORIZED" });
  return reply(404, { error_code: "NOT_FOUND" });
});

const { databaseHandle, db } = await import("@/lib/db/client");
const { prepareDatabase } = await import("@/lib/db/prepare");
const { orders } = await import("@/lib/db/schema");
const { choosePaymentCategories } = await import("@/lib/orders/checkout");
const { finalize } = await import("@/lib/orders/finalize");
const { orderPageKey } = await import("@/lib/orders/url-keys");
const { offeredMarkets } = await import("@/lib/shop/offered-markets");
const { parseEnv } = await import("@/lib/config");
const { MARKETS } = await import("@/lib/shop/markets");
const { checkout } = await import("../helpers/checkout");

beforeAll(() => prepareDatabase(databaseHandle(), []));
beforeEach(() => {
  sent.length = 0;
  hppCreated = { redirect_url: "https://pay.playground.klarna.com/eu/hpp/payments/3XqT9mP" };
});
afterAll(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe("against Klarna's playground in two regions", () => {
  it("sends a US order's calls to North America's host with its credentials, a GB order's to Europe's", async () => {
    await checkout({}, { market: MARKETS.US });
    await checkout({}, { market: MARKETS.GB });
    expect(sent.map((call) => [call.method, call.url, call.authorization])).toEqual([
      ["POST", "https://api-na.playground.klarna.com/payments/v1/sessions", basic("K_na", "na-secret")],
      ["POST", "https://api-na.playground.klarna.com/hpp/v1/sessions", basic("K_na", "na-secret")],
      ["POST", "https://api.playground.klarna.com/payments/v1/sessions", basic("K_eu", "eu-secret")],
      ["POST", "https://api.playground.klarna.com/hpp/v1/sessions", basic("K_eu", "eu-secret")],
    ]);
    // The HPP session names the KP session on the same region's host.
    expect(sent[1]!.body.payment_session_url).toMatch(/^https:\/\/api-na\.playground\.klarna\.com\/payments\/v1\/sessions\//);
  });

  it("offers only the markets whose region has credentials", () => {
    expect(offeredMarkets().map((market) => market.code)).toEqual(["US", "GB", "DE", "SE"]);
    const euOnly = parseEnv({ KLARNA_MODE: "playground", KLARNA_USERNAME: "u", KLARNA_PASSWORD: "p" });
    expect(offeredMarkets(euOnly.klarna.accounts).map((market) => market.code)).toEqual(["GB", "DE", "SE"]);
  });

  it("with an http:// APP_URL, asks for no status callback and no fraud notification", async () => {
    await checkout();
    const [kp, hpp] = sent;
    expect(kp!.body.merchant_urls).toBeUndefined();
    expect(Object.keys(hpp!.body.merchant_urls).sort()).toEqual(["back", "cancel", "error", "failure", "success"]);
  });

  it("places the order when Klarna's place-order reply is {order_id} alone", async () => {
    const { order } = await checkout();
    expect(await finalize(order.id, "return_page")).toMatchObject({ status: "authorized", klarnaOrderId: "klarna-order-1", fraudStatus: null });
  });

  it("tells the shopper, disables the session and keeps the order when Klarna sends no redirect_url for an e-commerce session", async () => {
    hppCreated = {};
    await expect(checkout()).rejects.toThrow(/did not say where its payment page is/);
    const disabled = sent.find((call) => call.method === "DELETE");
    expect(disabled?.url).toMatch(/^https:\/\/api\.playground\.klarna\.com\/hpp\/v1\/sessions\//);
    const [latest] = await db().select().from(orders).orderBy(desc(orders.createdAt)).limit(1);
    expect(latest).toMatchObject({ status: "pending_payment" });
  });

  it("offers the categories Klarna's KP session returned, klarna included, and asks the hosted page for the one chosen", async () => {
    const { order } = await checkout({ chooseCategories: true });
    const [stored] = await db().select().from(orders).where(eq(orders.id, order.id));
    expect(stored!.paymentMethodCategories).toEqual([{ identifier: "klarna", name: "Pay with Klarna" }]);
    expect(sent.map((call) => call.url)).not.toContain("https://api.playground.klarna.com/hpp/v1/sessions");
    const outcome = await choosePaymentCategories(order.reference, orderPageKey(order.reference), { mode: "one", category: "KLARNA" });
    expect(outcome).toMatchObject({ ok: true, redirectUrl: "https://pay.playground.klarna.com/eu/hpp/payments/3XqT9mP" });
    expect(sent.at(-1)!.body.options).toMatchObject({ payment_method_category: "KLARNA" });
  });
});
