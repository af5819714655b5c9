// Reads a request body, stopping at `maxBytes`: a receiver never holds more than it needs
// in memory, whatever a caller sends.

/** Klarna's callbacks are a few hundred bytes. */
export const CALLBACK_MAX_BYTES = 64 * 1024;

export type JsonBody = { ok: true; value: unknown } | { ok: false; status: 400 | 413; error: string };

/** The whole body, or null as soon as it is over `maxBytes` (the rest is never read). */
export async function readBody(request: Request, maxBytes: number): Promise<Buffer | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        // Not awaited: cancelling one branch of a clone settles only once the other is cancelled too.
        reader.cancel().catch(() => undefined);
        return null;
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}

export async function readJsonBody(request: Request, maxBytes: number): Promise<JsonBody> {
  const body = await readBody(request, maxBytes);
  if (!body) return { ok: false, status: 413, error: `The body is over ${maxBytes} bytes` };
  try {
    return { ok: true, value: JSON.parse(body.toString("utf8")) };
  } catch {
    return { ok: false, status: 400, error: "The body is not JSON" };
  }
}
