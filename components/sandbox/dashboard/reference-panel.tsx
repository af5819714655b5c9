import Link from "next/link";
import { CONTROL_ENDPOINTS, PERSONA_CATALOGUE } from "@/lib/sandbox";
import { Cell, MUTED, Section, Table } from "./ui";

export function OutboxPanel({ count }: { count: number }) {
  return (
    <Section id="outbox" title="Outbox" description="Payment-link e-mails and SMS sent by HPP's distribution endpoint.">
      <p>
        <strong data-testid="sandbox-outbox-count">{count}</strong> {count === 1 ? "message" : "messages"} in this namespace.{" "}
        <Link href="/sandbox/outbox" className="underline">
          Open the outbox
        </Link>
      </p>
    </Section>
  );
}

export function PersonasPanel() {
  return (
    <Section
      id="personas"
      title="Personas and triggers"
      description={
        <>
          The consumer&apos;s e-mail address decides the authorization. Any other address is approved with fraud_status ACCEPTED. Every trigger and the status
          it leads to:{" "}
          <Link href="/sandbox/scenarios" className="underline">
            scenarios
          </Link>
          . What the sandbox emulates and what it does not:{" "}
          <Link href="/sandbox/fidelity" className="underline">
            docs/klarna-fidelity.md
          </Link>
          .
        </>
      }
    >
      <Table caption="Personas" headers={["Pattern", "Example e-mail", "Effect"]}>
        {PERSONA_CATALOGUE.map((persona) => (
          <tr key={persona.pattern} data-testid="sandbox-persona">
            <Cell className="font-mono whitespace-nowrap">{persona.pattern}</Cell>
            <Cell className="font-mono text-xs break-all">{persona.example}</Cell>
            <Cell>{persona.effect}</Cell>
          </tr>
        ))}
      </Table>
    </Section>
  );
}

export function ControlApiPanel() {
  return (
    <Section
      id="control-api"
      title="Control API"
      description={
        <>
          For tests and demos, with the same Basic auth as the Klarna API and the <code>klarna-sandbox-namespace</code> header. Full reference:{" "}
          <Link href="/sandbox/docs" className="underline">
            /sandbox/docs
          </Link>{" "}
          ·{" "}
          <a href="/sandbox/api/openapi.json" className="underline">
            openapi.json
          </a>
        </>
      }
    >
      <ul className="space-y-1 text-sm">
        {CONTROL_ENDPOINTS.map((endpoint) => (
          <li key={`${endpoint.method} ${endpoint.path}`} className="flex flex-wrap gap-2">
            <span className="w-14 font-mono text-xs font-bold">{endpoint.method}</span>
            <code className="font-mono text-xs break-all">{endpoint.path.replaceAll("{}", "{id}")}</code>
            <span className={`text-xs ${MUTED}`}>{endpoint.operation}</span>
          </li>
        ))}
      </ul>
    </Section>
  );
}
