import "server-only";
import { headers } from "next/headers";
import { forbidden, notFound, redirect, unauthorized } from "next/navigation";
import { currentUser } from "@/lib/auth/guards";
import { config } from "@/lib/config";
import { basicAuthMatches } from "@/lib/http/basic-auth";

/**
 * The sandbox exists only in sandbox mode: against Klarna's playground or production its pages
 * and its server actions (reachable by a POST to any page, past the layout) answer 404.
 */
export function requireSandboxMode(): void {
  if (!config().sandboxEnabled) notFound();
}

/**
 * The sandbox's own pages and forms (dashboard, outbox, scenarios, docs) in production: only for
 * its operator, who sends the sandbox's Basic credentials or is signed in to the back office as an
 * admin (a viewer gets 403). Development keeps them open. The hosted page is not guarded: it is public by its URL.
 */
export async function requireSandboxOperator(kind: "page" | "action"): Promise<void> {
  requireSandboxMode();
  const settings = config();
  if (!settings.isProduction) return;
  if (basicAuthMatches((await headers()).get("authorization"), settings.sandboxCredentials)) return;
  const user = await currentUser();
  if (user?.role === "admin") return;
  if (user) forbidden();
  if (kind === "action") unauthorized();
  redirect("/admin/login");
}
