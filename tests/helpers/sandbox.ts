import type { ZodType } from "zod";
import { handleSandboxRequest } from "@/lib/sandbox";
import { gbSession, merchantUrls } from "./klarna-bodies";
import { SANDBOX_AUTH } from "./sandbox-auth";

export { gbSession, merchantUrls } from "./klarna-bodies";

// Calls the sandbox's HTTP handler in-process, exactly as the custom server would.

export const BASE = "http://localhost:3000/sandbox/api";
const AUTH = SANDBOX_AUTH.authorization;

export interface SandboxReply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<SandboxReply<T>> {
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

export async function createKpSession(overrides: Record<string, unknown> = {}): Promise<string> {
  const reply = await call("POST", "/payments/v1/sessions", gbSession(overrides));
  if (reply.status !== 200) throw new Error(`KP session: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.session_id;
}

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

/**
 * A sandbox reply checked against Klarna's wire contract (the fields Klarna guarantees are there
 * and well formed), returned as is for the test's own assertions on the rest.
 */
export function conforming(schema: ZodType, body: unknown): any {
  schema.parse(body);
  return body;
}
