import type { Metadata } from "next";
import { SiteHeader } from "@/components/shop/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Northwind Goods", template: "%s · Northwind Goods" },
  description: "A demo storefront that takes Klarna payments through the Hosted Payment Page.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-ink-900">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
          {children}
        </main>
        <footer className="border-t border-ink-200 py-6 text-center text-sm text-ink-600 dark:border-ink-800 dark:text-ink-400">
          A reference storefront for Klarna&apos;s Hosted Payment Page. Prices and products are fictitious.
        </footer>
      </body>
    </html>
  );
}
