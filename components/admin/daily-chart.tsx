import { formatMoney } from "@/lib/money";

type Day = { date: string; orders: number; revenueMinor: number };

/** Revenue per day as bars, order counts above them; an accessible table carries the same data. */
export function DailyChart({ currency, days }: { currency: string; days: Day[] }) {
  const axis = 72;
  const width = 560;
  const height = 180;
  const barWidth = (width - axis) / days.length;
  const max = Math.max(1, ...days.map((day) => day.revenueMinor));
  const money = (minor: number) => formatMoney(minor, currency, "en-GB");
  const total = days.reduce((sum, day) => sum + day.revenueMinor, 0);
  const orders = days.reduce((sum, day) => sum + day.orders, 0);
  const y = (minor: number) => height - (minor / max) * (height - 20);
  return (
    <figure className="rounded-card border border-ink-200 bg-white p-4 dark:border-ink-800 dark:bg-ink-900">
      <figcaption className="mb-2 font-medium">
        {currency}: <span data-testid="chart-revenue">{money(total)}</span> paid revenue, {orders} {orders === 1 ? "order" : "orders"} over {days.length} days
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height + 30}`} className="w-full" aria-hidden="true">
        {/* The revenue axis: zero, half and the best day. */}
        {[0, max / 2, max].map((minor) => (
          <g key={minor}>
            <line x1={axis - 4} x2={width} y1={y(minor)} y2={y(minor)} className="stroke-current opacity-15" />
            <text x={axis - 8} y={y(minor) + 4} textAnchor="end" fontSize={10} className="fill-current opacity-70">
              {money(Math.round(minor))}
            </text>
          </g>
        ))}
        {days.map((day, index) => {
          const barHeight = height - y(day.revenueMinor);
          const x = axis + index * barWidth + 4;
          return (
            <g key={day.date}>
              <rect x={x} y={height - barHeight} width={barWidth - 8} height={barHeight} rx={3} className="fill-brand-500">
                <title>{`${day.date}: ${money(day.revenueMinor)}, ${day.orders} orders`}</title>
              </rect>
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
      <p className="text-xs text-ink-600 dark:text-ink-400">Bars: paid revenue per day (UTC); the number above a bar: orders that day.</p>
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
