"use client";

import { Fragment, useActionState, useId, useState } from "react";
import { disableSession, manageOrder, recordKlarnaView, resendLink, type AdminActionState } from "@/app/actions/admin-orders";
import { exampleAmount, formatMoney, parseMoney } from "@/lib/money";

const input = "mt-1 w-full rounded-md border border-ink-200 bg-white px-2 py-1.5 dark:border-ink-600 dark:bg-ink-800";
const button = "rounded-md bg-ink-900 px-4 py-2 text-sm font-semibold text-white hover:bg-ink-800 disabled:opacity-50 dark:bg-brand-200 dark:text-ink-900";

function Result({ state }: { state: AdminActionState }) {
  if (!state) return null;
  return (
    <p role={state.ok ? "status" : "alert"} className={`text-sm ${state.ok ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400"}`}>
      {state.message}
    </p>
  );
}

/** Klarna's order says something else than the shop's record (changed in Klarna's portal, or expired): say so, and offer to update. */
export function StaleStatus({ orderId, status, canAct }: { orderId: string; status: string; canAct: boolean }) {
  const [state, action, pending] = useActionState(recordKlarnaView, null);
  return (
    <div
      role="note"
      className="space-y-2 rounded-card border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <p>
        Klarna&apos;s order says this order is <strong data-testid="klarna-implied-status">{status.replace("_", " ")}</strong>, which the shop&apos;s record
        does not show yet.
      </p>
      {canAct ? (
        <form action={action}>
          <input type="hidden" name="orderId" value={orderId} />
          <button type="submit" disabled={pending} className={button}>
            Update from Klarna
          </button>
        </form>
      ) : null}
      <Result state={state} />
    </div>
  );
}

/**
 * One back-office operation, as a card that stays when the operation stops being possible (so its
 * answer stays readable): the form while Klarna would accept it, the reason why not otherwise. Its
 * id (the Klarna-Idempotency-Key) is made when the form appears and kept while Klarna's answer is
 * unknown, so a double click or a retry after a timeout repeats the same request instead of
 * making a second one.
 */
function OperationForm({
  orderId,
  kind,
  title,
  offer,
  confirm,
  children,
  submitLabel,
}: {
  orderId: string;
  kind: string;
  title: string;
  offer: Offer;
  confirm?: string;
  children?: React.ReactNode;
  submitLabel: string;
}) {
  const [state, action, pending] = useActionState(manageOrder, null);
  const [operation, setOperation] = useState(() => ({ after: state, id: crypto.randomUUID(), done: 0 }));
  // After a definite answer (done or refused) the next submit is a new operation: reusing the id
  // would only fetch the stored answer. An unanswered one keeps it, for a safe repeat.
  if (operation.after !== state)
    setOperation({
      after: state,
      id: state && "retry" in state && state.retry ? operation.id : crypto.randomUUID(),
      done: state?.ok ? operation.done + 1 : operation.done,
    });
  const operationId = operation.id;
  return (
    <section aria-label={title} className="space-y-2 rounded-card border border-ink-200 bg-white p-4 dark:border-ink-800 dark:bg-ink-900">
      <h3 className="font-semibold">{title}</h3>
      {offer.allowed ? (
        <form
          action={action}
          onSubmit={(event) => {
            if (confirm && !window.confirm(confirm)) event.preventDefault();
          }}
          className="space-y-2"
        >
          <input type="hidden" name="orderId" value={orderId} />
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="operationId" value={operationId} />
          {/* Emptied once the operation is done, so a second click is not a second capture; kept after a refusal, to correct. */}
          <Fragment key={operation.done}>{children}</Fragment>
          <button type="submit" disabled={pending} className={button}>
            {submitLabel}
          </button>
        </form>
      ) : (
        <p className="text-sm text-ink-600 dark:text-ink-400" data-testid="unavailable-reason">
          Not possible now: {offer.reason}
        </p>
      )}
      <Result state={state} />
    </section>
  );
}

type Offer = { allowed: true; max?: string; maxMinor?: number } | { allowed: false; reason: string };

/**
 * An amount typed as the order's market writes it ("1 149,00" in SEK), with what it reads as shown
 * before submitting, so "12,50" in a USD order is caught here and not taken for $12.50.
 */
function AmountField({ label, currency, locale, initial = "" }: { label: string; currency: string; locale: string; initial?: string }) {
  const [text, setText] = useState(initial);
  const readingId = useId();
  const parsed = text.trim() === "" ? undefined : parseMoney(text, currency, locale);
  return (
    <label className="block text-sm">
      {label}
      <input name="amount" inputMode="decimal" value={text} onChange={(event) => setText(event.target.value)} className={input} aria-describedby={readingId} />
      <span id={readingId} className="block text-xs text-ink-600 dark:text-ink-400" data-testid="amount-reading">
        {parsed === undefined
          ? ""
          : parsed === null
            ? `Not an amount: write it as ${exampleAmount(currency, locale)}`
            : `= ${formatMoney(parsed, currency, locale)}`}
      </span>
    </label>
  );
}

/** A second submit for the whole amount on offer, sent in minor units (it wins over a typed amount). */
function WholeAmountButton({ offer, label }: { offer: Offer; label: string }) {
  if (!offer.allowed || offer.maxMinor === undefined) return null;
  return (
    <button
      type="submit"
      name="amountMinor"
      value={offer.maxMinor}
      className="mr-2 rounded-md border border-ink-200 px-4 py-2 text-sm font-semibold dark:border-ink-600"
    >
      {label} ({offer.max})
    </button>
  );
}
type Kind = "capture" | "refund" | "cancel" | "release" | "extend";

const TITLES: Record<Kind, string> = {
  capture: "Capture",
  refund: "Refund",
  cancel: "Cancel order",
  release: "Release remaining authorization",
  extend: "Extend authorization time",
};

/** The operations Klarna would accept on the order as it stands; the others, with the reason why not. */
export function OperationForms({
  orderId,
  currency,
  locale,
  availability,
  lines,
}: {
  orderId: string;
  currency: string;
  locale: string;
  availability: Record<string, Offer>;
  lines: { position: number; label: string }[];
}) {
  const offer = (kind: Kind) => availability[kind] ?? { allowed: false as const, reason: "Not available." };
  const lineChoices = (kind: string) => (
    <fieldset className="text-sm">
      <legend>Or whole lines</legend>
      {lines.map((line) => (
        <label key={line.position} className="flex items-center gap-2">
          <input type="checkbox" name="lines" value={line.position} aria-label={`${kind} line ${line.label}`} />
          {line.label}
        </label>
      ))}
    </fieldset>
  );
  const forms: Record<Kind, React.ReactNode> = {
    capture: (
      <OperationForm orderId={orderId} kind="capture" title={TITLES.capture} offer={offer("capture")} submitLabel="Capture">
        <AmountField label={`Capture amount (${currency}, up to ${(offer("capture") as { max?: string }).max})`} currency={currency} locale={locale} />
        <WholeAmountButton offer={offer("capture")} label="Capture remaining" />
        {lineChoices("Capture")}
        <label className="block text-sm">
          Shipping company
          <input name="shippingCompany" className={input} />
        </label>
        <label className="block text-sm">
          Tracking number
          <input name="trackingNumber" className={input} />
        </label>
      </OperationForm>
    ),
    refund: (
      <OperationForm
        orderId={orderId}
        kind="refund"
        title={TITLES.refund}
        offer={offer("refund")}
        submitLabel="Refund"
        confirm="Refund this amount to the customer?"
      >
        <AmountField label={`Refund amount (${currency}, up to ${(offer("refund") as { max?: string }).max})`} currency={currency} locale={locale} />
        <WholeAmountButton offer={offer("refund")} label="Refund everything captured" />
        {lineChoices("Refund")}
      </OperationForm>
    ),
    cancel: (
      <OperationForm
        orderId={orderId}
        kind="cancel"
        title={TITLES.cancel}
        offer={offer("cancel")}
        submitLabel="Cancel order"
        confirm="Cancel this order? The authorization is released and cannot be captured any more."
      />
    ),
    release: (
      <OperationForm
        orderId={orderId}
        kind="release"
        title={TITLES.release}
        offer={offer("release")}
        submitLabel="Release remaining"
        confirm="Release what is not captured? It cannot be captured afterwards."
      />
    ),
    extend: <OperationForm orderId={orderId} kind="extend" title={TITLES.extend} offer={offer("extend")} submitLabel="Extend authorization" />,
  };
  const kinds = Object.keys(TITLES) as Kind[];
  return (
    <section aria-labelledby="actions-heading" className="space-y-3">
      <h2 id="actions-heading" className="text-xl font-semibold">
        Actions
      </h2>
      <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
        {kinds.map((kind) => (
          <div key={kind}>{forms[kind]}</div>
        ))}
      </div>
    </section>
  );
}

export function SessionActions({ sessionId, email, phone }: { sessionId: string; email: string; phone: string }) {
  const [disabled, disableAction, disabling] = useActionState(disableSession, null);
  const [sent, sendAction, sending] = useActionState(resendLink, null);
  return (
    <div className="mt-3 flex flex-wrap items-end gap-4">
      <form action={sendAction} className="flex flex-wrap items-end gap-2" aria-label="Send the payment link">
        <input type="hidden" name="sessionId" value={sessionId} />
        <label className="text-sm">
          Send link by
          <select name="method" className={input} defaultValue="email">
            <option value="email">E-mail</option>
            <option value="sms">SMS</option>
          </select>
        </label>
        <label className="text-sm">
          E-mail
          <input name="email" type="email" defaultValue={email} className={input} />
        </label>
        <label className="text-sm">
          Phone
          <input name="phone" type="tel" defaultValue={phone} className={input} />
        </label>
        <button type="submit" disabled={sending} className={button}>
          Send payment link
        </button>
        <Result state={sent} />
      </form>
      <form
        action={disableAction}
        onSubmit={(event) => {
          if (!window.confirm("Disable this payment session? Its link stops working.")) event.preventDefault();
        }}
      >
        <input type="hidden" name="sessionId" value={sessionId} />
        <button type="submit" disabled={disabling} className="rounded-md border border-red-300 px-4 py-2 text-sm text-red-700 hover:bg-red-50">
          Disable session
        </button>
        <Result state={disabled} />
      </form>
    </div>
  );
}
