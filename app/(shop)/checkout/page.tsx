import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { CheckoutForm } from "@/components/checkout/checkout-form";
import { OrderTotals } from "@/components/checkout/order-totals";
import { config } from "@/lib/config";
import { messagesFor, type Messages } from "@/lib/i18n/messages";
import { DEFAULT_PAYMENT_OPTIONS, PaymentOptions, type CustomerDetails } from "@/lib/orders/checkout-input";
import { latestPendingOrderForCart } from "@/lib/orders/queries";
import { personasFor } from "@/lib/orders/test-personas";
import { CART_COOKIE, cartIdFromCookie } from "@/lib/shop/cart";
import { currentCart, currentMessages } from "@/lib/shop/request";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await currentMessages()).meta.checkout };
}

/** The personas' e-mail tags (customer+TAG@…, lib/orders/test-personas.ts), by the name the catalogue gives them. */
const PERSONA_TAGS: Record<string, keyof Messages["checkout"]["personas"]> = {
  "": "approved",
  denied: "denied",
  "pend-accept-05": "pendingAccepted",
  "pend-reject-05": "pendingRejected",
};

/** A persona's label ("Approved (customer@email.de)") in the shop's language; as it was for one the catalogue does not know. */
function personaLabel(persona: { email: string; label: string }, names: Messages["checkout"]["personas"]) {
  const key = PERSONA_TAGS[/^[^+@]*(?:\+([^@]*))?@/.exec(persona.email)?.[1] ?? ""];
  return key ? `${names[key]} (${persona.email})` : persona.label;
}

export default async function CheckoutPage() {
  const { market, cart } = await currentCart();
  const messages = messagesFor(market.locale);
  if (cart.lines.length === 0) {
    return (
      <div className="space-y-4 py-10 text-center">
        <h1 className="text-3xl font-bold">{messages.checkout.heading}</h1>
        <p>{messages.cart.empty}</p>
        <Link href="/" className="inline-block rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700">
          {messages.cart.browse}
        </Link>
      </div>
    );
  }
  // Back from Klarna (or a retry): the last attempt's details fill the form again.
  const previous = await latestPendingOrderForCart(cartIdFromCookie((await cookies()).get(CART_COOKIE)?.value));
  const sandbox = config().sandboxEnabled;
  const personas = sandbox ? personasFor(market.code).map((persona) => ({ ...persona, label: personaLabel(persona, messages.checkout.personas) })) : [];
  const customer: Partial<CustomerDetails> = (previous?.market === market.code ? (previous.customer as CustomerDetails) : undefined) ?? personas[0] ?? {};
  const options = previous ? (PaymentOptions.safeParse(previous.checkoutOptions).data ?? DEFAULT_PAYMENT_OPTIONS) : DEFAULT_PAYMENT_OPTIONS;

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">{messages.checkout.heading}</h1>
      <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
        <CheckoutForm market={market} personas={personas} customer={customer} options={options} showDemoOptions={sandbox} text={messages.checkoutForm} />
        {/* First on a phone: the total is read before "Pay with Klarna", not after it. */}
        <aside
          aria-label={messages.checkout.summary}
          className="order-first h-fit rounded-card border border-ink-200 bg-white p-5 lg:order-last dark:border-ink-800 dark:bg-ink-900"
        >
          <h2 className="mb-3 font-semibold">{messages.checkout.summary}</h2>
          <OrderTotals
            market={market}
            lines={cart.lines.map((line) => ({ name: line.name, quantity: line.quantity, totalMinor: line.lineTotalMinor, type: "physical" as const }))}
            subtotalMinor={cart.subtotalMinor}
            taxMinor={cart.taxMinor}
            totalMinor={cart.totalMinor}
            text={messages.totals}
          />
        </aside>
      </div>
    </div>
  );
}
