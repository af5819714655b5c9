"use client";

import { useEffect } from "react";

/**
 * Puts a page's language on the document (<html lang>) once the page is in the browser.
 *
 * The root layout renders <html lang="en"> for every area (the back office and the sandbox stay
 * English, and a layout cannot tell which area it renders). So a page in another language (the
 * shop in DE or SE, the hosted page of a German or Swedish session) carries it twice:
 * server-rendered on its own root element (ShopFrame, HostedPageShell), which assistive tech reads
 * before any script runs, and here on <html>, for the document itself (page title, browser
 * translation). Leaving the page by client navigation puts the previous language back.
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
