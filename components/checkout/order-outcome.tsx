"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import useSWR from "swr";
import { retryPayment } from "@/app/actions/payment";
import { format, rich } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/messages";
import type { ShopperOrderView } from "@/lib/orders/shopper";
import { failedStatusText, outcomeHeading } from "./outcome-heading";
import { OrderTotals } from "./order-totals";

const fetcher = async (url: string): Promise<ShopperOrderView> => {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`Status check failed (${response.status})`);
  return response.json();
};

type Text = Messages["outcome"];

const POLL_MS = 2000;
const WAITING: ShopperOrderView["outcome"][] = ["pending", "identity_check"];

/**
 * The outcome of an order as the server last read it from Klarna; polls while it is pending.
 * `text` is the shop's language (headings by outcome, labels and the failure's meaning by merchant
 * status); a retry's refusal is the server's message, in the shop's language too.
 */
export function OrderOutcome({ initial, text, totals }: { initial: ShopperOrderView; text: Text; totals: Messages["totals"] }) {
  const url = `/api/orders/${encodeURIComponent(initial.reference)}?k=${initial.orderPageKey}`;
  const [waiting, setWaiting] = useState(WAITING.includes(initial.outcome));
  // The interval is worked out here, from the order on screen: SWR hands a refreshInterval
  // function its cache, which the server-rendered fallbackData never enters.
  const { data, mutate, isValidating, error } = useSWR(url, fetcher, {
    fallbackData: initial,
    revalidateOnMount: false,
    refreshInterval: waiting ? POLL_MS : 0,
    onSuccess: (latest) => setWaiting(WAITING.includes(latest.outcome)),
  });
  const order = data ?? initial;
  const [retry, retryAction, retrying] = useActionState(retryPayment, null);
  const router = useRouter();
  const placed = order.outcome === "placed";
  const failed = failedStatusText(order, text);
  // The header was drawn beside this page, before the order emptied the cart: draw it again.
  useEffect(() => {
    if (placed) router.refresh();
  }, [placed, router]);

  return (
    <section aria-live="polite" className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">{outcomeHeading(order, text)}</h1>
        <p>
          {rich(text.order, {
            reference: (
              <strong data-testid="order-reference" className="whitespace-nowrap">
                {order.reference}
              </strong>
            ),
          })}{" "}
          · <span className="rounded bg-ink-100 px-2 py-0.5 text-sm whitespace-nowrap dark:bg-ink-800">{text.statuses[order.status]}</span>
          {/* The merchant status, as the test contract reads it. */}
          <span data-testid="order-status" hidden>
            {order.status}
          </span>
          {order.klarnaReference ? (
            <> · {rich(text.klarnaReference, { reference: <strong data-testid="klarna-reference">{order.klarnaReference}</strong> })}</>
          ) : null}
        </p>
        {order.fraudStatus === "PENDING" ? <p data-testid="fraud-review">{text.fraudPending}</p> : null}
        {order.fraudStatus === "REJECTED" ? <p data-testid="fraud-review">{text.fraudRejected}</p> : null}
        {order.outcome === "placed" ? <p>{format(text.confirmation, { email: order.email })}</p> : null}
        {order.outcome === "pending" ? (
          <div className="flex items-center gap-3">
            <p>{text.pending}</p>
            <button
              type="button"
              onClick={() => void mutate()}
              disabled={isValidating}
              className="rounded-md border border-ink-200 px-3 py-1 text-sm dark:border-ink-600"
            >
              {isValidating ? text.checking : text.checkAgain}
            </button>
          </div>
        ) : null}
        {error ? <p className="text-sm text-red-700 dark:text-red-400">{text.pollFailed}</p> : null}
        {/* A rejected fraud review says it above. */}
        {failed && order.fraudStatus !== "REJECTED" ? <p>{failed.note}</p> : null}
        {order.outcome === "cancelled" ? <p>{text.cancelled}</p> : null}
        {order.outcome === "declined" ? <p>{text.declined}</p> : null}
        {order.outcome === "identity_check" ? <p>{text.identityCheck}</p> : null}
        {order.outcome === "ended" ? <p>{text.ended}</p> : null}
      </div>

      {["declined", "cancelled", "ended", "error"].includes(order.outcome) ? (
        <form action={retryAction} className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="reference" value={order.reference} />
          <input type="hidden" name="k" value={order.orderPageKey} />
          <button
            type="submit"
            disabled={retrying}
            className="rounded-md bg-ink-900 px-5 py-2.5 font-semibold text-white hover:bg-ink-800 dark:bg-brand-200 dark:text-ink-900"
          >
            {retrying ? text.opening : text.tryAgain}
          </button>
          <Link href="/checkout" className="text-sm underline">
            {text.changeDetails}
          </Link>
          {retry?.message ? (
            <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
              {retry.message}
            </p>
          ) : null}
        </form>
      ) : null}
      {order.outcome === "failed" ? (
        <Link href="/checkout" className="inline-block rounded-md bg-ink-900 px-5 py-2.5 font-semibold text-white dark:bg-brand-200 dark:text-ink-900">
          {text.newCheckout}
        </Link>
      ) : null}

      <div className="max-w-md rounded-card border border-ink-200 bg-white p-5 dark:border-ink-800 dark:bg-ink-900">
        <OrderTotals
          market={order.market}
          lines={order.lines}
          subtotalMinor={order.subtotalMinor}
          taxMinor={order.taxMinor}
          totalMinor={order.totalMinor}
          text={totals}
        />
      </div>
      {order.outcome === "placed" ? (
        <p className="text-sm">
          {rich(text.keepLink, {
            link: (
              <Link href={order.orderPagePath} className="underline">
                {text.orderLink}
              </Link>
            ),
          })}
        </p>
      ) : null}
    </section>
  );
}
