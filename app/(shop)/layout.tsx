import { SiteHeader } from "@/components/shop/site-header";

export default function ShopLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        {children}
      </main>
      <footer className="border-t border-ink-200 py-6 text-center text-sm text-ink-600 dark:border-ink-800 dark:text-ink-400">
        A reference storefront for Klarna&apos;s Hosted Payment Page. Prices and products are fictitious.
      </footer>
    </>
  );
}
