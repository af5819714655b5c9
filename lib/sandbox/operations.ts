import "server-only";
import { CONTROL_OPERATIONS } from "./control-operations";
import { KLARNA_OPERATIONS } from "./klarna-operations";
import type { OperationDoc } from "./operation-doc";

// What each operation of the sandbox's HTTP handler takes and answers, by operation name (the third
// argument of `route(...)` in http.ts): the request and reply schemas come from the wire contract,
// so the OpenAPI document and the lean replies of the minimal_response fault say what Klarna does.
// A route without an entry still appears in the document, as "Undocumented", and the completeness
// test in tests/integration/sandbox-openapi.test.ts fails until it has one.

/** One entry per operation of SANDBOX_ROUTES, keyed by its operation name. */
export const OPERATIONS: Record<string, OperationDoc> = { ...KLARNA_OPERATIONS, ...CONTROL_OPERATIONS };
