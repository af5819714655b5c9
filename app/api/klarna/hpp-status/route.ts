import { after } from "next/server";
import { answerKlarnaCallback } from "@/lib/http/klarna-callback";
import { finalize } from "@/lib/orders/finalize";
import { receiveStatusCallback } from "@/lib/orders/status-callback";

// Klarna's HPP status callback: acknowledged at once; the work (re-reading the session, placing
// the order) runs after the reply, once per event.
export async function POST(request: Request) {
  return answerKlarnaCallback(
    request,
    (query, body) => receiveStatusCallback({ sid: query.get("sid"), secret: query.get("secret"), body }),
    (verdict) => {
      if (!verdict.duplicate) after(() => finalize(verdict.orderId, "callback").then(() => undefined));
      return { received: true, duplicate: verdict.duplicate };
    },
  );
}
