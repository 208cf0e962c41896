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
  });
});
