import { sql } from "drizzle-orm";
import { afterEach, beforeAll } from "vitest";
import { databaseHandle, db } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/prepare";
import { clock } from "@/lib/sandbox/clock";

/** A migrated in-memory database for the file, and sandbox time put back after every test. */
export function withSandboxDatabase() {
  beforeAll(async () => {
    await prepareDatabase(databaseHandle(), []);
  });
  afterEach(() => clock.reset());
}

export async function countRows(table: string): Promise<number> {
  const result = (await db().execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows: { n: number }[] };
  return result.rows[0]!.n;
}
