import type { Metadata } from "next";
import { OrdersTable } from "@/components/admin/orders-table";
import { requireSignedIn } from "@/lib/auth/guards";
import { ORDER_STATUSES } from "@/lib/db/schema";
import { listOrdersForAdmin, OrdersQuery } from "@/lib/orders/reports";

export const metadata: Metadata = { title: "Orders" };

export default async function OrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSignedIn();
  // A link with a filter that does not parse shows the whole list rather than an error page.
  const parsed = OrdersQuery.safeParse(await searchParams);
  const { status, q, page } = parsed.success ? parsed.data : OrdersQuery.parse({});
  const initial = await listOrdersForAdmin({ status, query: q, page });
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">Orders</h1>
      <OrdersTable initial={initial} filter={{ status: status ?? "", q: q ?? "", page }} statuses={[...ORDER_STATUSES]} />
    </div>
  );
}
