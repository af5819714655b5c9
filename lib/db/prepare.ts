import "server-only";
import { config } from "@/lib/config";
import type { DatabaseHandle } from "./client";
import { seed, type SeedUser } from "./seed";

/**
 * Start-up work: apply the committed migrations, then seed what is missing. Idempotent, and
 * serialised across instances that share one Postgres.
 */
export async function prepareDatabase(handle: DatabaseHandle, seedUsers: SeedUser[] = config().seedUsers): Promise<void> {
  await handle.exclusive(async () => {
    await handle.migrate();
    await seed(handle.db, seedUsers);
  });
}
