import { NextResponse, type NextRequest } from "next/server";
import { actionCallProblem, progressiveFormProblem } from "@/lib/http/action-payload";
import { MAX_BODY_BYTES } from "@/lib/http/guard";
import { readBody } from "@/lib/http/json-body";

// Runs only for server-action calls (a Next-Action header) and forms posted as multipart data: a
// payload none of our pages could have sent is refused with a 400 before React decodes it, and a
// body over the limit with a 413 (one without a declared length gets here past the server's check).
export async function proxy(request: NextRequest) {
  // Only a POST has a body for React to decode. After an action that redirects, Next fetches the
  // target page itself with the action's headers (multipart content type included) to stream it
  // in the action's reply; refusing that GET made every such redirect a full page load.
  if (request.method !== "POST") return NextResponse.next();
  const body = await readBody(request.clone(), MAX_BODY_BYTES);
  if (!body)
    return NextResponse.json({ error: `The request body is over ${MAX_BODY_BYTES / 1024 / 1024} MB` }, { status: 413, headers: { connection: "close" } });
  const received = new Request(request.url, { method: request.method, headers: request.headers, body: new Uint8Array(body) });
  const problem = request.headers.has("next-action") ? await actionCallProblem(received) : await progressiveFormProblem(received);
  return problem ? NextResponse.json({ error: problem }, { status: 400 }) : NextResponse.next();
}

export const config = {
  matcher: [
    { source: "/:path*", has: [{ type: "header", key: "next-action" }] },
    { source: "/:path*", has: [{ type: "header", key: "content-type", value: "multipart/form-data.*" }], missing: [{ type: "header", key: "next-action" }] },
  ],
};
