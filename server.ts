import { createServer } from "node:http";
import next from "next";
import { CLIENT_IP_HEADER, clientAddress } from "@/lib/auth/client-ip";
import { config, ConfigError, loadEnvFiles, startupNotes } from "@/lib/config";
import { databaseHandle } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/prepare";
import { refuseEarly, securityHeaders } from "@/lib/http/guard";
import { sendWebResponse } from "@/lib/http/node-web";
import { earlyRefusalReply, SANDBOX_API_PREFIX, serveSandboxRequest, startSandboxBackground } from "@/lib/sandbox";
import { MARKETS } from "@/lib/shop/markets";
import { offeredMarkets } from "@/lib/shop/offered-markets";

// One process serves the shop, the back office and the sandbox. The sandbox API is answered here
// directly, without entering Next's per-request pipeline; every other request goes to Next.js.

async function main() {
  const started = performance.now();
  loadEnvFiles();
  const settings = config();
  for (const note of startupNotes(settings, Object.values(MARKETS))) console.log(`> ${note}`);
  if (offeredMarkets().length === 0)
    throw new ConfigError("No market can be sold: none of the Klarna regions with credentials has a market (US: na; GB, DE, SE: eu)");
  const dev = !settings.isProduction;
  const database = databaseHandle();
  await prepareDatabase(database);
  const databaseReady = performance.now();

  const app = next({ dev, dir: process.cwd(), port: settings.port });
  const handleWithNext = app.getRequestHandler();
  await app.prepare();
  // Where a start's time goes (npm run bench:dev reads this line): modules and config, the database, Next.js.
  const took = (from: number, to: number) => `${Math.round(to - from)} ms`;
  console.log(
    `> Started in ${took(0, performance.now())}: modules and config ${took(0, started)}, database ${took(started, databaseReady)}, Next.js ${took(databaseReady, performance.now())}`,
  );

  const headers = securityHeaders(settings);
  const server = createServer((req, res) => {
    // The client's address, for per-address sign-in limits; a client cannot supply this header itself.
    req.headers[CLIENT_IP_HEADER] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], settings.trustedProxies);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const path = req.url ?? "/";
    const isSandboxApi = path === SANDBOX_API_PREFIX || path.startsWith(`${SANDBOX_API_PREFIX}/`);
    const handled = (async () => {
      const refusal = refuseEarly(req);
      // Answered without reading the body, which may never come: the connection is closed after.
      if (refusal && isSandboxApi && settings.sandboxEnabled) {
        const reply = earlyRefusalReply(refusal);
        return sendWebResponse(res, new Response(reply.body, { status: reply.status, headers: { ...reply.headers, connection: "close" } }));
      }
      if (refusal)
        return sendWebResponse(
          res,
          Response.json({ error: refusal.message }, { status: refusal.status, headers: { ...refusal.headers, connection: "close" } }),
        );
      if (isSandboxApi && settings.sandboxEnabled) return serveSandboxRequest(req, res);
      return handleWithNext(req, res);
    })();
    handled.catch((error: unknown) => {
      console.error("Unhandled request error", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal Server Error");
    });
  });

  // The sandbox's own clockwork: callbacks to the merchant and fraud reviews that end.
  if (settings.sandboxEnabled) startSandboxBackground();

  server.listen(settings.port, () => {
    const where = database.target.kind === "postgres" ? "Postgres" : `PGlite (${database.target.dir})`;
    console.log(`> Ready on ${settings.appUrl} (${dev ? "development" : "production"}, Klarna ${settings.klarna.mode}, ${where})`);
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeAllConnections();
    void Promise.allSettled([app.close(), database.close()]).then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/** A start-up failure as one readable line: the configuration's own message, or what could not be reached. */
function startupFailure(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if (!(error instanceof Error)) return `Could not start: ${String(error)}`;
  // pg reports an unreachable host as an AggregateError without a message of its own.
  const causes = error instanceof AggregateError ? error.errors : [error];
  const detail = causes
    .map((cause: Error & { code?: string }) => cause.message || cause.code)
    .filter(Boolean)
    .join("; ");
  const where = process.env.DATABASE_URL ? " (is the database at DATABASE_URL running?)" : "";
  return `Could not start: ${detail || error.name}${/ECONNREFUSED|ENOTFOUND|password authentication|database .* does not exist/.test(detail) ? where : ""}`;
}

main().catch((error: unknown) => {
  console.error(startupFailure(error));
  process.exit(1);
});
