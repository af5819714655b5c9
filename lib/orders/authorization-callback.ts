import "server-only";
import { unstorablePath } from "@/lib/text";
import { db } from "@/lib/db/client";
import { AuthorizationCallback } from "@/lib/klarna-wire";
import { recordEvent } from "./events";
import { verifyAuthorizationCallbackKey } from "./url-keys";
import { getOrder } from "./queries";

// Klarna Payments' authorization callback (KP merchant_urls.authorization): Klarna says
// a consumer was authorized. Unsigned, so its URL carries a key for the order; and the body is
// only a hint: finalize() reads the HPP session from Klarna and places the order from that read.

export type AuthorizationVerdict = { status: 400 | 401; error: string } | { status: 200; orderId: string };

export async function receiveAuthorizationCallback(input: { orderId: string | null; key: string | null; body: unknown }): Promise<AuthorizationVerdict> {
  const order = input.orderId && verifyAuthorizationCallbackKey(input.orderId, input.key) ? await getOrder(input.orderId) : undefined;
  if (!order) return { status: 401, error: "Unknown order or wrong key" };
  if (unstorablePath(input.body)) return { status: 400, error: "The body holds text that cannot be stored" };
  const parsed = AuthorizationCallback.safeParse(input.body);
  if (!parsed.success || parsed.data.session_id !== order.kpSessionId) return { status: 400, error: "Not an authorization of this order's payment session" };
  await recordEvent(db(), order.id, "authorization_callback_received", `Klarna reported an authorization of payment session ${parsed.data.session_id}`, {
    kpSessionId: parsed.data.session_id,
  });
  return { status: 200, orderId: order.id };
}
