import Link from "next/link";
import type { ReturnResolution } from "@/lib/orders/shopper";
import { OrderOutcome } from "./order-outcome";

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The `sid` and `k` Klarna's redirect brings back (anything else in the URL is ignored). */

/** The body of /success, /cancel, /failure, /error and /back: what Klarna says, whatever the URL says. */
export function ReturnView({ resolution }: { resolution: ReturnResolution }) {
  if (resolution.kind === "invalid") {
    return (
      <div className="space-y-4 py-10">
        <h1 className="text-3xl font-bold">We could not find this payment</h1>
        <p>{resolution.message} No order was changed.</p>
        <Link href="/cart" className="inline-block rounded-md bg-brand-600 px-5 py-2 font-semibold text-white">
          Back to your cart
        </Link>
      </div>
    );
  }
  return <OrderOutcome initial={resolution.order} />;
}
