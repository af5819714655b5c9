import "server-only";
import { randomUUID } from "node:crypto";
import type { ZodType } from "zod";
import { config } from "@/lib/config";
import { ErrorEnvelope, SANDBOX_NAMESPACE_HEADER, type KlarnaRegion } from "@/lib/klarna-wire";
import { Gate } from "./gate";

// The one HTTP client for Klarna (or the embedded sandbox, which answers the same paths): Basic
// auth, a timeout on every call, retries only where a repeat cannot do harm, zod-parsed replies,
// and failures mapped to a few typed errors that carry Klarna's error_code and correlation id.

export type KlarnaErrorKind = "rejected" | "not_found" | "conflict" | "unauthorized" | "unavailable" | "not_configured";

export class KlarnaError extends Error {
  override name = "KlarnaError";
  constructor(
    readonly kind: KlarnaErrorKind,
    message: string,
    readonly details: {
      status?: number;
      code?: string;
      messages?: string[];
      correlationId?: string;
      /** True when the request may have reached Klarna although no answer came back. */
      ambiguous?: boolean;
    } = {},
  ) {
    super(message);
  }

  /** Turned away before Klarna did anything (503, 429, a refused connection): repeating it later is safe. */
  get notProcessed(): boolean {
    return this.details.status === 503 || this.details.status === 429 || (this.details.status === undefined && this.details.ambiguous === false);
  }

  /** Klarna's own words, for logs and merchant screens. */
  get reason(): string {
    return [this.details.code, ...(this.details.messages ?? [])].filter(Boolean).join(": ") || this.message;
  }
}

interface CallOptions<T> {
  /** The Klarna region whose account and host answer (the market's region). */
  region: KlarnaRegion;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  body?: unknown;
  schema?: ZodType<T>;
  /** Safe to repeat: reads, and OM writes carrying a Klarna-Idempotency-Key. Nothing else is ever repeated here. */
  retry?: boolean;
  idempotencyKey?: string;
  /** Our sandbox only: the namespace a test run works in (ignored by Klarna). */
  sandboxNamespace?: string | null;
}

export interface KlarnaReply<T> {
  data: T;
  status: number;
  headers: Headers;
  correlationId?: string;
}

const RETRY_DELAYS_MS = [200, 500, 1200];

function kindFor(status: number): KlarnaErrorKind {
  if (status === 401 || status === 403) return status === 401 ? "unauthorized" : "rejected";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 429 || status >= 500) return "unavailable";
  return "rejected";
}

const retryable = (error: unknown) => error instanceof KlarnaError && error.kind === "unavailable";

async function attempt<T>(options: CallOptions<T>): Promise<KlarnaReply<T>> {
  const { accounts, timeoutMs } = config().klarna;
  const account = accounts[options.region];
  if (!account) throw new KlarnaError("not_configured", `No Klarna credentials for region ${options.region}`, { ambiguous: false });
  const { baseUrl, username, password } = account;
  const url = `${baseUrl}${options.path}`;
  const headers: Record<string, string> = {
    authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`,
    accept: "application/json",
    "user-agent": "klarna-hpp-storefront/0.1",
  };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.idempotencyKey) headers["klarna-idempotency-key"] = options.idempotencyKey;
  if (options.sandboxNamespace) headers[SANDBOX_NAMESPACE_HEADER] = options.sandboxNamespace;

  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(timeoutMs),
      cache: "no-store",
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    // A refused or unresolvable connection never reached Klarna; anything else might have.
    const neverSent = cause === "ECONNREFUSED" || cause === "ENOTFOUND" || cause === "EAI_AGAIN";
    throw new KlarnaError(
      "unavailable",
      timedOut ? `Klarna did not answer within ${timeoutMs} ms` : `Klarna could not be reached (${cause ?? String(error)})`,
      {
        ambiguous: !neverSent,
      },
    );
  }

  const correlationId = response.headers.get("klarna-correlation-id") ?? undefined;
  const text = await response.text();
  const json = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const envelope = ErrorEnvelope.safeParse(json);
    const messages = envelope.success ? (envelope.data.error_messages ?? (envelope.data.error_message ? [envelope.data.error_message] : [])) : [];
    throw new KlarnaError(kindFor(response.status), `Klarna answered ${response.status} to ${options.method} ${options.path}`, {
      status: response.status,
      code: (envelope.success ? envelope.data.error_code : undefined) ?? undefined,
      messages,
      correlationId: correlationId ?? (envelope.success ? (envelope.data.correlation_id ?? undefined) : undefined),
      // 503 and 429 say the request was turned away unprocessed; other 5xx may have taken effect.
      ambiguous: response.status >= 500 && response.status !== 503,
    });
  }
  if (!options.schema) return { data: undefined as T, status: response.status, headers: response.headers, correlationId };
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) {
    // Klarna answered 2xx, so the request took effect: a write must not be taken for undone. Only
    // a field Klarna guarantees (see lib/klarna-wire) missing or mistyped gets here.
    const issue = parsed.error.issues[0];
    throw new KlarnaError(
      "unavailable",
      `Klarna's reply to ${options.method} ${options.path} lacks what Klarna guarantees (${issue?.path.join(".") || "body"}: ${issue?.message})`,
      {
        status: response.status,
        correlationId,
        ambiguous: true,
      },
    );
  }
  return { data: parsed.data, status: response.status, headers: response.headers, correlationId };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The embedded sandbox answers in this process, on the same event loop and (with PGlite) the same
 * single database connection as the shop: under a burst every call would wait behind all the
 * others and outlive its timeout, though nothing is wrong. So calls to it take turns, a few at a
 * time, and the timeout counts from a call's turn. Klarna itself is called without a queue.
 */
const EMBEDDED_CALLS_AT_ONCE = 4;
const embeddedGate = new Gate(EMBEDDED_CALLS_AT_ONCE);

async function attemptInTurn<T>(options: CallOptions<T>): Promise<KlarnaReply<T>> {
  const settings = config();
  if (!settings.sandboxEnabled) return attempt(options);
  // Long enough for a burst to drain; past it the shop is overloaded and says so, having sent nothing.
  const release = await embeddedGate.enter(settings.klarna.timeoutMs * 3);
  if (!release) throw new KlarnaError("unavailable", `The embedded sandbox is busy: ${embeddedGate.waiting} calls are waiting`, { ambiguous: false });
  try {
    return await attempt(options);
  } finally {
    release();
  }
}

export async function callKlarna<T>(options: CallOptions<T>): Promise<KlarnaReply<T>> {
  const callId = randomUUID().slice(0, 8);
  for (let attemptNumber = 0; ; attemptNumber += 1) {
    const started = performance.now();
    try {
      const reply = await attemptInTurn(options);
      log("info", `${options.method} ${options.path} → ${reply.status}`, {
        callId,
        correlationId: reply.correlationId,
        ms: Math.round(performance.now() - started),
      });
      return reply;
    } catch (error) {
      const details = error instanceof KlarnaError ? error.details : {};
      log("warn", `${options.method} ${options.path} failed: ${error instanceof Error ? error.message : String(error)}`, {
        callId,
        correlationId: details.correlationId,
        code: details.code,
        attempt: attemptNumber + 1,
      });
      const delay = RETRY_DELAYS_MS[attemptNumber];
      if (!options.retry || !retryable(error) || delay === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay * (0.75 + Math.random() / 2)));
    }
  }
}

function log(level: "info" | "warn", message: string, fields: Record<string, unknown>) {
  const context = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${value}`)
    .join(" ");
  console[level](`[klarna] ${message} ${context}`);
}
