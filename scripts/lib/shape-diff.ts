import type { z } from "zod";

// A reply's shape against the wire contract (lib/klarna-wire): what Klarna guarantees that is
// missing or mistyped, fields the contract does not know, and enum values it does not list.
// Optional fields that are absent are no difference: Klarna documents them as optional.

type Def = {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
};

const defOf = (schema: z.ZodType) => schema._zod.def as unknown as Def;

function unwrapped(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let def = defOf(current); ["optional", "nullable", "default"].includes(def.type) && def.innerType; def = defOf(current)) current = def.innerType;
  return current;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const join = (path: string, key: string | number) => (typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key);

function extras(schema: z.ZodType, value: unknown, path: string, out: string[]): void {
  if (value === null || value === undefined) return;
  const def = defOf(unwrapped(schema));
  if (def.type === "array" && def.element && Array.isArray(value)) {
    value.forEach((item, index) => extras(def.element!, item, join(path, index), out));
    return;
  }
  if (def.type === "union" && def.options) {
    const objectOption = def.options.find((option) => defOf(unwrapped(option)).type === "object");
    if (objectOption && isObject(value)) return extras(objectOption, value, path, out);
    // An open enum: the documented values, or any string. A value outside them is news.
    const listed = def.options.map((option) => defOf(unwrapped(option))).find((option) => option.type === "enum");
    if (listed?.entries && typeof value === "string" && !Object.values(listed.entries).includes(value))
      out.push(`${path}: value ${JSON.stringify(value)} is not among the documented ones`);
    return;
  }
  if (def.type !== "object" || !def.shape || !isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const field = def.shape[key];
    if (!field) out.push(`${join(path, key)}: not in the wire contract`);
    else extras(field, child, join(path, key), out);
  }
}

/** Every difference between `value` and what `schema` documents, one line each; none means conformant. */
export function shapeDifferences(schema: z.ZodType, value: unknown): string[] {
  const parsed = schema.safeParse(value);
  const out = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.map(String).join(".") || "(reply)"}: ${issue.message}`);
  extras(schema, value, "", out);
  return out;
}
