import { AsyncLocalStorage } from "node:async_hooks";
import { databaseHandle, type DatabaseHandle } from "@/lib/db/client";
import type { sandboxCaptures, sandboxHppSessions, sandboxKpSessions, sandboxOrders, sandboxRefunds } from "./tables";

// Reads of sessions and orders served from memory. On the embedded database (PGlite) this process
// makes every write, so a copy of the rows a read needs, forgotten by each write once its
// transaction has ended, is exact. On Postgres other instances write too, and nothing tells this
// one: every read goes to the database. Rows are kept, not replies, so what follows from the
// namespace's clock (expiry, an order's status) is still worked out at each read.

export interface KpEntry {
  session: typeof sandboxKpSessions.$inferSelect;
  /** Whether the session has an authorization that is not cancelled (the read then shows customer details). */
  authorized: boolean;
}
export type HppEntry = typeof sandboxHppSessions.$inferSelect;
export interface OrderEntry {
  order: typeof sandboxOrders.$inferSelect;
  /** Oldest first. */
  captures: (typeof sandboxCaptures.$inferSelect)[];
  refunds: (typeof sandboxRefunds.$inferSelect)[];
}

interface Entries {
  kp: KpEntry;
  hpp: HppEntry;
  order: OrderEntry;
}
export type ReadModelKind = keyof Entries;

interface Model {
  /** Moves on with every forgetting, so a read that overlapped a write does not keep what it read. */
  generation: number;
  entries: { [K in ReadModelKind]: Map<string, Entries[K]> };
}

const namespaceOf: { [K in ReadModelKind]: (entry: Entries[K]) => string } = {
  kp: (entry) => entry.session.namespace,
  hpp: (entry) => entry.namespace,
  order: (entry) => entry.order.namespace,
};

// A bound on memory only: an entry pushed out is read from the database again.
const MAX_ENTRIES = 10_000;

// On globalThis, keyed by database handle: the custom server and Next's bundled pages (the
// dashboard, the hosted page) load this module separately, and a write in one must reach the other.
const globalStore = globalThis as typeof globalThis & {
  __klarnaSandboxReadModel?: WeakMap<DatabaseHandle, Model>;
  __klarnaSandboxPendingChanges?: AsyncLocalStorage<Set<string>>;
};
const models = (globalStore.__klarnaSandboxReadModel ??= new WeakMap());
/** What the current transaction has changed, forgotten when it ends. */
const pendingChanges = (globalStore.__klarnaSandboxPendingChanges ??= new AsyncLocalStorage());

function model(): Model | undefined {
  const handle = databaseHandle();
  if (handle.target.kind !== "pglite") return undefined;
  let found = models.get(handle);
  if (!found) models.set(handle, (found = { generation: 0, entries: { kp: new Map(), hpp: new Map(), order: new Map() } }));
  return found;
}

/** The entry from memory, else from `load` (kept unless a write ended meanwhile); unknown ids are not kept. */
export async function readThrough<K extends ReadModelKind>(kind: K, id: string, load: () => Promise<Entries[K] | undefined>): Promise<Entries[K] | undefined> {
  const found = model();
  if (!found) return load();
  const entries = found.entries[kind] as Map<string, Entries[K]>;
  const hit = entries.get(id);
  if (hit) return hit;
  const generation = found.generation;
  const loaded = await load();
  if (loaded && found.generation === generation) {
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    entries.set(id, loaded);
  }
  return loaded;
}

const keyOf = (kind: ReadModelKind, id: string) => `${kind}:${id}`;

function forget(keys: Iterable<string>): void {
  const found = model();
  if (!found) return;
  found.generation += 1;
  for (const key of keys) {
    const split = key.indexOf(":");
    found.entries[key.slice(0, split) as ReadModelKind].delete(key.slice(split + 1));
  }
}

/**
 * Says that the current transaction writes (or locks to write) what `kind` `id` is read from. It
 * is forgotten when the transaction ends, not before: until then a read may still get the
 * committed state. Outside a transaction, after the write, it is forgotten at once.
 */
export function changed(kind: ReadModelKind, id: string): void {
  const pending = pendingChanges.getStore();
  if (pending) pending.add(keyOf(kind, id));
  else forget([keyOf(kind, id)]);
}

/** Runs a transaction whose `changed` entries are forgotten once it has committed or rolled back. */
export async function trackChanges<T>(transaction: () => Promise<T>): Promise<T> {
  const pending = new Set<string>();
  try {
    return await pendingChanges.run(pending, transaction);
  } finally {
    // Nothing changed, nothing to forget: a read's own transaction must not void what it reads.
    if (pending.size > 0) forget(pending);
  }
}

/** After the namespace was emptied. */
export function forgetNamespace(namespace: string): void {
  const found = model();
  if (!found) return;
  found.generation += 1;
  for (const kind of Object.keys(found.entries) as ReadModelKind[]) {
    const entries = found.entries[kind] as Map<string, Entries[ReadModelKind]>;
    const owner = namespaceOf[kind] as (entry: Entries[ReadModelKind]) => string;
    for (const [id, entry] of entries) if (owner(entry) === namespace) entries.delete(id);
  }
}
