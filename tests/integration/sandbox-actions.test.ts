import { describe, expect, it, vi } from "vitest";
import * as dashboardActions from "@/app/sandbox/_actions/dashboard";
import * as hostedPageActions from "@/app/sandbox/_actions/hosted-page";
import { call, createHppSession, createKpSession } from "../helpers/sandbox";
import { withSandboxDatabase } from "../helpers/sandbox-db";

// Outside sandbox mode the sandbox's server actions refuse like its pages (404), doing nothing.
// Read before the configuration is first parsed. The core underneath does not look at the mode
// (the server mounts it only in sandbox mode), so the test makes its state through it directly,
// with the credentials its helper sends.
Object.assign(process.env, { KLARNA_MODE: "playground", KLARNA_USERNAME: "sandbox", KLARNA_PASSWORD: "sandbox" });

// The operator check (production only) reads the back-office session; next-auth needs Next's runtime.
vi.mock("@/lib/auth/guards", () => ({ currentUser: async () => null }));

withSandboxDatabase();

describe("sandbox server actions outside sandbox mode", () => {
  it("every action answers 404 and changes nothing", async () => {
    const hpp = await createHppSession(await createKpSession());
    const form = new FormData();
    const fields = {
      sessionId: hpp.session_id,
      outcome: "approve",
      namespace: "elsewhere",
      confirm: "default",
      amount: "2",
      unit: "days",
      kind: "http_error",
      status: "500",
    };
    for (const [name, value] of Object.entries(fields)) form.set(name, value);

    const actions = Object.entries({ ...dashboardActions, ...hostedPageActions });
    expect(actions.length).toBe(9);
    for (const [name, action] of actions) {
      await expect((action as (state: null, form: FormData) => Promise<unknown>)(null, form), name).rejects.toMatchObject({
        digest: "NEXT_HTTP_ERROR_FALLBACK;404",
      });
    }

    expect((await call("GET", `/hpp/v1/sessions/${hpp.session_id}`)).body.status).toBe("WAITING");
    expect((await call("GET", "/_control/clock")).body.offset_seconds).toBe(0);
    expect((await call("GET", "/_control/faults")).body.faults).toEqual([]);
  });
});
