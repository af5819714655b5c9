import { randomBytes, randomUUID } from "node:crypto";

export const newId = () => randomUUID();

const REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A short consumer-facing reference such as K7Q2M9XA. */
export function newKlarnaReference(): string {
  const bytes = randomBytes(8);
  return Array.from(bytes, (byte) => REFERENCE_ALPHABET[byte % REFERENCE_ALPHABET.length]).join("");
}

/** Opaque stand-in for the JWT Klarna returns as client_token (unused with HPP). */
export function newClientToken(sessionId: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${encode({ alg: "none", typ: "JWT" })}.${encode({ session_id: sessionId, iss: "klarna-sandbox" })}.${randomBytes(16).toString("base64url")}`;
}

export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** A KP session's id where a URL names it (an HPP session's payment_session_url, a KP API path). */
export const KP_SESSION_PATH = /\/payments\/v1\/sessions\/([0-9a-f-]{36})\/?$/i;
