"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import useSWR from "swr";
import { retryPayment } from "@/app/actions/payment";
import type { ShopperOrderView } from "@/lib/orders/shopper";
import { OrderTotals } from "./order-totals";

const fetcher = async (url: string): Promise<ShopperOrderView> => {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`Status check failed (${response.status})`);
  return response.json();
};

const HEADINGS: Record<ShopperOrderView["outcome"], string> = {
  placed: "Thank you, your order is placed",
  pending: "We are confirming your payment",
  identity_check: "Klarna is checking your identity",
  declined: "Klarna declined the payment",
  cancelled: "Payment cancelled",
  ended: "The payment page is closed",
  error: "Something went wrong during payment",
  failed: "This order could not be paid",
};

/** What the shopper reads for each merchant status (the status itself stays in the page for tests). */
const STATUS_LABELS: Record<ShopperOrderView["status"], string> = {
  pending_payment: "Waiting for Klarna",
  authorized: "Paid with Klarna",
  part_captured: "Partly shipped",
  captured: "Shipped",
  part_refunded: "Partly refunded",
  refunded: "Refunded",
  cancelled: "Cancelled",
  payment_failed: "Not paid",
  expired: "Expired",
  needs_attention: "Being checked by the shop",
};

const POLL_MS = 2000;
const WAITING: ShopperOrderView["outcome"][] = ["pending", "identity_check"];

/** The outcome of an order as the server last read it from Klarna; polls while it is pending. */
export function OrderOutcome({ initial }: { initial: ShopperOrderView }) {
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
  // The header was drawn beside this page, before the order emptied the cart: draw it again.
  useEffect(() => {
    if (placed) router.refresh();
  }, [placed, router]);

  return (
    <section aria-live="polite" className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">{HEADINGS[order.outcome]}</h1>
        <p>
          Order <strong data-testid="order-reference" className="whitespace-nowrap">{order.reference}</strong> ·{" "}
          <span className="rounded bg-ink-100 px-2 py-0.5 text-sm dark:bg-ink-800">{STATUS_LABELS[order.status]}</span>
          {/* The merchant status, as the test contract reads it. */}
          <span data-testid="order-status" hidden>
            {order.status}
          </span>
          {order.klarnaReference ? (
            <>
              {" "}
              · Klarna reference <strong data-testid="klarna-reference">{order.klarnaReference}</strong>
            </>
          ) : null}
        </p>
        {order.fraudStatus === "PENDING" ? <p data-testid="fraud-review">Klarna is reviewing this purchase. We will ship once it is approved.</p> : null}
        {order.fraudStatus === "REJECTED" ? <p data-testid="fraud-review">Klarna did not approve this purchase after its review: the order is cancelled and you will not be charged.</p> : null}
        {order.outcome === "placed" ? <p>A confirmation will be sent to {order.email}.</p> : null}
        {order.outcome === "pending" ? (
          <div className="flex items-center gap-3">
            <p>Klarna has not confirmed the payment yet. This page updates by itself.</p>
            <button type="button" onClick={() => void mutate()} disabled={isValidating} className="rounded-md border border-ink-200 px-3 py-1 text-sm dark:border-ink-600">
              {isValidating ? "Checking…" : "Check again"}
            </button>
          </div>
        ) : null}
        {error ? <p className="text-sm text-red-700 dark:text-red-400">The status could not be checked just now; we will keep trying.</p> : null}
        {order.outcome === "failed" && order.failureReason ? <p className="text-ink-600 dark:text-ink-400">Reason: {order.failureReason}</p> : null}
        {order.outcome === "cancelled" ? <p>Your cart is still there if you want to try again.</p> : null}
        {order.outcome === "declined" ? (
          <p>Klarna could not approve this purchase. You can try again and choose another way to pay on Klarna&apos;s page, check your details, or pay another way.</p>
        ) : null}
        {order.outcome === "identity_check" ? <p>The shop&apos;s staff are confirming who you are with Klarna; this page updates by itself.</p> : null}
        {order.outcome === "ended" ? <p>This payment can no longer be completed on Klarna&apos;s page, but nothing was charged. You can start a new payment.</p> : null}
      </div>

      {["declined", "cancelled", "ended", "error"].includes(order.outcome) ? (
        <form action={retryAction} className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="reference" value={order.reference} />
          <input type="hidden" name="k" value={order.orderPageKey} />
          <button type="submit" disabled={retrying} className="rounded-md bg-ink-900 px-5 py-2.5 font-semibold text-white hover:bg-ink-800 dark:bg-brand-200 dark:text-ink-900">
            {retrying ? "Opening Klarna…" : "Try again"}
          </button>
          <Link href="/checkout" className="text-sm underline">
            Change details
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
          Start a new checkout
        </Link>
      ) : null}

      <div className="max-w-md rounded-card border border-ink-200 bg-white p-5 dark:border-ink-800 dark:bg-ink-900">
        <OrderTotals market={order.market} lines={order.lines} subtotalMinor={order.subtotalMinor} taxMinor={order.taxMinor} totalMinor={order.totalMinor} />
      </div>
      {order.outcome === "placed" ? (
        <p className="text-sm">
          Keep <Link href={order.orderPagePath} className="underline">this link to your order</Link> to follow it.
        </p>
      ) : null}
    </section>
  );
}
