/**
 * `npm run conformance -- --base <Klarna base URL> [--user U --password P]`: one scripted
 * scenario against any Klarna API (this sandbox, Klarna's playground, …), printing per operation
 * the status code and each difference between the reply's shape and the wire contract
 * (lib/klarna-wire). Exits 0 when there is none.
 *
 * Everywhere: create, read and update a KP session; create, read, distribute and disable HPP
 * sessions. Where the target is this sandbox (its control API answers), it also approves as the
 * consumer, places the order, captures, refunds and updates the authorization. Elsewhere those
 * need a person on Klarna's page, and the steps skipped are listed.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import * as wire from "@/lib/klarna-wire";
import { gbSession } from "../tests/helpers/klarna-bodies";
import { shapeDifferences } from "./lib/shape-diff";

const { values } = parseArgs({
  options: { base: { type: "string" }, user: { type: "string", default: "sandbox" }, password: { type: "string", default: "sandbox" } },
});
if (!values.base) {
  console.error("Usage: npm run conformance -- --base <Klarna base URL, e.g. http://localhost:3000/sandbox/api> [--user U --password P]");
  process.exit(2);
}
const base = values.base.replace(/\/$/, "");
const headers: Record<string, string> = {
  authorization: `Basic ${Buffer.from(`${values.user}:${values.password}`).toString("base64")}`,
  "content-type": "application/json",
  // Our sandbox keeps this run apart from others; Klarna ignores the header.
  [wire.SANDBOX_NAMESPACE_HEADER]: `conformance-${process.pid}`,
};

interface Step {
  operation: string;
  method: string;
  path: string;
  status: number;
  expected: number[];
  differences: string[];
}
const steps: Step[] = [];
const skipped: string[] = [];

async function run<T = Record<string, string | undefined>>(
  operation: string,
  method: string,
  path: string,
  expected: number[],
  options: { body?: unknown; reply?: z.ZodType; idempotent?: boolean } = {},
) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: options.idempotent ? { ...headers, "klarna-idempotency-key": crypto.randomUUID() } : headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  const differences = response.ok ? (options.reply ? shapeDifferences(options.reply, body) : []) : shapeDifferences(wire.ErrorEnvelope, body);
  steps.push({ operation, method, path: path.replace(/[0-9a-f-]{36}/g, "{id}"), status: response.status, expected, differences });
  return { status: response.status, body: body as T, headers: response.headers };
}

async function main() {
  const isSandbox = (await fetch(`${base}/_control/clock`, { headers }).catch(() => undefined))?.ok === true;

  const kp = await run("kp.create_session", "POST", "/payments/v1/sessions", [200], { body: gbSession(), reply: wire.KpSessionCreated });
  const kpSessionId: string | undefined = kp.body?.session_id;
  if (!kpSessionId) throw new Error(`No KP session to go on with (${kp.status})`);
  await run("kp.read_session", "GET", `/payments/v1/sessions/${kpSessionId}`, [200], { reply: wire.KpSessionRead });
  const cart = gbSession();
  await run("kp.update_session", "POST", `/payments/v1/sessions/${kpSessionId}`, [204], {
    body: { order_amount: cart.order_amount, order_tax_amount: cart.order_tax_amount, order_lines: cart.order_lines },
  });

  const hppBody = {
    payment_session_url: `${base}/payments/v1/sessions/${kpSessionId}`,
    merchant_urls: { success: "https://shop.example/success?sid={{session_id}}&token={{authorization_token}}" },
  };
  const hpp = await run("hpp.create_session", "POST", "/hpp/v1/sessions", [201], { body: hppBody, reply: wire.HppSessionCreated });
  const hppId = hpp.body.session_id!;
  await run("hpp.read_session", "GET", `/hpp/v1/sessions/${hppId}`, [200], { reply: wire.HppSessionRead });
  await run("hpp.distribute_session", "POST", `/hpp/v1/sessions/${hppId}/distribution`, [201, 204], {
    body: { method: "email", contact_information: { email: "customer@email.uk" } },
  });
  const spare = await run("hpp.create_session", "POST", "/hpp/v1/sessions", [201], { body: hppBody, reply: wire.HppSessionCreated });
  await run("hpp.disable_session", "DELETE", `/hpp/v1/sessions/${spare.body.session_id}`, [204]);

  if (!isSandbox) {
    skipped.push(
      "approve on the hosted page (needs a person on Klarna's page)",
      "kp.place_order",
      "om.read_order",
      "om.capture",
      "om.list_captures",
      "om.read_capture",
      "om.refund",
      "om.read_refund",
      "om.update_authorization",
      "om.extend_due_date_options",
    );
    return;
  }
  await run("control.complete_hpp", "POST", `/_control/hpp/${hppId}/complete`, [200], { body: { outcome: "approve" } });
  const completed = await run("hpp.read_session", "GET", `/hpp/v1/sessions/${hppId}`, [200], { reply: wire.HppSessionRead });
  const placed = await run("kp.place_order", "POST", `/payments/v1/authorizations/${completed.body.authorization_token}/order`, [200], {
    body: gbSession(),
    reply: wire.PlaceOrderReply,
  });
  const orderPath = `/ordermanagement/v1/orders/${placed.body.order_id}`;
  await run("om.read_order", "GET", orderPath, [200], { reply: wire.OmOrder });
  const capture = await run("om.capture", "POST", `${orderPath}/captures`, [201], {
    body: { captured_amount: 20000, description: "Parcel 1" },
    idempotent: true,
  });
  const captureId = capture.headers.get("capture-id");
  await run("om.list_captures", "GET", `${orderPath}/captures`, [200], { reply: z.array(wire.OmCapture) });
  await run("om.read_capture", "GET", `${orderPath}/captures/${captureId}`, [200], { reply: wire.OmCapture });
  const refund = await run("om.refund", "POST", `${orderPath}/refunds`, [201], { body: { refunded_amount: 5000 }, idempotent: true });
  await run("om.read_refund", "GET", `${orderPath}/refunds/${refund.headers.get("refund-id")}`, [200], { reply: wire.OmRefund });
  await run("om.update_authorization", "PATCH", `${orderPath}/authorization`, [204], { body: { order_amount: 50000 }, idempotent: true });
  await run("om.extend_due_date_options", "GET", `${orderPath}/captures/${captureId}/extend-due-date-options`, [200], { reply: wire.ExtendDueDateOptions });
  await run("om.read_order", "GET", orderPath, [200], { reply: wire.OmOrder });
  await fetch(`${base}/_control/reset`, { method: "POST", headers });
}

main()
  .then(() => {
    let problems = 0;
    for (const step of steps) {
      const unexpected = !step.expected.includes(step.status);
      problems += step.differences.length + (unexpected ? 1 : 0);
      console.log(`${step.differences.length === 0 && !unexpected ? "ok  " : "DIFF"} ${step.status} ${step.operation.padEnd(28)} ${step.method} ${step.path}`);
      if (unexpected) console.log(`       status ${step.status}, expected ${step.expected.join(" or ")}`);
      for (const difference of step.differences) console.log(`       ${difference}`);
    }
    for (const step of skipped) console.log(`skip ${step}`);
    console.log(`\n${steps.length} calls, ${problems} differences${skipped.length ? `, ${skipped.length} steps skipped (not this sandbox)` : ""}`);
    process.exit(problems === 0 ? 0 : 1);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
