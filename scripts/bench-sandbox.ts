/**
 * `npm run bench:sandbox`: requests/s and p50/p95/p99 of sandbox operations on the production
 * server at concurrency 1 and 16, next to two peers driven with the same requests in the same run:
 * the floor (a bare node:http server that parses and answers the same JSON) and Prism mocking the
 * sandbox's own OpenAPI document. Then the sandbox's read under load of the shop's catalogue page.
 * `BENCH_CPU_PROFILE=1` profiles the server (node --cpu-prof) under each workload instead and
 * prints where its time went. Figures go into docs/performance.md; nothing here is a test.
 */
import { fork, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Request as AutocannonRequest } from "autocannon";
import { gbSession } from "../tests/helpers/klarna-bodies";
import { breakdowns, readLargestProfile } from "./lib/cpu-profile";
import { backgroundLoad, measure, ms, type LoadResult } from "./lib/load";
import { ensureProductionBuild, freePort, OPERATOR_AUTH, startProductionServer } from "./lib/server";

const AMOUNT = Number(process.env.BENCH_REQUESTS ?? 1000);
const PROFILE = process.env.BENCH_CPU_PROFILE === "1";
const headers = { ...OPERATOR_AUTH, "content-type": "application/json" };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Peer {
  baseUrl: string;
  stop(): void;
}

async function startFloor(): Promise<Peer> {
  const port = await freePort();
  const child = fork(path.join(import.meta.dirname, "lib/floor-server.mjs"), { env: { ...process.env, PORT: String(port) } });
  await new Promise((resolve) => child.once("message", resolve));
  return { baseUrl: `http://localhost:${port}`, stop: () => child.kill("SIGTERM") };
}

/**
 * Prism mocking the document the sandbox serves, with request logging off (the sandbox logs none
 * either). Prism matches request paths against the document's paths alone, so they get the prefix.
 */
async function startPrism(sandboxApi: string, dir: string): Promise<Peer> {
  const {
    servers: _servers,
    paths,
    ...document
  } = (await (await fetch(`${sandboxApi}/openapi.json`)).json()) as { servers: unknown; paths: Record<string, unknown> };
  const port = await freePort();
  const file = path.join(dir, "sandbox-openapi.json");
  const prefixed = Object.fromEntries(Object.entries(paths).map(([route, item]) => [`/sandbox/api${route}`, item]));
  writeFileSync(file, JSON.stringify({ ...document, paths: prefixed }));
  const child = spawn(
    process.execPath,
    ["node_modules/@stoplight/prism-cli/dist/index.js", "mock", file, "-p", String(port), "-h", "127.0.0.1", "--verboseLevel", "warn"],
    { stdio: "inherit" },
  );
  const baseUrl = `http://localhost:${port}`;
  for (let tries = 0; ; tries += 1) {
    try {
      await fetch(`${baseUrl}/sandbox/api/_control/clock`, { headers });
      break;
    } catch (error) {
      if (tries > 120) throw error;
      await sleep(250);
    }
  }
  return { baseUrl, stop: () => child.kill("SIGTERM") };
}

async function post(url: string, body: unknown) {
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

/** The requests of each row, on sessions and an order made for the run. */
async function operations(api: string) {
  const kp = await post(`${api}/payments/v1/sessions`, gbSession());
  const hpp = await post(`${api}/hpp/v1/sessions`, { payment_session_url: `${api}/payments/v1/sessions/${kp.session_id}` });
  // An order big enough for every one-unit capture the benchmark makes.
  const big = gbSession({
    order_amount: 100_000_000,
    order_tax_amount: 16_666_667,
    order_lines: [{ name: "Pallet", quantity: 1, unit_price: 100_000_000, tax_rate: 2000, total_amount: 100_000_000, total_tax_amount: 16_666_667 }],
  });
  const orderKp = await post(`${api}/payments/v1/sessions`, big);
  const orderHpp = await post(`${api}/hpp/v1/sessions`, {
    payment_session_url: `${api}/payments/v1/sessions/${orderKp.session_id}`,
    options: { place_order_mode: "PLACE_ORDER" },
  });
  await post(`${api}/_control/hpp/${orderHpp.session_id}/complete`, { outcome: "approve" });
  const { order_id: orderId } = await (await fetch(`${api}/hpp/v1/sessions/${orderHpp.session_id}`, { headers })).json();
  return [
    { name: "create KP session", request: { method: "POST", path: "/sandbox/api/payments/v1/sessions", body: JSON.stringify(gbSession()) } },
    {
      name: "create HPP session",
      request: {
        method: "POST",
        path: "/sandbox/api/hpp/v1/sessions",
        body: JSON.stringify({ payment_session_url: `${api}/payments/v1/sessions/${kp.session_id}` }),
      },
    },
    { name: "read HPP session", request: { method: "GET", path: `/sandbox/api/hpp/v1/sessions/${hpp.session_id}` } },
    { name: "read KP session", request: { method: "GET", path: `/sandbox/api/payments/v1/sessions/${kp.session_id}` } },
    {
      name: "capture",
      request: { method: "POST", path: `/sandbox/api/ordermanagement/v1/orders/${orderId}/captures`, body: JSON.stringify({ captured_amount: 1 }) },
    },
  ] satisfies { name: string; request: AutocannonRequest }[];
}

const run = (baseUrl: string, connections: number, requests: AutocannonRequest[], amount = AMOUNT) =>
  measure({ url: baseUrl, connections, amount, headers, requests });

/** A read at concurrency 1 on `readFrom` while the catalogue page of `shopUrl` is under concurrency-8 load. */
async function readUnderShopLoad(shopUrl: string, readFrom: string, read: AutocannonRequest, amount = AMOUNT) {
  const shop = backgroundLoad({ url: `${shopUrl}/`, connections: 8 });
  await sleep(500);
  const reads = await run(readFrom, 1, [read], amount);
  return { reads, shop: await shop.stop() };
}

async function profile(env: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-sandbox-profile-"));
  const server = await startProductionServer(env, { cpuProfileDir: dir });
  const names: string[] = [];
  try {
    const all = await operations(`${server.baseUrl}/sandbox/api`);
    for (const operation of all) await run(server.baseUrl, 4, [operation.request]);
    await measure({ url: `${server.baseUrl}/`, connections: 4, amount: 200 });
    // Each workload between idle gaps, so the profile's busy stretches can be told apart.
    for (const operation of all) {
      await sleep(1500);
      await run(server.baseUrl, 16, [operation.request], 5 * AMOUNT);
      names.push(`${operation.name}, concurrency 16`);
    }
    await sleep(1500);
    await readUnderShopLoad(server.baseUrl, server.baseUrl, all[2]!.request, 2 * AMOUNT);
    names.push("read HPP session, concurrency 1, catalogue under concurrency-8 load");
  } finally {
    await server.stop();
  }
  // Stretches that busy are the workloads; the ones before are start-up and warm-up.
  const stretches = breakdowns(readLargestProfile(dir), { gapMs: 300, minBusyMs: 250 }).slice(-names.length);
  console.log(`\nThe profile is kept in ${dir} (open it in Chrome DevTools' Performance panel).`);
  stretches.forEach((stretch, index) => {
    console.log(`\n${names[index]}: ${stretch.busyMs.toFixed(0)} ms busy`);
    console.log("| part | ms | share |\n|---|---|---|");
    for (const part of stretch.parts.filter((candidate) => candidate.share >= 0.005))
      console.log(`| ${part.part} | ${part.ms.toFixed(0)} | ${(100 * part.share).toFixed(1)} % |`);
  });
}

async function table(env: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-sandbox-"));
  const server = await startProductionServer(env);
  const floor = await startFloor();
  const prism = await startPrism(`${server.baseUrl}/sandbox/api`, dir);
  try {
    const all = await operations(`${server.baseUrl}/sandbox/api`);
    const mixed = { name: `mixed (the ${all.length} in turn)`, requests: all.map((operation) => operation.request) };
    const rows = [...all.map((operation) => ({ name: operation.name, requests: [operation.request] })), mixed];
    // Warm-up of all three: JIT, connection pools, PGlite's caches.
    for (const peer of [server, floor, prism]) for (const row of rows) await run(peer.baseUrl, 4, row.requests);

    console.log(`\n${AMOUNT} requests per row, ${new Date().toISOString()}`);
    console.log(
      "| operation | concurrency | sandbox req/s | p50 ms | p95 ms | p99 ms | floor req/s | Prism req/s | Prism p95 ms | sandbox / floor | sandbox / Prism |",
    );
    console.log("|---|---|---|---|---|---|---|---|---|---|---|");
    const quietRead: LoadResult[] = [];
    for (const connections of [1, 16]) {
      for (const row of rows) {
        const sandbox = await run(server.baseUrl, connections, row.requests);
        const baseline = await run(floor.baseUrl, connections, row.requests);
        const mock = await run(prism.baseUrl, connections, row.requests);
        if (connections === 1 && row.name === "read HPP session") quietRead.push(sandbox);
        const failures = [sandbox, baseline, mock].some((result) => result.non2xx) ? ` (non-2xx: ${sandbox.non2xx} / ${baseline.non2xx} / ${mock.non2xx})` : "";
        console.log(
          `| ${row.name} | ${connections} | ${sandbox.rps.toFixed(0)} | ${ms(sandbox.p50)} | ${ms(sandbox.p95)} | ${ms(sandbox.p99)} | ${baseline.rps.toFixed(0)} | ${mock.rps.toFixed(0)} | ${ms(mock.p95)} | ${percent(sandbox, baseline)} | ${(sandbox.rps / mock.rps).toFixed(2)}×${failures} |`,
        );
      }
    }
    await measure({ url: `${server.baseUrl}/`, connections: 4, amount: 200 });
    // The same read of the floor, in a process of its own, under the same load: what the sandbox
    // could at best get from an event loop of its own on this machine's two cores.
    const isolated = {
      sandbox: await readUnderShopLoad(server.baseUrl, server.baseUrl, all[2]!.request),
      floor: await readUnderShopLoad(server.baseUrl, floor.baseUrl, all[2]!.request),
    };
    const quiet = { sandbox: quietRead[0]!, floor: await run(floor.baseUrl, 1, [all[2]!.request]) };
    console.log(
      "\n| read HPP session, concurrency 1, catalogue under concurrency-8 load | req/s | p50 ms | p95 ms | p99 ms | quiet p95 ms | loaded / quiet p95 | catalogue req/s | catalogue p95 ms |",
    );
    console.log("|---|---|---|---|---|---|---|---|---|");
    for (const peer of ["sandbox", "floor"] as const) {
      const { reads, shop } = isolated[peer];
      console.log(
        `| ${peer} | ${reads.rps.toFixed(0)} | ${ms(reads.p50)} | ${ms(reads.p95)} | ${ms(reads.p99)} | ${ms(quiet[peer].p95)} | ${(reads.p95 / quiet[peer].p95).toFixed(1)}× | ${shop.rps.toFixed(0)} | ${ms(shop.p95)} |`,
      );
    }
  } finally {
    prism.stop();
    floor.stop();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const percent = (sandbox: LoadResult, baseline: LoadResult) => `${((100 * sandbox.rps) / baseline.rps).toFixed(0)} %`;

async function main() {
  await ensureProductionBuild();
  const env = { PGLITE_DIR: "memory://", AUTH_SECRET: "bench-only-Gh5Tr8Ky2Mv6Qp9Wz3Lx7Nc4Bd1Fs0" };
  await (PROFILE ? profile(env) : table(env));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
