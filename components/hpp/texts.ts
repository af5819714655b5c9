// The hosted page's words in the session's language (by the locale's first two letters).

const en = {
  defaultTitle: "Complete your purchase",
  orderSummary: "Order summary",
  subtotal: "Subtotal",
  tax: "Tax",
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
  },
  reference: "Reference",
};
export type HppTexts = typeof en;

const de: HppTexts = {
  defaultTitle: "Kauf abschließen",
  orderSummary: "Bestellübersicht",
  subtotal: "Zwischensumme",
  tax: "MwSt.",
  total: "Gesamt",
  choose: "Wähle, wie du zahlen möchtest",
  email: "E-Mail",
  fallback: "Deine vorherige Wahl wurde abgelehnt. Du kannst stattdessen eine dieser Optionen wählen.",
  purchase: { BUY: "Kaufen", RENT: "Mieten", BOOK: "Buchen", SUBSCRIBE: "Abonnieren", DOWNLOAD: "Herunterladen", ORDER: "Bestellen", CONTINUE: "Weiter", PAY: "Bezahlen" },
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
  },
  reference: "Referenz",
};

const sv: HppTexts = {
  defaultTitle: "Slutför ditt köp",
  orderSummary: "Ordersammanfattning",
  subtotal: "Delsumma",
  tax: "Moms",
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
  },
  reference: "Referens",
};

const TEXTS: Record<string, HppTexts> = { en, de, sv };

export function textsFor(locale: string | undefined): HppTexts {
  return TEXTS[(locale ?? "en").slice(0, 2).toLowerCase()] ?? en;
}
