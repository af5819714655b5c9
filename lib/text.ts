// What text the database can store: Postgres refuses NUL in text and JSON, and a lone UTF-16
// surrogate is not a character at all. Every boundary refuses such text with a 400 naming the
// field instead of letting the database fail with a 500.

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isStorable = (text: string) => !UNSTORABLE.test(text);

/** The most JSON nesting any request here needs (Klarna's bodies go four or five levels deep). */
export const MAX_JSON_DEPTH = 16;

/**
 * The first place in a parsed JSON value (or form values) that cannot be stored: a string with
 * NUL or a lone surrogate, or nesting deeper than MAX_JSON_DEPTH. Returns its path, or null.
 */
export function unstorablePath(value: unknown, path = "", depth = 0): string | null {
  if (typeof value === "string") return isStorable(value) ? null : path || "body";
  if (typeof value !== "object" || value === null) return null;
  if (depth >= MAX_JSON_DEPTH) return path || "body";
  for (const [key, child] of Object.entries(value)) {
    const childPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (!isStorable(key)) return childPath;
    const found = unstorablePath(child, childPath, depth + 1);
    if (found) return found;
  }
  return null;
}
