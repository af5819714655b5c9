import "server-only";
import { db, type Database } from "@/lib/db/client";
import { trackChanges } from "./read-model";

// Every sandbox operation runs in one database transaction, so concurrent calls (two captures, a
// redirect and the control API) see each other's writes whole or not at all. What a transaction
// changes leaves the read model when it ends.

export type Executor = Database;

export function inTransaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
  return trackChanges(() => db().transaction((tx) => work(tx as unknown as Executor)));
}

export { db };
