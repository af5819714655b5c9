import Link from "next/link";
import type { DashboardData } from "@/lib/sandbox";
import { CallbacksPanel } from "./callbacks-panel";
import { ClockPanel } from "./clock-panel";
import { FaultsPanel } from "./faults-panel";
import { NamespacePanel } from "./namespace-panel";
import { OrdersPanel } from "./orders-panel";
import { ControlApiPanel, OutboxPanel, PersonasPanel } from "./reference-panel";
import { SessionsPanel } from "./sessions-panel";
import { MUTED } from "./ui";

// The sandbox dashboard: one namespace's state and the controls that change it.

export function SandboxDashboard({ namespace, data }: { namespace: string; data: DashboardData }) {
  return (
    <main id="main" className="mx-auto w-full max-w-7xl flex-1 space-y-6 px-4 py-10">
      <div className="space-y-1">
        <h1 className="text-3xl font-bold">Klarna sandbox</h1>
        <p className={MUTED}>The embedded Klarna emulator: time, faults and everything it holds, per namespace.</p>
        <nav aria-label="Sandbox" className="flex flex-wrap gap-4 text-sm">
          <Link href="/" className="underline">
            Shop
          </Link>
          <Link href="/admin" className="underline">
            Back office
          </Link>
          <Link href="/sandbox/scenarios" className="underline">
            Scenarios
          </Link>
          <Link href="/sandbox/docs" className="underline">
            API reference
          </Link>
          <Link href="/sandbox/outbox" className="underline">
            Outbox
          </Link>
        </nav>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <NamespacePanel namespace={namespace} counts={data.counts} />
        <ClockPanel clock={data.clock} nextDeadline={data.nextDeadline} />
      </div>
      <FaultsPanel faults={data.faults} />
      <SessionsPanel hppSessions={data.hppSessions} kpSessions={data.kpSessions} />
      <OrdersPanel orders={data.orders} />
      <CallbacksPanel callbacks={data.callbacks} />
      <PersonasPanel />
      <div className="grid gap-6 lg:grid-cols-[1fr_2fr]">
        <OutboxPanel count={data.outboxCount} />
        <ControlApiPanel />
      </div>
    </main>
  );
}
