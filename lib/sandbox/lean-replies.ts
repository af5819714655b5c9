import type { z } from "zod";
import { presenceOf, type Presence } from "@/lib/klarna-wire";
import { defOf, isObject, objectOption, unwrapped } from "@/lib/klarna-wire/schema-walk";

// The minimal_response fault: a reply cut down to what Klarna's OpenAPI marks required (see
// lib/klarna-wire), plus the fields Klarna documents as present under a condition that holds for
// this reply. Clients prove with it that they cope with lean real replies.

export function leanReply(schema: z.ZodType, value: unknown, presence: readonly Presence[]): unknown {
  const def = defOf(unwrapped(schema));
  if (def.type === "array" && def.element && Array.isArray(value)) return value.map((item) => leanReply(def.element!, item, presence));
  if (def.type === "union" && def.options && isObject(value)) {
    const object = objectOption(def.options);
    return object ? leanReply(object, value, presence) : value;
  }
  if (def.type !== "object" || !def.shape || !isObject(value)) return value;
  const lean: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(def.shape)) {
    if (!(key in value) || value[key] === undefined) continue;
    const required = !field.safeParse(undefined).success;
    const condition = presenceOf(field);
    if (required || (condition && presence.includes(condition))) lean[key] = leanReply(field, value[key], presence);
  }
  return lean;
}
