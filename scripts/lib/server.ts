import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";

// Shared by the benchmark scripts: a production build and a production server on a free port.

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

export async function ensureProductionBuild(): Promise<void> {
  if (!existsSync(".next/BUILD_ID")) await run("npm", ["run", "build"]);
}

export interface RunningServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * The sandbox's credentials on the production servers the tests and benchmarks start: in
 * production the sandbox refuses its development defaults (sandbox / sandbox).
 */
export const OPERATOR = { username: "operator", password: "operator-test-credentials" };
export const OPERATOR_AUTH = { authorization: `Basic ${Buffer.from(`${OPERATOR.username}:${OPERATOR.password}`).toString("base64")}` };

/**
 * `quiet`: the server's output is dropped (a test that sends it hundreds of bad requests on purpose).
 * `cpuProfileDir`: the server writes V8 CPU profiles there when it stops (Node refuses --cpu-prof in
 * NODE_OPTIONS, so `npm start`'s command is run directly with the flag).
 */
export async function startProductionServer(
  env: Record<string, string>,
  { quiet = false, cpuProfileDir }: { quiet?: boolean; cpuProfileDir?: string } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const [command, args] = cpuProfileDir
    ? ["node_modules/.bin/tsx", ["--cpu-prof", `--cpu-prof-dir=${cpuProfileDir}`, "--tsconfig", "tsconfig.server.json", "server.ts"]]
    : ["npm", ["start"]];
  const child: ChildProcess = spawn(command, args, {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      KLARNA_USERNAME: OPERATOR.username,
      KLARNA_PASSWORD: OPERATOR.password,
      ...env,
      PORT: String(port),
      APP_URL: baseUrl,
    },
    stdio: ["ignore", quiet ? "ignore" : "inherit", quiet ? "ignore" : "inherit"],
    detached: true,
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(baseUrl)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("server did not start within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  let stopping = false;
  child.once("exit", (code, signal) => !stopping && console.error(`The production server exited on its own (code ${code}, signal ${signal})`));
  return {
    baseUrl,
    stop: async () => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(-child.pid!, "SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
