import "server-only";
import { inNamespace, inSessionNamespace } from "./control";
import * as hostedPage from "./hosted-page";
import { listOutbox as listOutboxIn } from "./outbox";
import { DEFAULT_NAMESPACE, Namespace } from "./scope";

// The embedded Klarna sandbox, and its only door for app/ and components/ (a lint rule keeps it
// so). The custom server mounts `serveSandboxRequest` at /sandbox/api and starts the background
// loop; the hosted page and the sandbox's own pages call the functions below, each in the
// namespace of the session it is about.

export { earlyRefusalReply, handleSandboxRequest, SANDBOX_API_PREFIX } from "./http";
export { serveSandboxRequest } from "./node";
export { startSandboxBackground } from "./background";
export { redirectUrl } from "./hpp";
export type { HostedPage } from "./hosted-page";
export { NAMESPACE_COOKIE, Namespace } from "./scope";
export { KlarnaApiError } from "./errors";
export { categoryName } from "./markets";
export {
  addDashboardFault,
  advanceDashboardClock,
  advanceToNextDeadline,
  clearDashboardFaults,
  CONTROL_ENDPOINTS,
  FAULT_KINDS,
  FAULT_OPERATIONS,
  FAULT_STATUSES,
  loadDashboard,
  PERSONA_CATALOGUE,
  removeDashboardFault,
  resetDashboardClock,
  resetDashboardNamespace,
  type DashboardData,
} from "./dashboard";
export { scenarioCatalogue, type Scenario, type Trigger } from "./scenarios";
export { fidelityDocument } from "./fidelity";
export { sandboxApiReference, type ApiReference, type ReferenceOperation, type ReferenceResponse } from "./api-reference";

export const openHostedPage = (id: string) => inSessionNamespace(id, () => hostedPage.openHostedPage(id));

export const actOnHostedPage = (id: string, input: unknown) => inSessionNamespace(id, () => hostedPage.actOnHostedPage(id, input));

export const readResultPage = (id: string) => inSessionNamespace(id, () => hostedPage.readResultPage(id));

export const listOutbox = (namespace: string) => inNamespace(namespace, () => listOutboxIn());

/** The namespace a sandbox page shows: the visitor's cookie when valid, else the default one. */
export const namespaceFromCookie = (value: string | undefined) => (value && Namespace.safeParse(value).success ? value : DEFAULT_NAMESPACE);
