import Link from "next/link";
import { ShopFrame } from "@/components/shop/shop-frame";
import { currentMessages } from "@/lib/shop/request";

// Pages that do not exist are the shop's: they keep its header, with the market and the cart, and its language.
export default async function NotFound() {
  const { notFound: text } = await currentMessages();
  return (
    <ShopFrame mainClassName="mx-auto w-full max-w-xl flex-1 space-y-4 px-4 py-24 text-center">
      <h1 className="text-3xl font-bold">{text.heading}</h1>
      <p className="text-ink-600 dark:text-ink-400">{text.text}</p>
      <Link href="/" className="inline-block rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700">
        {text.back}
      </Link>
    </ShopFrame>
  );
}
