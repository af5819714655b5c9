import "server-only";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { Pool } from "pg";
import { config, type Config } from "@/lib/config";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** What `db().transaction()` hands its callback. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Either: a function that only runs statements takes whichever it is given. */
export type Executor = Database | Transaction;
export type DatabaseTarget = Config["database"];

export interface DatabaseHandle {
  db: Database;
  target: DatabaseTarget;
  /** Runs `work` while no other instance sharing this database runs its own start-up work. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** Runs `work` unless another caller (in any instance) holds `key`; then returns undefined. */
  tryExclusive<T>(key: number, work: () => Promise<T>): Promise<T | undefined>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const MIGRATIONS_FOLDER = path.join(process.cwd(), "lib/db/migrations");
// Any constant shared by all instances; only start-up (migrate and seed) takes it.
const STARTUP_LOCK_KEY = 7_305_121;

export function openDatabase(target: DatabaseTarget): DatabaseHandle {
  if (target.kind === "pglite") {
    // PGlite needs the data directory's parent to exist before it opens.
    if (!target.dir.startsWith("memory://")) mkdirSync(path.dirname(path.resolve(target.dir)), { recursive: true });
    // Tests: an in-memory database starts as a copy of an already migrated one (no initdb).
    const template = target.template && target.dir.startsWith("memory://") ? { loadDataDir: new Blob([readFileSync(target.template)]) } : undefined;
    const client = new PGlite(target.dir, template);
    const db = drizzlePglite({ client, schema });
    const held = new Set<number>();
    return {
      db: db as unknown as Database,
      target,
      // PGlite belongs to this process alone, so locks need not leave it.
      exclusive: (work) => work(),
      tryExclusive: async (key, work) => {
        if (held.has(key)) return undefined;
        held.add(key);
        try {
          return await work();
        } finally {
          held.delete(key);
        }
      },
      migrate: async () => {
        await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
      },
      close: () => client.close(),
    };
  }
  const pool = new Pool({ connectionString: target.url, max: 10 });
  // An idle connection that Postgres closes (a restart, a dropped test database) must not take
  // the process down; the pool opens a new one for the next query.
  pool.on("error", (error) => console.warn(`[db] idle Postgres connection lost: ${error.message}`));
  const db = drizzlePostgres({ client: pool, schema });
  return {
    db: db as unknown as Database,
    target,
    // Several instances may start at once against one Postgres: a session-level advisory lock
    // held on a dedicated connection makes them migrate and seed one after the other.
    exclusive: async (work) => {
      const lockClient = await pool.connect();
      try {
        await lockClient.query("select pg_advisory_lock($1)", [STARTUP_LOCK_KEY]);
        return await work();
      } finally {
        await lockClient.query("select pg_advisory_unlock($1)", [STARTUP_LOCK_KEY]).catch(() => undefined);
        lockClient.release();
      }
    },
    tryExclusive: async (key, work) => {
      const lockClient = await pool.connect();
      try {
        const { rows } = await lockClient.query<{ locked: boolean }>("select pg_try_advisory_lock($1) as locked", [key]);
        if (!rows[0]?.locked) return undefined;
        try {
          return await work();
        } finally {
          await lockClient.query("select pg_advisory_unlock($1)", [key]).catch(() => undefined);
        }
      } finally {
        lockClient.release();
      }
    },
    migrate: async () => {
      await migratePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER });
    },
    close: () => pool.end(),
  };
}

// One handle per process, kept on globalThis: the custom server and Next's bundled server code
// load this module separately, and two PGlite instances on one directory would corrupt it.
const globalStore = globalThis as typeof globalThis & { __klarnaShopDatabase?: DatabaseHandle };

export function databaseHandle(): DatabaseHandle {
  globalStore.__klarnaShopDatabase ??= openDatabase(config().database);
  return globalStore.__klarnaShopDatabase;
}

export function db(): Database {
  return databaseHandle().db;
}
