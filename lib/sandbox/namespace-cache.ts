import { databaseHandle, type DatabaseHandle } from "@/lib/db/client";

// An embedded database (PGlite) belongs to this process alone, so what every API call needs to
// know about its namespace (the clock offset, whether a fault is armed, which namespace an id was
// created in) can be kept in memory and forgotten whenever this process changes it. On Postgres
// other instances change it too, so nothing is kept and every call reads it.

export interface NamespaceState {
  offsetMs: number;
  faultsArmed: boolean;
}

interface Cache {
  owners: Map<string, string>;
  states: Map<string, NamespaceState>;
}

// Ids are never reused and never change namespace; the bound only caps memory.
const MAX_OWNERS = 10_000;

// On globalThis, keyed by database handle: the custom server and Next's bundled pages load this
// module separately but must forget the same entries (the dashboard moves clocks, the API reads them).
const globalStore = globalThis as typeof globalThis & { __klarnaSandboxNamespaceCache?: WeakMap<DatabaseHandle, Cache> };
const caches = (globalStore.__klarnaSandboxNamespaceCache ??= new WeakMap());

function cache(): Cache | undefined {
  const handle = databaseHandle();
  if (handle.target.kind !== "pglite") return undefined;
  let found = caches.get(handle);
  if (!found) caches.set(handle, (found = { owners: new Map(), states: new Map() }));
  return found;
}

export const namespaceCache = {
  owner: (id: string) => cache()?.owners.get(id),

  rememberOwner(id: string, namespace: string): void {
    const owners = cache()?.owners;
    if (!owners) return;
    if (owners.size >= MAX_OWNERS) owners.delete(owners.keys().next().value!);
    owners.set(id, namespace);
  },

  state: (namespace: string) => cache()?.states.get(namespace),

  rememberState: (namespace: string, state: NamespaceState) => void cache()?.states.set(namespace, state),

  /** After this process changed the namespace's clock or faults. */
  forget: (namespace: string) => void cache()?.states.delete(namespace),
};
