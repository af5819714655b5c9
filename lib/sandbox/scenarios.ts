import "server-only";
import { DEADLINES } from "./control";
import { HPP_TRANSITIONS } from "./hpp";
import { OPERATIONS } from "./operations";
import { PERSONA_RULES } from "./personas";

// The scenario catalogue (/sandbox/scenarios): every way to bring a Klarna status about in the
// sandbox, built from the tables the code itself runs on (personas, the HPP status machine, the
// operations table, the clock's deadlines), so it cannot promise what the sandbox does not do.

export type Trigger = "persona" | "consumer" | "api" | "control" | "clock";

export interface Scenario {
  trigger: Trigger;
  /** What to do: an e-mail pattern, a button, an API call, a control call, a deadline. */
  how: string;
  example?: string;
  effect: string;
  /** Statuses it leads to, as "HPP FAILED", "OM CLOSED", "fraud REJECTED", "KP complete". */
  leadsTo: string[];
}

const CONSUMER_ACTIONS = {
  approve: "the purchase button",
  decline: "Simulate decline",
  cancel: "Cancel",
  back: "Back to store",
  error: "Simulate error",
} as const;

function consumerScenarios(): Scenario[] {
  return Object.entries(CONSUMER_ACTIONS).map(([event, button]) => ({
    trigger: "consumer",
    how: `${button} on the hosted page, or POST /_control/hpp/{id}/complete {"outcome": "${event}"}`,
    effect:
      event === "approve" ? "Approved (any e-mail without a persona suffix): an authorization token, or the order Klarna places" : `The consumer's ${event}`,
    leadsTo: [`HPP ${HPP_TRANSITIONS.IN_PROGRESS[event as keyof typeof CONSUMER_ACTIONS]}`, ...(event === "approve" ? ["fraud ACCEPTED"] : [])],
  }));
}

export function scenarioCatalogue(): Scenario[] {
  const personas: Scenario[] = PERSONA_RULES.map((rule) => ({
    trigger: "persona",
    how: `An e-mail containing ${rule.pattern}${rule.countries ? ` (${rule.countries.join(", ")} only)` : ""}`,
    example: rule.example,
    effect: rule.effect,
    leadsTo: rule.leadsTo,
  }));
  const opening: Scenario = {
    trigger: "consumer",
    how: "Opening the hosted page (redirect_url)",
    effect: "The consumer is on Klarna's page",
    leadsTo: ["HPP WAITING", "HPP IN_PROGRESS"],
  };
  const calls: Scenario[] = Object.entries(OPERATIONS)
    .filter(([, doc]) => doc.leadsTo)
    .map(([operation, doc]) => ({
      trigger: operation.startsWith("control.") ? "control" : "api",
      how: `${operation}: ${doc.summary}`,
      effect: doc.description ?? doc.summary,
      leadsTo: doc.leadsTo!,
    }));
  const clock: Scenario[] = Object.entries(DEADLINES).map(([kind, effect]) => ({
    trigger: "clock",
    how: `POST /_control/clock/advance {"to": "next_deadline"} (or {"seconds": N}) past ${kind}`,
    effect,
    leadsTo: kind === "order_authorization_expiry" ? ["OM EXPIRED"] : kind === "fraud_decision" ? ["fraud ACCEPTED", "fraud REJECTED"] : [],
  }));
  return [...personas, opening, ...consumerScenarios(), ...calls, ...clock];
}

/** Every status the catalogue says the sandbox can bring about. */
export const reachableStatuses = () => [...new Set(scenarioCatalogue().flatMap((scenario) => scenario.leadsTo))].sort();
