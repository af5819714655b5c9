import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { OPERATOR } from "./scripts/lib/server";

// End-to-end tests run against the production server (`npm run build` first) on a free port with
// a throw-away in-memory database, in the system's Chromium: this machine cannot download browsers.

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${port}`;
const systemChromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

const browser = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: systemChromium,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
  },
};

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  // Specs that move the sandbox clock do it in their own sandbox namespace (namespaces.spec.ts).
  projects: [{ name: "chromium", use: browser }],
  webServer: {
    command: "npm start",
    url: baseURL,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(port),
      APP_URL: baseURL,
      PGLITE_DIR: "memory://",
      AUTH_SECRET: "e2e-only-Wq4Zt7Lm2Ns9Pb6Xc3Vd8Rf5Hg1Jk0Ay",
      ADMIN_EMAIL: "admin@example.com",
      ADMIN_PASSWORD: "admin-password",
      VIEWER_EMAIL: "viewer@example.com",
      VIEWER_PASSWORD: "viewer-password",
      SWEEP_INTERVAL_SECONDS: "1",
      KLARNA_USERNAME: OPERATOR.username,
      KLARNA_PASSWORD: OPERATOR.password,
    },
  },
});
