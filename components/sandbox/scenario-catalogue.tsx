import Link from "next/link";
import type { Scenario, Trigger } from "@/lib/sandbox";
import { Cell, MUTED, Section, Table } from "./dashboard/ui";

const GROUPS: { trigger: Trigger; title: string; description: string }[] = [
  { trigger: "persona", title: "Personas", description: "The consumer's e-mail address, as on Klarna's playground." },
  { trigger: "consumer", title: "The consumer", description: "What the consumer does on the hosted page (the control API's complete call does the same)." },
  { trigger: "api", title: "Klarna API calls", description: "The merchant's own calls." },
  { trigger: "control", title: "Control calls", description: "What Klarna does on its side, on demand (POST under /sandbox/api/_control)." },
  { trigger: "clock", title: "The clock", description: "What falls due as sandbox time passes." },
];

export function ScenarioCatalogue({ scenarios }: { scenarios: Scenario[] }) {
  return (
    <main id="main" className="mx-auto w-full max-w-6xl flex-1 space-y-6 px-4 py-10">
      <div className="space-y-1">
        <h1 className="text-3xl font-bold">Sandbox scenarios</h1>
        <p className={MUTED}>
          Every way to reach a Klarna status in the sandbox.{" "}
          <Link href="/sandbox" className="underline">
            Dashboard
          </Link>{" "}
          ·{" "}
          <Link href="/sandbox/docs" className="underline">
            API reference
          </Link>{" "}
          · what is emulated and what is not:{" "}
          <Link href="/sandbox/fidelity" className="underline">
            docs/klarna-fidelity.md
          </Link>
        </p>
      </div>
      {GROUPS.map((group) => (
        <Section key={group.trigger} id={`scenarios-${group.trigger}`} title={group.title} description={group.description}>
          <Table caption={group.title} headers={["Trigger", "Effect", "Leads to"]}>
            {scenarios
              .filter((scenario) => scenario.trigger === group.trigger)
              .map((scenario) => (
                <tr key={scenario.how} data-testid="sandbox-scenario">
                  <Cell className="font-mono text-xs">
                    {scenario.how}
                    {scenario.example ? <div className={MUTED}>e.g. {scenario.example}</div> : null}
                  </Cell>
                  <Cell>{scenario.effect}</Cell>
                  <Cell className="font-mono text-xs whitespace-nowrap">{scenario.leadsTo.join(", ") || "(no status change)"}</Cell>
                </tr>
              ))}
          </Table>
        </Section>
      ))}
    </main>
  );
}
