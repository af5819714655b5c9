import type { Metadata } from "next";
import { ShopFrame } from "@/components/shop/shop-frame";
import { currentMessages } from "@/lib/shop/request";

export async function generateMetadata(): Promise<Metadata> {
  return { description: (await currentMessages()).meta.description };
}

export default function ShopLayout({ children }: { children: React.ReactNode }) {
  return <ShopFrame mainClassName="mx-auto w-full max-w-6xl flex-1 px-4 py-8">{children}</ShopFrame>;
}
