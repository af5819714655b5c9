import { unstorablePath } from "@/lib/text";

// A server action's arguments arrive in React's reply format, which React decodes before any
// action code runs: a payload no page of ours could send (unparsable JSON, a reference to a part
// that is not there, a promise, nesting thousands deep) throws inside that decoder and answers
// 500. These checks accept what React sends for our actions (plain values, and forms) and refuse
// the rest with a reason, before the decoder sees it.

// How React writes plain values in its reply format: an escaped "$", undefined, dates, bigints, odd numbers.
const PLAIN_VALUE = /^\$(\$|undefined$|D|n\d|-0$|NaN$|-?Infinity$)/;
const FORM_REFERENCE = /^\$K(\d+)$/;
const BOUND_REFERENCE = /^\$@(\d+)$/;

/** A reference to something other than plain data or one of `forms`, or null. */
function strayReference(value: unknown, forms: Set<string>): string | null {
  if (typeof value === "string") {
    if (!value.startsWith("$") || PLAIN_VALUE.test(value)) return null;
    const form = FORM_REFERENCE.exec(value);
    return form && forms.has(form[1]!) ? null : value;
  }
  if (typeof value !== "object" || value === null) return null;
  for (const child of Object.values(value)) {
    const found = strayReference(child, forms);
    if (found) return found;
  }
  return null;
}

function parseJson(text: unknown): { value: unknown } | null {
  if (typeof text !== "string") return null;
  try {
    return { value: JSON.parse(text) };
  } catch {
    return null;
  }
}

/** Why an argument list, as React encodes it, cannot be one of ours; null when it can. */
function argumentsProblem(encoded: unknown, forms: Set<string>): string | null {
  const parsed = parseJson(encoded);
  if (!parsed) return "The action's arguments are not JSON";
  if (!Array.isArray(parsed.value)) return "The action's arguments must be a list";
  const unstorable = unstorablePath(parsed.value);
  if (unstorable) return `The action's arguments hold text that cannot be stored, or nest too deep, at ${unstorable}`;
  const stray = strayReference(parsed.value, forms);
  return stray ? `The action's arguments refer to ${JSON.stringify(stray.slice(0, 20))}, which none of our pages sends` : null;
}

async function formData(request: Request): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch {
    return null;
  }
}

/** A call from the page's JavaScript (it carries a Next-Action header): why it cannot be ours, or null. */
export async function actionCallProblem(request: Request): Promise<string | null> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  // Plain arguments (the cart's quantity buttons) come as JSON text.
  if (type.startsWith("text/plain")) return argumentsProblem(await request.text(), new Set());
  if (!type.startsWith("multipart/form-data")) return "A server action takes JSON text or form data";
  const form = await formData(request);
  if (!form) return "The form data does not parse";
  // Form k's fields arrive as parts named "k_field"; a form with no fields has no parts, so any
  // form reference is accepted and React finds an empty form.
  const forms = new Set([...String(form.get("0") ?? "").matchAll(/"\$K(\d+)"/g)].map((match) => match[1]!));
  return argumentsProblem(form.get("0"), forms);
}

/** A form posted without JavaScript (React's hidden $ACTION_ fields): why it cannot be ours, or null. */
export async function progressiveFormProblem(request: Request): Promise<string | null> {
  const form = await formData(request);
  if (!form) return "The form data does not parse";
  for (const key of form.keys()) {
    const reference = /^\$ACTION_REF_(\d+)$/.exec(key);
    if (!reference) continue;
    const action = parseJson(form.get(`$ACTION_${reference[1]}:0`))?.value as { id?: unknown; bound?: unknown } | undefined;
    if (!action || typeof action.id !== "string") return "The form's action reference does not parse";
    if (action.bound === null || action.bound === undefined) continue;
    const bound = typeof action.bound === "string" ? BOUND_REFERENCE.exec(action.bound) : null;
    if (!bound) return "The form's bound arguments are not a reference to a field";
    const problem = argumentsProblem(form.get(`$ACTION_${reference[1]}:${bound[1]}`), new Set());
    if (problem) return problem;
  }
  return null;
}
