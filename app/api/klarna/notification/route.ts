import { after } from "next/server";
import { answerKlarnaCallback } from "@/lib/http/klarna-callback";
import { receiveFraudNotification, settleFraudReview } from "@/lib/orders/fraud-review";

// Klarna's order notification (KP merchant_urls.notification): acknowledged at once; the
// decision itself is read from Klarna afterwards.
export async function POST(request: Request) {
  return answerKlarnaCallback(
    request,
    (query, body) => receiveFraudNotification({ orderId: query.get("order"), key: query.get("k"), body }),
    (verdict) => {
      after(() => settleFraudReview(verdict.orderId));
      return { received: true };
    },
  );
}
