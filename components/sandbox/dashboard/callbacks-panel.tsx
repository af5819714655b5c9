import type { DashboardData } from "@/lib/sandbox";
import { Badge, Cell, MUTED, Section, shortId, Table, Time } from "./ui";

export function CallbacksPanel({ callbacks }: { callbacks: DashboardData["callbacks"] }) {
  return (
    <Section
      id="callbacks"
      title="Callback ledger"
      description="HPP status callbacks and fraud notifications sent to the merchant: 3 s timeout, retried up to 3 times (2, 4 and 8 s of sandbox time apart)."
    >
      {callbacks.length === 0 ? (
        <p className={`text-sm ${MUTED}`}>No callbacks yet.</p>
      ) : (
        <Table caption="Callbacks" headers={["Event", "Kind", "URL", "State", "Attempts", "Deliveries", "Next retry"]}>
          {callbacks.map((callback) => (
            <tr key={callback.event_id} data-testid="sandbox-callback" data-event-id={callback.event_id}>
              <Cell className="font-mono" title={callback.event_id}>
                {shortId(callback.event_id)}
                <span className={`block text-xs ${MUTED}`}>
                  <Time value={callback.created_at} />
                </span>
              </Cell>
              <Cell className="font-mono">{callback.kind}</Cell>
              <Cell className="max-w-xs font-mono text-xs break-all">{callback.url}</Cell>
              <Cell>
                <Badge value={callback.state} />
              </Cell>
              <Cell>{callback.attempts}</Cell>
              <Cell>
                {callback.deliveries.length === 0 ? (
                  <span className={MUTED}>—</span>
                ) : (
                  <ol className="space-y-1 text-xs">
                    {callback.deliveries.map((delivery, index) => (
                      <li key={index}>
                        #{delivery.attempt} <Time value={delivery.sent_at} /> ·{" "}
                        {delivery.status_code !== null ? (
                          <Badge value={String(delivery.status_code)} tone={delivery.status_code < 300 ? "good" : "bad"} />
                        ) : null}
                        {delivery.error ? <span className="text-red-700 dark:text-red-400"> {delivery.error}</span> : null} · {delivery.latency_ms} ms
                      </li>
                    ))}
                  </ol>
                )}
              </Cell>
              <Cell>
                <Time value={callback.next_attempt_at} />
              </Cell>
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}
