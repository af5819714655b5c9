import type { ReactNode } from "react";

/** Klarna-like chrome for the sandbox's consumer pages: a calm card on a soft or merchant background. */
export function HostedPageShell({
  status,
  children,
  backgroundUrl,
  locale,
}: {
  status: string;
  children: ReactNode;
  backgroundUrl?: string;
  locale?: string;
}) {
  return (
    <main
      id="main"
      data-testid="hpp-page"
      data-status={status}
      lang={locale}
      className="flex min-h-screen flex-1 items-start justify-center bg-[#fdf2f4] bg-cover bg-center px-3 py-6 text-ink-900 sm:py-12"
      style={backgroundUrl ? { backgroundImage: `url(${JSON.stringify(backgroundUrl)})` } : undefined}
    >
      <div className="w-full max-w-md space-y-5 rounded-2xl bg-white p-5 shadow-xl sm:p-7">
        <p className="flex items-center gap-2 text-sm font-semibold">
          <span className="rounded-md bg-[#ffb3c7] px-2 py-0.5 font-bold text-black">Klarna.</span>
          <span className="text-ink-600">sandbox</span>
        </p>
        {children}
      </div>
    </main>
  );
}
