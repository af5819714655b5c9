import type { Metadata } from "next";
import { requireSandboxOperator } from "@/lib/auth/sandbox-operator";
import { cookies } from "next/headers";
import { connection } from "next/server";
import { SandboxDashboard } from "@/components/sandbox/dashboard/dashboard";
import { loadDashboard, NAMESPACE_COOKIE, namespaceFromCookie } from "@/lib/sandbox";

export const metadata: Metadata = { title: "Sandbox dashboard" };

// The sandbox dashboard for the visitor's namespace (cookie `sandbox_namespace`).
export default async function SandboxDashboardPage() {
  await connection();
  await requireSandboxOperator("page");
  const namespace = namespaceFromCookie((await cookies()).get(NAMESPACE_COOKIE)?.value);
  return <SandboxDashboard namespace={namespace} data={await loadDashboard(namespace)} />;
}
