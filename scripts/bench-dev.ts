/**
 * `npm run bench:dev`: how long `npm run dev` takes on a fresh clone to serve its first page, and
 * where the time goes. Clones the committed tree (HEAD) into a temporary directory, gives it this
 * checkout's node_modules as hard links (the install is not timed: it depends on the registry, not
 * on the project), then starts `npm run dev` twice: once fresh (no `.next`, no `.data`), once more
 * on what the first start left. Each start is timed from the spawn to the first 200 of `/`.
 * Figures go into docs/performance.md; nothing here is a test.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ms } from "./lib/load";
import { freePort } from "./lib/server";

interface StartFigures {
  firstPage: number;
  ready: number;
  /** From "Ready" to the first page, less Next's own time for the request: Turbopack compiling `/`. */
  compile: number;
  startLine: string;
  requestLine: string;
  secondPage: number;
}

/** One `npm run dev` in `dir`, until `/` has answered twice; the server's own timing lines kept. */
async function timeDevStart(dir: string): Promise<StartFigures> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const environment: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), APP_URL: baseUrl, NODE_ENV: "development", NEXT_TELEMETRY_DISABLED: "1" };
  for (const name of ["DATABASE_URL", "PGLITE_DIR", "KLARNA_MODE"]) delete environment[name]; // a fresh clone's defaults
  const spawned = performance.now();
  const child = spawn("npm", ["run", "dev"], { cwd: dir, env: environment, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  let ready = Number.NaN;
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (Number.isNaN(ready) && output.includes("> Ready on")) ready = performance.now() - spawned;
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  try {
    const deadline = spawned + 180_000;
    let firstPage = Number.NaN;
    while (Number.isNaN(firstPage)) {
      if (child.exitCode !== null) throw new Error(`npm run dev exited with ${child.exitCode}:\n${output}`);
      if (performance.now() > deadline) throw new Error(`no page within 180 s:\n${output}`);
      try {
        const response = await fetch(baseUrl, { signal: AbortSignal.timeout(120_000) });
        await response.text();
        if (response.status === 200) firstPage = performance.now() - spawned;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100)); // not listening yet
      }
    }
    const again = performance.now();
    await (await fetch(baseUrl)).text();
    const secondPage = performance.now() - again;
    await new Promise((resolve) => setTimeout(resolve, 200)); // Next prints its request line after the answer
    const line = (pattern: RegExp) =>
      output
        .split("\n")
        .find((candidate) => pattern.test(candidate))
        ?.trim() ?? "(not printed)";
    const requestLine = line(/GET \/ 200 in/);
    const requestMs = Number(/ in (\d+)ms/.exec(requestLine)?.[1] ?? Number.NaN);
    return { firstPage, ready, compile: firstPage - ready - requestMs, secondPage, startLine: line(/> Started in/), requestLine };
  } finally {
    process.kill(-child.pid!, "SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
}

async function main() {
  const root = mkdtempSync(join(tmpdir(), "bench-dev-"));
  const clone = join(root, "app");
  try {
    if (execFileSync("git", ["status", "--porcelain"], { encoding: "utf8" }).trim())
      console.log("(uncommitted changes are not measured: the clone holds HEAD)");
    execFileSync("git", ["clone", "--quiet", process.cwd(), clone]);
    execFileSync("cp", ["-al", join(process.cwd(), "node_modules"), join(clone, "node_modules")]);
    console.log(
      `npm run dev on a fresh clone of ${execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim()}, ${new Date().toISOString()}`,
    );
    console.log("| start | first page of / ms | server ready ms | compiling / ms | second / ms | the server's start line | Next.js's line for the first / |");
    console.log("|---|---|---|---|---|---|---|");
    for (const start of ["fresh clone", "second start"]) {
      const figures = await timeDevStart(clone);
      console.log(
        `| ${start} | ${ms(figures.firstPage)} | ${ms(figures.ready)} | ${ms(figures.compile)} | ${ms(figures.secondPage)} | ${figures.startLine} | ${figures.requestLine} |`,
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
