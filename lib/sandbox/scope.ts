import { AsyncLocalStorage } from "node:async_hooks";
import { z } from "zod";

// Namespaces partition the sandbox so parallel test runs cannot see each other: sessions, orders,
// callbacks, the clock and faults all belong to one. A request's namespace travels in an
// AsyncLocalStorage scope, so the core reads it (and its clock offset) without threading it
// through every call.

export const DEFAULT_NAMESPACE = "default";
export const NAMESPACE_HEADER = "klarna-sandbox-namespace";
export const NAMESPACE_COOKIE = "sandbox_namespace";
export const Namespace = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "1 to 64 letters, digits, '.', '_' or '-'");

interface SandboxScope {
  namespace: string;
  /** How far this namespace's clock is ahead of real time, as last read from the database. */
  offsetMs: number;
}

// One store per process: the custom server and Next's bundled pages load this module separately.
const globalStore = globalThis as typeof globalThis & { __klarnaSandboxScope?: AsyncLocalStorage<SandboxScope> };
const storage = (globalStore.__klarnaSandboxScope ??= new AsyncLocalStorage<SandboxScope>());

/** The current scope; outside any (tests, start-up) the default namespace on real time. */
export function currentScope(): SandboxScope {
  return storage.getStore() ?? { namespace: DEFAULT_NAMESPACE, offsetMs: 0 };
}

export const currentNamespace = () => currentScope().namespace;

export function runInScope<T>(scope: SandboxScope, work: () => Promise<T>): Promise<T> {
  return storage.run(scope, work);
}
