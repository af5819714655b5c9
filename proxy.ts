import { NextResponse, type NextRequest } from "next/server";
import { actionCallProblem, progressiveFormProblem } from "@/lib/http/action-payload";

// Runs only for server-action calls (a Next-Action header) and forms posted as multipart data: a
// payload none of our pages could have sent is refused with a 400 before React decodes it.
export async function proxy(request: NextRequest) {
  // Only a POST has a body for React to decode. After an action that redirects, Next fetches the
  // target page itself with the action's headers (multipart content type included) to stream it
  // in the action's reply; refusing that GET made every such redirect a full page load.
  if (request.method !== "POST") return NextResponse.next();
  const problem = request.headers.has("next-action") ? await actionCallProblem(request.clone()) : await progressiveFormProblem(request.clone());
  return problem ? NextResponse.json({ error: problem }, { status: 400 }) : NextResponse.next();
}

export const config = {
  matcher: [
    { source: "/:path*", has: [{ type: "header", key: "next-action" }] },
    { source: "/:path*", has: [{ type: "header", key: "content-type", value: "multipart/form-data.*" }], missing: [{ type: "header", key: "next-action" }] },
  ],
};
