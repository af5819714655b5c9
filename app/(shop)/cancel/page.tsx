import type { Metadata } from "next";
import { readReturn, ReturnView, returnPageMetadata, type SearchParams } from "@/components/checkout/return-page";

export const generateMetadata = ({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> => returnPageMetadata("cancel", searchParams);

export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  return <ReturnView resolution={await readReturn("cancel", searchParams)} />;
}
