"use client";

import Link from "next/link";
import { startTransition, useActionState, useState } from "react";
import { createPaymentLink } from "@/app/actions/pay-by-link";
import { formatMoney } from "@/lib/money";
import type { Market } from "@/lib/shop/markets";

type Catalogue = { market: Market; products: { id: string; name: string; unitPriceMinor: number }[] };

const input = "mt-1 w-full rounded-md border border-ink-200 bg-white px-2 py-1.5 dark:border-ink-600 dark:bg-ink-800";
const CUSTOMER_FIELDS = [
  ["email", "Email", "email"],
  ["phone", "Phone", "tel"],
  ["givenName", "First name", "text"],
  ["familyName", "Last name", "text"],
  ["streetAddress", "Street address", "text"],
  ["postalCode", "Postal code", "text"],
  ["city", "City", "text"],
  ["region", "State (US only)", "text"],
] as const;

type CustomerField = (typeof CUSTOMER_FIELDS)[number][0];

export function PayByLinkForm({ catalogues }: { catalogues: Catalogue[] }) {
  const [state, action, pending] = useActionState(createPaymentLink, null);
  // Every field is controlled: React resets an uncontrolled form after its action, and a refused
  // form must keep what the merchant typed.
  const [marketCode, setMarketCode] = useState(catalogues[0]!.market.code);
  const [channel, setChannel] = useState("TELESALES");
  const [items, setItems] = useState([{ productId: "", quantity: "1" }]);
  const [customer, setCustomer] = useState<Record<CustomerField, string>>(
    () => Object.fromEntries(CUSTOMER_FIELDS.map(([name]) => [name, ""])) as Record<CustomerField, string>,
  );
  const [delivery, setDelivery] = useState("email");
  const setItem = (index: number, change: Partial<(typeof items)[number]>) =>
    setItems((current) => current.map((item, position) => (position === index ? { ...item, ...change } : item)));
  const catalogue = catalogues.find((entry) => entry.market.code === marketCode)!;
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <form
        className="space-y-6"
        // `action` serves a browser without JavaScript. With it the form is submitted by hand:
        // React resets a form after its action, and a controlled <select> does not get its value
        // back. A prevented submit inside a transition runs no action of React's own.
        action={action}
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          startTransition(() => action(data));
        }}
      >
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="sr-only">Sale</legend>
          <label className="text-sm font-medium">
            Market
            <select name="market" value={marketCode} onChange={(event) => setMarketCode(event.target.value as Market["code"])} className={input}>
              {catalogues.map((entry) => (
                <option key={entry.market.code} value={entry.market.code}>
                  {entry.market.name} ({entry.market.currency})
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm font-medium">
            Channel
            <select name="channel" className={input} value={channel} onChange={(event) => setChannel(event.target.value)}>
              <option value="TELESALES">Telesales</option>
              <option value="IN_STORE">In store</option>
            </select>
          </label>
        </fieldset>
        <fieldset className="space-y-2">
          <legend className="font-semibold">Products</legend>
          {items.map((item, index) => (
            <div key={index} className="flex gap-2">
              <label className="flex-1 text-sm">
                Product {index + 1}
                <select name="productId" className={input} value={item.productId} onChange={(event) => setItem(index, { productId: event.target.value })}>
                  <option value="">Choose a product</option>
                  {catalogue.products.map((product) => (
                    <option key={product.id} value={product.id}>
                      {product.name} · {formatMoney(product.unitPriceMinor, catalogue.market.currency, catalogue.market.locale)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="w-24 text-sm">
                Quantity {index + 1}
                <input
                  name="quantity"
                  type="number"
                  min={1}
                  max={99}
                  value={item.quantity}
                  onChange={(event) => setItem(index, { quantity: event.target.value })}
                  className={input}
                />
              </label>
            </div>
          ))}
          <button type="button" onClick={() => setItems((current) => [...current, { productId: "", quantity: "1" }])} className="text-sm underline">
            Add another product
          </button>
        </fieldset>
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="font-semibold">Customer</legend>
          {CUSTOMER_FIELDS.map(([name, label, type]) => (
            <label key={name} className="text-sm font-medium">
              {label}
              <input
                name={name}
                type={type}
                className={input}
                value={customer[name]}
                onChange={(event) => setCustomer((current) => ({ ...current, [name]: event.target.value }))}
                aria-invalid={errors[name] ? true : undefined}
              />
              {errors[name] ? <span className="text-red-700">{errors[name]}</span> : null}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend className="font-semibold">Send the link</legend>
          <div className="mt-2 flex gap-4 text-sm">
            {[
              ["email", "By e-mail"],
              ["sms", "By SMS"],
              ["none", "Don't send (show QR code and link)"],
            ].map(([value, label]) => (
              <label key={value} className="flex items-center gap-2">
                <input type="radio" name="delivery" value={value} checked={delivery === value} onChange={() => setDelivery(value!)} />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
        {state && !state.ok ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {state.message}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-ink-900 px-6 py-2.5 font-semibold text-white disabled:opacity-50 dark:bg-brand-200 dark:text-ink-900"
        >
          {pending ? "Creating…" : "Create payment link"}
        </button>
      </form>
      {state?.ok ? (
        <aside className="h-fit space-y-3 rounded-card border border-ink-200 bg-white p-5 dark:border-ink-800 dark:bg-ink-900" aria-label="Payment link">
          <p role="status">
            Order{" "}
            <Link href={`/admin/orders/${state.reference}`} className="font-mono underline" data-testid="pay-by-link-reference">
              {state.reference}
            </Link>{" "}
            is waiting for payment
            {state.sentTo ? <>; the link was sent to {state.sentTo}</> : null}.
          </p>
          {state.qrCodeUrl ? (
            <>
              {/* eslint-disable-next-line @next/next/no-img-element -- Klarna's QR image is served by Klarna (or the sandbox), not by us */}
              <img
                src={state.qrCodeUrl}
                alt={`QR code for the payment link of order ${state.reference}`}
                width={200}
                height={200}
                className="rounded bg-white p-2"
              />
            </>
          ) : (
            <p className="text-sm">Klarna&apos;s reply had no QR code for this session (qr_code_url).</p>
          )}
          {state.redirectUrl ? (
            <>
              <label className="block text-sm">
                Payment link
                <input readOnly value={state.redirectUrl} className={input} onFocus={(event) => event.currentTarget.select()} />
              </label>
              <button type="button" onClick={() => void navigator.clipboard.writeText(state.redirectUrl!)} className="text-sm underline">
                Copy link
              </button>
            </>
          ) : (
            <p className="text-sm" data-testid="no-payment-link">
              Klarna returns a direct link for e-commerce sessions only:{" "}
              {state.sentTo ? "the customer pays through the link Klarna sent." : "send the link by e-mail or SMS from the order's page."}
            </p>
          )}
        </aside>
      ) : null}
    </div>
  );
}
