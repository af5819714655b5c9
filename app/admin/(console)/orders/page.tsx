import type { Metadata } from "next";
import { OrdersTable } from "@/components/admin/orders-table";
import { requireSignedIn } from "@/lib/auth/guards";
import { ORDER_STATUSES } from "@/lib/db/schema";
import { isOrderStatus, listOrdersForAdmin } from "@/lib/orders/reports";

export const metadata: Metadata = { title: "Orders" };

export default async function OrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSignedIn();
  const params = await searchParams;
  const status = typeof params.status === "string" && isOrderStatus(params.status) ? params.status : undefined;
  const query = typeof params.q === "string" ? params.q.slice(0, 100) : "";
  const page = Math.max(1, Number.parseInt(typeof params.page === "string" ? params.page : "1", 10) || 1);
  const initial = await listOrdersForAdmin({ status, query: query || undefined, page });
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">Orders</h1>
      <OrdersTable initial={initial} filter={{ status: status ?? "", q: query, page }} statuses={[...ORDER_STATUSES]} />
    </div>
  );
}
