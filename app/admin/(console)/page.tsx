import type { Metadata } from "next";
import { DailyChart } from "@/components/admin/daily-chart";
import { requireSignedIn } from "@/lib/auth/guards";
import { dashboardStats } from "@/lib/orders/reports";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  await requireSignedIn();
  const stats = await dashboardStats(14);
  const currencies = [...new Set(stats.perDay.map((row) => row.currency))].sort();
  const steps = [
    { label: "Payment sessions created", value: stats.funnel.sessionsCreated },
    { label: "Sessions completed", value: stats.funnel.sessionsCompleted },
    { label: "Orders placed", value: stats.funnel.ordersPlaced },
    { label: "Orders captured", value: stats.funnel.captured },
  ];
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold tracking-tight">Dashboard</h1>
      <section aria-labelledby="funnel-heading" className="space-y-3">
        <h2 id="funnel-heading" className="text-xl font-semibold">
          Funnel
        </h2>
        <ol className="grid gap-3 sm:grid-cols-4">
          {steps.map((step, index) => (
            <li key={step.label} className="rounded-card border border-ink-200 bg-white p-4 dark:border-ink-800 dark:bg-ink-900">
              <p className="text-sm text-ink-600 dark:text-ink-400">{step.label}</p>
              <p className="text-2xl font-bold" data-testid={`funnel-${index}`}>
                {step.value}
              </p>
              {index > 0 && steps[index - 1]!.value > 0 ? (
                <p className="text-xs text-ink-600 dark:text-ink-400">{Math.round((100 * step.value) / steps[index - 1]!.value)} % of the step before</p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="daily-heading" className="space-y-3">
        <h2 id="daily-heading" className="text-xl font-semibold">
          Orders and paid revenue, last 14 days
        </h2>
        {currencies.length === 0 ? <p>No orders in the last 14 days.</p> : null}
        <div className="grid gap-6 lg:grid-cols-2">
          {currencies.map((currency) => (
            <DailyChart
              key={currency}
              currency={currency}
              days={stats.dates.map((date) => {
                const row = stats.perDay.find((entry) => entry.day === date && entry.currency === currency);
                return { date, orders: row?.orders ?? 0, revenueMinor: row?.revenueMinor ?? 0 };
              })}
            />
          ))}
        </div>
      </section>
    </div>
  );
}
