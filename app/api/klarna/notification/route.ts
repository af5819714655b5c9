import { after } from "next/server";
import { CALLBACK_MAX_BYTES, readJsonBody } from "@/lib/http/json-body";
import { receiveFraudNotification, settleFraudReview } from "@/lib/orders/fraud-review";

// Klarna's order notification (KP merchant_urls.notification): acknowledged at once; the
// decision itself is read from Klarna afterwards.
export async function POST(request: Request) {
  const body = await readJsonBody(request, CALLBACK_MAX_BYTES);
  if (!body.ok) return Response.json({ error: body.error }, { status: body.status });
  const url = new URL(request.url);
  const verdict = await receiveFraudNotification({ orderId: url.searchParams.get("order"), key: url.searchParams.get("k"), body: body.value });
  if (verdict.status !== 200) return Response.json({ error: verdict.error }, { status: verdict.status });
  after(() => settleFraudReview(verdict.orderId));
  return Response.json({ received: true });
}
