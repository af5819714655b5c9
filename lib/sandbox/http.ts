import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, gt, sql } from "drizzle-orm";
import { config } from "@/lib/config";
import { basicAuthMatches } from "@/lib/http/basic-auth";
import { clock, DAY } from "./clock";
import { resolveScope } from "./control";
import { KlarnaApiError, notFound } from "./errors";
import { injectedError, REQUEST_FAULT_KINDS, sleep, takeFaults, type Fault } from "./faults";
import { leanReply } from "./lean-replies";
import { PUBLIC_OPERATIONS, SANDBOX_API_PREFIX } from "./openapi";
import { OPERATIONS } from "./operations";
import { API_OPERATIONS, ROUTES, type ApiResult } from "./routes";
import { runInScope } from "./scope";
import { inTransaction, type Executor } from "./store";
import { sandboxIdempotency } from "./tables";

// The sandbox's HTTP face for the KP, HPP, OM and control APIs, free of any framework: it
// authenticates, bounds and parses bodies, routes (routes.ts), and renders Klarna's error
// envelope. A call arrives as a SandboxCall, so the custom server can hand over node:http's request
// without building a web Request; `handleSandboxRequest` serves web Requests (tests, tools).

export { SANDBOX_API_PREFIX };
export { API_OPERATIONS, SANDBOX_ROUTES } from "./routes";
const MAX_BODY_BYTES = 1024 * 1024;

/** One API call, as the sandbox needs to see it. */
export interface SandboxCall {
  method: string;
  /** The URL's path (no query), normalized as WHATWG URL does. */
  path: string;
  /** A request header by its lower-case name. */
  header(name: string): string | undefined;
  /** The body, or undefined once it grows past `maxBytes` (the rest is left unread). */
  body(maxBytes: number): Promise<Buffer | undefined>;
}

/** A reply to send. */
type HttpReply = { status: number; headers: Record<string, string>; body?: string };
/** A reply to send, or a connection to reset without one. */
export type SandboxReply = HttpReply | typeof CONNECTION_RESET;
export const CONNECTION_RESET = Symbol("connection reset");

const envelope = (error: KlarnaApiError, correlationId: string): ApiResult => ({
  status: error.status,
  ...(error.status === 429 ? { headers: { "retry-after": "1" } } : {}),
  body: { error_code: error.code, error_messages: error.messages, correlation_id: correlationId },
});

const tooLarge = () => new KlarnaApiError(413, "REQUEST_TOO_LARGE", ["Request body exceeds 1 MB"]);

/** Reads a JSON body of at most 1 MB; an empty body is `undefined`. */
async function readJsonBody(call: SandboxCall): Promise<unknown> {
  if (Number(call.header("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const body = await call.body(MAX_BODY_BYTES);
  if (!body) throw tooLarge();
  const text = body.toString("utf8");
  if (text.trim() === "") return undefined;
  if (!/^application\/(.+\+)?json\b/i.test(call.header("content-type") ?? "")) {
    throw new KlarnaApiError(415, "UNSUPPORTED_MEDIA_TYPE", ["Content-Type must be application/json"]);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new KlarnaApiError(400, "BAD_REQUEST", ["Malformed JSON in request body"]);
  }
}

const IDEMPOTENCY_WINDOW = DAY;

/** Runs an OM POST once per Klarna-Idempotency-Key: a repeat within 24 h gets the first reply. */
async function runIdempotent(key: string | undefined, correlationId: string, work: (tx: Executor) => Promise<ApiResult>): Promise<ApiResult> {
  if (!key) return inTransaction(work);
  return inTransaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
    const now = clock.now();
    const [stored] = await tx
      .select()
      .from(sandboxIdempotency)
      .where(and(eq(sandboxIdempotency.key, key), gt(sandboxIdempotency.createdAt, new Date(now.getTime() - IDEMPOTENCY_WINDOW))))
      .limit(1);
    if (stored) return { status: stored.status, headers: stored.headers, body: stored.body ? JSON.parse(stored.body) : undefined };
    let result: ApiResult;
    try {
      // A savepoint, so a refused operation leaves nothing behind but its stored reply.
      result = await tx.transaction((inner) => work(inner as unknown as Executor));
    } catch (error) {
      if (!(error instanceof KlarnaApiError) || error.status >= 500) throw error;
      result = envelope(error, correlationId);
    }
    const record = { status: result.status, headers: result.headers ?? {}, body: result.body === undefined ? "" : JSON.stringify(result.body), createdAt: now };
    await tx
      .insert(sandboxIdempotency)
      .values({ key, ...record })
      .onConflictDoUpdate({ target: sandboxIdempotency.key, set: record });
    return result;
  });
}

/** A path segment as text; a malformed escape such as `%zz` names no resource (URIError otherwise). */
function decodePathSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw notFound(`No such resource: malformed path segment ${value}`);
  }
}

async function dispatch(call: SandboxCall, correlationId: string): Promise<ApiResult | typeof CONNECTION_RESET> {
  const path = call.path.slice(SANDBOX_API_PREFIX.length) || "/";
  const candidates = ROUTES.filter((candidate) => path.startsWith(candidate.prefix) && candidate.pattern.test(path));
  const matched = candidates.find((candidate) => candidate.method === call.method);
  // Credentials first, as Klarna checks them: an anonymous caller learns nothing of what exists.
  const authorized = () => basicAuthMatches(call.header("authorization") ?? null, config().sandboxCredentials);
  if (!(matched && PUBLIC_OPERATIONS.has(matched.operation)) && !authorized())
    throw new KlarnaApiError(401, "PERMISSION_DENIED", ["Authentication failed or permission not granted"]);
  if (candidates.length === 0) throw notFound(`No such resource: ${path}`);
  if (!matched) throw new KlarnaApiError(405, "METHOD_NOT_ALLOWED", [`${call.method} is not allowed on ${path}`]);
  const params = Object.fromEntries((matched.pattern.exec(path) ?? []).slice(1).map((value, index) => [index, decodePathSegment(value)])) as Record<
    string,
    string
  >;
  const body = call.method === "POST" || call.method === "PATCH" ? await readJsonBody(call) : undefined;
  const scope = await resolveScope(call.header, matched.operation === "control.remove_fault" ? undefined : params[0], body);
  return runInScope(scope, async () => {
    const faults = scope.faultsArmed && API_OPERATIONS.includes(matched.operation) ? await takeFaults(matched.operation, REQUEST_FAULT_KINDS) : [];
    const delay = faults.filter((fault) => fault.kind === "latency").reduce((sum, fault) => sum + (fault.latencyMs ?? 0), 0);
    if (delay > 0) await sleep(delay);
    const failure = faults.find((fault) => fault.kind === "http_error" || fault.kind === "reset" || fault.kind === "timeout");
    if (failure && !failure.afterOperation) return injectFailure(failure);
    const { run } = matched;
    const result =
      typeof run === "function"
        ? await run(params, body)
        : await runIdempotent(call.header("klarna-idempotency-key"), correlationId, (tx) => run.idempotent(tx, params, body));
    if (failure) return injectFailure(failure);
    // Klarna's date is the namespace's clock: "the day of the call" for extensions, as a client sees it.
    result.headers = { date: clock.now().toUTCString(), ...result.headers };
    // Only what Klarna's OpenAPI marks required (and what its conditions guarantee): a client must cope.
    const lean = faults.some((fault) => fault.kind === "minimal_response");
    const reply = OPERATIONS[matched.operation]?.success.body;
    return lean && reply && result.status < 300 ? { ...result, body: leanReply(reply, result.body, result.presence ?? []) } : result;
  });
}

/** An injected failure: an error reply, or a connection that is reset (after hanging, for a timeout). */
async function injectFailure(fault: Fault): Promise<ApiResult | typeof CONNECTION_RESET> {
  if (fault.kind === "timeout") await sleep(fault.latencyMs ?? 30_000);
  if (fault.kind !== "http_error") return CONNECTION_RESET;
  throw injectedError(fault);
}

function render(result: ApiResult, correlationId: string): HttpReply {
  const headers = { "klarna-correlation-id": correlationId, ...result.headers };
  if (result.body === undefined) return { status: result.status, headers };
  return { status: result.status, headers: { ...headers, "content-type": "application/json;charset=utf-8" }, body: JSON.stringify(result.body) };
}

/** Answers one API call; never throws. */
export async function answerSandboxCall(call: SandboxCall): Promise<SandboxReply> {
  const correlationId = randomUUID();
  try {
    const result = await dispatch(call, correlationId);
    return result === CONNECTION_RESET ? result : render(result, correlationId);
  } catch (error) {
    if (error instanceof KlarnaApiError) return render(envelope(error, correlationId), correlationId);
    console.error(`[sandbox] ${call.method} ${call.path} failed (correlation id ${correlationId})`, error);
    return render(envelope(new KlarnaApiError(500, "INTERNAL_SERVER_ERROR", ["An unexpected error occurred"]), correlationId), correlationId);
  }
}

const EARLY_REFUSAL_CODES: Record<number, string> = { 400: "BAD_VALUE", 405: "METHOD_NOT_ALLOWED", 413: "REQUEST_TOO_LARGE" };

/**
 * A sandbox API call the custom server refuses before routing (lib/http/guard.ts: an unknown
 * method, a malformed path, a body declared over the limit), in Klarna's error envelope: a Klarna
 * client reads error_code, as from every other answer of the sandbox.
 */
export function earlyRefusalReply(refusal: {
  status: number;
  message: string;
  headers?: Record<string, string>;
}): Exclude<SandboxReply, typeof CONNECTION_RESET> {
  const correlationId = randomUUID();
  const error = new KlarnaApiError(refusal.status, EARLY_REFUSAL_CODES[refusal.status] ?? "BAD_REQUEST", [refusal.message]);
  const reply = render(envelope(error, correlationId), correlationId);
  return { ...reply, headers: { ...reply.headers, ...refusal.headers } };
}

/** Reads a web stream until it ends, or until it passes `maxBytes` (then stops reading). */
async function readStream(stream: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (stream) {
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > maxBytes) return undefined;
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks);
}

/** The sandbox as a Fetch API handler; a reset connection is Response.error(). */
export async function handleSandboxRequest(request: Request): Promise<Response> {
  const reply = await answerSandboxCall({
    method: request.method,
    path: new URL(request.url).pathname,
    header: (name) => request.headers.get(name) ?? undefined,
    body: (maxBytes) => readStream(request.body, maxBytes),
  });
  if (reply === CONNECTION_RESET) return Response.error();
  return new Response(reply.body ?? null, { status: reply.status, headers: reply.headers });
}
