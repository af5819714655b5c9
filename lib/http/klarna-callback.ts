import { CALLBACK_MAX_BYTES, readJsonBody } from "./json-body";

// Klarna retries a callback that gets no 2xx within 3 s, so its routes answer at once: the body
// is read and judged here, and the work it asks for is scheduled by `accept` (with after()) to run
// once the reply is out.

type Refusal = { status: 400 | 401; error: string };
const isRefusal = <Accepted extends { status: 200 }>(verdict: Accepted | Refusal): verdict is Refusal => verdict.status !== 200;

/** The reply to a Klarna callback: the refusal `judge` gives its body and query, or the reply `accept` makes of its verdict. */
export async function answerKlarnaCallback<Accepted extends { status: 200 }>(
  request: Request,
  judge: (query: URLSearchParams, body: unknown) => Promise<Accepted | Refusal>,
  accept: (verdict: Accepted) => Record<string, unknown>,
): Promise<Response> {
  const body = await readJsonBody(request, CALLBACK_MAX_BYTES);
  if (!body.ok) return Response.json({ error: body.error }, { status: body.status });
  const verdict = await judge(new URL(request.url).searchParams, body.value);
  if (isRefusal(verdict)) return Response.json({ error: verdict.error }, { status: verdict.status });
  return Response.json(accept(verdict));
}
