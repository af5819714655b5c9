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
