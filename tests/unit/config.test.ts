import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv, startupNotes } from "@/lib/config";
import { MARKETS } from "@/lib/shop/markets";

const markets = Object.values(MARKETS);

describe("config", () => {
  it("works untouched in development, against the embedded sandbox and PGlite, for every region", () => {
    const config = parseEnv({});
    expect(config.appUrl).toBe("http://localhost:3000");
    expect(config.database).toEqual({ kind: "pglite", dir: ".data/pglite" });
    expect(config.klarna.mode).toBe("sandbox");
    for (const region of ["eu", "na", "oc"] as const) {
      expect(config.klarna.accounts[region]).toEqual({ region, baseUrl: "http://localhost:3000/sandbox/api", username: "sandbox", password: "sandbox" });
    }
    expect(config.klarna.callbacks).toBe(true);
    expect(config.seedUsers).toEqual([
      { role: "admin", email: "admin@example.com", password: "admin-password" },
      { role: "viewer", email: "viewer@example.com", password: "viewer-password" },
    ]);
    expect(config.sandboxEnabled).toBe(true);
    expect(startupNotes(config, markets)).toEqual([]);
  });

  it("switches to Postgres, and gives KLARNA_USERNAME / KLARNA_PASSWORD to KLARNA_REGION's host only", () => {
    const config = parseEnv({
      DATABASE_URL: "postgres://shop@db/shop",
      KLARNA_MODE: "playground",
      KLARNA_REGION: "na",
      KLARNA_USERNAME: "K123_abc",
      KLARNA_PASSWORD: "secret",
      APP_URL: "https://shop.example.com",
    });
    expect(config.database).toEqual({ kind: "postgres", url: "postgres://shop@db/shop" });
    expect(config.klarna.accounts).toEqual({ na: { region: "na", baseUrl: "https://api-na.playground.klarna.com", username: "K123_abc", password: "secret" } });
    expect(config.sandboxEnabled).toBe(false);
    expect(parseEnv({ KLARNA_MODE: "production", KLARNA_USERNAME: "u", KLARNA_PASSWORD: "p" }).klarna.accounts.eu?.baseUrl).toBe("https://api.klarna.com");
  });

  it("holds one account per region with credentials, each on its region's host", () => {
    const config = parseEnv({
      KLARNA_MODE: "production",
      KLARNA_EU_USERNAME: "K_eu",
      KLARNA_EU_PASSWORD: "eu-secret",
      KLARNA_NA_USERNAME: "K_na",
      KLARNA_NA_PASSWORD: "na-secret",
      APP_URL: "https://shop.example.com",
    });
    expect(config.klarna.accounts.eu).toEqual({ region: "eu", baseUrl: "https://api.klarna.com", username: "K_eu", password: "eu-secret" });
    expect(config.klarna.accounts.na).toEqual({ region: "na", baseUrl: "https://api-na.klarna.com", username: "K_na", password: "na-secret" });
    expect(config.klarna.accounts.oc).toBeUndefined();
    expect(startupNotes(config, markets)).toEqual([]);
  });

  it("says in one line which markets it cannot sell in, and why", () => {
    const euOnly = parseEnv({ KLARNA_MODE: "playground", KLARNA_USERNAME: "u", KLARNA_PASSWORD: "p", APP_URL: "https://shop.example.com" });
    expect(startupNotes(euOnly, markets)).toEqual(["Not selling in US: no Klarna credentials for North America (set KLARNA_NA_USERNAME and KLARNA_NA_PASSWORD)"]);
  });

  it("turns status callbacks off outside sandbox mode when APP_URL is not HTTPS, and says so", () => {
    const plain = parseEnv({ KLARNA_MODE: "playground", KLARNA_USERNAME: "u", KLARNA_PASSWORD: "p", APP_URL: "http://shop.example.com" });
    expect(plain.klarna.callbacks).toBe(false);
    expect(startupNotes(plain, [MARKETS.GB])).toEqual([
      "Status callbacks are off: Klarna calls back over HTTPS only and APP_URL is http://shop.example.com; orders settle through the return pages, polling and the sweep",
    ]);
    expect(parseEnv({ APP_URL: "http://shop.example.com" }).klarna.callbacks).toBe(true);
  });

  it("names each missing or invalid variable", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET: is required in production/);
    expect(() => parseEnv({ KLARNA_MODE: "playground" })).toThrow(/KLARNA_USERNAME: is required when KLARNA_MODE=playground/);
    expect(() => parseEnv({ KLARNA_MODE: "playground", KLARNA_NA_USERNAME: "u" })).toThrow(/KLARNA_NA_PASSWORD: is required together with KLARNA_NA_USERNAME/);
    expect(() => parseEnv({ KLARNA_MODE: "playground", KLARNA_USERNAME: "u", KLARNA_PASSWORD: "p", KLARNA_EU_USERNAME: "v", KLARNA_EU_PASSWORD: "q" })).toThrow(
      /KLARNA_USERNAME: and KLARNA_EU_USERNAME both name eu credentials/,
    );
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
