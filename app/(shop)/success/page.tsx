import type { Metadata } from "next";
import { ReturnView, type SearchParams } from "@/components/checkout/return-page";
import { resolveReturn } from "@/lib/orders/shopper";
import { currentMessages } from "@/lib/shop/request";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await currentMessages()).meta.success };
}

export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  return <ReturnView resolution={await resolveReturn("success", await searchParams)} />;
}
