/**
 * `npm run bench:sandbox`: requests/s and p50/p95/p99 of four sandbox operations on the production
 * server at concurrency 1 and 16, next to a bare node:http server that parses and answers the
 * same JSON (the floor), in one run. Figures go into docs/performance.md; nothing here is a test.
 */
import { fork } from "node:child_process";
import path from "node:path";
import type { Request as AutocannonRequest } from "autocannon";
import { gbSession } from "../tests/helpers/klarna-bodies";
import { measure, ms, type LoadResult } from "./lib/load";
import { ensureProductionBuild, freePort, OPERATOR_AUTH, startProductionServer } from "./lib/server";

const AMOUNT = Number(process.env.BENCH_REQUESTS ?? 1000);
const headers = { ...OPERATOR_AUTH, "content-type": "application/json" };

async function startFloor() {
  const port = await freePort();
  const child = fork(path.join(import.meta.dirname, "lib/floor-server.mjs"), { env: { ...process.env, PORT: String(port) } });
  await new Promise((resolve) => child.once("message", resolve));
  return { baseUrl: `http://localhost:${port}`, stop: () => child.kill("SIGTERM") };
}

async function post(url: string, body: unknown) {
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

async function main() {
  await ensureProductionBuild();
  const server = await startProductionServer({ PGLITE_DIR: "memory://", AUTH_SECRET: "bench-only-Gh5Tr8Ky2Mv6Qp9Wz3Lx7Nc4Bd1Fs0" });
  const floor = await startFloor();
  try {
    const api = `${server.baseUrl}/sandbox/api`;
    const kp = await post(`${api}/payments/v1/sessions`, gbSession());
    const hpp = await post(`${api}/hpp/v1/sessions`, { payment_session_url: `${api}/payments/v1/sessions/${kp.session_id}` });
    // An order big enough for every one-unit capture the benchmark makes.
    const big = gbSession({
      order_amount: 100_000_000,
      order_tax_amount: 16_666_667,
      order_lines: [{ name: "Pallet", quantity: 1, unit_price: 100_000_000, tax_rate: 2000, total_amount: 100_000_000, total_tax_amount: 16_666_667 }],
    });
    const orderKp = await post(`${api}/payments/v1/sessions`, big);
    const orderHpp = await post(`${api}/hpp/v1/sessions`, { payment_session_url: `${api}/payments/v1/sessions/${orderKp.session_id}`, options: { place_order_mode: "PLACE_ORDER" } });
    await post(`${api}/_control/hpp/${orderHpp.session_id}/complete`, { outcome: "approve" });
    const { order_id: orderId } = await (await fetch(`${api}/hpp/v1/sessions/${orderHpp.session_id}`, { headers })).json();

    const operations: { name: string; request: AutocannonRequest }[] = [
      { name: "create KP session", request: { method: "POST", path: "/sandbox/api/payments/v1/sessions", body: JSON.stringify(gbSession()) } },
      { name: "create HPP session", request: { method: "POST", path: "/sandbox/api/hpp/v1/sessions", body: JSON.stringify({ payment_session_url: `${api}/payments/v1/sessions/${kp.session_id}` }) } },
      { name: "read HPP session", request: { method: "GET", path: `/sandbox/api/hpp/v1/sessions/${hpp.session_id}` } },
      { name: "capture", request: { method: "POST", path: `/sandbox/api/ordermanagement/v1/orders/${orderId}/captures`, body: JSON.stringify({ captured_amount: 1 }) } },
    ];

    const run = (baseUrl: string, connections: number, requests: AutocannonRequest[]) => measure({ url: baseUrl, connections, amount: AMOUNT, headers, requests });
    // Warm-up: JIT, connection pools, PGlite's caches.
    for (const operation of operations) await run(server.baseUrl, 4, [operation.request]);

    console.log(`\n${AMOUNT} requests per row, ${new Date().toISOString()}`);
    console.log("| operation | concurrency | sandbox req/s | p50 ms | p95 ms | p99 ms | floor req/s | floor p95 ms | sandbox / floor |");
    console.log("|---|---|---|---|---|---|---|---|---|");
    const row = (name: string, connections: number, sandbox: LoadResult, baseline: LoadResult) =>
      console.log(
        `| ${name} | ${connections} | ${sandbox.rps.toFixed(0)} | ${ms(sandbox.p50)} | ${ms(sandbox.p95)} | ${ms(sandbox.p99)} | ${baseline.rps.toFixed(0)} | ${ms(baseline.p95)} | ${((100 * sandbox.rps) / baseline.rps).toFixed(0)} %${sandbox.non2xx ? ` (${sandbox.non2xx} non-2xx)` : ""} |`,
      );
    for (const connections of [1, 16]) {
      for (const operation of operations) {
        row(operation.name, connections, await run(server.baseUrl, connections, [operation.request]), await run(floor.baseUrl, connections, [operation.request]));
      }
      const mixed = operations.map((operation) => operation.request);
      row("mixed (the four in turn)", connections, await run(server.baseUrl, connections, mixed), await run(floor.baseUrl, connections, mixed));
    }
  } finally {
    floor.stop();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
