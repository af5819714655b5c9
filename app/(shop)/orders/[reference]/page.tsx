import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { OrderOutcome } from "@/components/checkout/order-outcome";
import { resolveOrderPage } from "@/lib/orders/shopper";
import { currentMessages } from "@/lib/shop/request";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await currentMessages()).meta.order };
}

export default async function OrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ reference: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ reference }, query, messages] = await Promise.all([params, searchParams, currentMessages()]);
  const order = await resolveOrderPage(decodeURIComponent(reference), typeof query.k === "string" ? query.k : undefined);
  if (!order) notFound();
  return <OrderOutcome initial={order} text={messages.outcome} totals={messages.totals} />;
}
