import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { z } from "zod";

// The one place that reads process.env. Defaults make `npm install && npm run dev` work untouched;
// production and real Klarna modes fail at start-up with a message naming the missing variable.

const KLARNA_HOSTS = {
  playground: {
    eu: "https://api.playground.klarna.com",
    na: "https://api-na.playground.klarna.com",
    oc: "https://api-oc.playground.klarna.com",
  },
  production: {
    eu: "https://api.klarna.com",
    na: "https://api-na.klarna.com",
    oc: "https://api-oc.klarna.com",
  },
} as const;

const emptyAsUnset = (value: unknown) => (value === "" ? undefined : value);
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
    KLARNA_MODE: z.preprocess(emptyAsUnset, z.enum(["sandbox", "playground", "production"]).default("sandbox")),
    KLARNA_REGION: z.preprocess(emptyAsUnset, z.enum(["eu", "na", "oc"]).default("eu")),
    KLARNA_USERNAME: optionalString,
    KLARNA_TIMEOUT_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(100).max(120_000).default(10_000)),
    SWEEP_INTERVAL_SECONDS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(86_400).default(30)),
    KLARNA_PASSWORD: optionalString,
    AUTH_SECRET: z.preprocess(emptyAsUnset, z.string().min(32, "must be at least 32 characters").optional()),
    ADMIN_EMAIL: z.preprocess(emptyAsUnset, z.email().optional()),
    ADMIN_PASSWORD: z.preprocess(emptyAsUnset, z.string().min(8, "must be at least 8 characters").optional()),
    VIEWER_EMAIL: z.preprocess(emptyAsUnset, z.email().optional()),
    VIEWER_PASSWORD: z.preprocess(emptyAsUnset, z.string().min(8, "must be at least 8 characters").optional()),
  })
  .superRefine((env, ctx) => {
    const require = (name: keyof typeof env, why: string) => {
      if (env[name] === undefined) ctx.addIssue({ code: "custom", path: [name], message: `is required ${why}` });
    };
    if (env.KLARNA_MODE !== "sandbox") {
      require("KLARNA_USERNAME", `when KLARNA_MODE=${env.KLARNA_MODE}`);
      require("KLARNA_PASSWORD", `when KLARNA_MODE=${env.KLARNA_MODE}`);
    }
    if (env.NODE_ENV === "production") require("AUTH_SECRET", "in production (NODE_ENV=production)");
  });

export type Env = z.infer<typeof EnvSchema>;

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
  const klarnaBaseUrl =
    env.KLARNA_MODE === "sandbox" ? `${appUrl}/sandbox/api` : KLARNA_HOSTS[env.KLARNA_MODE][env.KLARNA_REGION];
  return {
    isProduction,
    appUrl,
    port: env.PORT,
    database: env.DATABASE_URL
      ? ({ kind: "postgres", url: env.DATABASE_URL } as const)
      : ({ kind: "pglite", dir: env.PGLITE_DIR } as const),
    klarna: {
      mode: env.KLARNA_MODE,
      region: env.KLARNA_REGION,
      baseUrl: klarnaBaseUrl,
      username: env.KLARNA_USERNAME ?? "sandbox",
      password: env.KLARNA_PASSWORD ?? "sandbox",
      timeoutMs: env.KLARNA_TIMEOUT_MS,
    },
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

function seedUser(role: "admin" | "viewer", email: string | undefined, password: string | undefined, isProduction: boolean, demoEmail: string, demoPassword: string) {
  if (email && password) return { role, email, password };
  return isProduction ? null : { role, email: email ?? demoEmail, password: password ?? demoPassword };
}

export type Config = ReturnType<typeof parseEnv>;

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
