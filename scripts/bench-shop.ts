/**
 * `npm run bench:shop`: latency of the catalogue, a product page and a filled cart on the
 * production server (200 requests at concurrency 1 and 16, autocannon), and the first-load
 * JavaScript of each of the three. Figures go into docs/performance.md; nothing here is a pass/fail test.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { measure, ms } from "./lib/load";
import { ensureProductionBuild, startProductionServer } from "./lib/server";

const REQUESTS = 200;
const AUTH_SECRET = "bench-only-Gh5Tr8Ky2Mv6Qp9Wz3Lx7Nc4Bd1Fs0";

/** Seeds a database directory with a three-line cart and returns its signed cookie. */
async function prepareDataWithCart(dir: string): Promise<string> {
  Object.assign(process.env, { PGLITE_DIR: dir, AUTH_SECRET });
  const { databaseHandle, db } = await import("@/lib/db/client");
  const { prepareDatabase } = await import("@/lib/db/prepare");
  const { products } = await import("@/lib/db/schema");
  const { changeCart } = await import("@/lib/shop/cart");
  await prepareDatabase(databaseHandle(), []);
  let cookie: string | undefined;
  for (const slug of ["ceramic-mug", "camping-lantern", "wool-socks"]) {
    const [product] = await db().select({ id: products.id }).from(products).where(eq(products.slug, slug));
    const result = await changeCart(cookie, { kind: "add", productId: product!.id, quantity: 2 });
    if (result.cookie && "set" in result.cookie) cookie = result.cookie.set;
  }
  await databaseHandle().close();
  return cookie!;
}

/** What a browser downloads to run the page: every <script src> of its HTML, gzipped at level 9. */
async function firstLoadJavaScript(baseUrl: string, path: string, headers: Record<string, string>) {
  const html = await (await fetch(baseUrl + path, { headers })).text();
  // Scripts marked noModule (legacy polyfills) are never loaded by the browsers Next supports.
  const tags = [...html.matchAll(/<script[^>]+src="([^"]+)"[^>]*>/g)].filter((match) => !/noModule/i.test(match[0]));
  const scripts = [...new Set(tags.map((match) => match[1]!))];
  let raw = 0;
  let gzipped = 0;
  for (const src of scripts) {
    const body = Buffer.from(await (await fetch(new URL(src, baseUrl))).arrayBuffer());
    raw += body.length;
    gzipped += gzipSync(body, { level: 9 }).length;
  }
  return { files: scripts.length, rawKb: raw / 1024, gzippedKb: gzipped / 1024 };
}

async function main() {
  await ensureProductionBuild();
  const dataDir = mkdtempSync(path.join(tmpdir(), "bench-shop-"));
  const cartCookie = await prepareDataWithCart(path.join(dataDir, "pglite"));
  const server = await startProductionServer({ PGLITE_DIR: path.join(dataDir, "pglite"), AUTH_SECRET });
  try {
    const pages = [
      { name: "/ (catalogue)", path: "/" },
      { name: "/products/rain-jacket", path: "/products/rain-jacket" },
      { name: "/cart (3 lines)", path: "/cart" },
    ];
    const headers = { cookie: `cart=${cartCookie}; market=GB` };
    // Warm up: the first requests compile nothing in production, but fill caches and JIT.
    for (const page of pages) await measure({ url: server.baseUrl + page.path, connections: 4, amount: REQUESTS, headers });

    console.log(`\n${REQUESTS} requests per row, ${new Date().toISOString()}`);
    console.log("| page | concurrency | p50 ms | p95 ms | req/s | non-200 |");
    console.log("|---|---|---|---|---|---|");
    for (const connections of [1, 16]) {
      for (const page of pages) {
        const row = await measure({ url: server.baseUrl + page.path, connections, amount: REQUESTS, headers });
        console.log(`| ${page.name} | ${connections} | ${ms(row.p50)} | ${ms(row.p95)} | ${row.rps.toFixed(0)} | ${row.non2xx} |`);
      }
    }
    console.log("\n| page | first-load JS files | raw kB | gzipped kB |");
    console.log("|---|---|---|---|");
    for (const page of pages) {
      const js = await firstLoadJavaScript(server.baseUrl, page.path, headers);
      console.log(`| ${page.name} | ${js.files} | ${js.rawKb.toFixed(1)} | ${js.gzippedKb.toFixed(1)} |`);
    }
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
