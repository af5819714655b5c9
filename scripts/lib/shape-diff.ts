import type { z } from "zod";
import { defOf, isObject, objectOption, unwrapped } from "@/lib/klarna-wire/schema-walk";

// A reply's shape against the wire contract (lib/klarna-wire): what Klarna guarantees that is
// missing or mistyped, fields the contract does not know, and enum values it does not list.
// Optional fields that are absent are no difference: Klarna documents them as optional.

const join = (path: string, key: string | number) => (typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key);

function extras(schema: z.ZodType, value: unknown, path: string, out: string[]): void {
  if (value === null || value === undefined) return;
  const def = defOf(unwrapped(schema));
  if (def.type === "array" && def.element && Array.isArray(value)) {
    value.forEach((item, index) => extras(def.element!, item, join(path, index), out));
    return;
  }
  if (def.type === "union" && def.options) {
    const object = objectOption(def.options);
    if (object && isObject(value)) return extras(object, value, path, out);
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
