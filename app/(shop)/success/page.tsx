import type { Metadata } from "next";
import { ReturnView, type SearchParams } from "@/components/checkout/return-page";
import { resolveReturn } from "@/lib/orders/shopper";

export const metadata: Metadata = { title: "Payment complete" };

export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  return <ReturnView resolution={await resolveReturn("success", await searchParams)} />;
}
