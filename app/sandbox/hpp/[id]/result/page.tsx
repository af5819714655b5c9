import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HostedPageShell } from "@/components/hpp/hosted-page-shell";
import { textsFor } from "@/components/hpp/texts";
import { readResultPage } from "@/lib/sandbox";

export const metadata: Metadata = { title: "Klarna sandbox", robots: { index: false } };

// Klarna's generic page, shown when the merchant gave no URL for an outcome (polling mode).
export default async function ResultPage({ params }: { params: Promise<{ id: string }> }) {
  const result = await readResultPage((await params).id);
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
    </HostedPageShell>
  );
}
