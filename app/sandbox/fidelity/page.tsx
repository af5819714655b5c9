import type { Metadata } from "next";
import { connection } from "next/server";
import { requireSandboxOperator } from "@/lib/auth/sandbox-operator";
import { fidelityDocument } from "@/lib/sandbox";

export const metadata: Metadata = { title: "How closely the sandbox follows Klarna" };

// docs/klarna-fidelity.md, so the dashboard's mention of it is a link to follow: shown as the
// Markdown it is written in, which reads as plain text.
export default async function SandboxFidelityPage() {
  await connection();
  await requireSandboxOperator("page");
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-10">
      <pre data-testid="fidelity-document" className="font-mono text-sm break-words whitespace-pre-wrap">
        {await fidelityDocument()}
      </pre>
    </main>
  );
}
