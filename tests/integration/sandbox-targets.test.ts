import { afterEach, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { runSandboxBackground } from "@/lib/sandbox/background";
import { BASE, call, pay, createHppSession, createKpSession, gbSession, merchantUrls } from "../helpers/sandbox";
import { withSandboxDatabase } from "../helpers/sandbox-db";

// The sandbox calls back and redirects only where SANDBOX_ALLOWED_ORIGINS, APP_URL and (outside
// production) loopback allow: otherwise its public credentials would make it a port scanner and an
// open redirect from the shop's origin. Vitest allows the host shop.example.

withSandboxDatabase();

const elsewhere = [
  "http://10.0.0.5:5432/",
  "http://169.254.169.254/latest/meta-data",
  "https://phish.example.net/login",
  "https://shop.example.evil.net/success",
  "javascript:alert(1)",
  "file:///etc/passwd",
];

const hppBody = (kpSessionId: string, urls: Record<string, string>) => ({
  payment_session_url: `${BASE}/payments/v1/sessions/${kpSessionId}`,
  merchant_urls: urls,
});

describe("callback and redirect targets", () => {
  const settings = config();
  const allowed = settings.sandboxAllowedTargets;
  afterEach(() => Object.assign(settings, { sandboxAllowedTargets: allowed }));

  it("refuses an HPP session sending the browser or a callback elsewhere, naming the field, and keeps nothing", async () => {
    const kpSessionId = await createKpSession();
    for (const target of elsewhere) {
      for (const field of ["success", "status_update"]) {
        const reply = await call("POST", "/hpp/v1/sessions", hppBody(kpSessionId, { ...merchantUrls, [field]: target }));
        expect(reply.status, `${field} ${target}`).toBe(400);
        expect(reply.body.error_code).toBe("BAD_VALUE");
        expect(reply.body.error_messages[0]).toBe(`Bad value: merchant_urls.${field}`);
        expect(reply.body.correlation_id).toEqual(expect.any(String));
      }
    }
    expect((await call("GET", "/_control/callbacks")).body.callbacks).toEqual([]);
  });

  it("refuses KP merchant_urls elsewhere on create and on update", async () => {
    const refused = { confirmation: "https://phish.example.net/", notification: "http://10.0.0.5:6379/" };
    const create = await call("POST", "/payments/v1/sessions", gbSession({ merchant_urls: { confirmation: refused.confirmation } }));
    expect(create.status).toBe(400);
    expect(create.body.error_messages[0]).toBe("Bad value: merchant_urls.confirmation");

    const kpSessionId = await createKpSession();
    const update = await call("POST", `/payments/v1/sessions/${kpSessionId}`, { merchant_urls: { notification: refused.notification } });
    expect(update.status).toBe(400);
    expect(update.body.error_messages[0]).toBe("Bad value: merchant_urls.notification");
  });

  it("accepts the allowed host on any scheme and port, and loopback in development", async () => {
    const kpSessionId = await createKpSession();
    for (const target of ["https://shop.example/ok", "http://shop.example:8080/ok", "http://127.0.0.1:3000/ok", "http://localhost:9/ok"]) {
      const reply = await call("POST", "/hpp/v1/sessions", hppBody(kpSessionId, { ...merchantUrls, success: target }));
      expect(reply.status, target).toBe(201);
    }
  });

  it("does not call a target that is no longer allowed when the callback falls due, and reports no network error", async () => {
    const hpp = await createHppSession(await createKpSession(), {}, { ...merchantUrls, status_update: "http://shop.example:1/hpp-status?secret=s3cret" });
    // As if restarted with SANDBOX_ALLOWED_ORIGINS no longer naming shop.example.
    Object.assign(settings, { sandboxAllowedTargets: allowed.filter((entry) => entry !== "shop.example") });
    await pay(hpp.session_id, "approve");
    await runSandboxBackground();

    const [callback] = (await call("GET", "/_control/callbacks")).body.callbacks;
    expect(callback.state).toBe("failed");
    expect(callback.deliveries.map((attempt: { error: string; status_code: number | null }) => [attempt.error, attempt.status_code])).toEqual([
      ["Not sent: the target is no longer allowed (SANDBOX_ALLOWED_ORIGINS)", null],
    ]);
  });
});
