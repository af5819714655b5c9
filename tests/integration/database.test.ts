import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Database, type DatabaseTarget } from "@/lib/db/client";
import { prepareDatabase } from "@/lib/db/prepare";
import { categories, productPrices, products, users } from "@/lib/db/schema";
import { createTemporaryDatabase, TEST_DATABASE_URL } from "../helpers/postgres";

const admin = [{ email: "Owner@Example.com", password: "owner-password", role: "admin" as const }];

async function counts(db: Database) {
  const count = async (table: typeof products | typeof categories | typeof productPrices | typeof users) =>
    (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
  // Both drivers answer raw SQL with `{ rows }`; the shared PgDatabase type leaves it untyped.
  const migrations = (await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { rows: { n: number }[] };
  return {
    categories: await count(categories),
    products: await count(products),
    prices: await count(productPrices),
    users: await count(users),
    migrations: migrations.rows[0]!.n,
  };
}

async function firstAndSecondStart(target: DatabaseTarget) {
  const first = openDatabase(target);
  await prepareDatabase(first, admin);
  const afterFirst = await counts(first.db);
  // A shopper's purchase changes stock; a restart must not put it back.
  await first.db.update(products).set({ stock: 1 }).where(eq(products.slug, "rain-jacket"));
  await first.close();

  const second = openDatabase(target);
  await prepareDatabase(second, admin);
  const afterSecond = await counts(second.db);
  const [jacket] = await second.db.select().from(products).where(eq(products.slug, "rain-jacket"));
  const [owner] = await second.db.select().from(users);
  await second.close();
  return { afterFirst, afterSecond, jacket, owner };
}

function expectSeededOnceAndUnchanged(result: Awaited<ReturnType<typeof firstAndSecondStart>>) {
  expect(result.afterFirst.categories).toBeGreaterThanOrEqual(3);
  expect(result.afterFirst.products).toBeGreaterThanOrEqual(12);
  // Every product has a price in each of the four markets.
  expect(result.afterFirst.prices).toBe(result.afterFirst.products * 4);
  expect(result.afterFirst.users).toBe(1);
  expect(result.afterFirst.migrations).toBeGreaterThanOrEqual(1);
  expect(result.afterSecond).toEqual(result.afterFirst);
  expect(result.jacket?.stock).toBe(1);
  expect(result.owner?.email).toBe("owner@example.com");
  expect(result.owner?.passwordHash).not.toContain(admin[0]!.password);
  expect(result.owner?.passwordHash).toMatch(/^\$2[aby]\$/);
}

describe("database start-up on PGlite", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "shop-pglite-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("creates, migrates and seeds an empty data directory; a second start changes nothing", async () => {
    expectSeededOnceAndUnchanged(await firstAndSecondStart({ kind: "pglite", dir: path.join(dir, "nested", "pglite") }));
  });
});

describe.skipIf(!TEST_DATABASE_URL)("database start-up on Postgres", () => {
  it("runs the same migrations and seed; a second start changes nothing", async () => {
    const temporary = await createTemporaryDatabase(TEST_DATABASE_URL!);
    try {
      expectSeededOnceAndUnchanged(await firstAndSecondStart({ kind: "postgres", url: temporary.url }));
    } finally {
      await temporary.drop();
    }
  });

  it("lets two instances start at once against one database", async () => {
    const temporary = await createTemporaryDatabase(TEST_DATABASE_URL!);
    const instances = [openDatabase({ kind: "postgres", url: temporary.url }), openDatabase({ kind: "postgres", url: temporary.url })];
    try {
      await Promise.all(instances.map((instance) => prepareDatabase(instance, admin)));
      const result = await counts(instances[0]!.db);
      expect(result.products).toBeGreaterThanOrEqual(12);
      expect(result.users).toBe(1);
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
      await temporary.drop();
    }
  });
});
