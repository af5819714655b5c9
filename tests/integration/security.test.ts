import { request as httpRequest } from "node:http";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CookieJar, postForm, readForm, submitForm } from "../../scripts/lib/form-client";
import { ensureProductionBuild, OPERATOR_AUTH, startProductionServer, type RunningServer } from "../../scripts/lib/server";
import { gbSession } from "../helpers/klarna-bodies";
import { createTemporaryDatabase, TEST_DATABASE_URL } from "../helpers/postgres";
import { SANDBOX_AUTH } from "../helpers/sandbox-auth";

// The production server as an attacker meets it on a public demo: a corpus of malformed requests
// over every route and server action, anonymous and viewer probes on every guarded surface, SSRF
// and open-redirect attempts, a session cookie replayed after sign-out, and the response headers.
// On Postgres (TEST_DATABASE_URL) it also proves that no refused request changed a row.

const ADMIN = { email: "admin@example.com", password: "admin-password-1" };
const VIEWER = { email: "viewer@example.com", password: "viewer-password-1" };
const DEADLINE_MS = 15_000;

let server: RunningServer;
let database: { url: string; drop: () => Promise<void> } | undefined;
let port: number;
/** What the corpus aims at: a real order, its hosted page, and the server actions the pages carry. */
const target = { reference: "", orderKey: "", sessionId: "", actions: [] as { page: string; id: string }[] };

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request exactly as given (no normalisation of the path), answered within the deadline or failed as hung. */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer | Buffer[]): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: "localhost", port, method, path, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") });
      });
    });
    const timer = setTimeout(() => {
      request.destroy();
      reject(new Error(`hung: ${method} ${path} had no answer within ${DEADLINE_MS} ms`));
    }, DEADLINE_MS);
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    if (Array.isArray(body)) for (const chunk of body) request.write(chunk);
    else if (body !== undefined) request.write(body);
    request.end();
  });
}

const base = () => `http://localhost:${port}`;
const json = { "content-type": "application/json" };

/** Every server action the pages carry, by the page it is on (React renders its id into the form). */
function actionIds(html: string): string[] {
  const decoded = html.replaceAll("&quot;", '"');
  return [...new Set([...decoded.matchAll(/\$ACTION_ID_([0-9a-f]{40,})/g), ...decoded.matchAll(/"id":"([0-9a-f]{40,})"/g)].map((match) => match[1]!))];
}

async function signIn(user: { email: string; password: string }): Promise<CookieJar> {
  const jar = new CookieJar();
  const response = await submitForm(base(), "/admin/login", jar, "Sign in", { email: user.email, password: user.password });
  expect(response.status, `sign-in of ${user.email}`).toBeLessThan(400);
  return jar;
}

/**
 * A snapshot once nothing moves any more: what the set-up started (a status callback on its way)
 * must not be taken for a change made by the corpus.
 */
async function settledSnapshot(): Promise<Record<string, string>> {
  let previous = await snapshot();
  for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const current = await snapshot();
    if (JSON.stringify(current) === JSON.stringify(previous)) return current;
    previous = current;
  }
  throw new Error("The database did not settle within 20 s");
}

/** A snapshot of every table: its row count and a digest of its rows. */
async function snapshot(): Promise<Record<string, string>> {
  const client = new Client({ connectionString: database!.url });
  await client.connect();
  try {
    const tables = (await client.query<{ name: string }>("select tablename as name from pg_tables where schemaname = 'public' order by 1")).rows.map(
      (row) => row.name,
    );
    const digest: Record<string, string> = {};
    for (const table of tables) {
      const { rows } = await client.query<{ n: string; digest: string | null }>(
        `select count(*) as n, md5(string_agg(t::text, '|' order by t::text)) as digest from "${table}" t`,
      );
      digest[table] = `${rows[0]!.n}:${rows[0]!.digest}`;
    }
    return digest;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await ensureProductionBuild();
  database = TEST_DATABASE_URL ? await createTemporaryDatabase(TEST_DATABASE_URL) : undefined;
  server = await startProductionServer(
    {
      ...(database ? { DATABASE_URL: database.url } : { PGLITE_DIR: "memory://" }),
      AUTH_SECRET: "security-test-Zr8Wq3Lm6Tn1Vb4Xc7Kd2Hs9Fj5",
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      VIEWER_EMAIL: VIEWER.email,
      VIEWER_PASSWORD: VIEWER.password,
      SWEEP_INTERVAL_SECONDS: "0",
    },
    { quiet: true },
  );
  port = Number(new URL(server.baseUrl).port);

  // A shopper's checkout, made with the forms as a browser without JavaScript makes it.
  const shopper = new CookieJar({ market: "GB" });
  await submitForm(base(), "/products/ceramic-mug", shopper, "Add to cart", { quantity: "1" });
  const form = await readForm(base(), "/checkout", shopper, "Pay with Klarna");
  const checkout = await postForm(base(), "/checkout", shopper, form, {
    email: "customer@email.uk",
    givenName: "Test",
    familyName: "Person-uk",
    streetAddress: "10 New Burlington Street",
    postalCode: "W1S 3BE",
    city: "London",
  });
  expect(checkout.status).toBe(303);
  target.sessionId = checkout.headers.get("location")!.split("/").at(-1)!;

  const admin = await signIn(ADMIN);
  const orders = await (await fetch(`${base()}/api/admin/orders`, { headers: { cookie: admin.header() } })).json();
  target.reference = orders.rows[0].reference;
  const pages: [string, Record<string, string>][] = [
    ["/", {}],
    ["/products/ceramic-mug", {}],
    ["/cart", { cookie: shopper.header() }],
    ["/checkout", { cookie: shopper.header() }],
    ["/admin/login", {}],
    [`/admin/orders/${target.reference}`, { cookie: admin.header() }],
    ["/admin/pay-by-link", { cookie: admin.header() }],
    ["/sandbox", OPERATOR_AUTH],
    [`/sandbox/hpp/${target.sessionId}`, {}],
  ];
  for (const [page, headers] of pages) {
    for (const id of actionIds(await (await fetch(`${base()}${page}`, { headers })).text())) target.actions.push({ page, id });
  }
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

/** Requests no well-behaved client sends; each must get a 4xx (or a harmless 2xx/3xx), never a 5xx or silence. */
function corpus(): { name: string; method: string; path: string; headers?: Record<string, string>; body?: string | Buffer | Buffer[] }[] {
  const requests: ReturnType<typeof corpus> = [];
  const add = (name: string, method: string, path: string, headers?: Record<string, string>, body?: string | Buffer | Buffer[]) =>
    requests.push({ name, method, path, headers, body });
  const pages = [
    "/",
    "/cart",
    "/checkout",
    "/checkout/payment-methods",
    "/success",
    "/cancel",
    "/failure",
    "/error",
    "/back",
    `/orders/${target.reference}`,
    "/products/ceramic-mug",
    "/admin",
    "/admin/login",
    "/admin/orders",
    `/admin/orders/${target.reference}`,
    "/admin/pay-by-link",
    "/sandbox",
    "/sandbox/docs",
    "/sandbox/outbox",
    "/sandbox/scenarios",
    `/sandbox/hpp/${target.sessionId}`,
    `/sandbox/hpp/${target.sessionId}/qr`,
    `/sandbox/hpp/${target.sessionId}/result`,
    "/api/admin/orders",
    `/api/orders/${target.reference}`,
    "/api/klarna/hpp-status",
    "/api/klarna/notification",
    "/api/klarna/authorization",
    "/api/auth/session",
    "/sandbox/api/payments/v1/sessions",
    "/sandbox/api/hpp/v1/sessions",
    "/sandbox/api/_control/clock",
  ];
  const badQueries = [
    "?sid=%00",
    "?sid=%zz",
    "?k=%E0%A4%A",
    "?q=%",
    "?sid=%ED%A0%80",
    `?sid=${"a".repeat(8000)}`,
    "?page=-1&status=%00",
    "?callbackUrl=javascript:alert(1)",
  ];
  const badSegments = ["%zz", "%00", "%ED%A0%80", "%E0%A4%A", "..%2f..%2fetc%2fpasswd", "%2e%2e", "a".repeat(3000)];
  for (const page of pages) {
    for (const query of badQueries) add(`query ${query.slice(0, 20)}`, "GET", `${page}${query}`);
    for (const method of ["TRACE", "PROPFIND", "FOO", "TRACK"]) add(`method ${method}`, method, page);
    add("cookie: malformed escapes", "GET", page, { cookie: "sandbox_namespace=%zz; cart=%E0%A4; market=%00; authjs.session-token=%" });
    add("cookie: forged session", "GET", page, { cookie: "authjs.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0.forged.forged.forged.forged" });
    add("declared body over 1 MB", "POST", page, { "content-type": "application/json", "content-length": String(50 * 1024 * 1024) }, "{}");
    add("POST garbage", "POST", page, { "content-type": "application/x-www-form-urlencoded" }, "a=%zz&b=%00&\u0000=1");
  }
  for (const segment of badSegments) {
    for (const prefix of [
      "/orders/",
      "/products/",
      "/admin/orders/",
      "/sandbox/hpp/",
      "/api/orders/",
      "/sandbox/api/hpp/v1/sessions/",
      "/sandbox/api/payments/v1/sessions/",
      "/sandbox/api/ordermanagement/v1/orders/",
    ]) {
      add(`segment ${segment.slice(0, 12)}`, "GET", `${prefix}${segment}`, OPERATOR_AUTH);
    }
  }
  // JSON that parses but must not be stored, and JSON that does not parse.
  const deep = "[".repeat(5000) + "]".repeat(5000);
  const bodies = [
    JSON.stringify(gbSession({ merchant_reference1: "A\u0000B" })),
    JSON.stringify(gbSession()).replace('"Rain Jacket"', '"\\ud800 Jacket"'),
    JSON.stringify(gbSession({ merchant_data: deep })),
    `{"order_lines": ${deep}}`,
    '{"purchase_country": ',
    "\u0000",
    "null",
    "[]",
    '"\\udfff"',
    JSON.stringify({ session_id: "\u0000", status: "COMPLETED" }),
  ];
  for (const body of bodies) {
    for (const path of [
      "/sandbox/api/payments/v1/sessions",
      "/sandbox/api/hpp/v1/sessions",
      `/sandbox/api/hpp/v1/sessions/${target.sessionId}/distribution`,
      "/sandbox/api/_control/faults",
      "/sandbox/api/_control/clock/advance",
    ]) {
      add("sandbox API body", "POST", path, { ...json, ...OPERATOR_AUTH }, body);
    }
    for (const path of [
      `/api/klarna/hpp-status?sid=${target.sessionId}&secret=x`,
      "/api/klarna/notification?order=x&k=y",
      "/api/klarna/authorization?order=x&k=y",
    ]) {
      add("callback body", "POST", path, json, body);
    }
  }
  // Bodies that never end within the limit, sent without a declared length.
  const chunk = Buffer.alloc(64 * 1024, "a");
  add(
    "chunked 2 MB to a receiver",
    "POST",
    "/api/klarna/notification?order=x&k=y",
    json,
    Array.from({ length: 32 }, () => chunk),
  );
  add(
    "chunked 2 MB to the sandbox API",
    "POST",
    "/sandbox/api/payments/v1/sessions",
    { ...json, ...OPERATOR_AUTH },
    Array.from({ length: 32 }, () => chunk),
  );
  // Server actions: the ids the pages carry, with payloads React would never send.
  const actionBodies = [
    ["text/plain;charset=UTF-8", "["],
    ["text/plain;charset=UTF-8", '["\\u0000"]'],
    ["text/plain;charset=UTF-8", '["\\ud800"]'],
    ["text/plain;charset=UTF-8", '[null,"$K999"]'],
    ["text/plain;charset=UTF-8", '["$@1"]'],
    ["text/plain;charset=UTF-8", '[null,"$Q1"]'],
    ["text/plain;charset=UTF-8", deep],
    ["text/plain;charset=UTF-8", '{"__proto__":{"polluted":true}}'],
    ["application/x-www-form-urlencoded", "a=%zz"],
    [
      "multipart/form-data; boundary=x",
      '--x\r\nContent-Disposition: form-data; name="0"\r\n\r\n[null,"$K1"]\r\n--x\r\nContent-Disposition: form-data; name="1_email"\r\n\r\n\u0000\r\n--x--\r\n',
    ],
  ] as const;
  for (const { page, id } of target.actions) {
    for (const [type, body] of actionBodies)
      add(`action on ${page}`, "POST", page, { "content-type": type, "next-action": id, accept: "text/x-component", origin: base() }, body);
  }
  // A server action's body over the limit, sent without a declared length (React's own encoding).
  for (const { page, id } of target.actions.slice(0, 3)) {
    add(
      `chunked 2 MB to an action on ${page}`,
      "POST",
      page,
      { "content-type": "text/plain;charset=UTF-8", "next-action": id, accept: "text/x-component", origin: base() },
      [Buffer.from('["'), ...Array.from({ length: 32 }, () => chunk), Buffer.from('"]')],
    );
  }
  for (const [type, body] of actionBodies.slice(0, 3))
    add("unknown action", "POST", "/", { "content-type": type, "next-action": "f".repeat(42), origin: base() }, body);
  // The same forms posted without JavaScript: React's hidden fields, forged.
  const multipart = (fields: Record<string, string>) =>
    Object.entries(fields)
      .map(([name, value]) => `--x\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join("") + "--x--\r\n";
  for (const { page, id } of target.actions.slice(0, 6)) {
    for (const fields of [
      { $ACTION_REF_1: "", "$ACTION_1:0": "{" },
      { $ACTION_REF_1: "", "$ACTION_1:0": JSON.stringify({ id, bound: "$@1" }) },
      { $ACTION_REF_1: "", "$ACTION_1:0": JSON.stringify({ id: "f".repeat(42), bound: null }) },
      { $ACTION_REF_1: "", "$ACTION_1:0": JSON.stringify({ id, bound: null }), "$ACTION_1:1": "[" },
      { [`$ACTION_ID_${id}`]: "", email: "\u0000", quantity: "1e999" },
      { [`$ACTION_ID_${"f".repeat(42)}`]: "" },
    ] as Record<string, string>[]) {
      add(`no-JS form on ${page}`, "POST", page, { "content-type": "multipart/form-data; boundary=x", origin: base() }, multipart(fields));
    }
  }
  add("sign-in with a javascript: callback", "GET", "/api/auth/signin?callbackUrl=javascript:alert(document.cookie)");
  add("sign-in callback to another site", "GET", "/api/auth/signin?callbackUrl=https://phish.example.net/");
  return requests;
}

async function inParallel<T, R>(items: T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}

describe("the production server under attack", () => {
  it("answers every malformed request with a 4xx (or a harmless page) within the deadline, changing no row", async () => {
    const requests = corpus();
    expect(requests.length).toBeGreaterThanOrEqual(500);
    expect(target.actions.length).toBeGreaterThanOrEqual(8);
    const before = database ? await settledSnapshot() : undefined;

    const replies = await inParallel(requests, 6, async (request) => {
      const reply = await raw(request.method, request.path, request.headers, request.body).catch((error: Error) => ({
        status: 0,
        headers: {},
        body: error.message,
      }));
      return { ...request, sent: Array.isArray(request.body) ? "(chunks)" : String(request.body ?? ""), status: reply.status, body: reply.body };
    });

    const broken = replies
      .filter((reply) => reply.status === 0 || reply.status >= 500)
      .map(
        (reply) =>
          `${reply.status} ${reply.method} ${reply.path.slice(0, 80)} (${reply.name}; sent ${JSON.stringify(reply.sent.slice(0, 40))}): ${reply.body.slice(0, 120)}`,
      );
    expect(broken).toEqual([]);
    // The early refusals say what was wrong.
    expect(replies.find((reply) => reply.method === "TRACE")?.status).toBe(405);
    expect(replies.find((reply) => reply.name === "declared body over 1 MB")?.status).toBe(413);
    expect(replies.find((reply) => reply.path.endsWith("?sid=%zz"))?.status).toBe(400);
    expect(replies.filter((reply) => reply.name.startsWith("chunked 2 MB to an action")).map((reply) => reply.status)).toEqual([413, 413, 413]);
    if (before) expect(await settledSnapshot()).toEqual(before);
  }, 240_000);

  it("keeps every sandbox and back-office surface from anonymous visitors and viewers", async () => {
    const viewer = await signIn(VIEWER);
    const operatorPages = ["/sandbox", "/sandbox/outbox", "/sandbox/scenarios", "/sandbox/docs"];
    for (const page of operatorPages) {
      const anonymous = await raw("GET", page);
      expect([anonymous.status, anonymous.headers.location], `anonymous ${page}`).toEqual([307, "/admin/login"]);
      expect((await raw("GET", page, { cookie: viewer.header() })).status, `viewer ${page}`).toBe(403);
      expect((await raw("GET", page, OPERATOR_AUTH)).status, `operator ${page}`).toBe(200);
    }
    for (const api of ["/sandbox/api/_control/clock", "/sandbox/api/_control/callbacks", `/sandbox/api/hpp/v1/sessions/${target.sessionId}`]) {
      expect((await raw("GET", api)).status, `anonymous ${api}`).toBe(401);
      expect((await raw("GET", api, SANDBOX_AUTH)).status, `development credentials ${api}`).toBe(401);
    }
    // The dashboard's actions, called directly without the operator's credentials, do nothing.
    const dashboardActions = target.actions.filter((action) => action.page === "/sandbox");
    expect(dashboardActions.length).toBeGreaterThanOrEqual(5);
    const clock = async () => (await (await fetch(`${base()}/sandbox/api/_control/clock`, { headers: OPERATOR_AUTH })).json()).offset_seconds;
    for (const { id } of dashboardActions) {
      const form = new FormData();
      for (const [name, value] of Object.entries({
        amount: "365",
        unit: "days",
        namespace: "default",
        confirm: "default",
        kind: "http_error",
        status: "503",
        operation: "*",
      }))
        form.append(`1_${name}`, value);
      form.append("0", JSON.stringify([null, "$K1"]));
      for (const cookie of ["", viewer.header()]) {
        const response = await fetch(`${base()}/sandbox`, {
          method: "POST",
          headers: { "next-action": id, origin: base(), accept: "text/x-component", cookie },
          body: form,
          redirect: "manual",
        });
        expect(response.status, `action ${id.slice(0, 8)} as ${cookie ? "viewer" : "anonymous"}`).toBe(cookie ? 403 : 401);
      }
    }
    expect(await clock()).toBe(0);
    expect((await (await fetch(`${base()}/sandbox/api/_control/faults`, { headers: OPERATOR_AUTH })).json()).faults).toEqual([]);
    // The back office.
    for (const page of ["/admin", "/admin/orders", `/admin/orders/${target.reference}`, "/admin/pay-by-link"]) {
      const anonymous = await raw("GET", page);
      expect([anonymous.status, anonymous.headers.location], `anonymous ${page}`).toEqual([307, "/admin/login"]);
    }
    expect((await raw("GET", "/api/admin/orders")).status).toBe(401);
    // The hosted page stays public by its unguessable URL, and shows no callback secret.
    const hosted = await raw("GET", `/sandbox/hpp/${target.sessionId}`);
    expect(hosted.status).toBe(200);
    expect(hosted.body).not.toMatch(/secret=|[?&]k=[A-Za-z0-9_-]{16}/);
    const dashboard = await raw("GET", "/sandbox", OPERATOR_AUTH);
    expect(dashboard.body).not.toMatch(/secret=[A-Za-z0-9_-]{8}/);
  }, 120_000);

  it("refuses callbacks and redirects to anywhere but the shop, naming the field", async () => {
    const headers = { ...json, ...OPERATOR_AUTH };
    const kp = await (await fetch(`${base()}/sandbox/api/payments/v1/sessions`, { method: "POST", headers, body: JSON.stringify(gbSession()) })).json();
    const paymentSessionUrl = `${base()}/sandbox/api/payments/v1/sessions/${kp.session_id}`;
    for (const [field, url] of [
      ["status_update", "http://127.0.0.1:5432/"],
      ["status_update", "http://localhost:6379/"],
      ["status_update", "http://169.254.169.254/latest/meta-data"],
      ["success", "http://127.0.0.1:9/phish"],
      ["success", "https://phish.example.net/"],
      ["cancel", "javascript:alert(1)"],
    ] as const) {
      const reply = await fetch(`${base()}/sandbox/api/hpp/v1/sessions`, {
        method: "POST",
        headers,
        body: JSON.stringify({ payment_session_url: paymentSessionUrl, merchant_urls: { [field]: url } }),
      });
      expect(reply.status, `${field} ${url}`).toBe(400);
      expect((await reply.json()).error_messages[0]).toBe(`Bad value: merchant_urls.${field}`);
    }
    const own = await fetch(`${base()}/sandbox/api/hpp/v1/sessions`, {
      method: "POST",
      headers,
      body: JSON.stringify({ payment_session_url: paymentSessionUrl, merchant_urls: { success: `${base()}/success?sid={{session_id}}` } }),
    });
    expect(own.status).toBe(201);
    // Auth.js keeps its redirects on the shop's origin.
    const signIn = await raw("GET", `/api/auth/signin?callbackUrl=${encodeURIComponent("https://phish.example.net/")}`);
    expect(String(signIn.headers.location ?? "")).not.toContain("phish.example.net");
  });

  it("ends a session on sign-out: the same cookie is refused afterwards", async () => {
    const admin = await signIn(ADMIN);
    const cookie = admin.header();
    expect((await raw("GET", "/api/admin/orders", { cookie })).status).toBe(200);
    const signOut = await submitForm(base(), "/admin", admin, "Sign out", {});
    expect(signOut.status).toBeLessThan(400);
    expect((await raw("GET", "/api/admin/orders", { cookie })).status).toBe(401);
    const page = await raw("GET", "/admin", { cookie });
    expect([page.status, page.headers.location]).toEqual([307, "/admin/login"]);
  });

  it("refuses a sandbox API call before routing with Klarna's error envelope, as the sandbox answers everything else", async () => {
    // A Klarna client reads error_code; the shop's pages get the plain message.
    const oversized = await raw("POST", "/sandbox/api/payments/v1/sessions", { ...OPERATOR_AUTH, ...json, "content-length": String(2 * 1024 * 1024) });
    expect(oversized.status).toBe(413);
    expect(JSON.parse(oversized.body)).toMatchObject({
      error_code: "REQUEST_TOO_LARGE",
      error_messages: [expect.any(String)],
      correlation_id: expect.any(String),
    });
    const unknownMethod = await raw("TRACE", "/sandbox/api/payments/v1/sessions", OPERATOR_AUTH);
    expect(unknownMethod.status).toBe(405);
    expect(JSON.parse(unknownMethod.body)).toMatchObject({ error_code: "METHOD_NOT_ALLOWED" });
    const badEscape = await raw("GET", "/sandbox/api/hpp/v1/sessions/%zz", OPERATOR_AUTH);
    expect(badEscape.status).toBe(400);
    expect(JSON.parse(badEscape.body)).toMatchObject({ error_code: "BAD_VALUE" });
    const shopPage = await raw("POST", "/checkout", { "content-length": String(2 * 1024 * 1024) });
    expect(shopPage.status).toBe(413);
    expect(JSON.parse(shopPage.body)).toEqual({ error: "The request body is over 1 MB" });
  });

  it("sends the security headers on every kind of response", async () => {
    for (const [path, headers] of [
      ["/", {}],
      ["/admin/login", {}],
      [`/sandbox/hpp/${target.sessionId}`, {}],
      ["/api/admin/orders", {}],
      ["/sandbox/api/_control/clock", OPERATOR_AUTH],
      ["/no-such-page", {}],
      ["/orders/%zz", {}],
    ] as const) {
      const reply = await raw("GET", path, headers);
      expect(reply.headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(reply.headers["x-frame-options"], path).toBe("DENY");
      expect(reply.headers["x-content-type-options"], path).toBe("nosniff");
      expect(reply.headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    }
  });
});
