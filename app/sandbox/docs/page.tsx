import type { Metadata } from "next";
import { requireSandboxOperator } from "@/lib/auth/sandbox-operator";
import { connection } from "next/server";
import { ApiReferenceView } from "@/components/sandbox/api-reference";
import { SANDBOX_API_PREFIX, sandboxApiReference } from "@/lib/sandbox";

export const metadata: Metadata = { title: "Sandbox API reference" };

// The sandbox's OpenAPI document, readable: built here on the server (no credentials needed) from
// the same generator that serves /sandbox/api/openapi.json.
export default async function SandboxDocsPage({ searchParams }: { searchParams: Promise<{ api?: string | string[] }> }) {
  await connection();
  await requireSandboxOperator("page");
  const { api } = await searchParams;
  return (
    <ApiReferenceView reference={sandboxApiReference()} documentUrl={`${SANDBOX_API_PREFIX}/openapi.json`} api={typeof api === "string" ? api : undefined} />
  );
}
