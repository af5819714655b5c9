import type { Metadata } from "next";
import { HostedPageShell } from "@/components/hpp/hosted-page-shell";
import { PaymentForm } from "@/components/hpp/payment-form";
import { textsFor } from "@/components/hpp/texts";
import { formatMoney } from "@/lib/money";
import { openHostedPage } from "@/lib/sandbox";

export const metadata: Metadata = { title: "Klarna sandbox · Pay", robots: { index: false } };

// What HPP's redirect_url opens: the consumer's side of the sandbox. Opening it moves the session
// to IN_PROGRESS, as on Klarna's page.
export default async function HostedPaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const page = await openHostedPage((await params).id);
  if (page.state === "unavailable") {
    const texts = textsFor(page.locale);
    const [heading, detail] = texts.unavailable[page.reason];
    return (
      <HostedPageShell status={page.reason.toUpperCase()} locale={page.locale}>
        <h1 className="text-2xl font-bold">{heading}</h1>
        <p className="text-ink-600">{detail}</p>
      </HostedPageShell>
    );
  }

  const { order, options } = page;
  const texts = textsFor(order.locale);
  const money = (minor: number) => formatMoney(minor, order.purchase_currency.toUpperCase(), order.locale);
  const background = [...(options.background_images ?? [])].sort((a, b) => b.width - a.width)[0]?.url;
  const goods = order.order_lines.filter((line) => line.type !== "sales_tax");
  const salesTax = order.order_lines.filter((line) => line.type === "sales_tax").reduce((sum, line) => sum + line.total_amount, 0);

  return (
    <HostedPageShell status={page.status} backgroundUrl={background} locale={order.locale}>
      <header className="space-y-2">
        {options.logo_url ? (
          // eslint-disable-next-line @next/next/no-img-element -- the merchant's logo, from any host
          <img src={options.logo_url} alt="" className="h-8 w-auto max-w-48 object-contain" />
        ) : null}
        <h1 className="text-2xl font-bold">{options.page_title ?? texts.defaultTitle}</h1>
      </header>
      <section aria-label={texts.orderSummary} className="space-y-2 rounded-xl bg-ink-50 p-4 text-sm">
        {options.show_subtotal_detail === "HIDE" ? null : (
          <>
            <ul className="space-y-1">
              {goods.map((line, index) => (
                <li key={`${line.reference ?? line.name}-${index}`} className="flex justify-between gap-3">
                  <span>
                    {line.quantity} × {line.name}
                  </span>
                  <span>{money(line.total_amount)}</span>
                </li>
              ))}
            </ul>
            <div className="flex justify-between border-t border-ink-200 pt-2 text-ink-600">
              <span>{texts.tax}</span>
              <span>{money(salesTax > 0 ? salesTax : (order.order_tax_amount ?? 0))}</span>
            </div>
          </>
        )}
        <div className="flex justify-between text-base font-semibold">
          <span>{texts.total}</span>
          <span data-testid="hpp-order-total">{money(order.order_amount)}</span>
        </div>
      </section>
      {page.fallbackOffered ? (
        <p role="status" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
          {texts.fallback}
        </p>
      ) : null}
      <PaymentForm
        sessionId={page.sessionId}
        categories={page.categories}
        email={page.email}
        texts={texts}
        purchaseLabel={texts.purchase[options.purchase_type]}
        showBack={page.showBack}
      />
      <p className="text-center text-xs text-ink-600">{texts.sandboxNote}</p>
    </HostedPageShell>
  );
}
