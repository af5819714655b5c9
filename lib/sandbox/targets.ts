import "server-only";
import { config } from "@/lib/config";
import { KlarnaApiError } from "./errors";

// Where the sandbox may send a consumer's browser and its callbacks: the shop's own origin, the
// origins and host names of SANDBOX_ALLOWED_ORIGINS, and loopback outside production. Anything
// else (another machine on the network, the database's port, a phishing page) is refused when the
// session is created, so the sandbox never calls or redirects there.

/** Whether the sandbox may call or redirect to `url` under today's configuration. */
export function isAllowedTarget(url: string, allowed: readonly string[] = config().sandboxAllowedTargets): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.protocol !== "http:" && target.protocol !== "https:") return false;
  return allowed.some((entry) => (entry.includes("://") ? new URL(entry).origin === target.origin : entry.toLowerCase() === target.hostname.toLowerCase()));
}

/** Refuses, naming the field, any of `urls` (under `prefix`) that points elsewhere. */
export function checkTargets(prefix: string, urls: Record<string, string | null | undefined> | undefined): void {
  const allowed = config().sandboxAllowedTargets;
  for (const [key, url] of Object.entries(urls ?? {})) {
    if (!url || isAllowedTarget(url, allowed)) continue;
    throw new KlarnaApiError(400, "BAD_VALUE", [
      `Bad value: ${prefix}.${key}`,
      `${prefix}.${key} points to a host this sandbox does not call or redirect to (allowed: ${allowed.join(", ")}; see SANDBOX_ALLOWED_ORIGINS)`,
    ]);
  }
}
