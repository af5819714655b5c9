import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { approveOnHostedPage, expectOrderStatus, fillCart, openCheckout, payWithKlarna, SANDBOX_AUTH } from "./checkout-steps";

// Parallel test runs share one sandbox through namespaces: each worker puts its own in a cookie
// (the storefront forwards it when it creates Klarna sessions) and in a header on control calls.
// Both workers run the same journeys at once, moving their own clocks, and see only their own
// sessions, callbacks and time.

test.describe.configure({ mode: "parallel" });

async function enterNamespace(page: Page, namespace: string, request: APIRequestContext) {
  await page.context().addCookies([{ name: "sandbox_namespace", value: namespace, url: test.info().project.use.baseURL! }]);
  const headers = { ...SANDBOX_AUTH, "klarna-sandbox-namespace": namespace };
  await request.post("/sandbox/api/_control/reset", { headers });
  return headers;
}

for (const journey of ["first", "second"]) {
  test(`${journey} worker: pays, lets a session expire on its own clock, and sees only its own state`, async ({ page, request }) => {
    const namespace = `e2e-${journey}-${test.info().parallelIndex}`;
    const headers = await enterNamespace(page, namespace, request);

    await fillCart(page);
    await openCheckout(page);
    await payWithKlarna(page);
    await approveOnHostedPage(page);
    await expectOrderStatus(page, "authorized");

    await fillCart(page, "GB", ["wool-socks"]);
    await openCheckout(page);
    await payWithKlarna(page);
    const expiring = page.url();

    // 47 hours in this namespace only: the open session expires.
    const moved = await request.post("/sandbox/api/_control/clock/advance", { headers, data: { seconds: 47 * 3600 + 60 } });
    expect(await moved.json()).toMatchObject({ namespace, offset_seconds: 47 * 3600 + 60 });
    await page.goto(expiring);
    await expect(page.getByTestId("hpp-page")).toHaveAttribute("data-status", "EXPIRED");
    await expect(page.getByTestId("hpp-approve")).toHaveCount(0);

    // Exactly this worker's two checkouts, whatever the other worker and the other specs did.
    const summary = await (await request.get("/sandbox/api/_control/namespace", { headers })).json();
    expect(summary).toMatchObject({ namespace, counts: { kp_sessions: 2, hpp_sessions: 2, orders: 1 } });
    // Its status callbacks were delivered to the storefront, and only its sessions appear.
    await expect
      .poll(async () =>
        (await (await request.get("/sandbox/api/_control/callbacks", { headers })).json()).callbacks.map((entry: { state: string }) => entry.state),
      )
      .toContain("delivered");
    const ledger = (await (await request.get("/sandbox/api/_control/callbacks", { headers })).json()).callbacks as { kind: string; subject_id: string }[];
    const sessionIds = new Set(ledger.filter((entry) => entry.kind === "hpp_status").map((entry) => entry.subject_id));
    expect(sessionIds.size).toBe(2);
    // And the one approval's KP authorization callback.
    expect(ledger.filter((entry) => entry.kind === "kp_authorization")).toHaveLength(1);
    expect(sessionIds.has(new URL(expiring).pathname.split("/").at(-1)!)).toBe(true);

    // The default namespace's clock never moved.
    expect((await (await request.get("/sandbox/api/_control/clock", { headers: SANDBOX_AUTH })).json()).offset_seconds).toBe(0);
    await request.post("/sandbox/api/_control/reset", { headers });
  });
}

for (const [verdict, status, note] of [
  ["accept", "authorized", null],
  ["reject", "cancelled", "Klarna did not approve this purchase after its review: the order is cancelled and you will not be charged."],
] as const) {
  test(`a purchase under fraud review shows as pending until Klarna's review ends (${verdict})`, async ({ page, request }) => {
    const headers = await enterNamespace(page, `e2e-review-${verdict}-${test.info().parallelIndex}`, request);
    await fillCart(page, "GB", ["wool-socks"]);
    await openCheckout(page);
    await page.getByLabel("Klarna test persona").selectOption({ label: `Pending review, ${verdict}ed after 5 minutes (customer+pend-${verdict}-05@email.uk)` });
    await payWithKlarna(page);
    await approveOnHostedPage(page);
    await expectOrderStatus(page, "authorized");
    await expect(page.getByTestId("fraud-review")).toHaveText("Klarna is reviewing this purchase. We will ship once it is approved.");

    // Five minutes of this namespace's time: Klarna decides and notifies the storefront.
    await request.post("/sandbox/api/_control/clock/advance", { headers, data: { seconds: 5 * 60 } });
    await expect
      .poll(async () =>
        (await (await request.get("/sandbox/api/_control/callbacks", { headers })).json()).callbacks.some(
          (entry: { kind: string; state: string }) => entry.kind === "fraud_notification" && entry.state === "delivered",
        ),
      )
      .toBe(true);
    // The storefront re-reads the order after answering the notification: reload until it has.
    await expect(async () => {
      await page.reload();
      await expectOrderStatus(page, status);
    }).toPass();
    if (note) await expect(page.getByTestId("fraud-review")).toHaveText(note);
    else await expect(page.getByTestId("fraud-review")).toHaveCount(0);
    await request.post("/sandbox/api/_control/reset", { headers });
  });
}
