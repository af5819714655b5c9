import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OperationForms, SessionActions, StaleStatus } from "@/components/admin/order-actions";
import { OrderTotals } from "@/components/checkout/order-totals";
import { requireSignedIn } from "@/lib/auth/guards";
import { formatMoney } from "@/lib/money";
import { adminOrderDetail } from "@/lib/orders/admin-detail";
import { canTakePayment, fraudStatusNote } from "@/lib/orders/klarna-states";
import { MARKETS, type MarketCode } from "@/lib/shop/markets";

export const metadata: Metadata = { title: "Order" };

export default async function AdminOrderPage({ params }: { params: Promise<{ reference: string }> }) {
  const user = await requireSignedIn();
  const detail = await adminOrderDetail(decodeURIComponent((await params).reference));
  if (!detail) notFound();
  const { order, lines, sessions, events, klarnaOrder, klarnaError, availability, staleStatus } = detail;
  const market = MARKETS[order.market as MarketCode];
  const money = (minor: number) => formatMoney(minor, order.currency, order.locale);
  const customer = order.customer;
  const canAct = user.role === "admin";

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-baseline gap-4">
        <h1 className="font-mono text-3xl font-bold">{order.reference}</h1>
        <span data-testid="order-status" className="rounded bg-ink-100 px-2 py-0.5 font-mono dark:bg-ink-800">
          {order.status}
        </span>
        {fraudStatusNote(order.fraudStatus) ? (
          <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-900">{fraudStatusNote(order.fraudStatus)}</span>
        ) : null}
        <span className="text-sm text-ink-600 dark:text-ink-400">
          {order.channel.toLowerCase()} · created {order.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC
        </span>
      </div>

      {staleStatus ? <StaleStatus orderId={order.id} status={staleStatus} canAct={canAct} /> : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <section className="rounded-card border border-ink-200 bg-white p-5 dark:border-ink-800 dark:bg-ink-900">
          <h2 className="mb-3 font-semibold">Lines</h2>
          <OrderTotals market={market} lines={lines} subtotalMinor={order.subtotalMinor} taxMinor={order.taxMinor} totalMinor={order.totalMinor} />
        </section>
        <section className="rounded-card border border-ink-200 bg-white p-5 text-sm dark:border-ink-800 dark:bg-ink-900">
          <h2 className="mb-3 font-semibold">Customer</h2>
          <p>
            {customer.givenName} {customer.familyName}
            <br />
            {customer.email}
            {customer.phone ? (
              <>
                <br />
                {customer.phone}
              </>
            ) : null}
            <br />
            {customer.streetAddress}, {customer.postalCode} {customer.city}
            {customer.region ? `, ${customer.region}` : ""}, {customer.country}
          </p>
        </section>
        <section className="rounded-card border border-ink-200 bg-white p-5 text-sm dark:border-ink-800 dark:bg-ink-900" aria-labelledby="klarna-heading">
          <h2 id="klarna-heading" className="mb-3 font-semibold">
            Klarna order
          </h2>
          {klarnaError ? (
            <p role="alert" className="text-red-700">
              Klarna could not be read: {klarnaError}
            </p>
          ) : null}
          {klarnaOrder ? (
            <dl className="grid grid-cols-2 gap-x-3 gap-y-1">
              <dt>Status</dt>
              <dd data-testid="klarna-status">{klarnaOrder.status}</dd>
              <dt>Reference</dt>
              <dd>{klarnaOrder.klarnaReference ?? "not given"}</dd>
              <dt>Captured</dt>
              <dd data-testid="captured-amount">{money(klarnaOrder.capturedMinor)}</dd>
              <dt>Refunded</dt>
              <dd data-testid="refunded-amount">{money(klarnaOrder.refundedMinor)}</dd>
              <dt>Still authorized</dt>
              <dd data-testid="remaining-amount">{money(klarnaOrder.remainingMinor)}</dd>
              <dt>Authorization expires</dt>
              <dd>{klarnaOrder.expiresAt ? klarnaOrder.expiresAt.toISOString().slice(0, 10) : "not given"}</dd>
            </dl>
          ) : !klarnaError ? (
            <p>No Klarna order yet.</p>
          ) : null}
          {klarnaOrder?.amountsFrom === "shop" ? (
            <p className="mt-2 text-xs text-ink-600 dark:text-ink-400">
              Klarna&apos;s reply gave no amounts; these are the shop&apos;s own record of what Klarna confirmed.
            </p>
          ) : null}
          {klarnaOrder && (klarnaOrder.captures.length > 0 || klarnaOrder.refunds.length > 0) ? (
            <ul className="mt-3 space-y-1 border-t border-ink-200 pt-2 dark:border-ink-800">
              {klarnaOrder.captures.map((capture) => (
                <li key={capture.id}>
                  Capture {capture.reference ?? capture.id}: {capture.amountMinor === null ? "amount not given" : money(capture.amountMinor)}
                  {capture.at ? ` on ${capture.at.toISOString().slice(0, 10)}` : ""}
                </li>
              ))}
              {klarnaOrder.refunds.map((refund) => (
                <li key={refund.id}>
                  Refund: {refund.amountMinor === null ? "amount not given" : money(refund.amountMinor)}
                  {refund.at ? ` on ${refund.at.toISOString().slice(0, 10)}` : ""}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      </div>

      {canAct && klarnaOrder && availability ? (
        <OperationForms
          orderId={order.id}
          currency={order.currency}
          locale={order.locale}
          availability={Object.fromEntries(
            Object.entries(availability).map(([kind, entry]) => [
              kind,
              entry.allowed ? { allowed: true, max: entry.maxMinor === undefined ? undefined : money(entry.maxMinor), maxMinor: entry.maxMinor } : entry,
            ]),
          )}
          lines={lines.map((line) => ({ position: line.position, label: `${line.quantity} × ${line.name} (${money(line.totalMinor)})` }))}
        />
      ) : null}
      {!canAct ? <p className="text-sm text-ink-600">You have read-only access.</p> : null}

      <section aria-labelledby="sessions-heading" className="space-y-3">
        <h2 id="sessions-heading" className="text-xl font-semibold">
          Payment sessions
        </h2>
        <ul className="space-y-3">
          {sessions.map((session) => (
            <li key={session.id} className="rounded-card border border-ink-200 bg-white p-4 text-sm dark:border-ink-800 dark:bg-ink-900">
              <p className="font-mono">{session.id}</p>
              <p>
                Klarna status: <strong data-testid="session-status">{session.liveStatus}</strong> ·{" "}
                {session.expiresAt ? `expires ${session.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "expiry not given"}
                {session.liveError ? <span className="text-red-700"> · {session.liveError}</span> : null}
              </p>
              {canAct && canTakePayment(session.liveStatus) ? (
                <SessionActions sessionId={session.id} email={customer.email} phone={customer.phone ?? ""} />
              ) : null}
            </li>
          ))}
          {sessions.length === 0 ? <li>No payment sessions.</li> : null}
        </ul>
      </section>

      <section aria-labelledby="timeline-heading" className="space-y-3">
        <h2 id="timeline-heading" className="text-xl font-semibold">
          Timeline
        </h2>
        <ol className="space-y-1 text-sm" data-testid="timeline">
          {events.map((event) => (
            <li key={event.id} className="flex gap-3">
              <time className="shrink-0 font-mono text-ink-600 dark:text-ink-400" dateTime={event.createdAt.toISOString()}>
                {event.createdAt.toISOString().slice(11, 19)}
              </time>
              <span>{event.message}</span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
