import { randomBytes } from "node:crypto";
import { Client } from "pg";

// Postgres-backed tests run only when TEST_DATABASE_URL is set, each in a database of its own
// that is dropped afterwards (CI's Postgres keeps its data between runs).

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export async function createTemporaryDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `shop_test_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
