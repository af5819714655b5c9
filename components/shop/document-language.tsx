"use client";

import { useEffect } from "react";

/**
 * Puts the shop's language on the document (<html lang>) once the page is in the browser.
 *
 * The root layout renders <html lang="en"> for every area (the back office and the sandbox stay
 * English, and a layout cannot tell which area it renders). So a shop page carries its language
 * twice: server-rendered on the element around the shop's chrome and content (ShopFrame), which
 * assistive tech reads before any script runs, and here on <html>, for the document itself (page
 * title, browser translation). Leaving the shop by client navigation puts "en" back. The same
 * approach as the hosted page's components/sandbox/hosted-page/document-language.tsx.
 */
export function DocumentLanguage({ lang }: { lang: string }) {
  useEffect(() => {
    const root = document.documentElement;
    const previous = root.lang;
    root.lang = lang;
    return () => {
      root.lang = previous;
    };
  }, [lang]);
  return null;
}
