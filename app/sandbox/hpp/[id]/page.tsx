import type { Metadata } from "next";
import { cache } from "react";
import { HostedPageShell, MUTED } from "@/components/sandbox/hosted-page/hosted-page-shell";
import { KeepWords } from "@/components/sandbox/hosted-page/keep-words";
import { PaymentForm } from "@/components/sandbox/hosted-page/payment-form";
import { textsFor } from "@/components/sandbox/hosted-page/texts";
import { formatMoney } from "@/lib/money";
import { categoryName, openHostedPage } from "@/lib/sandbox";

type Params = { params: Promise<{ id: string }> };

// One opening per request: the document title (generateMetadata) and the page share it.
const loadPage = cache((id: string) => openHostedPage(id));

const localeOf = (page: Awaited<ReturnType<typeof openHostedPage>>) => (page.state === "open" ? page.order.locale : page.locale);

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const texts = textsFor(localeOf(await loadPage((await params).id)));
  return { title: texts.documentTitle, robots: { index: false } };
}

// What HPP's redirect_url opens: the consumer's side of the sandbox. Opening it moves the session
// to IN_PROGRESS, as on Klarna's page. Everything on it is in the session's language (texts.ts).
export default async function HostedPaymentPage({ params }: Params) {
  const page = await loadPage((await params).id);
  if (page.state === "unavailable") {
    const texts = textsFor(page.locale);
    const [heading, detail] = texts.unavailable[page.reason];
    return (
      <HostedPageShell status={page.reason.toUpperCase()} locale={page.locale}>
        <h1 className="text-2xl font-bold">{heading}</h1>
        <p className={MUTED}>{detail}</p>
      </HostedPageShell>
    );
  }

  const { order, options } = page;
  const texts = textsFor(order.locale);
  const money = (minor: number) => formatMoney(minor, order.purchase_currency.toUpperCase(), order.locale);
  const background = [...(options.background_images ?? [])].sort((a, b) => b.width - a.width)[0]?.url;
  const goods = order.order_lines.filter((line) => line.type !== "sales_tax");
  const salesTaxLines = order.order_lines.filter((line) => line.type === "sales_tax");
  // US-style sessions add tax in sales_tax lines; VAT sessions (GB, DE, SE) have it in the prices.
  const tax =
    salesTaxLines.length > 0
      ? { label: texts.salesTax, amount: salesTaxLines.reduce((sum, line) => sum + line.total_amount, 0) }
      : { label: texts.vatIncluded, amount: order.order_tax_amount ?? 0 };
  // The categories in the page's language (Klarna names them by the session's locale).
  const categories = page.categories.map(({ identifier }) => ({ identifier, name: categoryName(order.purchase_country, identifier, order.locale) }));

  return (
    <HostedPageShell status={page.status} backgroundUrl={background} locale={order.locale}>
      <header className="space-y-2">
        {options.logo_url ? (
          // A merchant's logo is drawn for a light page (the shop's has dark lettering): in dark mode it sits on a light plate.
          // eslint-disable-next-line @next/next/no-img-element -- the merchant's logo, from any host
          <img
            src={options.logo_url}
            alt=""
            className="h-8 w-auto max-w-48 object-contain dark:box-content dark:rounded-md dark:bg-white dark:px-2 dark:py-1"
          />
        ) : null}
        {/* The merchant's page_title is free text: it wraps between words, never inside a reference. */}
        <h1 className="text-2xl font-bold">
          <KeepWords text={options.page_title ?? texts.defaultTitle} />
        </h1>
      </header>
      <section aria-label={texts.orderSummary} className="space-y-2 rounded-xl bg-ink-50 p-4 text-sm dark:bg-ink-800">
        {options.show_subtotal_detail === "HIDE" ? null : (
          <>
            <ul className="space-y-1">
              {goods.map((line, index) => (
                <li key={`${line.reference ?? line.name}-${index}`} className="flex justify-between gap-3">
                  <span className="min-w-0">
                    {line.quantity} × <KeepWords text={line.name} />
                  </span>
                  <span className="shrink-0 whitespace-nowrap">{money(line.total_amount)}</span>
                </li>
              ))}
            </ul>
            <div className="flex justify-between gap-3 border-t border-ink-200 pt-2 text-ink-600 dark:border-ink-600 dark:text-ink-200">
              <span>{tax.label}</span>
              <span className="shrink-0 whitespace-nowrap">{money(tax.amount)}</span>
            </div>
          </>
        )}
        <div className="flex justify-between gap-3 text-base font-semibold">
          <span>{texts.total}</span>
          <span data-testid="hpp-order-total" className="shrink-0 whitespace-nowrap">
            {money(order.order_amount)}
          </span>
        </div>
      </section>
      {page.fallbackOffered ? (
        <p role="status" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          {texts.fallback}
        </p>
      ) : null}
      <PaymentForm
        sessionId={page.sessionId}
        categories={categories}
        email={page.email}
        texts={texts}
        purchaseLabel={texts.purchase[options.purchase_type]}
        showBack={page.showBack}
      />
      <p className={`text-center text-xs ${MUTED}`}>{texts.sandboxNote}</p>
    </HostedPageShell>
  );
}
