import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OrderOutcome } from "@/components/checkout/order-outcome";
import { resolveOrderPage } from "@/lib/orders/shopper";

export const metadata: Metadata = { title: "Your order" };

export default async function OrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ reference: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ reference }, query] = await Promise.all([params, searchParams]);
  const order = await resolveOrderPage(decodeURIComponent(reference), typeof query.k === "string" ? query.k : undefined);
  if (!order) notFound();
  return <OrderOutcome initial={order} />;
}
