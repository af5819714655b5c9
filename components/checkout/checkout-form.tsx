"use client";

import { useActionState, useState } from "react";
import { startCheckout } from "@/app/actions/checkout";
import { format } from "@/lib/i18n/format";
import type { Messages } from "@/lib/i18n/messages";
import { EXIT_BUTTONS, fieldProblemOf, PLACE_ORDER_MODES, PURCHASE_TYPES, RETURN_STYLES } from "@/lib/orders/checkout-fields";
import type { CustomerDetails, PaymentOptions } from "@/lib/orders/checkout-input";
import type { Market } from "@/lib/shop/markets";

type Persona = CustomerDetails & { label: string };
type Text = Messages["checkoutForm"];

const FIELDS: { name: keyof CustomerDetails; type?: string; autoComplete: string; optional?: boolean }[] = [
  { name: "email", type: "email", autoComplete: "email" },
  { name: "givenName", autoComplete: "given-name" },
  { name: "familyName", autoComplete: "family-name" },
  { name: "streetAddress", autoComplete: "street-address" },
  { name: "postalCode", autoComplete: "postal-code" },
  { name: "city", autoComplete: "address-level2" },
  { name: "phone", type: "tel", autoComplete: "tel", optional: true },
];

/** The server's message for a field in the shop's language when it is one of the checkout's own (lib/orders/checkout-fields.ts); as it came otherwise. */
function fieldError(field: keyof CustomerDetails, message: string, text: Text) {
  const problem = fieldProblemOf(field, message);
  return problem ? format(text.fieldErrors[problem], { label: text.fields[field] }) : message;
}

const input = "mt-1 w-full rounded-md border border-ink-200 bg-white px-3 py-2 dark:border-ink-600 dark:bg-ink-800";
const label = "block text-sm font-medium";

export function CheckoutForm({
  market,
  personas,
  customer,
  options,
  showDemoOptions,
  text,
}: {
  market: Market;
  personas: Persona[];
  customer: Partial<CustomerDetails>;
  options: PaymentOptions;
  showDemoOptions: boolean;
  text: Text;
}) {
  const [state, formAction, pending] = useActionState(startCheckout, null);
  const [details, setDetails] = useState<Partial<CustomerDetails>>(customer);
  const errors = state?.fieldErrors ?? {};
  const fields = market.code === "US" ? [...FIELDS.slice(0, 6), { name: "region" as const, autoComplete: "address-level1" }, FIELDS[6]!] : FIELDS;

  return (
    <form action={formAction} className="space-y-6" noValidate={false}>
      <fieldset className="space-y-4 rounded-card border border-ink-200 bg-white p-5 dark:border-ink-800 dark:bg-ink-900">
        <legend className="px-1 font-semibold">{text.details}</legend>
        {personas.length > 0 ? (
          <div>
            <label htmlFor="persona" className={label}>
              {text.persona}
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
              <option value="">{text.customDetails}</option>
              {personas.map((persona) => (
                <option key={persona.email} value={persona.email}>
                  {persona.label}
                </option>
              ))}
            </select>
            <p className="mt-1 text-xs text-ink-600 dark:text-ink-400">{text.personaNote}</p>
          </div>
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          {fields.map((field) => (
            <div key={field.name} className={field.name === "email" || field.name === "streetAddress" ? "sm:col-span-2" : ""}>
              <label htmlFor={field.name} className={label}>
                {text.fields[field.name]}
                {"optional" in field && field.optional ? <span className="font-normal text-ink-600 dark:text-ink-400"> {text.optional}</span> : null}
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
                  {fieldError(field.name, errors[field.name]!, text)}
                </p>
              ) : null}
            </div>
          ))}
        </div>
      </fieldset>

      {showDemoOptions ? (
        <details className="rounded-card border border-ink-200 bg-white p-5 dark:border-ink-800 dark:bg-ink-900">
          <summary className="cursor-pointer font-semibold">{text.demo.summary}</summary>
          <div className="mt-4 grid gap-4 sm:grid-cols-2">
            <div>
              <label htmlFor="placeOrderMode" className={label}>
                {text.demo.placeOrderMode}
              </label>
              <select id="placeOrderMode" name="placeOrderMode" defaultValue={options.placeOrderMode} className={input}>
                {PLACE_ORDER_MODES.map((mode) => (
                  <option key={mode}>{mode}</option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="purchaseType" className={label}>
                {text.demo.purchaseType}
              </label>
              <select id="purchaseType" name="purchaseType" defaultValue={options.purchaseType} className={input}>
                {PURCHASE_TYPES.map((type) => (
                  <option key={type}>{type}</option>
                ))}
              </select>
            </div>
            <label className="flex items-center gap-2 text-sm sm:col-span-2">
              <input type="checkbox" name="chooseCategories" defaultChecked={options.chooseCategories} />
              {text.demo.chooseCategories}
            </label>
            <label className="flex items-center gap-2 text-sm sm:col-span-2">
              <input type="checkbox" name="paymentFallback" defaultChecked={options.paymentFallback} />
              {text.demo.fallback}
            </label>
            <fieldset className="sm:col-span-2">
              <legend className={label}>{text.demo.returnStyle}</legend>
              <div className="mt-1 flex flex-wrap gap-4 text-sm">
                {RETURN_STYLES.map((style) => (
                  <label key={style} className="flex items-center gap-2">
                    <input type="radio" name="returnStyle" value={style} defaultChecked={options.returnStyle === style} />
                    {text.demo.returnStyles[style]}
                  </label>
                ))}
              </div>
            </fieldset>
            <fieldset className="sm:col-span-2">
              <legend className={label}>{text.demo.exitButton}</legend>
              <div className="mt-1 flex flex-wrap gap-4 text-sm">
                {EXIT_BUTTONS.map((button) => (
                  <label key={button} className="flex items-center gap-2">
                    <input type="radio" name="exitButton" value={button} defaultChecked={options.exitButton === button} />
                    {text.demo.exitButtons[button]}
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
        {pending ? text.redirecting : text.pay}
      </button>
    </form>
  );
}
