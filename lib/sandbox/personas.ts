// How the sandbox decides an authorization, following Klarna's playground test data: the
// consumer's e-mail address carries the persona. One table drives both the code and the
// documentation shown on the sandbox dashboard.

import { REVIEW_PERSONA_COUNTRIES } from "@/lib/klarna-wire";

export type Decision =
  | { outcome: "approve"; fraudStatus: "ACCEPTED" }
  | { outcome: "approve"; fraudStatus: "PENDING"; pendingMinutes: number; pendingVerdict: "accept" | "reject" }
  | { outcome: "decline"; reason: string };

export interface PersonaRule {
  pattern: string;
  example: string;
  effect: string;
  match: RegExp;
  /** The statuses it leads to, for the scenario catalogue. */
  leadsTo: string[];
  /** Purchase countries where Klarna's playground honours it; everywhere when absent. */
  countries?: string[];
  decide: (match: RegExpMatchArray) => Decision;
}

export const PERSONA_RULES: PersonaRule[] = [
  {
    pattern: "+denied",
    example: "customer+denied@email.us",
    effect: "Declined when the consumer presses the purchase button.",
    match: /\+denied/i,
    leadsTo: ["HPP FAILED"],
    decide: () => ({ outcome: "decline", reason: "denied" }),
  },
  {
    pattern: "+reject_reason_<reason>",
    example: "customer+reject_reason_credit_limit_exceeded@email.us",
    effect: "Declined with the given reason.",
    match: /\+reject_reason_([a-z_]+)/i,
    leadsTo: ["HPP FAILED"],
    decide: (match) => ({ outcome: "decline", reason: match[1]!.toLowerCase() }),
  },
  {
    pattern: "+red",
    example: "customer+red@email.de",
    effect: "Declined: the consumer does not pass the pre-screen.",
    match: /\+red(?=[+@])/i,
    leadsTo: ["HPP FAILED"],
    decide: () => ({ outcome: "decline", reason: "pre_screen" }),
  },
  {
    pattern: "+pend-accept-NN",
    example: "customer+pend-accept-05@email.uk",
    effect: "Approved with fraud_status PENDING; accepted after NN minutes of sandbox time. US and GB only.",
    match: /\+pend-accept-(\d{2})/i,
    leadsTo: ["fraud PENDING", "fraud ACCEPTED"],
    countries: REVIEW_PERSONA_COUNTRIES,
    decide: (match) => ({ outcome: "approve", fraudStatus: "PENDING", pendingMinutes: Number(match[1]), pendingVerdict: "accept" }),
  },
  {
    pattern: "+pend-reject-NN",
    example: "customer+pend-reject-10@email.us",
    effect: "Approved with fraud_status PENDING; rejected after NN minutes of sandbox time. US and GB only.",
    match: /\+pend-reject-(\d{2})/i,
    leadsTo: ["fraud PENDING", "fraud REJECTED", "OM CANCELLED"],
    countries: REVIEW_PERSONA_COUNTRIES,
    decide: (match) => ({ outcome: "approve", fraudStatus: "PENDING", pendingMinutes: Number(match[1]), pendingVerdict: "reject" }),
  },
];

export function decideAuthorization(email: string | undefined, purchaseCountry: string): Decision {
  for (const rule of PERSONA_RULES) {
    if (rule.countries && !rule.countries.includes(purchaseCountry.toUpperCase())) continue;
    const match = email?.match(rule.match);
    if (match) return rule.decide(match);
  }
  return { outcome: "approve", fraudStatus: "ACCEPTED" };
}
