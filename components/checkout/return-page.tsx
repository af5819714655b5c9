import Link from "next/link";
import type { ReturnResolution } from "@/lib/orders/shopper";
import { currentMessages } from "@/lib/shop/request";
import { OrderOutcome } from "./order-outcome";

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The `sid` and `k` Klarna's redirect brings back (anything else in the URL is ignored). */

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
