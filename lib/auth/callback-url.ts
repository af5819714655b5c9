// Auth.js answers a callbackUrl it cannot parse (javascript:…, a bare word) with a 500 "server
// configuration" error. The route asks here first: a callback must be a path on this site or a
// URL on its origin, otherwise the request is the caller's mistake and gets a 400.

const CALLBACK_COOKIES = ["authjs.callback-url", "__Secure-authjs.callback-url"];

function isOwn(value: string, origin: string): boolean {
  if (value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\")) return true;
  try {
    return new URL(value).origin === origin;
  } catch {
    return false;
  }
}

function cookieValues(header: string | null): string[] {
  return (header ?? "")
    .split(";")
    .map((pair) => pair.trim().split("="))
    .filter(([name]) => CALLBACK_COOKIES.includes(name!))
    .map(([, ...value]) => {
      try {
        return decodeURIComponent(value.join("="));
      } catch {
        return "";
      }
    });
}

/** A 400 for a callback URL that leads off this site, or null to let Auth.js answer. */
export function refuseForeignCallback(request: Request): Response | null {
  const { origin, searchParams } = new URL(request.url);
  const given = [...searchParams.getAll("callbackUrl"), ...cookieValues(request.headers.get("cookie"))];
  if (given.every((value) => isOwn(value, origin))) return null;
  return Response.json({ error: "callbackUrl must be a path on this site" }, { status: 400 });
}
