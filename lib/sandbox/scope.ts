import { AsyncLocalStorage } from "node:async_hooks";
import { DEFAULT_SANDBOX_NAMESPACE, SANDBOX_NAMESPACE_COOKIE, SANDBOX_NAMESPACE_HEADER, SandboxNamespace } from "@/lib/klarna-wire/sandbox";

// Namespaces partition the sandbox so parallel test runs cannot see each other: sessions, orders,
// callbacks, the clock and faults all belong to one. A request's namespace travels in an
// AsyncLocalStorage scope, so the core reads it (and its clock offset) without threading it
// through every call.

// The names travel on the wire (the storefront sends the header): they live in lib/klarna-wire.
export {
  DEFAULT_SANDBOX_NAMESPACE as DEFAULT_NAMESPACE,
  SANDBOX_NAMESPACE_COOKIE as NAMESPACE_COOKIE,
  SANDBOX_NAMESPACE_HEADER as NAMESPACE_HEADER,
  SandboxNamespace as Namespace,
};

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
  return storage.getStore() ?? { namespace: DEFAULT_SANDBOX_NAMESPACE, offsetMs: 0 };
}

export const currentNamespace = () => currentScope().namespace;

export function runInScope<T>(scope: SandboxScope, work: () => Promise<T>): Promise<T> {
  return storage.run(scope, work);
}
