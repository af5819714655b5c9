import { after } from "next/server";
import { answerKlarnaCallback } from "@/lib/http/klarna-callback";
import { receiveAuthorizationCallback } from "@/lib/orders/authorization-callback";
import { finalize } from "@/lib/orders/finalize";

// Klarna's KP authorization callback: acknowledged at once; the order is placed afterwards, from
// what a fresh read of the HPP session says.
export async function POST(request: Request) {
  return answerKlarnaCallback(
    request,
    (query, body) => receiveAuthorizationCallback({ orderId: query.get("order"), key: query.get("k"), body }),
    (verdict) => {
      after(() => finalize(verdict.orderId, "authorization_callback").then(() => undefined));
      return { received: true };
    },
  );
}
