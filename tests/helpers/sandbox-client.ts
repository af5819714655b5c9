import { SANDBOX_AUTH } from "./sandbox-auth";

// The one way tests talk to the sandbox: its Klarna-style HTTP API and its control API, nothing
// else. The same client works in-process (the sandbox's request handler called directly) and
// against a server on a real port (plain `fetch`).

/** Durations in milliseconds, as `advanceClock` and Date arithmetic take them. */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Anything that answers a Request: `fetch` to a server, or the sandbox's handler in-process. */
type RequestHandler = (request: Request) => Promise<Response>;

interface SandboxReply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** What the hosted page's buttons answer: the session's new status and where the browser goes. */
interface ConsumerResult {
  status: string;
  redirect_to: string | null;
  fallback_categories?: string[];
  redirect_dropped?: boolean;
}

/** Klarna's error envelope, as a refusal answers. */
interface KlarnaError {
  error_code: string;
  error_messages: string[];
  correlation_id: string;
}

/** One entry of the callback ledger (GET /_control/callbacks). */
interface CallbackEntry {
  event_id: string;
  kind: string;
  subject_id: string;
  url: string;
  state: "pending" | "delivered" | "failed" | "dropped";
  payload: Record<string, unknown>;
}

interface SandboxClientOptions {
  /** Sends each request; `fetch` unless the sandbox runs in this process. */
  handle?: RequestHandler;
  /** The Authorization header value; the sandbox's development credentials unless given. */
  authorization?: string;
  /** Sent as Klarna-Sandbox-Namespace on every request. */
  namespace?: string;
}

export type SandboxClient = ReturnType<typeof sandboxClient>;

/** A client for the sandbox at `origin` (its API lives under `${origin}/sandbox/api`). */
export function sandboxClient(origin: string, { handle = fetch, authorization = SANDBOX_AUTH.authorization, namespace }: SandboxClientOptions = {}) {
  const base = `${origin}/sandbox/api`;

  async function call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<SandboxReply<T>> {
    const response = await handle(
      new Request(`${base}${path}`, {
        method,
        headers: {
          authorization,
          ...(namespace ? { "klarna-sandbox-namespace": namespace } : {}),
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      }),
    );
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  /** A control call that must succeed: its body, or an error naming what the sandbox said. */
  async function control<T = any>(method: string, path: string, body?: unknown, expected = 200): Promise<T> {
    const reply = await call<T>(method, `/_control${path}`, body);
    if (reply.status !== expected) throw new Error(`${method} /_control${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  const listCallbacks = async () => (await control<{ callbacks: CallbackEntry[] }>("GET", "/callbacks")).callbacks;

  return {
    base,
    call,

    /** What the hosted page's buttons do: approve (the default), decline, cancel, back or error. */
    pay: (sessionId: string, outcome = "approve", extra: Record<string, unknown> = {}) =>
      call<ConsumerResult & Partial<KlarnaError>>("POST", `/_control/hpp/${sessionId}/complete`, { outcome, ...extra }),

    /** Moves sandbox time forward by `ms` (whole seconds): expiries, fraud decisions and callback retries follow it. */
    advanceClock: (ms: number) => control("POST", "/clock/advance", { seconds: ms / 1000 }),
    resetClock: () => control("POST", "/clock/reset"),

    /** Arms a fault in the sandbox itself (unlike a test server's transport faults, it can act and then lose the reply). */
    addFault: (fault: Record<string, unknown>) => control("POST", "/faults", fault, 201),
    clearFaults: () => control("DELETE", "/faults", undefined, 204),
    listFaults: async () => (await control<{ faults: { fired: number }[] }>("GET", "/faults")).faults,

    /** The callback ledger, newest first. */
    listCallbacks,
    /** The newest callback about a session or an order: its URL carries what the merchant asked Klarna to call. */
    latestCallback: async (subjectId: string) => {
      const found = (await listCallbacks()).find((callback) => callback.subject_id === subjectId);
      if (!found) throw new Error(`No callback about ${subjectId} in the ledger`);
      return found;
    },

    /** The namespace's clock and how many sessions, orders, callbacks … it holds. */
    namespaceSummary: () =>
      control<{ counts: Record<"kp_sessions" | "hpp_sessions" | "orders" | "callbacks" | "faults" | "outbox", number> }>("GET", "/namespace"),
  };
}
