import Link from "next/link";
import { config } from "@/lib/config";
import type { Messages } from "@/lib/i18n/messages";

/** The shop's footer: what this is, and the way to the back office and (in sandbox mode) the sandbox, which are in English. */
export function SiteFooter({ messages }: { messages: Messages }) {
  const sandbox = config().sandboxEnabled;
  const text = messages.footer;
  // Other areas, seldom the next page: prefetching them from every shop page cost the server
  // three renders per page load while the shopper was checking out.
  return (
    <footer className="border-t border-ink-200 py-6 text-center text-sm text-ink-600 dark:border-ink-800 dark:text-ink-400">
      <p>{text.about}</p>
      <nav aria-label={text.nav} className="mt-2 flex flex-wrap justify-center gap-4">
        <Link href="/admin" hrefLang="en" prefetch={false} className="underline">
          {text.backOffice}
        </Link>
        {sandbox ? (
          <>
            <Link href="/sandbox" hrefLang="en" prefetch={false} className="underline">
              {text.sandbox}
            </Link>
            <Link href="/sandbox/docs" hrefLang="en" prefetch={false} className="underline">
              {text.sandboxDocs}
            </Link>
          </>
        ) : null}
      </nav>
    </footer>
  );
}
