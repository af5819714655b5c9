import { resolveOrderPage } from "@/lib/orders/shopper";

// The shopper's polling endpoint (order and return pages poll it with SWR): finalizes, then
// answers the order as it stands. The signed key in `k` is required.
export async function GET(request: Request, { params }: { params: Promise<{ reference: string }> }) {
  const { reference } = await params;
  const view = await resolveOrderPage(reference, new URL(request.url).searchParams.get("k"));
  if (!view) return Response.json({ error: "Order not found" }, { status: 404 });
  return Response.json(view, { headers: { "cache-control": "no-store" } });
}
