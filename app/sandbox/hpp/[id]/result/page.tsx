import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HostedPageShell } from "@/components/hpp/hosted-page-shell";
import { textsFor } from "@/components/hpp/texts";
import { readResultPage } from "@/lib/sandbox";

export const metadata: Metadata = { title: "Klarna sandbox", robots: { index: false } };

// Klarna's generic page, shown when the merchant gave no URL for an outcome (polling mode).
export default async function ResultPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ redirect?: string }> }) {
  const result = await readResultPage((await params).id);
  const redirectDropped = (await searchParams).redirect === "dropped";
  if (!result) notFound();
  const texts = textsFor(result.locale);
  const [heading, detail] = texts.result[result.status as keyof typeof texts.result] ?? [result.status, ""];
  return (
    <HostedPageShell status={result.status} locale={result.locale}>
      <h1 className="text-2xl font-bold">{heading}</h1>
      <p className="text-ink-600">{detail}</p>
      {result.klarnaReference ? (
        <p>
          {texts.reference}: <strong>{result.klarnaReference}</strong>
        </p>
      ) : null}
      {redirectDropped ? (
        <p role="note" data-testid="hpp-redirect-dropped" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          Sandbox fault injection: the redirect to the merchant was dropped, as if the consumer had closed the window. The merchant learns of the payment from the
          status callback or its reconciliation sweep.
        </p>
      ) : null}
    </HostedPageShell>
  );
}
