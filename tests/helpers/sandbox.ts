import type { ZodType } from "zod";
import { handleSandboxRequest } from "@/lib/sandbox";
import { gbSession, merchantUrls } from "./klarna-bodies";
import { sandboxClient } from "./sandbox-client";

export { gbSession, merchantUrls } from "./klarna-bodies";

// The sandbox's own tests call its HTTP handler in-process, exactly as the custom server would.

const sandbox = sandboxClient("http://localhost:3000", { handle: handleSandboxRequest });

export const { base: BASE, call, pay } = sandbox;

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

/**
 * A sandbox reply checked against Klarna's wire contract (the fields Klarna guarantees are there
 * and well formed), returned as is for the test's own assertions on the rest.
 */
export function conforming(schema: ZodType, body: unknown): any {
  schema.parse(body);
  return body;
}
