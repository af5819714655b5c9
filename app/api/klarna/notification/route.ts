import { after } from "next/server";
import { receiveFraudNotification, settleFraudReview } from "@/lib/orders/fraud-review";

// Klarna's order notification (KP merchant_urls.notification): acknowledged at once; the
// decision itself is read from Klarna afterwards.
export async function POST(request: Request) {
  const verdict = await receiveFraudNotification(await request.json().catch(() => undefined));
  if (verdict.status !== 200) return Response.json({ error: verdict.error }, { status: verdict.status });
  after(() => settleFraudReview(verdict.orderId));
  return Response.json({ received: true });
}
