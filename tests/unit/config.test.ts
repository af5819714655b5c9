import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "@/lib/config";

describe("config", () => {
  it("works untouched in development, against the embedded sandbox and PGlite", () => {
    const config = parseEnv({});
    expect(config.appUrl).toBe("http://localhost:3000");
    expect(config.database).toEqual({ kind: "pglite", dir: ".data/pglite" });
    expect(config.klarna).toMatchObject({ mode: "sandbox", baseUrl: "http://localhost:3000/sandbox/api", username: "sandbox", password: "sandbox" });
    expect(config.seedUsers).toEqual([
      { role: "admin", email: "admin@example.com", password: "admin-password" },
      { role: "viewer", email: "viewer@example.com", password: "viewer-password" },
    ]);
    expect(config.sandboxEnabled).toBe(true);
  });

  it("switches to Postgres and to Klarna's regional hosts", () => {
    const config = parseEnv({
      DATABASE_URL: "postgres://shop@db/shop",
      KLARNA_MODE: "playground",
      KLARNA_REGION: "na",
      KLARNA_USERNAME: "K123_abc",
      KLARNA_PASSWORD: "secret",
    });
    expect(config.database).toEqual({ kind: "postgres", url: "postgres://shop@db/shop" });
    expect(config.klarna.baseUrl).toBe("https://api-na.playground.klarna.com");
    expect(config.sandboxEnabled).toBe(false);
    expect(parseEnv({ KLARNA_MODE: "production", KLARNA_USERNAME: "u", KLARNA_PASSWORD: "p" }).klarna.baseUrl).toBe("https://api.klarna.com");
  });

  it("names each missing or invalid variable", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET: is required in production/);
    expect(() => parseEnv({ KLARNA_MODE: "playground" })).toThrow(/KLARNA_USERNAME: is required when KLARNA_MODE=playground/);
    expect(() => parseEnv({ KLARNA_MODE: "live" })).toThrow(ConfigError);
    expect(() => parseEnv({ PORT: "http" })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be a postgres:\/\/ URL/);
  });

  it("seeds no default users in production", () => {
    const secret = "x".repeat(32);
    expect(parseEnv({ NODE_ENV: "production", AUTH_SECRET: secret }).seedUsers).toEqual([]);
    expect(parseEnv({ NODE_ENV: "production", AUTH_SECRET: secret, ADMIN_EMAIL: "a@b.co", ADMIN_PASSWORD: "long-enough" }).seedUsers).toEqual([
      { role: "admin", email: "a@b.co", password: "long-enough" },
    ]);
  });
});
