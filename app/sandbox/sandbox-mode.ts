import "server-only";
import { notFound } from "next/navigation";
import { config } from "@/lib/config";

/**
 * The sandbox exists only in sandbox mode: against Klarna's playground or production its pages
 * and its server actions (reachable by a POST to any page, past the layout) answer 404.
 */
export function requireSandboxMode(): void {
  if (!config().sandboxEnabled) notFound();
}
