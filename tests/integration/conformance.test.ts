import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { OmOrder } from "@/lib/klarna-wire";
import { databaseHandle } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/prepare";
import { shapeDifferences } from "../../scripts/lib/shape-diff";
import { startSandboxServer, type SandboxServer } from "../helpers/sandbox-server";

// The conformance kit (`npm run conformance`) against this sandbox: no difference between what it
// answers and the wire contract written from Klarna's documents.

let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandboxServer();
  await prepareDatabase(databaseHandle(), []);
});
afterAll(() => sandbox.close());

function conformance(base: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", "conformance", "--", "--base", base], { env: process.env });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("the conformance kit", () => {
  it("finds no difference in this sandbox, through every operation of its scenario", async () => {
    const { code, output } = await conformance(`${sandbox.origin}/sandbox/api`);
    expect(output).toMatch(/\n\d+ calls, 0 differences\n/);
    expect(code, output).toBe(0);
    for (const operation of ["kp.create_session", "hpp.distribute_session", "hpp.disable_session", "kp.place_order", "om.capture", "om.update_authorization"])
      expect(output).toContain(operation);
  });

  it("against a Klarna without this sandbox's control API, checks what needs no shopper and lists the steps it skips", async () => {
    // The probe is the kit's only control call: answered 404, as by Klarna's playground.
    sandbox.failNext(/ \/sandbox\/api\/_control\//, 1, { status: 404 });
    const seen = sandbox.requests.length;
    const { code, output } = await conformance(`${sandbox.origin}/sandbox/api`);
    expect(output, output).toMatch(/\n8 calls, 0 differences, 10 steps skipped \(not this sandbox\)\n/);
    expect(code, output).toBe(0);
    for (const checked of [
      "kp.create_session",
      "kp.read_session",
      "kp.update_session",
      "hpp.create_session",
      "hpp.read_session",
      "hpp.distribute_session",
      "hpp.disable_session",
    ])
      expect(output).toMatch(new RegExp(`^ok +\\d{3} ${checked.replace(".", "\\.")} `, "m"));
    for (const step of [
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
    ])
      expect(output).toContain(`skip ${step}\n`);
    // Nothing that needs an approved session was tried.
    expect(sandbox.requests.slice(seen).filter((line) => /_control\/(?!clock)|\/order\b|ordermanagement/.test(line))).toEqual([]);
  });

  it("names what differs: a guaranteed field missing, a field the contract does not know, a value it does not list", () => {
    expect(shapeDifferences(OmOrder, { order_id: "o-1", status: "AUTHORIZED" })).toEqual([]);
    expect(shapeDifferences(OmOrder, { status: "AUTHORIZED" })).toEqual(["order_id: Invalid input: expected string, received undefined"]);
    expect(shapeDifferences(OmOrder, { order_id: "o-1", status: "REOPENED", captures: [{ capture_id: "c", colour: "red" }] })).toEqual([
      'status: value "REOPENED" is not among the documented ones',
      "captures[0].colour: not in the wire contract",
    ]);
    expect(shapeDifferences(z.array(OmOrder), [{ order_id: "o-1", status: "CLOSED", extra: 1 }])).toEqual(["[0].extra: not in the wire contract"]);
  });
});
