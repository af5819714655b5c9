import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Northwind Goods", template: "%s · Northwind Goods" },
  description: "A demo storefront that takes Klarna payments through the Hosted Payment Page.",
};

// The shell every area shares; the shop, the back office and the sandbox bring their own chrome.
// The document is English here: the shop's pages put their market's language on it
// (components/shop/shop-frame.tsx), the sandbox's hosted page its session's.
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col">
        {/* Shared by every area, so in English; marked so, as a shop page's document may be in another language. */}
        <a
          href="#main"
          lang="en"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-ink-900"
        >
          Skip to content
        </a>
        {children}
      </body>
    </html>
  );
}
