import { resetNamespaceAction, switchNamespace } from "@/app/sandbox/_actions/dashboard";
import type { DashboardData } from "@/lib/sandbox";
import { ActionForm } from "./action-form";
import { DANGER_BUTTON, INPUT, MUTED, Section, SECONDARY_BUTTON } from "./ui";

const COUNT_LABELS: Record<string, string> = {
  kp_sessions: "KP sessions",
  hpp_sessions: "HPP sessions",
  orders: "Orders",
  callbacks: "Callbacks",
  faults: "Faults",
  outbox: "Outbox messages",
};

export function NamespacePanel({ namespace, counts }: { namespace: string; counts: DashboardData["counts"] }) {
  return (
    <Section
      id="namespace"
      title="Namespace"
      description={
        <>
          Everything below belongs to this namespace. API clients choose one with the <code>klarna-sandbox-namespace</code> header; this page uses the{" "}
          <code>sandbox_namespace</code> cookie.
        </>
      }
    >
      <p className="text-lg">
        Current:{" "}
        <strong className="font-mono" data-testid="sandbox-namespace">
          {namespace}
        </strong>
      </p>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-3">
        {Object.entries(counts).map(([key, value]) => (
          <div key={key} className="flex justify-between gap-2 border-b border-ink-100 py-1 dark:border-ink-800">
            <dt className={MUTED}>{COUNT_LABELS[key] ?? key}</dt>
            <dd className="font-mono tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <ActionForm action={switchNamespace} submitLabel="Switch namespace" label="Switch namespace" buttonClassName={SECONDARY_BUTTON}>
        <label className="block text-sm font-medium">
          Namespace name
          <input
            name="namespace"
            required
            maxLength={64}
            defaultValue=""
            placeholder="e.g. my-test-run"
            className={`${INPUT} font-mono`}
            aria-describedby="namespace-hint"
          />
        </label>
        <p id="namespace-hint" className={`text-xs ${MUTED}`}>
          1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;. A new name starts empty.
        </p>
      </ActionForm>
      <details className="rounded-md border border-red-200 p-3 dark:border-red-900">
        <summary className="cursor-pointer text-sm font-semibold text-red-700 dark:text-red-400">Reset namespace…</summary>
        <ActionForm
          action={resetNamespaceAction}
          submitLabel="Reset namespace"
          label="Reset namespace"
          buttonClassName={DANGER_BUTTON}
          className="mt-3 space-y-3"
        >
          <p className="text-sm">
            Deletes every session, order, callback, fault and outbox message of <strong className="font-mono">{namespace}</strong> and puts its clock back on
            real time. Other namespaces are untouched.
          </p>
          <label className="block text-sm font-medium">
            Type <span className="font-mono">{namespace}</span> to confirm
            <input name="confirm" required autoComplete="off" className={`${INPUT} font-mono`} />
          </label>
        </ActionForm>
      </details>
    </Section>
  );
}
