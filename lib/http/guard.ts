import type { IncomingMessage } from "node:http";
import { isStorable } from "@/lib/text";

// What the custom server settles before any handler runs: methods nothing here answers, paths
// whose percent-escapes do not decode, and bodies declared over the limit. Each gets a clear
// 4xx at once instead of an exception deep inside a handler (a 500, or a request never answered).

export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
/** Larger than any page, form or Klarna call needs (the sandbox API itself stops at 1 MB). */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface Refusal {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** Why the request is refused before routing, or null. */
export function refuseEarly(req: IncomingMessage): Refusal | null {
  const method = req.method ?? "GET";
  if (!ALLOWED_METHODS.includes(method)) return { status: 405, message: `Method ${method} is not allowed`, headers: { allow: ALLOWED_METHODS.join(", ") } };
  const target = req.url ?? "/";
  if (!target.startsWith("/") || !decodes(target)) return { status: 400, message: "The request's path or query has a malformed percent-escape" };
  if (!isStorable(decodeURIComponent(target))) return { status: 400, message: "The request's path or query holds a NUL character" };
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) return { status: 413, message: `The request body is over ${MAX_BODY_BYTES / 1024 / 1024} MB` };
  return null;
}

/** Headers every response carries: no framing, no sniffing, a referrer policy, a CSP, and HSTS over https. */
export function securityHeaders(settings: { appUrl: string; isProduction: boolean }): Record<string, string> {
  const https = settings.appUrl.startsWith("https://");
  const csp = [
    "default-src 'self'",
    // Next.js inlines its bootstrap scripts; development also evaluates code for fast refresh.
    `script-src 'self' 'unsafe-inline'${settings.isProduction ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    // Merchant logos and backgrounds on the hosted page come from any host, as on Klarna's.
    "img-src * data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${settings.isProduction ? "" : " ws: wss:"}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
  return {
    "content-security-policy": csp,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    ...(https ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
