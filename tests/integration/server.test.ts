import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureProductionBuild, OPERATOR_AUTH, startProductionServer } from "../../scripts/lib/server";
import { gbSession } from "../helpers/klarna-bodies";

// The real production server (`npm start`), as a user runs it.

const AUTH = { ...OPERATOR_AUTH, "content-type": "application/json" };
const SECRET = "server-test-only-Rt6Yp2Ks9Qm4Wx7Lb3Nv8Hj5";

beforeAll(async () => {
  await ensureProductionBuild();
}, 180_000);

describe("the production server", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "server-test-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("keeps sandbox state across a restart (PGlite on disk), and shows none of it outside sandbox mode", async () => {
    const env = { PGLITE_DIR: path.join(dataDir, "pglite"), AUTH_SECRET: SECRET };
    let server = await startProductionServer(env);
    const api = (base: string) => `${base}/sandbox/api`;
    const kp = await (await fetch(`${api(server.baseUrl)}/payments/v1/sessions`, { method: "POST", headers: AUTH, body: JSON.stringify(gbSession()) })).json();
    const hpp = await (
      await fetch(`${api(server.baseUrl)}/hpp/v1/sessions`, {
        method: "POST",
        headers: AUTH,
        body: JSON.stringify({ payment_session_url: `${api(server.baseUrl)}/payments/v1/sessions/${kp.session_id}` }),
      })
    ).json();
    const completed = await fetch(`${api(server.baseUrl)}/_control/hpp/${hpp.session_id}/complete`, {
      method: "POST",
      headers: AUTH,
      body: JSON.stringify({ outcome: "approve" }),
    });
    expect(completed.status).toBe(200);
    const before = await (await fetch(`${api(server.baseUrl)}/hpp/v1/sessions/${hpp.session_id}`, { headers: AUTH })).json();
    // The session's hosted page, QR code and result page.
    const pageStatuses = (base: string) =>
      Promise.all(["", "/qr", "/result"].map(async (page) => (await fetch(`${base}/sandbox/hpp/${hpp.session_id}${page}`)).status));
    await server.stop();

    server = await startProductionServer(env);
    try {
      const after = await fetch(`${api(server.baseUrl)}/hpp/v1/sessions/${hpp.session_id}`, { headers: AUTH });
      expect(after.status).toBe(200);
      expect(await after.json()).toEqual(before);
      expect(before).toMatchObject({ status: "COMPLETED", authorization_token: expect.any(String) });
      expect(await pageStatuses(server.baseUrl)).toEqual([200, 200, 200]);
    } finally {
      await server.stop();
    }

    server = await startProductionServer({ ...env, KLARNA_MODE: "playground", KLARNA_USERNAME: "K000000_test", KLARNA_PASSWORD: "not-used" });
    try {
      expect(await pageStatuses(server.baseUrl)).toEqual([404, 404, 404]);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it("answers 404 on every /sandbox route outside sandbox mode", async () => {
    const server = await startProductionServer({
      PGLITE_DIR: "memory://",
      AUTH_SECRET: SECRET,
      KLARNA_MODE: "playground",
      KLARNA_USERNAME: "K000000_test",
      KLARNA_PASSWORD: "not-used",
    });
    try {
      for (const [method, route] of [
        ["POST", "/sandbox/api/payments/v1/sessions"],
        ["GET", "/sandbox/api/hpp/v1/sessions/0a0b0c0d-0000-4000-8000-000000000000"],
        ["GET", "/sandbox/hpp/0a0b0c0d-0000-4000-8000-000000000000"],
        ["GET", "/sandbox"],
        ["GET", "/sandbox/docs"],
        ["GET", "/sandbox/outbox"],
        ["GET", "/sandbox/fidelity"],
      ] as const) {
        const response = await fetch(`${server.baseUrl}${route}`, { method, headers: AUTH, body: method === "POST" ? "{}" : undefined });
        expect(response.status, `${method} ${route}`).toBe(404);
      }
      expect((await fetch(server.baseUrl)).status).toBe(200);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it("links the dashboard's mention of docs/klarna-fidelity.md to the document, served to the sandbox's operator", async () => {
    const server = await startProductionServer({ PGLITE_DIR: "memory://", AUTH_SECRET: SECRET });
    try {
      const dashboard = await (await fetch(`${server.baseUrl}/sandbox`, { headers: OPERATOR_AUTH })).text();
      expect(dashboard).toMatch(/<a [^>]*href="\/sandbox\/fidelity"[^>]*>docs\/klarna-fidelity\.md<\/a>/);
      const page = await fetch(`${server.baseUrl}/sandbox/fidelity`, { headers: OPERATOR_AUTH });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain("# How closely the sandbox follows Klarna");
      expect(html).toContain("## Klarna Payments");
      // Like the sandbox's other pages, not for anyone else.
      expect((await fetch(`${server.baseUrl}/sandbox/fidelity`, { redirect: "manual" })).status).toBe(307);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it("refuses to start with one readable line: a public sandbox on its default credentials, a database it cannot reach", async () => {
    const start = (env: Record<string, string>) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn("node_modules/.bin/tsx", ["--tsconfig", "tsconfig.server.json", "server.ts"], {
          env: { ...process.env, NODE_ENV: "production", AUTH_SECRET: SECRET, PGLITE_DIR: "memory://", KLARNA_USERNAME: "", KLARNA_PASSWORD: "", ...env },
          stdio: ["ignore", "ignore", "pipe"],
        });
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("close", (code) => resolve({ code, stderr: stderr.trim() }));
      });

    const [open, unreachable] = await Promise.all([
      start({}),
      start({ KLARNA_USERNAME: "operator", KLARNA_PASSWORD: "operator-password", DATABASE_URL: "postgres://postgres@127.0.0.1:1/test" }),
    ]);
    expect(open.code).toBe(1);
    expect(open.stderr).toBe(
      "Invalid environment configuration:\n  KLARNA_USERNAME: and KLARNA_PASSWORD must be set, not to sandbox / sandbox, to run the sandbox in production: they guard it",
    );
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/^Could not start: connect ECONNREFUSED 127\.0\.0\.1:1 \(is the database at DATABASE_URL running\?\)$/);
  }, 60_000);
});
