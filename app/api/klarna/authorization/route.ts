import { after } from "next/server";
import { CALLBACK_MAX_BYTES, readJsonBody } from "@/lib/http/json-body";
import { receiveAuthorizationCallback } from "@/lib/orders/authorization-callback";
import { finalize } from "@/lib/orders/finalize";

// Klarna's KP authorization callback: acknowledged at once; the order is placed afterwards, from
// what a fresh read of the HPP session says.
export async function POST(request: Request) {
  const url = new URL(request.url);
  const body = await readJsonBody(request, CALLBACK_MAX_BYTES);
  if (!body.ok) return Response.json({ error: body.error }, { status: body.status });
  const verdict = await receiveAuthorizationCallback({ orderId: url.searchParams.get("order"), key: url.searchParams.get("k"), body: body.value });
  if (verdict.status !== 200) return Response.json({ error: verdict.error }, { status: verdict.status });
  after(() => finalize(verdict.orderId, "authorization_callback").then(() => undefined));
  return Response.json({ received: true });
}
