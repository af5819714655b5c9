import "server-only";
import { inNamespace, inSessionNamespace } from "./control";
import * as hpp from "./hpp";
import { listOutbox as listOutboxIn } from "./outbox";
import { DEFAULT_NAMESPACE, Namespace } from "./scope";

// The embedded Klarna sandbox. The custom server mounts `serveSandboxRequest` at /sandbox/api and
// starts the background loop; the hosted page and the sandbox's own pages call the functions
// below, each in the namespace of the session it is about.

export { handleSandboxRequest, SANDBOX_API_PREFIX } from "./http";
export { serveSandboxRequest } from "./node";
export { startSandboxBackground } from "./background";
export { redirectUrl, type HostedPage } from "./hpp";
export { NAMESPACE_COOKIE } from "./scope";

export const openHostedPage = (id: string) => inSessionNamespace(id, () => hpp.openHostedPage(id));

export const actOnHostedPage = (id: string, input: unknown) => inSessionNamespace(id, () => hpp.actOnHostedPage(id, input));

export const readResultPage = (id: string) => inSessionNamespace(id, () => hpp.readResultPage(id));

export const listOutbox = (namespace: string) => inNamespace(namespace, () => listOutboxIn());

/** The namespace a sandbox page shows: the visitor's cookie when valid, else the default one. */
export const namespaceFromCookie = (value: string | undefined) => (value && Namespace.safeParse(value).success ? value : DEFAULT_NAMESPACE);
