import { handleSandboxRequest } from "@/lib/sandbox";

// Calls the sandbox's HTTP handler in-process, exactly as the custom server would.

export const BASE = "http://localhost:3000/sandbox/api";
const AUTH = `Basic ${Buffer.from("sandbox:sandbox").toString("base64")}`;

export interface SandboxReply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = any>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<SandboxReply<T>> {
  const response = await handleSandboxRequest(
    new Request(`${BASE}${path}`, {
      method,
      headers: { authorization: AUTH, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** A valid GB session: two lines at 20 % VAT, approved persona. */
export function gbSession(overrides: Record<string, unknown> = {}) {
  return {
    purchase_country: "GB",
    purchase_currency: "GBP",
    locale: "en-GB",
    order_amount: 62400,
    order_tax_amount: 10400,
    order_lines: [
      { type: "physical", reference: "JKT-1", name: "Rain Jacket", quantity: 1, unit_price: 59500, tax_rate: 2000, total_amount: 59500, total_tax_amount: 9917 },
      { type: "shipping_fee", name: "Shipping", quantity: 1, unit_price: 2900, tax_rate: 2000, total_amount: 2900, total_tax_amount: 483 },
    ],
    billing_address: { given_name: "Test", family_name: "Person-uk", email: "customer@email.uk", postal_code: "W1S 3BE", city: "London", country: "GB" },
    merchant_reference1: "ORDER-1",
    ...overrides,
  };
}

export async function createKpSession(overrides: Record<string, unknown> = {}): Promise<string> {
  const reply = await call("POST", "/payments/v1/sessions", gbSession(overrides));
  if (reply.status !== 200) throw new Error(`KP session: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.session_id;
}

export const merchantUrls = {
  success: "https://shop.example/success?sid={{session_id}}&token={{authorization_token}}&order={{order_id}}",
  cancel: "https://shop.example/cancel?sid={{session_id}}",
  failure: "https://shop.example/failure?sid={{session_id}}",
  error: "https://shop.example/error?sid={{session_id}}",
};

export async function createHppSession(kpSessionId: string, options: Record<string, unknown> = {}, urls: Record<string, unknown> = merchantUrls) {
  const reply = await call("POST", "/hpp/v1/sessions", {
    payment_session_url: `${BASE}/payments/v1/sessions/${kpSessionId}`,
    merchant_urls: urls,
    options,
  });
  if (reply.status !== 201) throw new Error(`HPP session: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as { session_id: string; redirect_url: string; expires_at: string; session_url: string };
}

export async function completeHpp(id: string, outcome: string, extra: Record<string, unknown> = {}) {
  return call("POST", `/_control/hpp/${id}/complete`, { outcome, ...extra });
}
