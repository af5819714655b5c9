import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { openDatabase } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/prepare";

// A fresh PGlite spends seconds in initdb; one opened from a data-directory tarball takes about
// half a second. So each run migrates and seeds one database from the migrations in the tree, and
// every test file's memory:// database starts as a copy of it (lib/db/client.ts). The files still
// run prepareDatabase themselves: it finds nothing to do but their own users.

const MIGRATIONS = path.join(process.cwd(), "lib/db/migrations");
const SEED_CODE = ["lib/db/seed.ts", "lib/db/prepare.ts"].map((file) => path.join(process.cwd(), file));

function fingerprint(...roots: string[]): string {
  const hash = createHash("sha256");
  const entries = roots.flatMap((root) =>
    statSync(root).isDirectory() ? readdirSync(root, { recursive: true, encoding: "utf8" }).map((name) => path.join(root, name)) : [root],
  );
  for (const file of entries.filter((entry) => statSync(entry).isFile()).sort()) hash.update(file).update(readFileSync(file));
  return hash.digest("hex");
}

async function build(file: string): Promise<void> {
  const handle = openDatabase({ kind: "pglite", dir: "memory://" });
  try {
    await prepareDatabase(handle, []);
    // Uncompressed: a copy opens in about two thirds of the time it takes from gzip.
    const tarball = await (handle.db as unknown as { $client: PGlite }).$client.dumpDataDir("none");
    // Renamed into place, so a worker never reads half a file.
    writeFileSync(`${file}.partial`, Buffer.from(await tarball.arrayBuffer()));
    renameSync(`${file}.partial`, file);
  } finally {
    await handle.close();
  }
}

export default async function setup(project: TestProject) {
  // Per run, not shared: two runs in one checkout must not overwrite each other's template.
  const dir = mkdtempSync(path.join(tmpdir(), "pglite-template-"));
  const file = path.join(dir, "data-dir.tar");
  let built: { migrations: string; seedCode: string } | "off" | undefined;

  const refresh = async () => {
    if (built === "off") return;
    const now = { migrations: fingerprint(MIGRATIONS), seedCode: fingerprint(...SEED_CODE) };
    if (built?.migrations === now.migrations && built.seedCode === now.seedCode) return;
    // Watch mode: this process keeps the seed code it first imported, so after a change to it
    // files start from scratch (as without a template) until Vitest restarts.
    if (built && built.seedCode !== now.seedCode) built = "off";
    else {
      try {
        await build(file);
        built = now;
      } catch (error) {
        // A migration that fails is reported by the files that run it, as without a template.
        console.warn(`No PGlite template, test files start from scratch: ${error instanceof Error ? error.message : error}`);
        built = "off";
      }
    }
    // Workers inherit this process's environment; lib/config.ts reads it there.
    if (built === "off") delete process.env.PGLITE_TEMPLATE;
    else process.env.PGLITE_TEMPLATE = file;
  };

  await refresh();
  // Watch mode: a changed migration is rebuilt into the template (the migrator reads the files).
  project.onTestsRerun(refresh);
  return () => {
    delete process.env.PGLITE_TEMPLATE;
    rmSync(dir, { recursive: true, force: true });
  };
}
