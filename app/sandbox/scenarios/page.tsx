import type { Metadata } from "next";
import { requireSandboxOperator } from "@/lib/auth/sandbox-operator";
import { ScenarioCatalogue } from "@/components/sandbox/scenario-catalogue";
import { scenarioCatalogue } from "@/lib/sandbox";

export const metadata: Metadata = { title: "Sandbox scenarios" };

// Every persona, consumer action, API and control call and clock deadline, with the statuses it
// leads to: built from the tables the sandbox runs on.
export default async function SandboxScenariosPage() {
  await requireSandboxOperator("page");
  return <ScenarioCatalogue scenarios={scenarioCatalogue()} />;
}
