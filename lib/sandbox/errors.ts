// Klarna's error envelope: { error_code, error_messages, correlation_id }. Core functions throw
// these; the HTTP layer turns them into responses with the request's correlation id.

export class KlarnaApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: string[],
  ) {
    super(`${status} ${code}: ${messages.join("; ")}`);
    this.name = "KlarnaApiError";
  }
}

export const badValue = (...paths: string[]) =>
  new KlarnaApiError(
    400,
    "BAD_VALUE",
    paths.map((path) => `Bad value: ${path}`),
  );

export const badRequest = (message: string) => new KlarnaApiError(400, "BAD_REQUEST", [message]);

export const notFound = (message: string, code = "NOT_FOUND") => new KlarnaApiError(404, code, [message]);

/** A KP session that already has its one order: nothing more can be done with it. */
export const sessionCompleted = () => notFound("Session is already completed", "SESSION_COMPLETED");

export const forbidden = (code: string, message: string) => new KlarnaApiError(403, code, [message]);

/** Turns a zod issue path into Klarna's notation: ["order_lines", 1, "tax_rate"] → order_lines[1].tax_rate. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === "number") return `${text}[${key}]`;
    return text ? `${text}.${String(key)}` : String(key);
  }, "");
}
