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
    expect(startupNotes(euOnly, markets)).toEqual([
      "Not selling in US: no Klarna credentials for North America (set KLARNA_NA_USERNAME and KLARNA_NA_PASSWORD)",
    ]);
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

  const production = {
    NODE_ENV: "production",
    AUTH_SECRET: "Yq3v9LxT2mWc7RbN5kPd8HsZ1fGj4AeU",
    KLARNA_USERNAME: "operator",
    KLARNA_PASSWORD: "a-long-operator-password",
  };

  it("seeds no default users in production", () => {
    expect(parseEnv(production).seedUsers).toEqual([]);
    expect(parseEnv({ ...production, ADMIN_EMAIL: "a@b.co", ADMIN_PASSWORD: "long-enough" }).seedUsers).toEqual([
      { role: "admin", email: "a@b.co", password: "long-enough" },
    ]);
  });

  it("refuses a guessable AUTH_SECRET: one repeated character, a short pattern, a placeholder", () => {
    for (const secret of ["a".repeat(32), "abcabcabcabcabcabcabcabcabcabcabc", "change-me-change-me-change-me-please", "your-secret-goes-here-1234567890xyz"]) {
      expect(() => parseEnv({ ...production, AUTH_SECRET: secret }), secret).toThrow(/AUTH_SECRET: is too predictable/);
    }
  });

  it("runs the sandbox in production only with its own credentials, which then guard it", () => {
    const { KLARNA_USERNAME: _username, KLARNA_PASSWORD: _password, ...withoutCredentials } = production;
    expect(() => parseEnv(withoutCredentials)).toThrow(/KLARNA_USERNAME: and KLARNA_PASSWORD must be set, not to sandbox \/ sandbox/);
    expect(() => parseEnv({ ...production, KLARNA_PASSWORD: "sandbox" })).toThrow(/KLARNA_USERNAME: and KLARNA_PASSWORD must be set/);
    expect(parseEnv(production).sandboxCredentials).toEqual({ username: "operator", password: "a-long-operator-password" });
    // Development keeps the open defaults.
    expect(parseEnv({}).sandboxCredentials).toEqual({ username: "sandbox", password: "sandbox" });
  });

  it("allows callback and redirect targets: listed origins and hosts, APP_URL, loopback outside production", () => {
    const development = parseEnv({ APP_URL: "http://localhost:3000", SANDBOX_ALLOWED_ORIGINS: "https://shop.example.com, merchant.test" });
    expect(development.sandboxAllowedTargets).toEqual([
      "https://shop.example.com",
      "merchant.test",
      "http://localhost:3000",
      "localhost",
      "127.0.0.1",
      "[::1]",
    ]);
    const live = parseEnv({ ...production, APP_URL: "https://demo.example.org" });
    expect(live.sandboxAllowedTargets).toEqual(["https://demo.example.org"]);
    expect(() => parseEnv({ SANDBOX_ALLOWED_ORIGINS: "https://shop.example.com/path" })).toThrow(/SANDBOX_ALLOWED_ORIGINS/);
    expect(() => parseEnv({ SANDBOX_ALLOWED_ORIGINS: "not a host" })).toThrow(/SANDBOX_ALLOWED_ORIGINS/);
  });

  it("reads the trusted proxies as a list", () => {
    expect(parseEnv({ TRUSTED_PROXIES: "127.0.0.1, 10.0.0.2" }).trustedProxies).toEqual(["127.0.0.1", "10.0.0.2"]);
    expect(parseEnv({}).trustedProxies).toEqual([]);
  });
});
