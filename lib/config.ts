import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { z } from "zod";
import { KLARNA_HOSTS, KLARNA_REGION_NAMES, KLARNA_REGIONS, type KlarnaRegion } from "@/lib/klarna-wire/regions";

// The one place that reads process.env. Defaults make `npm install && npm run dev` work untouched;
// production and real Klarna modes fail at start-up with a message naming the missing variable.

const emptyAsUnset = (value: unknown) => (value === "" ? undefined : value);
/** A comma-separated list, its entries trimmed and blanks dropped. */
const commaList = () =>
  z.string().transform((value) =>
    value
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
  );
const optionalString = z.preprocess(emptyAsUnset, z.string().optional());

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    APP_URL: z.preprocess(emptyAsUnset, z.url().optional()),
    PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(65535).default(3000)),
    DATABASE_URL: z.preprocess(
      emptyAsUnset,
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
        .optional(),
    ),
    PGLITE_DIR: z.preprocess(emptyAsUnset, z.string().default(".data/pglite")),
    /** Tests only: a migrated data-directory tarball an in-memory database starts from. */
    PGLITE_TEMPLATE: optionalString,
    KLARNA_MODE: z.preprocess(emptyAsUnset, z.enum(["sandbox", "playground", "production"]).default("sandbox")),
    KLARNA_REGION: z.preprocess(emptyAsUnset, z.enum(KLARNA_REGIONS).default("eu")),
    KLARNA_USERNAME: optionalString,
    KLARNA_PASSWORD: optionalString,
    KLARNA_EU_USERNAME: optionalString,
    KLARNA_EU_PASSWORD: optionalString,
    KLARNA_NA_USERNAME: optionalString,
    KLARNA_NA_PASSWORD: optionalString,
    KLARNA_OC_USERNAME: optionalString,
    KLARNA_OC_PASSWORD: optionalString,
    KLARNA_TIMEOUT_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(100).max(120_000).default(10_000)),
    SWEEP_INTERVAL_SECONDS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(86_400).default(30)),
    AUTH_SECRET: z.preprocess(
      emptyAsUnset,
      z
        .string()
        .min(32, "must be at least 32 characters")
        // A guessable secret signs sessions anyone can forge: refuse few-character patterns.
        .refine(
          (secret) => new Set(secret).size >= 10 && !/change.?me|your.?secret|placeholder/i.test(secret),
          "is too predictable (use e.g. `openssl rand -base64 32`)",
        )
        .optional(),
    ),
    SANDBOX_ALLOWED_ORIGINS: z.preprocess(
      emptyAsUnset,
      commaList()
        .pipe(
          z.array(
            z.union([
              z.url().regex(/^https?:\/\/[^/]+\/?$/, "must be an origin such as https://shop.example.com"),
              z.string().regex(/^[a-z0-9.-]+$/i, "must be an origin or a host name"),
            ]),
          ),
        )
        .optional(),
    ),
    TRUSTED_PROXIES: z.preprocess(emptyAsUnset, commaList().optional()),
    ADMIN_EMAIL: z.preprocess(emptyAsUnset, z.email().optional()),
    ADMIN_PASSWORD: z.preprocess(emptyAsUnset, z.string().min(8, "must be at least 8 characters").optional()),
    VIEWER_EMAIL: z.preprocess(emptyAsUnset, z.email().optional()),
    VIEWER_PASSWORD: z.preprocess(emptyAsUnset, z.string().min(8, "must be at least 8 characters").optional()),
  })
  .superRefine((env, ctx) => {
    const require = (name: keyof typeof env, why: string) => {
      if (env[name] === undefined) ctx.addIssue({ code: "custom", path: [name], message: `is required ${why}` });
    };
    // A username without its password (or the reverse) is a typo, whatever the mode.
    for (const [user, password] of [["KLARNA_USERNAME", "KLARNA_PASSWORD"], ...KLARNA_REGIONS.map((region) => regionVariables(region))] as const) {
      if ((env[user] === undefined) !== (env[password] === undefined))
        require(env[user] === undefined ? user : password, `together with ${env[user] === undefined ? password : user}`);
    }
    if (env.KLARNA_MODE !== "sandbox") {
      const [user] = regionVariables(env.KLARNA_REGION);
      if (env.KLARNA_USERNAME !== undefined && env[user] !== undefined) {
        ctx.addIssue({ code: "custom", path: ["KLARNA_USERNAME"], message: `and ${user} both name ${env.KLARNA_REGION} credentials; keep one` });
      }
      if (env.KLARNA_USERNAME === undefined && KLARNA_REGIONS.every((region) => env[regionVariables(region)[0]] === undefined)) {
        require("KLARNA_USERNAME", `when KLARNA_MODE=${env.KLARNA_MODE} (with KLARNA_REGION), or per region KLARNA_EU_USERNAME / KLARNA_NA_USERNAME / KLARNA_OC_USERNAME`);
      }
    }
    if (env.NODE_ENV === "production") require("AUTH_SECRET", "in production (NODE_ENV=production)");
    // A public demo: the sandbox can be operated only by whoever holds its credentials.
    if (env.NODE_ENV === "production" && env.KLARNA_MODE === "sandbox") {
      const defaults = (env.KLARNA_USERNAME ?? "sandbox") === "sandbox" || (env.KLARNA_PASSWORD ?? "sandbox") === "sandbox";
      if (defaults)
        ctx.addIssue({
          code: "custom",
          path: ["KLARNA_USERNAME"],
          message: "and KLARNA_PASSWORD must be set, not to sandbox / sandbox, to run the sandbox in production: they guard it",
        });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

function regionVariables(region: KlarnaRegion) {
  const prefix = `KLARNA_${region.toUpperCase()}` as "KLARNA_EU" | "KLARNA_NA" | "KLARNA_OC";
  return [`${prefix}_USERNAME`, `${prefix}_PASSWORD`] as const;
}

/** Where and as whom the shop calls Klarna for one region. */
export interface KlarnaAccount {
  region: KlarnaRegion;
  baseUrl: string;
  username: string;
  password: string;
}

/**
 * Sandbox mode: every region is the embedded sandbox, with its one set of credentials. Otherwise
 * each region with credentials (KLARNA_<REGION>_USERNAME / _PASSWORD, or KLARNA_USERNAME /
 * KLARNA_PASSWORD for KLARNA_REGION) gets an account on Klarna's host for that region.
 */
function klarnaAccounts(env: Env, appUrl: string): Partial<Record<KlarnaRegion, KlarnaAccount>> {
  const accounts: Partial<Record<KlarnaRegion, KlarnaAccount>> = {};
  for (const region of KLARNA_REGIONS) {
    if (env.KLARNA_MODE === "sandbox") {
      accounts[region] = { region, baseUrl: `${appUrl}/sandbox/api`, username: env.KLARNA_USERNAME ?? "sandbox", password: env.KLARNA_PASSWORD ?? "sandbox" };
      continue;
    }
    const [userVariable, passwordVariable] = regionVariables(region);
    const shared = region === env.KLARNA_REGION && env.KLARNA_USERNAME !== undefined;
    const username = shared ? env.KLARNA_USERNAME : env[userVariable];
    const password = shared ? env.KLARNA_PASSWORD : env[passwordVariable];
    if (username !== undefined && password !== undefined) accounts[region] = { region, baseUrl: KLARNA_HOSTS[env.KLARNA_MODE][region], username, password };
  }
  return accounts;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseEnv(source: Record<string, string | undefined>) {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "environment"}: ${issue.message}`);
    throw new ConfigError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  const isProduction = env.NODE_ENV === "production";
  const appUrl = (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
  // Under NODE_ENV=test only: a server that a test starts inherits the variable and must start as users' servers do.
  const pgliteTemplate = env.NODE_ENV === "test" ? env.PGLITE_TEMPLATE : undefined;
  return {
    isProduction,
    appUrl,
    port: env.PORT,
    database: env.DATABASE_URL
      ? ({ kind: "postgres", url: env.DATABASE_URL } as const)
      : ({ kind: "pglite", dir: env.PGLITE_DIR, ...(pgliteTemplate ? { template: pgliteTemplate } : {}) } as const),
    klarna: {
      mode: env.KLARNA_MODE,
      accounts: klarnaAccounts(env, appUrl),
      timeoutMs: env.KLARNA_TIMEOUT_MS,
      // Klarna posts status callbacks to HTTPS URLs only; the sandbox calls back to any APP_URL.
      callbacks: env.KLARNA_MODE === "sandbox" || appUrl.startsWith("https://"),
    },
    /** The credentials the embedded sandbox accepts (sandbox mode only). */
    sandboxCredentials: { username: env.KLARNA_USERNAME ?? "sandbox", password: env.KLARNA_PASSWORD ?? "sandbox" },
    /** Where the sandbox may call back and redirect to: origins and bare host names, APP_URL's origin, loopback outside production. */
    sandboxAllowedTargets: [...(env.SANDBOX_ALLOWED_ORIGINS ?? []), new URL(appUrl).origin, ...(isProduction ? [] : ["localhost", "127.0.0.1", "[::1]"])],
    /** Addresses of reverse proxies whose X-Forwarded-For names the client. */
    trustedProxies: env.TRUSTED_PROXIES ?? [],
    /** How often the reconciliation sweep runs; 0 turns it off. */
    sweepIntervalMs: env.SWEEP_INTERVAL_SECONDS * 1000,
    sandboxEnabled: env.KLARNA_MODE === "sandbox",
    // The back-office users seeded on first start: development falls back to documented demo
    // accounts; production seeds one only when both of its variables are set.
    seedUsers: [
      seedUser("admin", env.ADMIN_EMAIL, env.ADMIN_PASSWORD, isProduction, "admin@example.com", "admin-password"),
      seedUser("viewer", env.VIEWER_EMAIL, env.VIEWER_PASSWORD, isProduction, "viewer@example.com", "viewer-password"),
    ].filter((user) => user !== null),
    authSecret: env.AUTH_SECRET,
  };
}

function seedUser(
  role: "admin" | "viewer",
  email: string | undefined,
  password: string | undefined,
  isProduction: boolean,
  demoEmail: string,
  demoPassword: string,
) {
  if (email && password) return { role, email, password };
  return isProduction ? null : { role, email: email ?? demoEmail, password: password ?? demoPassword };
}

export type Config = ReturnType<typeof parseEnv>;

/** What start-up says about the configuration, one line each: markets and callbacks it had to leave out. */
export function startupNotes(settings: Config, markets: readonly { code: string; region: KlarnaRegion }[]): string[] {
  const notes: string[] = [];
  const missing = markets.filter((market) => !settings.klarna.accounts[market.region]);
  const regions = [...new Set(missing.map((market) => market.region))];
  for (const region of regions) {
    const [user, password] = regionVariables(region);
    const codes = missing
      .filter((market) => market.region === region)
      .map((market) => market.code)
      .join(", ");
    notes.push(`Not selling in ${codes}: no Klarna credentials for ${KLARNA_REGION_NAMES[region]} (set ${user} and ${password})`);
  }
  if (!settings.klarna.callbacks) {
    notes.push(
      `Status callbacks are off: Klarna calls back over HTTPS only and APP_URL is ${settings.appUrl}; orders settle through the return pages, polling and the sweep`,
    );
  }
  return notes;
}

let cached: Config | undefined;

/** Reads .env files the way `next dev` / `next start` do; the custom server calls it before config(). */
export function loadEnvFiles(): void {
  loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production", { info: () => {}, error: console.error });
}

/** The validated configuration, parsed once per process. */
export function config(): Config {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * next-auth's secret. Production requires AUTH_SECRET; development generates one and keeps it
 * in .data/ so sessions survive restarts.
 */
export function authSecret(): string {
  const { authSecret: configured } = config();
  if (configured) return configured;
  const file = path.join(".data", "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}
