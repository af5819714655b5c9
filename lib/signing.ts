import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/config";

// HMAC signatures for values the browser holds (cart cookie, order links). The purpose is mixed
// into the key so a signature made for one use is worthless for another.

function signature(value: string, purpose: string): string {
  const key = createHmac("sha256", authSecret()).update(purpose).digest();
  return createHmac("sha256", key).update(value).digest("base64url");
}

export function sign(value: string, purpose: string): string {
  return `${value}.${signature(value, purpose)}`;
}

/** The signed value, or null when the signature is missing or wrong. */
export function unsign(signed: string, purpose: string): string | null {
  const dot = signed.lastIndexOf(".");
  if (dot <= 0) return null;
  const value = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1));
  const expected = Buffer.from(signature(value, purpose));
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
}
