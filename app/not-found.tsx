import Link from "next/link";
import { SiteFooter } from "@/components/shop/site-footer";
import { SiteHeader } from "@/components/shop/site-header";

// Pages that do not exist are the shop's: they keep its header, with the market and the cart.
export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto w-full max-w-xl flex-1 space-y-4 px-4 py-24 text-center">
        <h1 className="text-3xl font-bold">Page not found</h1>
        <p className="text-ink-600 dark:text-ink-400">We could not find what you were looking for.</p>
        <Link href="/" className="inline-block rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700">
          Back to the shop
        </Link>
      </main>
      <SiteFooter />
    </>
  );
}
