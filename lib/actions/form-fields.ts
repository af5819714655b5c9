import { z } from "zod";

// How a server action reads its form, before its zod schema sees it: one reading for every field,
// so no action trims or defaults on its own.

/** A form's fields by name: text, or the list of texts of a name sent more than once. */
type FormFields = Record<string, string | (string | undefined)[] | undefined>;

/** A form field's text, trimmed; undefined when it is missing, blank or a file. */
function formText(value: FormDataEntryValue | undefined): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/**
 * Every field of `form` read by formText. A list (checkboxes, repeated rows) keeps its positions,
 * a blank entry being undefined. `secrets` are read exactly as typed: a password's spaces count.
 */
export function formFields(form: FormData, secrets: readonly string[] = []): FormFields {
  const fields: FormFields = {};
  for (const name of new Set(form.keys())) {
    const values = form.getAll(name);
    if (secrets.includes(name)) fields[name] = typeof values[0] === "string" && values.length === 1 ? values[0] : undefined;
    else fields[name] = values.length === 1 ? formText(values[0]) : values.map(formText);
  }
  return fields;
}

/** A text field (formText has trimmed it; blank is absent). */
export const textField = z.string().optional();

/** A checkbox: React and the browser send "on" when it is ticked, nothing otherwise. */
export const checkboxField = textField.transform((value) => value === "on");

/** A field the form may send any number of times, as a list; absent when it was not sent. */
export const listField = <Item extends z.ZodType>(item: Item) =>
  z.preprocess((value) => (value === undefined || Array.isArray(value) ? value : [value]), z.array(item).optional());
