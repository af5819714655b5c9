import Link from "next/link";
import { config } from "@/lib/config";

/** The shop's footer: what this is, and the way to the back office and (in sandbox mode) the sandbox. */
export function SiteFooter() {
  const sandbox = config().sandboxEnabled;
  return (
    <footer className="border-t border-ink-200 py-6 text-center text-sm text-ink-600 dark:border-ink-800 dark:text-ink-400">
      <p>A reference storefront for Klarna&apos;s Hosted Payment Page. Prices and products are fictitious.</p>
      <nav aria-label="Elsewhere" className="mt-2 flex flex-wrap justify-center gap-4">
        <Link href="/admin" className="underline">
          Back office
        </Link>
        {sandbox ? (
          <>
            <Link href="/sandbox" className="underline">
              Klarna sandbox
            </Link>
            <Link href="/sandbox/docs" className="underline">
              Sandbox API reference
            </Link>
          </>
        ) : null}
      </nav>
    </footer>
  );
}
