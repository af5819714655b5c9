import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: { "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }] },
  },
  // Boundaries: the storefront talks to Klarna (or the sandbox) over HTTP only, and the sandbox
  // knows nothing of the shop; both speak the wire contract in lib/klarna-wire.
  {
    files: [
      "lib/klarna/**",
      "lib/orders/**",
      "lib/shop/**",
      "lib/auth/**",
      "lib/actions/**",
      "app/(shop)/**",
      "app/admin/**",
      "app/api/**",
      "app/actions/**",
      "components/{admin,cart,checkout,shop,ui}/**",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/sandbox", "@/lib/sandbox/*", "**/lib/sandbox", "**/lib/sandbox/*", "../sandbox", "../sandbox/*"],
              message: "The storefront reaches the sandbox over HTTP only, through lib/klarna.",
            },
          ],
        },
      ],
    },
  },
  {
    // The sandbox's pages and components enter it through its index only.
    files: ["app/sandbox/**", "components/sandbox/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lib/sandbox/*", "**/lib/sandbox/*"], message: "Import the sandbox through its index, @/lib/sandbox." }] },
      ],
    },
  },
  {
    files: ["lib/sandbox/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              // Written with the alias, or relative ("../orders/…", "../../lib/shop/…").
              group: ["klarna", "orders", "shop", "auth"].flatMap((room) =>
                [`@/lib/${room}`, `**/lib/${room}`, `../${room}`].flatMap((path) => [path, `${path}/*`]),
              ),
              message: "The sandbox knows nothing of the shop: share Klarna's wire format through lib/klarna-wire.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/klarna-wire/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/*", "../*"], message: "The wire contract stands alone: it is what the client and the sandbox share." }] },
      ],
    },
  },
  {
    // Tests read JSON replies whose shapes the assertions themselves check.
    files: ["tests/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  globalIgnores([".next/**", "next-env.d.ts", ".data/**", "test-results/**", "playwright-report/**", "lib/db/migrations/**"]),
]);
