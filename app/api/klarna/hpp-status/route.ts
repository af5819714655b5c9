import { after } from "next/server";
import { CALLBACK_MAX_BYTES, readJsonBody } from "@/lib/http/json-body";
import { finalize } from "@/lib/orders/finalize";
import { receiveStatusCallback } from "@/lib/orders/status-callback";

// Klarna retries a callback that gets no 2xx within 3 s, so the reply comes first and the work
// (re-reading the session, placing the order) runs after it.
export async function POST(request: Request) {
  const url = new URL(request.url);
  const body = await readJsonBody(request, CALLBACK_MAX_BYTES);
  if (!body.ok) return Response.json({ error: body.error }, { status: body.status });
  const verdict = await receiveStatusCallback({ sid: url.searchParams.get("sid"), secret: url.searchParams.get("secret"), body: body.value });
  if (verdict.status !== 200) return Response.json({ error: verdict.error }, { status: verdict.status });
  if (!verdict.duplicate) after(() => finalize(verdict.orderId, "callback").then(() => undefined));
  return Response.json({ received: true, duplicate: verdict.duplicate });
}
