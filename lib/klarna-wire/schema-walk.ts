import type { z } from "zod";

// Reading the contract's own schemas: the sandbox's lean replies (lib/sandbox/lean-replies.ts) and
// the conformance check against Klarna (scripts/lib/shape-diff.ts) walk the same zod definitions.

/** The parts of a zod schema's definition the walks read. */
export type SchemaDef = {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
};

export const defOf = (schema: z.ZodType) => schema._zod.def as unknown as SchemaDef;

/** The schema under optional / nullable / default wrappers. */
export function unwrapped(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let def = defOf(current); ["optional", "nullable", "default"].includes(def.type) && def.innerType; def = defOf(current)) current = def.innerType;
  return current;
}

/** The object schema among a union's options (a reply that is an object or something else), if any. */
export const objectOption = (options: z.ZodType[]) => options.find((option) => defOf(unwrapped(option)).type === "object");

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
