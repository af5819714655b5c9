import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { shapeDifferences } from "../../scripts/lib/shape-diff";
import {
  CustomerTokenReply,
  ErrorEnvelope,
  FraudNotification,
  HppSessionCreated,
  HppSessionRead,
  HppStatusCallback,
  KpSessionCreated,
  KpSessionRead,
  OmCapture,
  OmOrder,
  OmRefund,
  PlaceOrderReply,
} from "@/lib/klarna-wire";

// The client reads Klarna's replies with these schemas (lib/klarna-wire). Klarna's documents and
// recorded traffic are the truth here: what they show must parse, lean or full, and only the
// absence of what Klarna guarantees may fail.

const fixture = (name: string) => JSON.parse(readFileSync(path.join("tests/fixtures/klarna", `${name}.json`), "utf8"));
const sheet = fixture("fact-sheet-examples");

const documented: [string, z.ZodType, unknown][] = [
  ["documented KP create session", KpSessionCreated, fixture("documented-kp-create-session")],
  ["documented KP read session", KpSessionRead, fixture("documented-kp-read-session")],
  ["documented KP place order", PlaceOrderReply, fixture("documented-kp-place-order")],
  ["documented KP customer token", CustomerTokenReply, fixture("documented-kp-customer-token")],
  ["documented HPP create session", HppSessionCreated, fixture("documented-hpp-create-session")],
  ["documented HPP read session", HppSessionRead, fixture("documented-hpp-read-session")],
  ["documented OM order", OmOrder, fixture("documented-om-order")],
  ["documented OM capture", OmCapture, fixture("documented-om-capture")],
  ["documented OM refund", OmRefund, fixture("documented-om-refund")],
  ["recorded playground KP create session (1)", KpSessionCreated, fixture("playground-kp-create-session-1").body],
  ["recorded playground KP create session (2)", KpSessionCreated, fixture("playground-kp-create-session-2").body],
  ["fact sheet HPP create session", HppSessionCreated, sheet["hpp-create-session"]],
  ["fact sheet HPP read, waiting", HppSessionRead, sheet["hpp-read-session-waiting"]],
  ["fact sheet HPP read, completed (NONE)", HppSessionRead, sheet["hpp-read-session-completed-none"]],
  ["fact sheet HPP read, completed (PLACE_ORDER)", HppSessionRead, sheet["hpp-read-session-completed-place-order"]],
  ["fact sheet status callback", HppStatusCallback, sheet["hpp-status-callback"]],
  ["fact sheet KP create session", KpSessionCreated, sheet["kp-create-session"]],
  ["fact sheet place order", PlaceOrderReply, sheet["kp-place-order"]],
  ["fact sheet place order, payment method as a bare string", PlaceOrderReply, sheet["kp-place-order-bare-payment-method"]],
  ["fact sheet OM order, part captured", OmOrder, sheet["om-order-part-captured"]],
  ["fact sheet error envelope", ErrorEnvelope, sheet["error-envelope"]],
  ["fact sheet error envelope with error_message", ErrorEnvelope, sheet["error-envelope-singular"]],
];

/** Each reply with only the fields Klarna's OpenAPI marks required (see lib/klarna-wire for HPP and OM). */
const minimal: [string, z.ZodType, Record<string, unknown>][] = [
  ["KP create session", KpSessionCreated, { session_id: "s-1", client_token: "t" }],
  ["KP read session", KpSessionRead, {}],
  ["KP place order", PlaceOrderReply, { order_id: "o-1" }],
  ["KP customer token", CustomerTokenReply, { token_id: "tok-1" }],
  ["HPP create session", HppSessionCreated, { session_id: "h-1" }],
  ["HPP read session", HppSessionRead, { session_id: "h-1", status: "WAITING" }],
  ["OM order", OmOrder, { order_id: "o-1", status: "AUTHORIZED" }],
  ["OM capture", OmCapture, { capture_id: "c-1" }],
  ["OM refund", OmRefund, { refund_id: "r-1" }],
  ["status callback", HppStatusCallback, { event_id: "e-1", session: { session_id: "h-1", status: "IN_PROGRESS" } }],
  ["fraud notification", FraudNotification, { order_id: "o-1", event_type: "FRAUD_RISK_ACCEPTED" }],
  ["error envelope", ErrorEnvelope, {}],
];

const shapeOf = (schema: z.ZodType) => (schema as unknown as z.ZodObject).shape as Record<string, z.ZodType>;

describe("Klarna's replies", () => {
  it.each(documented)("%s parses", (_name, schema, body) => {
    const parsed = schema.safeParse(body);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  // What the conformance kit reports against Klarna: a documented field missing from the contract
  // would show up as drift on every real reply that carries it.
  it.each(documented.filter(([name]) => name.startsWith("documented")))("%s: every field is in the wire contract", (_name, schema, body) => {
    expect(shapeDifferences(schema, body)).toEqual([]);
  });

  it.each(minimal)("a minimal %s reply parses", (_name, schema, body) => {
    expect(schema.safeParse(body).success).toBe(true);
  });

  it.each(minimal.filter(([, , body]) => Object.keys(body).length > 0))("a %s reply without a field Klarna guarantees is refused", (_name, schema, body) => {
    for (const key of Object.keys(body)) {
      const { [key]: _left, ...rest } = body;
      expect(schema.safeParse(rest).success, `without ${key}`).toBe(false);
    }
  });

  const optionalFields = (schema: z.ZodType) => Object.keys(shapeOf(schema)).filter((key) => shapeOf(schema)[key]!.safeParse(undefined).success);
  // The status callback's fields are all guaranteed; its session is an HPP read, tested as such.
  it.each(minimal.filter(([, schema]) => optionalFields(schema).length > 0))("a %s reply with null in each optional field parses", (_name, schema, body) => {
    for (const key of optionalFields(schema)) expect(schema.safeParse({ ...body, [key]: null }).success, `${key}: null`).toBe(true);
  });

  it("keeps a status, fraud status, category or event Klarna adds later, and extra fields, instead of failing", () => {
    expect(HppSessionRead.parse({ session_id: "h-1", status: "TIMEOUT" }).status).toBe("TIMEOUT");
    expect(HppSessionRead.parse({ session_id: "h-1", status: "AWAITING_SIGNATURE", next_step: "sign" })).toEqual({
      session_id: "h-1",
      status: "AWAITING_SIGNATURE",
      next_step: "sign",
    });
    expect(OmOrder.parse({ order_id: "o-1", status: "REOPENED", fraud_status: "UNDER_REVIEW" })).toMatchObject({
      status: "REOPENED",
      fraud_status: "UNDER_REVIEW",
    });
    expect(
      KpSessionCreated.parse({ session_id: "s", client_token: "t", payment_method_categories: [{ identifier: "pay_in_10", name: "Pay in 10" }] })
        .payment_method_categories?.[0]?.identifier,
    ).toBe("pay_in_10");
    expect(FraudNotification.parse({ order_id: "o-1", event_type: "FRAUD_RISK_ESCALATED" }).event_type).toBe("FRAUD_RISK_ESCALATED");
    expect(PlaceOrderReply.parse({ order_id: "o-1", fraud_status: "ON_HOLD" }).fraud_status).toBe("ON_HOLD");
  });

  it("still refuses what is not a reply at all: a wrong type in a guaranteed field", () => {
    expect(HppSessionRead.safeParse({ session_id: 42, status: "WAITING" }).success).toBe(false);
    expect(OmOrder.safeParse({ order_id: "o-1", status: null }).success).toBe(false);
    expect(KpSessionCreated.safeParse([]).success).toBe(false);
  });
});
