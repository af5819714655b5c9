import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { resolveReturn, type ReturnPage, type ReturnQuery, type ReturnResolution } from "@/lib/orders/shopper";
import { currentMessages } from "@/lib/shop/request";
import { OrderOutcome } from "./order-outcome";
import { outcomeHeading } from "./outcome-heading";

export type SearchParams = Promise<ReturnQuery>;

// One visit per request: the tab's title (generateMetadata) and the page read the same outcome.
const resolveOnce = cache((page: ReturnPage, query: string) => resolveReturn(page, JSON.parse(query) as ReturnQuery));

/** What Klarna's redirect to a return page comes to (only its `sid` and `k` are read). */
export const readReturn = async (page: ReturnPage, searchParams: SearchParams) => resolveOnce(page, JSON.stringify(await searchParams));

/** A return page's tab says what the page says: the outcome's heading, or that the link is not ours. */
export async function returnPageMetadata(page: ReturnPage, searchParams: SearchParams): Promise<Metadata> {
  const [resolution, messages] = await Promise.all([readReturn(page, searchParams), currentMessages()]);
  return { title: resolution.kind === "invalid" ? messages.returnPage.notFound : outcomeHeading(resolution.order, messages.outcome) };
}

/**
 * The body of /success, /cancel, /failure, /error and /back: what Klarna says, whatever the URL
 * says, in the shop's language (the reason a link is refused is the server's, in English).
 */
export async function ReturnView({ resolution }: { resolution: ReturnResolution }) {
  const messages = await currentMessages();
  if (resolution.kind === "invalid") {
    const text = messages.returnPage;
    return (
      <div className="space-y-4 py-10">
        <h1 className="text-3xl font-bold">{text.notFound}</h1>
        <p>
          {resolution.message} {text.unchanged}
        </p>
        <Link href="/cart" className="inline-block rounded-md bg-brand-600 px-5 py-2 font-semibold text-white">
          {text.backToCart}
        </Link>
      </div>
    );
  }
  return <OrderOutcome initial={resolution.order} text={messages.outcome} totals={messages.totals} />;
}
