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
    env: {
      NODE_ENV: "test",
      PGLITE_DIR: "memory://",
      AUTH_SECRET: "vitest-secret-vitest-secret-vitest-secret",
    },
    // Logs (Klarna calls, injected faults) are shown for failing tests only.
    silent: "passed-only",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
