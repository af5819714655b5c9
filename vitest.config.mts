import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": import.meta.dirname,
      // Outside Next's bundler the marker has no react-server condition to resolve to.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    // Migrates and seeds one PGlite per run; each file's memory:// database starts as a copy.
    globalSetup: ["tests/setup/pglite-template.ts"],
    env: {
      NODE_ENV: "test",
      PGLITE_DIR: "memory://",
      AUTH_SECRET: "vitest-only-Kx8pQ2vN7rLw4ZbT9hJs3Yd6Fm1CgUe5",
      // The made-up merchant of the sandbox's tests, besides the in-process servers on loopback.
      SANDBOX_ALLOWED_ORIGINS: "shop.example",
    },
    // Logs (Klarna calls, injected faults) are shown for failing tests only.
    silent: "passed-only",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
