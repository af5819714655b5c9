import { z } from "zod";
import { currentUser } from "@/lib/auth/guards";
import { isOrderStatus, listOrdersForAdmin } from "@/lib/orders/reports";

const Query = z.object({
  status: z.string().optional().refine((value) => value === undefined || value === "" || isOrderStatus(value), "Unknown status"),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

// The orders table's data, refreshed live by the back office. Signed-in users only.
export async function GET(request: Request) {
  if (!(await currentUser())) return Response.json({ error: "Sign in first" }, { status: 401 });
  const query = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return Response.json({ error: query.error.issues[0]!.message }, { status: 400 });
  const { status, q, page } = query.data;
  return Response.json(await listOrdersForAdmin({ status: status && isOrderStatus(status) ? status : undefined, query: q || undefined, page }), {
    headers: { "cache-control": "no-store" },
  });
}
