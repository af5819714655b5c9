import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { gbSession } from "../helpers/klarna-bodies";
import { SANDBOX_AUTH } from "./checkout-steps";

// The /sandbox dashboard, each test in a namespace of its own so the others are never disturbed.

// The dashboard is the operator's: the production server wants the sandbox's credentials.
test.use({ extraHTTPHeaders: SANDBOX_AUTH });

let sequence = 0;
const uniqueNamespace = () => `dash-${Date.now()}-${process.pid}-${sequence++}`;

async function openDashboard(page: Page, context: BrowserContext, namespace: string) {
  const { hostname } = new URL(test.info().project.use.baseURL!);
  await context.addCookies([{ name: "sandbox_namespace", value: namespace, domain: hostname, path: "/" }]);
  await page.goto("/sandbox");
  await expect(page.getByTestId("sandbox-namespace")).toHaveText(namespace);
}

test("lists the personas from the table the code uses", async ({ page, context }) => {
  await openDashboard(page, context, uniqueNamespace());
  const personas = page.getByTestId("sandbox-persona");
  await expect(personas.filter({ hasText: "+denied" })).toHaveCount(1);
  await expect(personas.filter({ hasText: "+pend-accept-NN" })).toHaveCount(1);
  await expect(page.getByRole("link", { name: "/sandbox/docs" })).toBeVisible();
});

test("advances the namespace's clock through the form", async ({ page, context }) => {
  await openDashboard(page, context, uniqueNamespace());
  const offset = page.getByTestId("sandbox-clock-offset");
  await expect(offset).toHaveAttribute("data-offset-seconds", "0");
  const form = page.getByRole("form", { name: "Advance the clock" });
  await form.getByLabel("Amount").fill("2");
  await form.getByLabel("Unit").selectOption("hours");
  await form.getByRole("button", { name: "Advance clock" }).click();
  await expect(offset).toHaveAttribute("data-offset-seconds", "7200");
  await expect(offset).toContainText("+2 h 0 min 0 s");

  await page.getByRole("button", { name: "Reset clock to real time" }).click();
  await expect(offset).toHaveAttribute("data-offset-seconds", "0");
});

test("adds a fault through the form, lists it and removes it", async ({ page, context }) => {
  await openDashboard(page, context, uniqueNamespace());
  const form = page.getByRole("form", { name: "Add a fault" });
  await form.getByLabel("Operation").selectOption("hpp.read_session");
  await form.getByLabel("Kind").selectOption("http_error");
  await form.getByLabel("Status (http_error)").selectOption("503");
  await form.getByRole("button", { name: "Add fault" }).click();
  const fault = page.getByTestId("sandbox-fault");
  await expect(fault).toHaveCount(1);
  await expect(fault).toContainText("hpp.read_session");
  await expect(fault).toContainText("503");

  // A misfit is refused with the sandbox's own message.
  await form.getByLabel("Operation").selectOption("hpp.redirect");
  await form.getByLabel("Kind").selectOption("http_error");
  await form.getByRole("button", { name: "Add fault" }).click();
  await expect(form.getByRole("alert")).toContainText("cannot apply to hpp.redirect");
  await expect(fault).toHaveCount(1);

  await fault.getByRole("button", { name: "Remove" }).click();
  await expect(fault).toHaveCount(0);
});

test("shows the namespace's sessions only, and resets the namespace", async ({ page, context, request }) => {
  const namespace = uniqueNamespace();
  const headers = { ...SANDBOX_AUTH, "klarna-sandbox-namespace": namespace };
  const kp = await request.post("/sandbox/api/payments/v1/sessions", { headers, data: gbSession() });
  expect(kp.status()).toBe(200);
  const kpSessionId = (await kp.json()).session_id as string;
  const hpp = await request.post("/sandbox/api/hpp/v1/sessions", {
    headers,
    data: { payment_session_url: `${new URL(test.info().project.use.baseURL!).origin}/sandbox/api/payments/v1/sessions/${kpSessionId}` },
  });
  expect(hpp.status()).toBe(201);
  const hppSessionId = (await hpp.json()).session_id as string;

  await openDashboard(page, context, namespace);
  const session = page.getByTestId("sandbox-session");
  await expect(session).toHaveCount(1);
  await expect(session).toHaveAttribute("data-session-id", hppSessionId);
  await expect(session).toContainText("WAITING");
  await expect(session).toContainText("£624.00");
  await expect(session.getByRole("link")).toHaveAttribute("href", `/sandbox/hpp/${hppSessionId}`);

  // Another namespace does not see it.
  const other = uniqueNamespace();
  const switcher = page.getByRole("form", { name: "Switch namespace" });
  await switcher.getByLabel("Namespace name").fill("not a namespace!");
  await switcher.getByRole("button", { name: "Switch namespace" }).click();
  await expect(switcher.getByRole("alert")).toContainText("letters, digits");
  await switcher.getByLabel("Namespace name").fill(other);
  await switcher.getByRole("button", { name: "Switch namespace" }).click();
  await expect(page.getByTestId("sandbox-namespace")).toHaveText(other);
  await expect(page.getByTestId("sandbox-session")).toHaveCount(0);

  // Back in the first one, reset it.
  await switcher.getByLabel("Namespace name").fill(namespace);
  await switcher.getByRole("button", { name: "Switch namespace" }).click();
  await expect(page.getByTestId("sandbox-namespace")).toHaveText(namespace);
  await expect(session).toHaveCount(1);
  await page.getByText("Reset namespace…").click();
  const reset = page.getByRole("form", { name: "Reset namespace" });
  await reset.getByLabel(/to confirm/).fill(namespace);
  await reset.getByRole("button", { name: "Reset namespace" }).click();
  await expect(page.getByTestId("sandbox-session")).toHaveCount(0);
  await expect(page.getByTestId("sandbox-sessions-empty")).toBeVisible();
  expect((await request.get(`/sandbox/api/hpp/v1/sessions/${hppSessionId}`, { headers })).status()).toBe(404);
});
