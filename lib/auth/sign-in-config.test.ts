import { describe, expect, test } from "vitest";
import { ConfigError, parseConfig } from "../config";
import { checkConfigurationOrExit } from "../startup-check";

const LIVECHAT = { LIVECHAT_LOGIN: "owner@example.com", LIVECHAT_API_KEY: "key" };
const SECRET = "s".repeat(40);
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

describe("NEXTAUTH_SECRET", () => {
  test("unset outside demo mode is a configuration error (no random fallback)", () => {
    const e = errorOf(LIVECHAT);
    expect(e.variable).toBe("NEXTAUTH_SECRET");
    expect(e.message).toMatch(/is required/);
    expect(errorOf({ ...LIVECHAT, NEXTAUTH_SECRET: "   " }).variable).toBe("NEXTAUTH_SECRET");
    expect(errorOf({ ...LIVECHAT, NEXTAUTH_SECRET: "short" }).variable).toBe("NEXTAUTH_SECRET");
  });

  test("the start-up check exits the process with the message", () => {
    const saved = { ...process.env };
    const exits: (number | undefined)[] = [];
    const errors: string[] = [];
    const exit = process.exit;
    const error = console.error;
    process.exit = ((code?: number) => {
      exits.push(code);
      throw new Error("exit");
    }) as typeof process.exit;
    console.error = (message: string) => errors.push(message);
    try {
      for (const k of Object.keys(process.env)) {
        if (/^(NEXTAUTH_|LIVECHAT_|ROCKETCHAT_)/.test(k)) delete process.env[k];
      }
      Object.assign(process.env, LIVECHAT);
      expect(() => checkConfigurationOrExit()).toThrow("exit");
    } finally {
      process.exit = exit;
      console.error = error;
      process.env = saved;
    }
    expect(exits).toEqual([1]);
    expect(errors.join("")).toMatch(/NEXTAUTH_SECRET: is required/);
  });

  test("demo mode without a secret gets a generated one", () => {
    const c = parse({});
    expect(c.authSecretGenerated).toBe(true);
    expect(c.authSecret).toBe("random-secret");
  });
});

describe("sign-in limits", () => {
  test("defaults: 5 per account, 20 per address, 100 for unknown clients, 15 minutes", () => {
    expect(parse({ ...LIVECHAT, NEXTAUTH_SECRET: SECRET }).signInLimits).toEqual({
      perAccount: 5,
      perClient: 20,
      perUnknownClient: 100,
      windowSeconds: 900,
    });
  });

  test("overrides, and bad values name the variable", () => {
    expect(
      parse({
        CHATLENS_SIGNIN_MAX_FAILURES: "3",
        CHATLENS_SIGNIN_MAX_FAILURES_PER_IP: "2",
        CHATLENS_SIGNIN_WINDOW_SECONDS: "60",
      }).signInLimits,
    ).toEqual({ perAccount: 3, perClient: 2, perUnknownClient: 10, windowSeconds: 60 });
    for (const [name, bad] of [
      ["CHATLENS_SIGNIN_MAX_FAILURES", "0"],
      ["CHATLENS_SIGNIN_MAX_FAILURES", "1001"],
      ["CHATLENS_SIGNIN_MAX_FAILURES_PER_IP", "2.5"],
      ["CHATLENS_SIGNIN_WINDOW_SECONDS", "9"],
      ["CHATLENS_SIGNIN_WINDOW_SECONDS", "abc"],
    ] as const) {
      expect(errorOf({ [name]: bad }).variable).toBe(name);
    }
  });
});
