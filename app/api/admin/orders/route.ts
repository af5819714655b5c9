import { currentUser } from "@/lib/auth/guards";
import { listOrdersForAdmin, OrdersQuery } from "@/lib/orders/reports";

// The orders table's data, refreshed live by the back office. Signed-in users only.
export async function GET(request: Request) {
  if (!(await currentUser())) return Response.json({ error: "Sign in first" }, { status: 401 });
  const query = OrdersQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return Response.json({ error: query.error.issues[0]!.message }, { status: 400 });
  const { status, q, page } = query.data;
  return Response.json(await listOrdersForAdmin({ status, query: q, page }), { headers: { "cache-control": "no-store" } });
}
