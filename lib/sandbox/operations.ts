import "server-only";
import { z } from "zod";
import { CONTROL_OPERATIONS } from "./control-operations";
import { KLARNA_OPERATIONS } from "./klarna-operations";

// What each operation of the sandbox's HTTP handler takes and answers, by operation name (the third
// argument of `route(...)` in http.ts): the request and reply schemas come from the wire contract,
// so the OpenAPI document and the lean replies of the minimal_response fault say what Klarna does.
// A route without an entry still appears in the document, as "Undocumented", and the completeness
// test in tests/integration/sandbox-openapi.test.ts fails until it has one.

type Tag = "KP" | "HPP" | "OM" | "Control";
type ErrorStatus = 400 | 403 | 404 | 409;

/** The OpenAPI tag of an operation, from its name's prefix (`om.capture` → OM). */
const TAG_OF_PREFIX: Record<string, Tag> = { kp: "KP", hpp: "HPP", om: "OM", control: "Control", sandbox: "Control" };
export const tagOf = (operation: string): Tag => TAG_OF_PREFIX[operation.split(".")[0] ?? ""] ?? "Control";

export interface OperationDoc {
  summary: string;
  description?: string;
  /** The request body, as the handler parses it. 400, 413 and 415 are then documented too. */
  body?: z.ZodType;
  /** The success reply. */
  success: { status: 200 | 201 | 204; description: string; body?: z.ZodType; headers?: z.ZodObject };
  /** Errors beyond 401 (unless in PUBLIC_OPERATIONS) and 400/413/415 (with a body), and their causes. */
  errors?: Partial<Record<ErrorStatus, string>>;
  /** The statuses the operation can lead to, for the scenario catalogue (/sandbox/scenarios). */
  leadsTo?: string[];
}

/** One entry per operation of SANDBOX_ROUTES, keyed by its operation name. */
export const OPERATIONS: Record<string, OperationDoc> = { ...KLARNA_OPERATIONS, ...CONTROL_OPERATIONS };

export { ClockState } from "./control-operations";
export { idHeader } from "./klarna-operations";
