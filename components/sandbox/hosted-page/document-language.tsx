"use client";

import { useEffect } from "react";

/**
 * Puts the hosted page's language on the document (<html lang>) once the page is in the browser.
 *
 * The root layout (app/layout.tsx) renders <html lang="en"> for the whole app, and the hosted page
 * must not change it for every area. So the page carries its language twice: server-rendered on its
 * root element (HostedPageShell's `lang`, which assistive tech reads for everything inside it, even
 * before any script runs), and here on <html> after hydration, for the document's own language
 * (page title, browser translation, screen readers that read the document's lang). Leaving the page
 * by client navigation puts the previous language back.
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
