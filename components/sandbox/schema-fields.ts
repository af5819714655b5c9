// Turns the JSON Schemas of an OpenAPI 3.1 document into what the docs page shows: per field its
// name, a readable type, whether it is required, its constraints and its nested fields.

export type JsonSchema = { [keyword: string]: unknown };

export interface SchemaNode {
  /** e.g. `string`, `integer`, `OrderLine`, `array of OrderLine`, `string | null` */
  type: string;
  /** Constraints and defaults, e.g. `≤ 2000 characters`, `default: "NONE"`, `one of: A, B`. */
  details: string[];
  description?: string;
  /** The fields of an object, or of the objects an array holds. */
  fields?: Field[];
  /** The named schema (components.schemas) the type is, when it is shown by name and not expanded. */
  ref?: string;
}

export interface Field extends SchemaNode {
  name: string;
  required: boolean;
}

const MAX_DEPTH = 8;
const SAFE = Number.MAX_SAFE_INTEGER;
const REF_PREFIX = "#/components/schemas/";

const isObject = (value: unknown): value is JsonSchema => typeof value === "object" && value !== null && !Array.isArray(value);
const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** Enum values, without the lower-case twins a case-insensitive enum lists. */
function enumValues(values: unknown[]): string[] {
  const seen = new Set<string>();
  return values.flatMap((value) => {
    const key = typeof value === "string" ? value.toUpperCase() : JSON.stringify(value);
    if (seen.has(key)) return [];
    seen.add(key);
    return [show(value)];
  });
}

function constraints(schema: JsonSchema): string[] {
  const details: string[] = [];
  const { minLength, maxLength, minimum, maximum, exclusiveMinimum, exclusiveMaximum, minItems, maxItems, pattern, format } = schema as Record<
    string,
    number | string | undefined
  >;
  if (typeof minLength === "number" && typeof maxLength === "number")
    details.push(minLength === maxLength ? `exactly ${minLength} characters` : `${minLength}–${maxLength} characters`);
  else if (typeof maxLength === "number") details.push(`≤ ${maxLength} characters`);
  else if (minLength === 1) details.push("non-empty");
  else if (typeof minLength === "number" && minLength > 1) details.push(`≥ ${minLength} characters`);
  const low = typeof minimum === "number" && minimum > -SAFE ? `≥ ${minimum}` : typeof exclusiveMinimum === "number" ? `> ${exclusiveMinimum}` : undefined;
  const high = typeof maximum === "number" && maximum < SAFE ? `≤ ${maximum}` : typeof exclusiveMaximum === "number" ? `< ${exclusiveMaximum}` : undefined;
  if (low || high) details.push([low, high].filter(Boolean).join(", "));
  if (typeof minItems === "number" && typeof maxItems === "number") details.push(`${minItems}–${maxItems} items`);
  else if (typeof maxItems === "number") details.push(`≤ ${maxItems} items`);
  else if (minItems === 1) details.push("at least one item");
  else if (typeof minItems === "number" && minItems > 1) details.push(`≥ ${minItems} items`);
  if (typeof pattern === "string" && format !== "date-time") details.push(`pattern ${pattern}`);
  if (Array.isArray(schema.enum)) details.push(`one of: ${enumValues(schema.enum).join(", ")}`);
  if ("const" in schema) details.push(`always ${show(schema.const)}`);
  if ("default" in schema) details.push(`default: ${show(schema.default)}`);
  return details;
}

/**
 * Describes a schema. A named object schema (`$ref`) is expanded at the top (the body itself, or
 * the items of a top-level array) and shown by name, with `ref` set, inside fields; other named
 * schemas (an enum, say) are spelled out. Each name expands once per branch, so cycles end.
 */
export function describeSchema(schema: unknown, schemas: Record<string, unknown>, seen: readonly string[] = [], nested = false): SchemaNode {
  if (!isObject(schema) || seen.length > MAX_DEPTH) return { type: "any", details: [] };
  const description = typeof schema.description === "string" ? schema.description : undefined;

  if (typeof schema.$ref === "string") {
    const name = schema.$ref.startsWith(REF_PREFIX) ? schema.$ref.slice(REF_PREFIX.length) : schema.$ref;
    const target = schemas[name];
    if (!isObject(target)) return { type: name, details: [], description };
    const isObjectSchema = target.type === "object" || isObject(target.properties);
    if (isObjectSchema && (nested || seen.includes(name)))
      return { type: name, details: [], description: description ?? (target.description as string | undefined), ref: name };
    const inner = describeSchema(target, schemas, [...seen, name], nested);
    return { ...inner, type: isObjectSchema ? name : inner.type, description: description ?? inner.description };
  }

  const variants = (Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined) as unknown[] | undefined;
  if (variants) {
    const nodes = variants.map((variant) => describeSchema(variant, schemas, seen, nested));
    const withFields = nodes.filter((node) => node.fields);
    return {
      type: nodes.map((node) => node.type).join(" | "),
      details: [...new Set([...nodes.flatMap((node) => node.details), ...constraints(schema)])],
      description: description ?? nodes.find((node) => node.description)?.description,
      fields: withFields.length === 1 ? withFields[0]!.fields : undefined,
      ref: nodes.filter((node) => node.ref).length === 1 ? nodes.find((node) => node.ref)!.ref : undefined,
    };
  }

  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : typeof schema.type === "string" ? schema.type : undefined;

  if (type === "array") {
    const items = describeSchema(schema.items, schemas, seen, nested);
    return {
      type: `array of ${items.type}`,
      details: [...constraints(schema), ...items.details.map((detail) => `each: ${detail}`)],
      description: description ?? items.description,
      fields: items.fields,
      ref: items.ref,
    };
  }

  if (type === "object" || isObject(schema.properties)) {
    const properties = isObject(schema.properties) ? schema.properties : {};
    const required = Array.isArray(schema.required) ? schema.required : [];
    const fields = Object.entries(properties).map(([name, property]) => ({
      name,
      required: required.includes(name),
      ...describeSchema(property, schemas, seen, true),
    }));
    if (fields.length === 0 && isObject(schema.additionalProperties)) {
      const values = describeSchema(schema.additionalProperties, schemas, seen, true);
      return { type: values.type === "any" ? "object" : `map of ${values.type}`, details: constraints(schema), description };
    }
    return { type: "object", details: constraints(schema), description, fields: fields.length > 0 ? fields : undefined };
  }

  const format = typeof schema.format === "string" ? ` (${schema.format})` : "";
  return { type: `${type ?? (Array.isArray(schema.enum) ? "enum" : "any")}${format}`, details: constraints(schema), description };
}

/** The named schemas these nodes show by name, and the ones those show in turn, sorted. */
export function linkedSchemas(nodes: SchemaNode[], schemas: Record<string, unknown>): string[] {
  const found = new Set<string>();
  const visit = (node: SchemaNode) => {
    if (node.ref && !found.has(node.ref)) {
      found.add(node.ref);
      visit(describeSchema({ $ref: `${REF_PREFIX}${node.ref}` }, schemas));
    }
    node.fields?.forEach(visit);
  };
  nodes.forEach(visit);
  return [...found].sort();
}
