import type { Metadata } from "next";
import { ReturnView, type SearchParams } from "@/components/checkout/return-page";
import { resolveReturn } from "@/lib/orders/shopper";

export const metadata: Metadata = { title: "Payment error" };

export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  return <ReturnView resolution={await resolveReturn("error", await searchParams)} />;
}
