import Link from "next/link";
import type { DashboardData } from "@/lib/sandbox/dashboard";
import { Badge, CELL, Money, MUTED, Section, shortId, Table, Time } from "./ui";

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
              <td className={`${CELL} font-mono`}>
                <Link href={`/sandbox/hpp/${session.id}`} className="underline" title={session.id}>
                  {shortId(session.id)}
                </Link>
              </td>
              <td className={CELL}>
                <Badge value={session.status} /> {session.expired ? <Badge value="expired" /> : null}
              </td>
              <td className={`${CELL} font-mono`} title={session.kp_session_id}>
                {shortId(session.kp_session_id)}
              </td>
              <td className={CELL}>
                <Money amount={session.order_amount} currency={session.purchase_currency} locale={session.locale} />
              </td>
              <td className={CELL}>
                <Time value={session.created_at} />
              </td>
              <td className={CELL}>
                <Time value={session.updated_at} />
              </td>
              <td className={CELL}>
                <Time value={session.expires_at} />
              </td>
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
              <td className={`${CELL} font-mono`} title={session.id}>
                {shortId(session.id)}
              </td>
              <td className={CELL}>
                <Badge value={session.status} /> {session.expired ? <Badge value="expired" /> : null}
              </td>
              <td className={CELL}>
                <Money amount={session.order_amount} currency={session.purchase_currency} locale={session.locale} />
              </td>
              <td className={CELL}>
                <Time value={session.created_at} />
              </td>
              <td className={CELL}>
                <Time value={session.expires_at} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Section>
  );
}
