import "server-only";
import { desc, eq } from "drizzle-orm";
import { formatMoney } from "@/lib/money";
import type { KpSessionData } from "./schemas";
import { currentNamespace } from "./scope";
import { db } from "./store";
import { sandboxOutbox } from "./tables";

// Payment-link messages "sent" by the distribution endpoint, written in the session's language.

const TEXTS = {
  en: {
    subject: "Complete your purchase with Klarna",
    body: (amount: string, link: string) => `Your order of ${amount} is ready to pay. Open this link to complete your purchase with Klarna: ${link}`,
  },
  de: {
    subject: "Schließe deinen Kauf mit Klarna ab",
    body: (amount: string, link: string) =>
      `Deine Bestellung über ${amount} ist bereit zur Zahlung. Öffne diesen Link, um den Kauf mit Klarna abzuschließen: ${link}`,
  },
  sv: {
    subject: "Slutför ditt köp med Klarna",
    body: (amount: string, link: string) => `Din beställning på ${amount} är redo att betalas. Öppna länken för att slutföra köpet med Klarna: ${link}`,
  },
} as const;

export function composeLinkMessage(method: "email" | "sms" | "token", order: KpSessionData, link: string) {
  const language = order.locale.slice(0, 2).toLowerCase();
  const texts = TEXTS[language as keyof typeof TEXTS] ?? TEXTS.en;
  const locale = language in TEXTS ? order.locale : "en-US";
  const amount = formatMoney(order.order_amount, order.purchase_currency.toUpperCase(), locale);
  return { locale, subject: method === "email" ? texts.subject : null, body: texts.body(amount, link) };
}

/** What was "sent" in the current namespace, newest first. */
export async function listOutbox(limit = 100) {
  return db().select().from(sandboxOutbox).where(eq(sandboxOutbox.namespace, currentNamespace())).orderBy(desc(sandboxOutbox.createdAt)).limit(limit);
}
