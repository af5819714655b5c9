import { formatMoney } from "@/lib/money";

// Shared pieces of the sandbox dashboard: section cards, tables, badges and formatting.

export const CARD = "rounded-card border border-ink-200 bg-white p-4 sm:p-6 dark:border-ink-800 dark:bg-ink-900";
export const MUTED = "text-ink-600 dark:text-ink-400";
export const INPUT = "mt-1 w-full rounded-md border border-ink-200 bg-white px-2 py-1.5 text-sm dark:border-ink-600 dark:bg-ink-800";
export const BUTTON = "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60";
export const SECONDARY_BUTTON =
  "rounded-md border border-ink-200 bg-white px-3 py-1.5 text-sm font-medium hover:bg-ink-100 disabled:opacity-60 dark:border-ink-600 dark:bg-ink-800 dark:hover:bg-ink-700";
export const DANGER_BUTTON = "rounded-md bg-red-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-red-800 disabled:opacity-60";

export function Section({
  id,
  title,
  description,
  children,
  className = "",
}: {
  id: string;
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className={`${CARD} min-w-0 space-y-4 ${className}`}>
      <div className="space-y-1">
        <h2 id={`${id}-heading`} className="text-xl font-semibold">
          {title}
        </h2>
        {description ? <p className={`text-sm ${MUTED}`}>{description}</p> : null}
      </div>
      {children}
    </section>
  );
}

/** A horizontally scrollable table with a caption for screen readers. */
export function Table({ caption, headers, children }: { caption: string; headers: string[]; children: React.ReactNode }) {
  return (
    // Focusable and named, so a keyboard user can scroll a table wider than the screen.
    <div role="region" aria-label={caption} tabIndex={0} className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-ink-200 dark:border-ink-700">
            {headers.map((header) => (
              <th key={header} scope="col" className={`px-2 py-2 font-medium ${MUTED}`}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-ink-100 dark:divide-ink-800">{children}</tbody>
      </table>
    </div>
  );
}

/** A table cell; `className` adds to the padding every cell shares. */
export function Cell({ className = "", title, children }: { className?: string; title?: string; children: React.ReactNode }) {
  return (
    <td className={`px-2 py-2 align-top ${className}`} title={title}>
      {children}
    </td>
  );
}

const TONES = {
  good: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  warn: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  bad: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  neutral: "bg-ink-100 text-ink-900 dark:bg-ink-800 dark:text-ink-100",
} as const;

const GOOD = new Set(["COMPLETED", "AUTHORIZED", "CAPTURED", "ACCEPTED", "delivered", "complete"]);
const WARN = new Set(["WAITING", "IN_PROGRESS", "BACK", "PENDING", "PART_CAPTURED", "pending", "incomplete"]);
const BAD = new Set(["FAILED", "CANCELLED", "ERROR", "EXPIRED", "DISABLED", "REJECTED", "failed", "dropped", "expired"]);

export function Badge({ value, tone }: { value: string; tone?: keyof typeof TONES }) {
  const chosen = tone ?? (GOOD.has(value) ? "good" : WARN.has(value) ? "warn" : BAD.has(value) ? "bad" : "neutral");
  return <span className={`inline-block rounded px-2 py-0.5 font-mono text-xs font-semibold ${TONES[chosen]}`}>{value}</span>;
}

/** A timestamp as `YYYY-MM-DD HH:MM:SS UTC`, in a <time> element. */
export function Time({ value }: { value: Date | string | null | undefined }) {
  if (!value) return <span className={MUTED}>—</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  const iso = date.toISOString();
  return (
    <time dateTime={iso} className="whitespace-nowrap tabular-nums">
      {iso.replace("T", " ").slice(0, 19)} UTC
    </time>
  );
}

export function Money({ amount, currency, locale }: { amount: number | null; currency: string | null; locale?: string | null }) {
  if (amount === null) return <span className={MUTED}>—</span>;
  if (!currency) return <span className="tabular-nums">{amount}</span>;
  let text: string;
  try {
    text = formatMoney(amount, currency.toUpperCase(), locale ?? "en-GB");
  } catch {
    text = `${amount} ${currency}`;
  }
  return <span className="whitespace-nowrap tabular-nums">{text}</span>;
}

/** A duration in seconds as e.g. `2 d 3 h 5 min 0 s`. */
export function formatOffset(seconds: number): string {
  const parts: string[] = [];
  let rest = Math.abs(seconds);
  for (const [unit, size] of [
    ["d", 86_400],
    ["h", 3_600],
    ["min", 60],
  ] as const) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || parts.length > 0) parts.push(`${count} ${unit}`);
  }
  parts.push(`${rest} s`);
  return `${seconds < 0 ? "−" : "+"}${parts.join(" ")}`;
}

export const shortId = (id: string) => id.slice(0, 8);
