"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import useSWR from "swr";
import { formatMoney } from "@/lib/money";
import type { AdminOrderList } from "@/lib/orders/reports";

type Filter = { status: string; q: string; page: number };

const fetcher = async (url: string): Promise<AdminOrderList> => {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`Loading orders failed (${response.status})`);
  return response.json();
};

const query = (filter: Filter) =>
  new URLSearchParams({ ...(filter.status ? { status: filter.status } : {}), ...(filter.q ? { q: filter.q } : {}), page: String(filter.page) }).toString();

export function OrdersTable({ initial, filter, statuses }: { initial: AdminOrderList; filter: Filter; statuses: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  // Live: the table re-reads every five seconds, so new payments appear without a reload.
  const { data, error } = useSWR(`/api/admin/orders?${query(filter)}`, fetcher, { fallbackData: initial, refreshInterval: 5000 });
  const list = data ?? initial;
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const go = (changes: Partial<Filter>) => router.replace(`${pathname}?${query({ ...filter, page: 1, ...changes })}`);

  return (
    <div className="space-y-4">
      <form
        role="search"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          go({ q: String(new FormData(event.currentTarget).get("q") ?? "") });
        }}
      >
        <div>
          <label htmlFor="status-filter" className="block text-sm font-medium">
            Status
          </label>
          <select
            id="status-filter"
            value={filter.status}
            onChange={(event) => go({ status: event.target.value })}
            className="mt-1 rounded-md border border-ink-200 bg-white px-2 py-1.5 dark:border-ink-600 dark:bg-ink-800"
          >
            <option value="">All</option>
            {statuses.map((status) => (
              <option key={status}>{status}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="order-search" className="block text-sm font-medium">
            Reference or e-mail
          </label>
          <input
            id="order-search"
            name="q"
            type="search"
            defaultValue={filter.q}
            className="mt-1 rounded-md border border-ink-200 bg-white px-2 py-1.5 dark:border-ink-600 dark:bg-ink-800"
          />
        </div>
        <button type="submit" className="rounded-md bg-ink-900 px-4 py-1.5 text-white dark:bg-ink-100 dark:text-ink-900">
          Search
        </button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {String(error.message)}
        </p>
      ) : null}
      <div
        role="region"
        aria-label="Orders"
        tabIndex={0}
        className="overflow-x-auto rounded-card border border-ink-200 bg-white dark:border-ink-800 dark:bg-ink-900"
      >
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Orders, newest first</caption>
          <thead className="border-b border-ink-200 dark:border-ink-800">
            <tr>
              {["Reference", "Created", "Customer", "Market", "Amount", "Status", "Klarna"].map((heading) => (
                <th key={heading} scope="col" className="px-3 py-2 font-semibold">
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.rows.map((row) => (
              <tr key={row.reference} className="border-b border-ink-100 last:border-0 dark:border-ink-800">
                <td className="px-3 py-2 font-mono">
                  <Link href={`/admin/orders/${row.reference}`} className="underline">
                    {row.reference}
                  </Link>
                </td>
                <td className="px-3 py-2">{new Date(row.createdAt).toLocaleString("en-GB", { timeZone: "UTC" })}</td>
                <td className="px-3 py-2">
                  {row.name}
                  <br />
                  <span className="text-ink-600 dark:text-ink-400">{row.email}</span>
                </td>
                <td className="px-3 py-2">{row.market}</td>
                <td className="px-3 py-2">{formatMoney(row.totalMinor, row.currency, row.locale)}</td>
                <td className="px-3 py-2" data-testid="order-row-status">
                  {row.status}
                </td>
                <td className="px-3 py-2">
                  {row.latestSessionStatus ?? "–"}
                  {row.fraudStatus && row.fraudStatus !== "ACCEPTED" ? ` · ${row.fraudStatus}` : ""}
                </td>
              </tr>
            ))}
            {list.rows.length === 0 ? (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-ink-600">
                  No orders match.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
        <button
          type="button"
          disabled={filter.page <= 1}
          onClick={() => go({ page: filter.page - 1, status: filter.status, q: filter.q })}
          className="rounded border px-3 py-1 disabled:opacity-40"
        >
          Previous
        </button>
        <span>
          Page {filter.page} of {pages} ({list.total} orders)
        </span>
        <button
          type="button"
          disabled={filter.page >= pages}
          onClick={() => go({ page: filter.page + 1, status: filter.status, q: filter.q })}
          className="rounded border px-3 py-1 disabled:opacity-40"
        >
          Next
        </button>
      </nav>
    </div>
  );
}
