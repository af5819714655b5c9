import type { ReactNode } from "react";
import { DocumentLanguage } from "@/components/ui/document-language";
import { textsFor } from "./texts";

/** Text colour for secondary copy on the card, readable in both colour schemes. */
export const MUTED = "text-ink-600 dark:text-ink-400";

/**
 * Klarna-like chrome for the sandbox's consumer pages: a calm card on a soft or merchant background,
 * light or dark with the consumer's colour scheme.
 *
 * The page speaks the session's language: `lang` on the root element (what assistive tech reads, in
 * the server's HTML) is the language of the texts shown, "de" or "sv" (not the locale's region, and
 * "en" for a locale the page has no texts for). The root layout's <html lang="en"> is set to it too,
 * from the browser (DocumentLanguage).
 */
export function HostedPageShell({ status, children, backgroundUrl, locale }: { status: string; children: ReactNode; backgroundUrl?: string; locale?: string }) {
  const texts = textsFor(locale);
  return (
    <main
      id="main"
      data-testid="hpp-page"
      data-status={status}
      lang={texts.lang}
      className="flex min-h-screen flex-1 items-start justify-center bg-[#fdf2f4] bg-cover bg-center px-3 py-6 text-ink-900 [color-scheme:light] sm:py-12 dark:bg-ink-950 dark:text-ink-50 dark:[color-scheme:dark]"
      style={backgroundUrl ? { backgroundImage: `url(${JSON.stringify(backgroundUrl)})` } : undefined}
    >
      <DocumentLanguage lang={texts.lang} />
      <div className="w-full min-w-0 max-w-md space-y-5 rounded-2xl bg-white p-5 shadow-xl sm:p-7 dark:bg-ink-900 dark:ring-1 dark:ring-ink-800">
        <p className="flex items-center gap-2 text-sm font-semibold">
          <span className="rounded-md bg-[#ffb3c7] px-2 py-0.5 font-bold text-black">Klarna.</span>
          <span className={MUTED}>{texts.sandboxBadge}</span>
        </p>
        {children}
      </div>
    </main>
  );
}
