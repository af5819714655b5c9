"use client";

import { useActionState, useState } from "react";
import { startCheckout } from "@/app/actions/checkout";
import { EXIT_BUTTONS, PLACE_ORDER_MODES, PURCHASE_TYPES, RETURN_STYLES, type CustomerDetails, type PaymentOptions } from "@/lib/orders/checkout-input";
import type { Market } from "@/lib/shop/markets";

type Persona = CustomerDetails & { label: string };

const FIELDS: { name: keyof CustomerDetails; label: string; type?: string; autoComplete: string; optional?: boolean }[] = [
  { name: "email", label: "Email", type: "email", autoComplete: "email" },
  { name: "givenName", label: "First name", autoComplete: "given-name" },
  { name: "familyName", label: "Last name", autoComplete: "family-name" },
  { name: "streetAddress", label: "Street address", autoComplete: "street-address" },
  { name: "postalCode", label: "Postal code", autoComplete: "postal-code" },
  { name: "city", label: "City", autoComplete: "address-level2" },
  { name: "phone", label: "Phone", type: "tel", autoComplete: "tel", optional: true },
];

const input = "mt-1 w-full rounded-md border border-ink-200 bg-white px-3 py-2 dark:border-ink-600 dark:bg-ink-800";
const label = "block text-sm font-medium";

export function CheckoutForm({
  market,
  personas,
  customer,
  options,
  showDemoOptions,
}: {
  market: Market;
  personas: Persona[];
  customer: Partial<CustomerDetails>;
  options: PaymentOptions;
  showDemoOptions: boolean;
}) {
  const [state, formAction, pending] = useActionState(startCheckout, null);
  const [details, setDetails] = useState<Partial<CustomerDetails>>(customer);
  const errors = state?.fieldErrors ?? {};
  const fields = market.code === "US" ? [...FIELDS.slice(0, 6), { name: "region" as const, label: "State", autoComplete: "address-level1" }, FIELDS[6]!] : FIELDS;

  return (
    <form action={formAction} className="space-y-6" noValidate={false}>
      <fieldset className="space-y-4 rounded-card border border-ink-200 bg-white p-5 dark:border-ink-800 dark:bg-ink-900">
        <legend className="px-1 font-semibold">Your details</legend>
        {personas.length > 0 ? (
          <div>
            <label htmlFor="persona" className={label}>
              Klarna test persona
            </label>
            <select
              id="persona"
              className={input}
              defaultValue={personas.find((persona) => persona.email === customer.email)?.email ?? ""}
              onChange={(event) => {
                const persona = personas.find((candidate) => candidate.email === event.target.value);
                if (persona) setDetails(persona);
              }}
            >
              <option value="">Custom details</option>
              {personas.map((persona) => (
                <option key={persona.email} value={persona.email}>
                  {persona.label}
                </option>
              ))}
            </select>
            <p className="mt-1 text-xs text-ink-600 dark:text-ink-400">Sandbox mode: Klarna&apos;s playground personas decide the outcome by e-mail.</p>
          </div>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          {fields.map((field) => (
            <div key={field.name} className={field.name === "email" || field.name === "streetAddress" ? "sm:col-span-2" : ""}>
              <label htmlFor={field.name} className={label}>
                {field.label}
                {"optional" in field && field.optional ? <span className="font-normal text-ink-600 dark:text-ink-400"> (optional)</span> : null}
              </label>
              <input
                id={field.name}
                name={field.name}
                type={"type" in field ? field.type : "text"}
                autoComplete={field.autoComplete}
                required={!("optional" in field && field.optional)}
                value={details[field.name] ?? ""}
                onChange={(event) => setDetails((current) => ({ ...current, [field.name]: event.target.value }))}
                aria-invalid={errors[field.name] ? true : undefined}
                aria-describedby={errors[field.name] ? `${field.name}-error` : undefined}
                className={input}
              />
              {errors[field.name] ? (
                <p id={`${field.name}-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">
                  {errors[field.name]}
                </p>
              ) : null}
            </div>
          ))}
        </div>
      </fieldset>

      {showDemoOptions ? (
        <details className="rounded-card border border-ink-200 bg-white p-5 dark:border-ink-800 dark:bg-ink-900">
          <summary className="cursor-pointer font-semibold">Payment options (demo)</summary>
          <div className="mt-4 grid gap-4 sm:grid-cols-2">
            <div>
              <label htmlFor="placeOrderMode" className={label}>
                Place order mode
              </label>
              <select id="placeOrderMode" name="placeOrderMode" defaultValue={options.placeOrderMode} className={input}>
                {PLACE_ORDER_MODES.map((mode) => (
                  <option key={mode}>{mode}</option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="purchaseType" className={label}>
                Purchase type
              </label>
              <select id="purchaseType" name="purchaseType" defaultValue={options.purchaseType} className={input}>
                {PURCHASE_TYPES.map((type) => (
                  <option key={type}>{type}</option>
                ))}
              </select>
            </div>
            <label className="flex items-center gap-2 text-sm sm:col-span-2">
              <input type="checkbox" name="chooseCategories" defaultChecked={options.chooseCategories} />
              Choose the payment method categories from those Klarna offers for this order, before its payment page
            </label>
            <label className="flex items-center gap-2 text-sm sm:col-span-2">
              <input type="checkbox" name="paymentFallback" defaultChecked={options.paymentFallback} />
              Payment fallback: after a decline, offer the other categories
            </label>
            <fieldset className="sm:col-span-2">
              <legend className={label}>Return style</legend>
              <div className="mt-1 flex flex-wrap gap-4 text-sm">
                {RETURN_STYLES.map((style) => (
                  <label key={style} className="flex items-center gap-2">
                    <input type="radio" name="returnStyle" value={style} defaultChecked={options.returnStyle === style} />
                    {{ redirect: "Redirect back (default)", polling: "Polling: no success URL", hosted: "Hosted pages only" }[style]}
                  </label>
                ))}
              </div>
            </fieldset>
            <fieldset className="sm:col-span-2">
              <legend className={label}>Exit button on Klarna&apos;s page</legend>
              <div className="mt-1 flex flex-wrap gap-4 text-sm">
                {EXIT_BUTTONS.map((button) => (
                  <label key={button} className="flex items-center gap-2">
                    <input type="radio" name="exitButton" value={button} defaultChecked={options.exitButton === button} />
                    {{ back: "Back (returns to the checkout)", cancel: "Cancel" }[button]}
                  </label>
                ))}
              </div>
            </fieldset>
          </div>
        </details>
      ) : null}

      {state?.message ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {state.message}
        </p>
      ) : null}
      <button
        type="submit"
        data-testid="pay-with-klarna"
        disabled={pending}
        className="w-full rounded-md bg-ink-900 px-6 py-3 text-lg font-semibold text-white hover:bg-ink-800 disabled:opacity-60 dark:bg-brand-200 dark:text-ink-900 dark:hover:bg-brand-100"
      >
        {pending ? "Redirecting to Klarna…" : "Pay with Klarna"}
      </button>
    </form>
  );
}
