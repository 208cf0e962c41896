import { describe, expect, test } from "vitest";
import { ConfigError, parseConfig } from "./config";

const secret = "x".repeat(40);
const parse = (env: Record<string, string>) =>
  parseConfig(env as NodeJS.ProcessEnv, () => "random-secret");

function errorOf(env: Record<string, string>): ConfigError {
  try {
    parse(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

describe("configuration", () => {
  test("no source configured → demo mode against the simulator", () => {
    const c = parse({});
    expect(c.demo).toBe(true);
    expect(c.livechat?.apiUrl).toBe("http://127.0.0.1:4010/livechat");
    expect(c.rocketchat?.url).toBe("http://127.0.0.1:4010/rocketchat");
    expect(c.timezone).toBe("UTC");
    expect(c.authSecretGenerated).toBe(true);
    expect(c.demoSignIn).toEqual({ username: "demo", password: "chatlens-demo" });
    expect(c.databaseUrl).toBeNull();
    expect(c.dataDir).toBe(".data/pglite");
    expect(c.previousAuthSecrets).toEqual([]);
    expect(c.trustProxy).toBe(false);
    expect(c.screenMinRefreshSeconds).toBe(30);
  });

  test("screen minimum refresh interval: whole seconds between 5 and 3600", () => {
    expect(parse({ CHATLENS_SCREEN_MIN_REFRESH_SECONDS: "60" }).screenMinRefreshSeconds).toBe(60);
    expect(parse({ CHATLENS_SCREEN_MIN_REFRESH_SECONDS: " 5 " }).screenMinRefreshSeconds).toBe(5);
    expect(parse({ CHATLENS_SCREEN_MIN_REFRESH_SECONDS: "3600" }).screenMinRefreshSeconds).toBe(
      3600,
    );
    for (const bad of ["4", "3601", "0", "-30", "30.5", "1e2", "abc"]) {
      expect(errorOf({ CHATLENS_SCREEN_MIN_REFRESH_SECONDS: bad }).variable).toBe(
        "CHATLENS_SCREEN_MIN_REFRESH_SECONDS",
      );
    }
  });

  test("storage, previous secrets and proxy settings", () => {
    const c = parse({
      DATABASE_URL: "postgresql://chatlens:pw@db.internal:5432/chatlens",
      CHATLENS_PREVIOUS_SECRETS: ` ${"a".repeat(32)} ,${"b".repeat(40)},`,
      CHATLENS_TRUST_PROXY: "1",
    });
    expect(c.databaseUrl).toBe("postgresql://chatlens:pw@db.internal:5432/chatlens");
    expect(c.previousAuthSecrets).toEqual(["a".repeat(32), "b".repeat(40)]);
    expect(c.trustProxy).toBe(true);
    expect(parse({ DATABASE_URL: "postgres://localhost/x" }).databaseUrl).toBe(
      "postgres://localhost/x",
    );
    expect(parse({ CHATLENS_DATA_DIR: "memory://" }).dataDir).toBe("memory://");
    expect(parse({ CHATLENS_DATA_DIR: "/var/lib/chatlens" }).dataDir).toBe("/var/lib/chatlens");
  });

  test("LiveChat configured with the default API URL", () => {
    const c = parse({ LIVECHAT_LOGIN: "a@b.c", LIVECHAT_API_KEY: "k", NEXTAUTH_SECRET: secret });
    expect(c.demo).toBe(false);
    expect(c.livechat).toEqual({
      apiUrl: "https://api.livechatinc.com",
      login: "a@b.c",
      apiKey: "k",
    });
    expect(c.rocketchat).toBeNull();
    expect(c.demoSignIn).toBeNull();
  });

  test.each([
    [{ LIVECHAT_LOGIN: "a@b.c" }, "LIVECHAT_API_KEY"],
    [
      { ROCKETCHAT_URL: "https://chat.example.com", ROCKETCHAT_USER_ID: "u" },
      "ROCKETCHAT_AUTH_TOKEN",
    ],
    [{ LIVECHAT_LOGIN: "a@b.c", LIVECHAT_API_KEY: "k" }, "NEXTAUTH_SECRET"],
    [
      { LIVECHAT_LOGIN: "a@b.c", LIVECHAT_API_KEY: "k", NEXTAUTH_SECRET: "short" },
      "NEXTAUTH_SECRET",
    ],
    [
      {
        LIVECHAT_LOGIN: "a@b.c",
        LIVECHAT_API_KEY: "k",
        NEXTAUTH_SECRET: secret,
        LIVECHAT_API_URL: "ftp://x",
      },
      "LIVECHAT_API_URL",
    ],
    [
      {
        ROCKETCHAT_URL: "https://user:pw@chat.example.com",
        ROCKETCHAT_USER_ID: "u",
        ROCKETCHAT_AUTH_TOKEN: "t",
        NEXTAUTH_SECRET: secret,
      },
      "ROCKETCHAT_URL",
    ],
    [{ CHATLENS_TIMEZONE: "Moon/Base" }, "CHATLENS_TIMEZONE"],
    [{ CHATLENS_UPSTREAM_TIMEOUT_MS: "-5" }, "CHATLENS_UPSTREAM_TIMEOUT_MS"],
    [{ DATABASE_URL: "mysql://root@localhost/db" }, "DATABASE_URL"],
    [{ DATABASE_URL: "not a url" }, "DATABASE_URL"],
    [{ CHATLENS_DATA_DIR: "idb://chatlens" }, "CHATLENS_DATA_DIR"],
    [{ CHATLENS_PREVIOUS_SECRETS: "too-short" }, "CHATLENS_PREVIOUS_SECRETS"],
    [{ CHATLENS_TRUST_PROXY: "yes" }, "CHATLENS_TRUST_PROXY"],
  ])("invalid %o names %s", (env, variable) => {
    const error = errorOf(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
  });

  test("the error never echoes a secret value", () => {
    const error = errorOf({
      LIVECHAT_LOGIN: "a@b.c",
      LIVECHAT_API_KEY: "super-secret-key",
      NEXTAUTH_SECRET: "short",
    });
    expect(error.message).not.toContain("super-secret-key");
    expect(error.message).not.toContain("short");
    const db = errorOf({ DATABASE_URL: "mysql://root:hunter22@db/x" });
    expect(db.message).not.toContain("hunter22");
    const previous = errorOf({ CHATLENS_PREVIOUS_SECRETS: "old-secret-value" });
    expect(previous.message).not.toContain("old-secret-value");
  });
});
