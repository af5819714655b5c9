import { after } from "next/server";
import { receiveAuthorizationCallback } from "@/lib/orders/authorization-callback";
import { finalize } from "@/lib/orders/finalize";

// Klarna's KP authorization callback: acknowledged at once; the order is placed afterwards, from
// what a fresh read of the HPP session says.
export async function POST(request: Request) {
  const url = new URL(request.url);
  const body = await request.json().catch(() => undefined);
  const verdict = await receiveAuthorizationCallback({ orderId: url.searchParams.get("order"), key: url.searchParams.get("k"), body });
  if (verdict.status !== 200) return Response.json({ error: verdict.error }, { status: verdict.status });
  after(() => finalize(verdict.orderId, "authorization_callback").then(() => undefined));
  return Response.json({ received: true });
}
