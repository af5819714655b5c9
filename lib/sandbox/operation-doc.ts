import "server-only";
import { z } from "zod";

// The shape of an operation's documentation, shared by the two tables (klarna-operations.ts,
// control-operations.ts) that operations.ts joins.

export type Tag = "KP" | "HPP" | "OM" | "Control";
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

/** A reply header carrying an id or a URL (Capture-Id, Location). */
export const idHeader = (description: string) => z.string().meta({ description });

// Error causes both tables name.
export const NOT_FOUND_HPP_SESSION = "Unknown or expired HPP session (NOT_FOUND)";
export const NOT_FOUND_ORDER = "Unknown order (NO_SUCH_ORDER)";
