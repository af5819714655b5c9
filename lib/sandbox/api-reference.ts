import "server-only";
import type { oas31 } from "zod-openapi";
import { SANDBOX_ROUTES } from "./http";
import { SANDBOX_API_PREFIX, sandboxOpenApiDocument } from "./openapi";

// ---- For the docs page (/sandbox/docs): the document's operations grouped by tag, in route order.

type Schema = oas31.SchemaObject | oas31.ReferenceObject;

export interface ReferenceParameter {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  schema?: Schema;
}

export interface ReferenceResponse {
  status: string;
  description: string;
  headers: { name: string; description?: string }[];
  schema?: Schema;
}

export interface ReferenceOperation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  authenticated: boolean;
  parameters: ReferenceParameter[];
  requestBody?: Schema;
  responses: ReferenceResponse[];
}

export interface ApiReference {
  title: string;
  description?: string;
  serverUrl: string;
  /** Named schemas the operations' schemas refer to (`#/components/schemas/<name>`). */
  schemas: Record<string, Schema>;
  errorSchema: Schema;
  tags: { name: string; description?: string; operations: ReferenceOperation[] }[];
}

const isReference = (value: object): value is oas31.ReferenceObject => "$ref" in value;
const jsonSchemaOf = (content: oas31.ContentObject | undefined) => content?.["application/json"]?.schema;

export function sandboxApiReference(): ApiReference {
  const document = sandboxOpenApiDocument(SANDBOX_ROUTES);
  const operations: (ReferenceOperation & { tag: string })[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of ["get", "post", "patch", "delete"] as const) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = (operation.parameters ?? []).filter((parameter): parameter is oas31.ParameterObject => !isReference(parameter));
      const body = operation.requestBody && !isReference(operation.requestBody) ? jsonSchemaOf(operation.requestBody.content) : undefined;
      operations.push({
        tag: operation.tags?.[0] ?? "Control",
        operationId: operation.operationId ?? `${method} ${path}`,
        method: method.toUpperCase(),
        path,
        summary: operation.summary ?? "",
        description: operation.description,
        authenticated: !(operation.security && operation.security.length === 0),
        parameters: parameters.map((parameter) => ({
          name: parameter.name,
          in: parameter.in,
          required: parameter.required ?? false,
          description: parameter.description,
          schema: parameter.schema,
        })),
        requestBody: body,
        responses: Object.entries(operation.responses ?? {}).flatMap(([status, response]: [string, oas31.ResponseObject | oas31.ReferenceObject]) =>
          isReference(response)
            ? []
            : [
                {
                  status,
                  description: response.description,
                  headers: Object.entries(response.headers ?? {}).map(([name, header]) => ({
                    name,
                    description: isReference(header) ? undefined : header.description,
                  })),
                  schema: jsonSchemaOf(response.content),
                },
              ],
        ),
      });
    }
  }
  const declared = document.tags ?? [];
  const extra = [...new Set(operations.map((operation) => operation.tag))].filter((name) => !declared.some((tag) => tag.name === name));
  const tags = [...declared, ...extra.map((name) => ({ name, description: undefined }))].map((tag) => ({
    name: tag.name,
    description: tag.description,
    operations: operations.filter((operation) => operation.tag === tag.name),
  }));
  return {
    title: document.info.title,
    description: document.info.description,
    serverUrl: document.servers?.[0]?.url ?? SANDBOX_API_PREFIX,
    schemas: document.components?.schemas ?? {},
    errorSchema: { $ref: "#/components/schemas/ErrorResponse" },
    tags: tags.filter((tag) => tag.operations.length > 0),
  };
}
