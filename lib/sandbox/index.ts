import { randomUUID } from "node:crypto";

// The embedded Klarna sandbox's HTTP entry point, mounted by server.ts at /sandbox/api. Until the
// KP, HPP and OM emulation lands every route answers Klarna's 404 envelope.

export const SANDBOX_API_PREFIX = "/sandbox/api";

export async function handleSandboxRequest(request: Request): Promise<Response> {
  const correlationId = randomUUID();
  const path = new URL(request.url).pathname;
  return Response.json(
    { error_code: "NOT_FOUND", error_messages: [`No such resource: ${request.method} ${path}`], correlation_id: correlationId },
    { status: 404, headers: { "klarna-correlation-id": correlationId } },
  );
}
