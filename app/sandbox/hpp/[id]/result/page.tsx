import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { HostedPageShell, MUTED } from "@/components/sandbox/hosted-page/hosted-page-shell";
import { textsFor } from "@/components/sandbox/hosted-page/texts";
import { readResultPage } from "@/lib/sandbox";

type Params = { params: Promise<{ id: string }> };

const loadResult = cache((id: string) => readResultPage(id));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const result = await loadResult((await params).id);
  return { title: textsFor(result?.locale).resultDocumentTitle, robots: { index: false } };
}

// Klarna's generic page, shown when the merchant gave no URL for an outcome (polling mode), in the
// session's language (texts.ts).
export default async function ResultPage({ params, searchParams }: Params & { searchParams: Promise<{ redirect?: string }> }) {
  const result = await loadResult((await params).id);
  const redirectDropped = (await searchParams).redirect === "dropped";
  if (!result) notFound();
  const texts = textsFor(result.locale);
  const [heading, detail] = texts.result[result.status as keyof typeof texts.result] ?? texts.resultUnknown;
  return (
    <HostedPageShell status={result.status} locale={result.locale}>
      <h1 className="text-2xl font-bold">{heading}</h1>
      <p className={MUTED}>{detail}</p>
      {result.klarnaReference ? (
        <p>
          {texts.reference}: <strong className="whitespace-nowrap">{result.klarnaReference}</strong>
        </p>
      ) : null}
      {redirectDropped ? (
        <p role="note" data-testid="hpp-redirect-dropped" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          {texts.redirectDropped}
        </p>
      ) : null}
    </HostedPageShell>
  );
}
