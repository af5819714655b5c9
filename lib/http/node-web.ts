import type { IncomingMessage, ServerResponse } from "node:http";

// Bridges node:http and the Fetch API so framework-free handlers `(Request) => Promise<Response>`
// can be mounted on the custom server; and, for handlers that take node:http's request as it is,
// the body under a limit and an ending that keeps the connection usable.

/** What is read and thrown away of a body the handler did not want, so the connection stays usable. */
const MAX_DRAINED_BYTES = 16 * 1024 * 1024;

/** How to stop feeding a request's web stream, for the bytes drain() reads away. */
const abandon = new WeakMap<IncomingMessage, () => void>();

/**
 * The request body as a web stream. A handler that stops reading (a body over its limit) cancels
 * the stream without destroying the socket: sendWebResponse reads the rest away before answering,
 * so a client's next request on the same keep-alive connection still works.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let cancelled = false;
  abandon.set(req, () => (cancelled = true));
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on("data", (chunk: Buffer) => {
          if (cancelled) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 1) <= 0) req.pause();
        });
        req.on("end", () => !cancelled && controller.close());
        req.on("error", (error) => !cancelled && controller.error(error));
        req.pause();
      },
      pull() {
        req.resume();
      },
      cancel() {
        cancelled = true;
        req.pause();
      },
    },
    { highWaterMark: 4 },
  );
}

export function toWebRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((item) => headers.append(name, item));
    else if (value !== undefined) headers.set(name, value);
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(new URL(req.url ?? "/", origin), {
    method,
    headers,
    body: hasBody ? bodyStream(req) : undefined,
    // Required by undici for streamed request bodies.
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
}

/** Reads what is left of the request body; false when there is more than is worth reading. */
function drain(req: IncomingMessage): Promise<boolean> {
  if (req.complete || req.readableEnded) return Promise.resolve(true);
  abandon.get(req)?.();
  return new Promise((resolve) => {
    let drained = 0;
    req.on("data", (chunk: Buffer) => {
      drained += chunk.byteLength;
      if (drained > MAX_DRAINED_BYTES) {
        req.pause();
        resolve(false);
      }
    });
    req.on("end", () => resolve(true));
    req.on("error", () => resolve(false));
    req.resume();
  });
}

/**
 * The request body, or undefined once it passes `maxBytes`: reading stops there, and endResponse
 * reads the rest away (or closes the connection after a huge one).
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= maxBytes) return void chunks.push(chunk);
      stop();
      req.pause();
      resolve(undefined);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const onClose = () => onError(new Error("The client went away before sending the whole body"));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}

/** Ends the response. A body left unread (an early refusal) is read away first, or, when huge, the connection closes after. */
export async function endResponse(res: ServerResponse, req: IncomingMessage | undefined, body?: Buffer | string): Promise<void> {
  const reusable = req ? await drain(req) : true;
  if (!reusable) res.setHeader("connection", "close");
  res.end(body);
  if (!reusable) res.once("finish", () => req?.socket.destroySoon());
}

export async function sendWebResponse(res: ServerResponse, response: Response, req?: IncomingMessage): Promise<void> {
  // Response.error() is a network error: the client sees its connection reset, no reply.
  if (response.type === "error") {
    res.socket?.resetAndDestroy();
    return;
  }
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.appendHeader(name, value));
  await endResponse(res, req, body);
}
