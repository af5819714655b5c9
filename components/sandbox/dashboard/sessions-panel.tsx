import Link from "next/link";
import type { DashboardData } from "@/lib/sandbox";
import { Badge, Cell, Money, MUTED, Section, shortId, Table, Time } from "./ui";

export function SessionsPanel({ hppSessions, kpSessions }: { hppSessions: DashboardData["hppSessions"]; kpSessions: DashboardData["kpSessions"] }) {
  return (
    <Section id="sessions" title="Sessions" description="The newest 50 hosted payment page (HPP) and Klarna Payments (KP) sessions of this namespace.">
      <h3 className="font-semibold">HPP sessions</h3>
      {hppSessions.length === 0 ? (
        <p className={`text-sm ${MUTED}`} data-testid="sandbox-sessions-empty">
          No HPP sessions yet.
        </p>
      ) : (
        <Table caption="HPP sessions" headers={["HPP session", "Status", "KP session", "Amount", "Created", "Updated", "Expires"]}>
          {hppSessions.map((session) => (
            <tr key={session.id} data-testid="sandbox-session" data-session-id={session.id}>
              <Cell className="font-mono">
                <Link href={`/sandbox/hpp/${session.id}`} className="underline" title={session.id}>
                  {shortId(session.id)}
                </Link>
              </Cell>
              <Cell>
                <Badge value={session.status} /> {session.expired ? <Badge value="expired" /> : null}
              </Cell>
              <Cell className="font-mono" title={session.kp_session_id}>
                {shortId(session.kp_session_id)}
              </Cell>
              <Cell>
                <Money amount={session.order_amount} currency={session.purchase_currency} locale={session.locale} />
              </Cell>
              <Cell>
                <Time value={session.created_at} />
              </Cell>
              <Cell>
                <Time value={session.updated_at} />
              </Cell>
              <Cell>
                <Time value={session.expires_at} />
              </Cell>
            </tr>
          ))}
        </Table>
      )}
      <h3 className="font-semibold">KP sessions</h3>
      {kpSessions.length === 0 ? (
        <p className={`text-sm ${MUTED}`}>No KP sessions yet.</p>
      ) : (
        <Table caption="KP sessions" headers={["KP session", "Status", "Amount", "Created", "Expires"]}>
          {kpSessions.map((session) => (
            <tr key={session.id} data-testid="sandbox-kp-session" data-session-id={session.id}>
              <Cell className="font-mono" title={session.id}>
                {shortId(session.id)}
              </Cell>
              <Cell>
                <Badge value={session.status} /> {session.expired ? <Badge value="expired" /> : null}
              </Cell>
              <Cell>
                <Money amount={session.order_amount} currency={session.purchase_currency} locale={session.locale} />
              </Cell>
              <Cell>
                <Time value={session.created_at} />
              </Cell>
              <Cell>
                <Time value={session.expires_at} />
              </Cell>
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}
