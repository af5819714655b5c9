import { formatMoney } from "@/lib/money";

type Day = { date: string; orders: number; revenueMinor: number };

/** Revenue per day as bars, order counts above them; an accessible table carries the same data. */
export function DailyChart({ currency, days }: { currency: string; days: Day[] }) {
  const width = 560;
  const height = 180;
  const barWidth = width / days.length;
  const max = Math.max(1, ...days.map((day) => day.revenueMinor));
  const money = (minor: number) => formatMoney(minor, currency, "en-GB");
  return (
    <figure className="rounded-card border border-ink-200 bg-white p-4 dark:border-ink-800 dark:bg-ink-900">
      <figcaption className="mb-2 font-medium">{currency}</figcaption>
      <svg viewBox={`0 0 ${width} ${height + 30}`} className="w-full" aria-hidden="true">
        {days.map((day, index) => {
          const barHeight = (day.revenueMinor / max) * (height - 20);
          const x = index * barWidth + 4;
          return (
            <g key={day.date}>
              <rect x={x} y={height - barHeight} width={barWidth - 8} height={barHeight} rx={3} className="fill-brand-500" />
              {day.orders > 0 ? (
                <text x={x + (barWidth - 8) / 2} y={height - barHeight - 4} textAnchor="middle" fontSize={11} className="fill-current">
                  {day.orders}
                </text>
              ) : null}
              <text x={x + (barWidth - 8) / 2} y={height + 16} textAnchor="middle" fontSize={10} className="fill-current opacity-60">
                {day.date.slice(8)}
              </text>
            </g>
          );
        })}
      </svg>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer">Figures</summary>
        <table className="mt-2 w-full text-left">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Orders</th>
              <th scope="col">Paid revenue</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.date}>
                <td>{day.date}</td>
                <td>{day.orders}</td>
                <td>{money(day.revenueMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
