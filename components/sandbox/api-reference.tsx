import type { ApiReference, ReferenceOperation, ReferenceResponse } from "@/lib/sandbox";
import { describeSchema, linkedSchemas, type Field, type SchemaNode } from "./schema-fields";

// The sandbox's API reference, rendered from its OpenAPI document (server components, no script).

const CARD = "rounded-card border border-ink-200 bg-white p-4 dark:border-ink-800 dark:bg-ink-900";
const MUTED = "text-ink-600 dark:text-ink-400";
const METHOD_STYLE: Record<string, string> = {
  GET: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  POST: "bg-brand-100 text-brand-900 dark:bg-brand-900 dark:text-brand-100",
  DELETE: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
};

function MethodBadge({ method }: { method: string }) {
  return (
    <span className={`inline-block w-16 rounded px-2 py-0.5 text-center font-mono text-xs font-bold ${METHOD_STYLE[method] ?? "bg-ink-100 dark:bg-ink-800"}`}>
      {method}
    </span>
  );
}

function StatusBadge({ status }: { status: string }) {
  const success = status.startsWith("2");
  return (
    <span
      className={`inline-block rounded px-2 py-0.5 font-mono text-xs font-bold ${success ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100" : "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100"}`}
    >
      {status}
    </span>
  );
}

/** Depth-first rows of a field tree, for one table with indented nested fields. */
function rows(fields: Field[], depth = 0, prefix = ""): { field: Field; depth: number; key: string }[] {
  return fields.flatMap((field) => [{ field, depth, key: `${prefix}${field.name}` }, ...rows(field.fields ?? [], depth + 1, `${prefix}${field.name}.`)]);
}

function TypeName({ node }: { node: SchemaNode }) {
  return node.ref ? (
    <a href={`#schema-${node.ref}`} className="underline">
      {node.type}
    </a>
  ) : (
    node.type
  );
}

function SchemaView({ node, label }: { node: SchemaNode; label: string }) {
  if (!node.fields) {
    return (
      <p className="text-sm">
        <code className="font-mono">
          <TypeName node={node} />
        </code>
        {node.details.length > 0 ? <span className={MUTED}> · {node.details.join(" · ")}</span> : null}
        {node.description ? <span className={MUTED}> · {node.description}</span> : null}
      </p>
    );
  }
  return (
    <div className="space-y-2">
      {node.type !== "object" ? (
        <p className="text-sm">
          <code className="font-mono">
            <TypeName node={node} />
          </code>
          {node.description ? <span className={MUTED}> · {node.description}</span> : null}
        </p>
      ) : null}
      {/* Focusable and named, so a keyboard user can scroll a table wider than the screen. */}
      <div className="overflow-x-auto" role="region" aria-label={label} tabIndex={0}>
        <table className="w-full text-left text-sm [&_td]:py-1 [&_td]:pr-4 [&_td]:align-top" aria-label={label}>
          <thead className={`border-b border-ink-200 text-xs uppercase dark:border-ink-800 ${MUTED}`}>
            <tr>
              <th scope="col" className="py-1 pr-4 font-medium">
                Field
              </th>
              <th scope="col" className="py-1 pr-4 font-medium">
                Type
              </th>
              <th scope="col" className="py-1 pr-4 font-medium">
                Required
              </th>
              <th scope="col" className="py-1 font-medium">
                Constraints and notes
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-ink-100 dark:divide-ink-800">
            {rows(node.fields).map(({ field, depth, key }) => (
              <tr key={key}>
                <td className="font-mono whitespace-nowrap" style={depth > 0 ? { paddingLeft: `${depth * 1.25}rem` } : undefined}>
                  {depth > 0 ? (
                    <span className={MUTED} aria-hidden="true">
                      └{" "}
                    </span>
                  ) : null}
                  {field.name}
                </td>
                <td className="font-mono text-xs whitespace-nowrap">
                  <TypeName node={field} />
                </td>
                <td>{field.required ? "yes" : <span className={MUTED}>no</span>}</td>
                <td className={`text-xs break-words ${MUTED}`}>{[field.description, ...field.details].filter(Boolean).join(" · ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Response({ response, schemas }: { response: ReferenceResponse; schemas: ApiReference["schemas"] }) {
  const isError = !response.status.startsWith("2");
  const headers = response.headers.filter((header) => header.name !== "Klarna-Correlation-Id");
  return (
    <li className="space-y-2">
      <p className="text-sm">
        <StatusBadge status={response.status} /> {response.description}
        {isError && response.schema ? (
          <>
            {" "}
            <a href="#errors" className={`underline ${MUTED}`}>
              error envelope
            </a>
          </>
        ) : null}
      </p>
      {headers.length > 0 ? (
        <ul className="ml-6 list-disc text-sm">
          {headers.map((header) => (
            <li key={header.name}>
              Header <code className="font-mono">{header.name}</code>
              {header.description ? <span className={MUTED}>: {header.description}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {!isError && response.schema ? (
        <details className="ml-6">
          <summary className="cursor-pointer text-sm font-medium">Response body</summary>
          <div className="mt-2">
            <SchemaView node={describeSchema(response.schema, schemas)} label={`${response.status} response body`} />
          </div>
        </details>
      ) : null}
    </li>
  );
}

function Operation({ operation, schemas }: { operation: ReferenceOperation; schemas: ApiReference["schemas"] }) {
  return (
    <article id={operation.operationId} className={`${CARD} scroll-mt-4 space-y-4`} data-testid="api-operation">
      <div className="space-y-1">
        <p className="flex flex-wrap items-center gap-3">
          <MethodBadge method={operation.method} />
          <code className="font-mono text-sm break-all">{operation.path}</code>
        </p>
        <h3 className="text-lg font-semibold">{operation.summary}</h3>
        {operation.description ? <p className={`text-sm ${MUTED}`}>{operation.description}</p> : null}
        <p className={`text-xs ${MUTED}`}>
          <code className="font-mono">{operation.operationId}</code> · {operation.authenticated ? "Basic auth" : "no authentication"}
        </p>
      </div>

      {operation.parameters.length > 0 ? (
        <div className="space-y-1">
          <h4 className="text-sm font-semibold">Parameters</h4>
          <ul className="space-y-1 text-sm">
            {operation.parameters.map((parameter) => (
              <li key={`${parameter.in}:${parameter.name}`}>
                <code className="font-mono">{parameter.name}</code>{" "}
                <span className={MUTED}>
                  ({parameter.in}
                  {parameter.required ? ", required" : ", optional"})
                </span>
                {parameter.description ? <span className={MUTED}>: {parameter.description}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {operation.requestBody ? (
        <details open className="space-y-2">
          <summary className="cursor-pointer text-sm font-semibold">Request body (application/json)</summary>
          <div className="mt-2">
            <SchemaView node={describeSchema(operation.requestBody, schemas)} label={`${operation.operationId} request body`} />
          </div>
        </details>
      ) : null}

      <div className="space-y-2">
        <h4 className="text-sm font-semibold">Responses</h4>
        <ul className="space-y-2">
          {operation.responses.map((response) => (
            <Response key={response.status} response={response} schemas={schemas} />
          ))}
        </ul>
      </div>
    </article>
  );
}

const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * One API (tag) at a time, chosen by `?api=`: all of them on one page came to a megabyte of HTML.
 * The overview lists every operation, each linking to its API's page.
 */
export function ApiReferenceView({ reference, documentUrl, api }: { reference: ApiReference; documentUrl: string; api?: string }) {
  const shown = reference.tags.find((tag) => tag.name === api) ?? reference.tags[0]!;
  const pageOf = (tag: string) => `?api=${encodeURIComponent(tag)}`;
  const bodies = [shown].flatMap((tag) =>
    tag.operations.flatMap((operation) => [
      operation.requestBody,
      ...operation.responses.filter((response) => response.status.startsWith("2")).map((response) => response.schema),
    ]),
  );
  const shared = linkedSchemas(
    bodies.filter((body) => body !== undefined).map((body) => describeSchema(body, reference.schemas)),
    reference.schemas,
  );
  return (
    <main id="main" className="mx-auto w-full max-w-5xl flex-1 space-y-10 px-4 py-10">
      <header className="space-y-4">
        <h1 className="text-3xl font-bold">Sandbox API reference</h1>
        {reference.description ? <p className={MUTED}>{reference.description}</p> : null}
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">Base URL</dt>
          <dd>
            <code className="font-mono break-all">{reference.serverUrl}</code>
          </dd>
          <dt className="font-medium">Authentication</dt>
          <dd>HTTP Basic with the merchant API credentials</dd>
          <dt className="font-medium">Shared objects</dt>
          <dd>
            <a href="#schemas" className="underline">
              Schemas
            </a>
          </dd>
          <dt className="font-medium">OpenAPI 3.1</dt>
          <dd>
            <a href={documentUrl} className="underline">
              {documentUrl}
            </a>
          </dd>
        </dl>
        <nav aria-label="Operations" className={`${CARD} grid gap-4 sm:grid-cols-2`}>
          {reference.tags.map((tag) => (
            <div key={tag.name}>
              <p className="font-semibold">
                <a href={`${pageOf(tag.name)}#tag-${tag.name}`} className="hover:underline" aria-current={tag === shown ? "page" : undefined}>
                  {tag.name}
                </a>
              </p>
              <ul className="mt-1 space-y-0.5 text-sm">
                {tag.operations.map((operation) => (
                  <li key={operation.operationId}>
                    <a href={`${pageOf(tag.name)}#${operation.operationId}`} className="hover:underline">
                      <span className="inline-block w-14 font-mono text-xs font-bold">{operation.method}</span>
                      {operation.summary}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
      </header>

      <section id="errors" aria-labelledby="errors-heading" className="scroll-mt-4 space-y-3">
        <h2 id="errors-heading" className="text-2xl font-bold">
          Errors
        </h2>
        <p className={MUTED}>
          Every error answers with Klarna&apos;s envelope and a status code; every response carries a <code className="font-mono">Klarna-Correlation-Id</code>{" "}
          header, repeated as <code className="font-mono">correlation_id</code> in the envelope.
        </p>
        <div className={CARD}>
          <SchemaView node={describeSchema(reference.errorSchema, reference.schemas)} label="Error envelope" />
        </div>
      </section>

      {[shown].map((tag) => (
        <section key={tag.name} id={`tag-${tag.name}`} aria-labelledby={`tag-${tag.name}-heading`} className="scroll-mt-4 space-y-4">
          <div>
            <h2 id={`tag-${tag.name}-heading`} className="text-2xl font-bold">
              {tag.name}
            </h2>
            {tag.description ? <p className={MUTED}>{tag.description}</p> : null}
          </div>
          {tag.operations.map((operation) => (
            <Operation key={operation.operationId} operation={operation} schemas={reference.schemas} />
          ))}
        </section>
      ))}

      {shared.length > 0 ? (
        <section id="schemas" aria-labelledby="schemas-heading" className="scroll-mt-4 space-y-4">
          <h2 id="schemas-heading" className="text-2xl font-bold">
            Schemas
          </h2>
          <p className={MUTED}>Objects the {shown.name} operations above refer to by name.</p>
          {shared.map((name) => (
            <div key={name} id={`schema-${name}`} className={`${CARD} scroll-mt-4 space-y-2`}>
              <h3 className="font-mono text-lg font-semibold">{name}</h3>
              <SchemaView node={describeSchema(schemaRef(name), reference.schemas)} label={name} />
            </div>
          ))}
        </section>
      ) : null}
    </main>
  );
}
