// The embedded Klarna sandbox. The custom server mounts `handleSandboxRequest` at /sandbox/api;
// the hosted page and the sandbox's own pages call the consumer-side functions directly.

export { handleSandboxRequest, SANDBOX_API_PREFIX } from "./http";
export { actOnHostedPage, openHostedPage, readResultPage, redirectUrl, type HostedPage } from "./hpp";
export { listOutbox } from "./outbox";
