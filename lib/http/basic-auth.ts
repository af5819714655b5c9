import { timingSafeEqual } from "node:crypto";

/** Whether an Authorization header carries exactly these Basic credentials (compared in constant time). */
export function basicAuthMatches(header: string | null, credentials: { username: string; password: string }): boolean {
  const [scheme, encoded] = (header ?? "").split(" ");
  if (scheme?.toLowerCase() !== "basic" || !encoded) return false;
  const given = Buffer.from(Buffer.from(encoded, "base64").toString("utf8"));
  const expected = Buffer.from(`${credentials.username}:${credentials.password}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
