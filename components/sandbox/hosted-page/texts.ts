// The hosted page's words in the session's language (by the locale's first two letters). Every
// string a consumer sees on the hosted page, the generic result page and their chrome comes from
// here; only the merchant's own words (page_title, order line names) and Klarna's brand do not.

const en = {
  /** The language these texts are in: the page's `lang` (a fr-FR session reads English, so lang="en"). */
  lang: "en",
  documentTitle: "Klarna sandbox · Pay",
  resultDocumentTitle: "Klarna sandbox",
  sandboxBadge: "sandbox",
  defaultTitle: "Complete your purchase",
  orderSummary: "Order summary",
  subtotal: "Subtotal",
  /** The tax line of a US-style session: tax added in a `sales_tax` order line. */
  salesTax: "Sales tax",
  /** The tax line of a VAT session (GB, DE, SE): the VAT is part of the prices, not added to them. */
  vatIncluded: "incl. VAT",
  total: "Total",
  choose: "Choose how to pay",
  email: "Email",
  fallback: "Your previous choice was declined. You can try one of these instead.",
  purchase: { BUY: "Buy", RENT: "Rent", BOOK: "Book", SUBSCRIBE: "Subscribe", DOWNLOAD: "Download", ORDER: "Order", CONTINUE: "Continue", PAY: "Pay" },
  decline: "Simulate decline",
  error: "Simulate error",
  cancel: "Cancel",
  back: "Back to store",
  sandboxNote: "Klarna sandbox: no real payment is made.",
  unavailable: {
    not_found: ["Payment not found", "This payment link does not exist. Ask the store for a new one."],
    expired: ["This payment has expired", "The time to pay has run out. Go back to the store to start again."],
    disabled: ["This payment is no longer available", "The store has closed this payment link."],
    completed: ["This payment is already complete", "Nothing more to do: the store has your payment."],
    cancelled: ["This payment was cancelled", "Go back to the store if you want to try again."],
    timeout: ["This payment timed out", "The page was open too long. Go back to the store to start again."],
  },
  result: {
    COMPLETED: ["Payment complete", "Thank you. You can close this window."],
    FAILED: ["Payment declined", "Klarna could not approve this purchase."],
    CANCELLED: ["Payment cancelled", "You cancelled the payment."],
    BACK: ["Payment not finished", "You left the payment page."],
    ERROR: ["Something went wrong", "A technical error stopped the payment."],
    WAITING: ["Payment not started", "Open the payment link from the store to pay."],
    IN_PROGRESS: ["Payment not finished yet", "The payment is still open. Go back to the payment page to finish it."],
    MANUAL_ID_CHECK: ["Your identity is being checked", "Klarna will let the store know when the check is done."],
    DISABLED: ["This payment is no longer available", "The store has closed this payment link."],
    TIMEOUT: ["This payment timed out", "The page was open too long. Go back to the store to start again."],
  },
  resultUnknown: ["Payment status unknown", "Go back to the store to see how your order stands."],
  actionFailed: "The payment could not go ahead:",
  redirectDropped:
    "Sandbox fault injection: the redirect to the merchant was dropped, as if the consumer had closed the window. The merchant learns of the payment from the status callback or its reconciliation sweep.",
  reference: "Reference",
};
export type HppTexts = typeof en;

const de: HppTexts = {
  lang: "de",
  documentTitle: "Klarna-Sandbox · Bezahlen",
  resultDocumentTitle: "Klarna-Sandbox",
  sandboxBadge: "Sandbox",
  defaultTitle: "Kauf abschließen",
  orderSummary: "Bestellübersicht",
  subtotal: "Zwischensumme",
  salesTax: "Umsatzsteuer",
  vatIncluded: "inkl. MwSt.",
  total: "Gesamt",
  choose: "Wähle, wie du zahlen möchtest",
  email: "E-Mail",
  fallback: "Deine vorherige Wahl wurde abgelehnt. Du kannst stattdessen eine dieser Optionen wählen.",
  purchase: {
    BUY: "Kaufen",
    RENT: "Mieten",
    BOOK: "Buchen",
    SUBSCRIBE: "Abonnieren",
    DOWNLOAD: "Herunterladen",
    ORDER: "Bestellen",
    CONTINUE: "Weiter",
    PAY: "Bezahlen",
  },
  decline: "Ablehnung simulieren",
  error: "Fehler simulieren",
  cancel: "Abbrechen",
  back: "Zurück zum Shop",
  sandboxNote: "Klarna-Sandbox: Es wird nichts wirklich bezahlt.",
  unavailable: {
    not_found: ["Zahlung nicht gefunden", "Diesen Zahlungslink gibt es nicht. Bitte den Shop um einen neuen."],
    expired: ["Diese Zahlung ist abgelaufen", "Die Zeit zum Bezahlen ist vorbei. Starte im Shop neu."],
    disabled: ["Diese Zahlung ist nicht mehr verfügbar", "Der Shop hat diesen Zahlungslink geschlossen."],
    completed: ["Diese Zahlung ist bereits abgeschlossen", "Es ist nichts mehr zu tun."],
    cancelled: ["Diese Zahlung wurde abgebrochen", "Gehe zurück zum Shop, um es erneut zu versuchen."],
    timeout: ["Die Zeit für diese Zahlung ist abgelaufen", "Die Seite war zu lange offen. Starte im Shop neu."],
  },
  result: {
    COMPLETED: ["Zahlung abgeschlossen", "Danke. Du kannst dieses Fenster schließen."],
    FAILED: ["Zahlung abgelehnt", "Klarna konnte diesen Kauf nicht genehmigen."],
    CANCELLED: ["Zahlung abgebrochen", "Du hast die Zahlung abgebrochen."],
    BACK: ["Zahlung nicht abgeschlossen", "Du hast die Zahlungsseite verlassen."],
    ERROR: ["Etwas ist schiefgelaufen", "Ein technischer Fehler hat die Zahlung gestoppt."],
    WAITING: ["Zahlung noch nicht begonnen", "Öffne den Zahlungslink aus dem Shop, um zu bezahlen."],
    IN_PROGRESS: ["Zahlung noch nicht abgeschlossen", "Die Zahlung ist noch offen. Gehe zurück zur Zahlungsseite, um sie abzuschließen."],
    MANUAL_ID_CHECK: ["Deine Identität wird geprüft", "Klarna gibt dem Shop Bescheid, sobald die Prüfung abgeschlossen ist."],
    DISABLED: ["Diese Zahlung ist nicht mehr verfügbar", "Der Shop hat diesen Zahlungslink geschlossen."],
    TIMEOUT: ["Die Zeit für diese Zahlung ist abgelaufen", "Die Seite war zu lange offen. Starte im Shop neu."],
  },
  resultUnknown: ["Zahlungsstatus unbekannt", "Gehe zurück zum Shop, um den Stand deiner Bestellung zu sehen."],
  actionFailed: "Die Zahlung konnte nicht fortgesetzt werden:",
  redirectDropped:
    "Sandbox-Fehlersimulation: Die Weiterleitung zum Shop wurde verworfen, als hätte die Kundin oder der Kunde das Fenster geschlossen. Der Shop erfährt von der Zahlung über den Status-Callback oder seinen Abgleich.",
  reference: "Referenz",
};

const sv: HppTexts = {
  lang: "sv",
  documentTitle: "Klarna-sandlåda · Betala",
  resultDocumentTitle: "Klarna-sandlåda",
  sandboxBadge: "sandlåda",
  defaultTitle: "Slutför ditt köp",
  orderSummary: "Ordersammanfattning",
  subtotal: "Delsumma",
  salesTax: "Försäljningsskatt",
  vatIncluded: "inkl. moms",
  total: "Totalt",
  choose: "Välj hur du vill betala",
  email: "E-post",
  fallback: "Ditt tidigare val nekades. Du kan prova något av dessa i stället.",
  purchase: { BUY: "Köp", RENT: "Hyr", BOOK: "Boka", SUBSCRIBE: "Prenumerera", DOWNLOAD: "Ladda ner", ORDER: "Beställ", CONTINUE: "Fortsätt", PAY: "Betala" },
  decline: "Simulera nekande",
  error: "Simulera fel",
  cancel: "Avbryt",
  back: "Tillbaka till butiken",
  sandboxNote: "Klarna-sandlåda: ingen riktig betalning görs.",
  unavailable: {
    not_found: ["Betalningen hittades inte", "Den här betalningslänken finns inte. Be butiken om en ny."],
    expired: ["Betalningen har gått ut", "Tiden för att betala har gått ut. Börja om i butiken."],
    disabled: ["Betalningen är inte längre tillgänglig", "Butiken har stängt den här betalningslänken."],
    completed: ["Betalningen är redan klar", "Det finns inget mer att göra."],
    cancelled: ["Betalningen avbröts", "Gå tillbaka till butiken om du vill försöka igen."],
    timeout: ["Tiden för betalningen har gått ut", "Sidan var öppen för länge. Gå tillbaka till butiken och börja om."],
  },
  result: {
    COMPLETED: ["Betalningen är klar", "Tack. Du kan stänga det här fönstret."],
    FAILED: ["Betalningen nekades", "Klarna kunde inte godkänna köpet."],
    CANCELLED: ["Betalningen avbröts", "Du avbröt betalningen."],
    BACK: ["Betalningen slutfördes inte", "Du lämnade betalningssidan."],
    ERROR: ["Något gick fel", "Ett tekniskt fel stoppade betalningen."],
    WAITING: ["Betalningen har inte påbörjats", "Öppna betalningslänken från butiken för att betala."],
    IN_PROGRESS: ["Betalningen är inte klar än", "Betalningen är fortfarande öppen. Gå tillbaka till betalningssidan för att slutföra den."],
    MANUAL_ID_CHECK: ["Din identitet kontrolleras", "Klarna meddelar butiken när kontrollen är klar."],
    DISABLED: ["Betalningen är inte längre tillgänglig", "Butiken har stängt den här betalningslänken."],
    TIMEOUT: ["Tiden för betalningen har gått ut", "Sidan var öppen för länge. Gå tillbaka till butiken och börja om."],
  },
  resultUnknown: ["Betalningsstatus okänd", "Gå tillbaka till butiken för att se hur det står till med din beställning."],
  actionFailed: "Betalningen kunde inte genomföras:",
  redirectDropped:
    "Felsimulering i sandlådan: omdirigeringen till butiken tappades, som om kunden hade stängt fönstret. Butiken får veta om betalningen genom statusåteranropet eller sin avstämning.",
  reference: "Referens",
};

const TEXTS: Record<string, HppTexts> = { en, de, sv };

export function textsFor(locale: string | undefined): HppTexts {
  return TEXTS[(locale ?? "en").slice(0, 2).toLowerCase()] ?? en;
}
