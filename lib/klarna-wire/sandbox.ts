import { z } from "zod";

// The one extension our sandbox adds to Klarna's wire: namespaces, so parallel test runs cannot
// see each other. Klarna ignores the header; the storefront sends it only in sandbox mode.

export const SANDBOX_NAMESPACE_HEADER = "klarna-sandbox-namespace";
export const SANDBOX_NAMESPACE_COOKIE = "sandbox_namespace";
export const DEFAULT_SANDBOX_NAMESPACE = "default";
export const SandboxNamespace = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "1 to 64 letters, digits, '.', '_' or '-'");
