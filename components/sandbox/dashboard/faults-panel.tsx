import { addFaultAction, clearFaultsAction, removeFaultAction } from "@/app/sandbox/_actions/dashboard";
import { FAULT_KINDS, FAULT_OPERATIONS, FAULT_STATUSES, type DashboardData } from "@/lib/sandbox";
import { ActionForm } from "./action-form";
import { Cell, DANGER_BUTTON, INPUT, MUTED, Section, SECONDARY_BUTTON, Table, Time } from "./ui";

export function FaultsPanel({ faults }: { faults: DashboardData["faults"] }) {
  return (
    <Section
      id="faults"
      title="Faults"
      description="Injected into this namespace's API calls (latency, http_error, reset, timeout), callbacks (drop_callback, duplicate_callback) and redirects (drop_redirect)."
    >
      {faults.length === 0 ? (
        <p className={`text-sm ${MUTED}`}>No faults: every call behaves.</p>
      ) : (
        <Table caption="Active faults" headers={["Operation", "Kind", "Status", "Latency", "After", "Probability", "Remaining", "Fired", "Created", ""]}>
          {faults.map((fault) => (
            <tr key={fault.fault_id} data-testid="sandbox-fault" data-fault-id={fault.fault_id}>
              <Cell className="font-mono">{fault.operation}</Cell>
              <Cell className="font-mono">{fault.kind}</Cell>
              <Cell>{fault.status ?? "—"}</Cell>
              <Cell>{fault.latency_ms === undefined ? "—" : `${fault.latency_ms} ms`}</Cell>
              <Cell>{fault.after ? "yes" : "no"}</Cell>
              <Cell>{fault.probability}</Cell>
              <Cell>{fault.remaining ?? "∞"}</Cell>
              <Cell>{fault.fired}</Cell>
              <Cell>
                <Time value={fault.created_at} />
              </Cell>
              <Cell>
                <ActionForm
                  action={removeFaultAction}
                  submitLabel="Remove"
                  label={`Remove the ${fault.kind} fault on ${fault.operation}`}
                  buttonClassName={SECONDARY_BUTTON}
                >
                  <input type="hidden" name="faultId" value={fault.fault_id} />
                </ActionForm>
              </Cell>
            </tr>
          ))}
        </Table>
      )}
      {faults.length > 0 ? (
        <ActionForm action={clearFaultsAction} submitLabel="Clear all faults" label="Clear all faults" buttonClassName={DANGER_BUTTON} />
      ) : null}
      <ActionForm
        action={addFaultAction}
        submitLabel="Add fault"
        label="Add a fault"
        testId="sandbox-fault-form"
        className="space-y-3 border-t border-ink-200 pt-4 dark:border-ink-800"
      >
        <h3 className="font-semibold">Add a fault</h3>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <label className="text-sm font-medium">
            Operation
            <select name="operation" defaultValue="*" className={`${INPUT} font-mono`}>
              {FAULT_OPERATIONS.map((operation) => (
                <option key={operation} value={operation}>
                  {operation === "*" ? "* (every matching operation)" : operation}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium">
            Kind
            <select name="kind" defaultValue="http_error" className={`${INPUT} font-mono`}>
              {FAULT_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {kind}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium">
            Status (http_error)
            <select name="status" defaultValue="" className={INPUT}>
              <option value="">default (503)</option>
              {FAULT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {status}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium">
            Latency (ms)
            <input name="latency_ms" type="number" min={0} max={120000} step={1} placeholder="default" className={INPUT} />
          </label>
          <label className="text-sm font-medium">
            Count (next N matches)
            <input name="count" type="number" min={1} step={1} placeholder="unlimited" className={INPUT} />
          </label>
          <label className="text-sm font-medium">
            Probability (0–1]
            <input name="probability" type="number" min={0} max={1} step="any" placeholder="1" className={INPUT} />
          </label>
          <label className="flex items-center gap-2 self-end text-sm font-medium">
            <input name="after" type="checkbox" className="size-4" />
            Fail after it ran (its effect stays, the reply is lost)
          </label>
        </div>
      </ActionForm>
    </Section>
  );
}
