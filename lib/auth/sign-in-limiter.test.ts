import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, test, vi } from "vitest";
import { freePort } from "../../tests/support/app-server";
import {
  SignInLimiter,
  UNKNOWN_CLIENT,
  accountKey,
  clientKeyOf,
  signInLimiterRedis,
  type SignInLimits,
} from "./sign-in-limiter";
import { describeTooManyAttempts, describeWait, tooManyAttemptsCode } from "./sign-in-errors";

const LIMITS: SignInLimits = {
  perAccount: 5,
  perClient: 20,
  perUnknownClient: 100,
  windowSeconds: 900,
};
const REDIS_URL = process.env.CHATLENS_TEST_REDIS_URL ?? "redis://127.0.0.1:6379/0";

const wrong = async () => ({ success: false, value: "wrong" });
const right = async () => ({ success: true, value: "right" });

/** Counts how often the credentials were actually checked. */
function counting(success: boolean) {
  const check = vi.fn(async () => ({ success, value: success ? "right" : "wrong" }));
  return check;
}

describe("accountKey and clientKeyOf", () => {
  test("one account whatever the case, spacing or Unicode form; providers apart", () => {
    const k = accountKey("demo", "Zoë");
    expect(accountKey("demo", " ZOË ")).toBe(k);
    expect(accountKey("demo", "Zoe\u0308")).toBe(k);
    expect(accountKey("livechat", "zoë")).not.toBe(k);
    expect(k).toMatch(/^[0-9a-f]{64}$/);
  });

  test("X-Forwarded-For counts only behind a trusted proxy, and only a valid address", () => {
    const h = (xff: unknown) => ({ "x-forwarded-for": xff });
    expect(clientKeyOf(h("203.0.113.7"), false)).toBe(UNKNOWN_CLIENT);
    expect(clientKeyOf(h("203.0.113.7, 10.0.0.1"), true)).toBe("203.0.113.7");
    expect(clientKeyOf(h(["2001:db8::1"]), true)).toBe("2001:db8::1");
    expect(clientKeyOf(h("not-an-ip"), true)).toBe(UNKNOWN_CLIENT);
    expect(clientKeyOf(h(`1.2.3.4${"x".repeat(100)}`), true)).toBe(UNKNOWN_CLIENT);
    expect(clientKeyOf({}, true)).toBe(UNKNOWN_CLIENT);
    expect(clientKeyOf(undefined, true)).toBe(UNKNOWN_CLIENT);
  });
});

describe("SignInLimiter (memory)", () => {
  test("5 failures lock the account; the 6th is refused without checking, with the wait", async () => {
    const limiter = new SignInLimiter(LIMITS);
    const check = counting(false);
    for (let i = 0; i < 5; i++) {
      expect(await limiter.attempt("acct", "1.1.1.1", check)).toEqual({
        status: "checked",
        value: "wrong",
      });
    }
    const correct = counting(true);
    const refused = await limiter.attempt("acct", "2.2.2.2", correct);
    expect(refused).toMatchObject({ status: "limited", scope: "account" });
    if (refused.status !== "limited") throw new Error("unreachable");
    expect(refused.retryAfterSeconds).toBeGreaterThan(890);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(900);
    expect(correct).not.toHaveBeenCalled();
    expect(check).toHaveBeenCalledTimes(5);
  });

  test("rotating client keys does not evade the account limit", async () => {
    const limiter = new SignInLimiter(LIMITS);
    const check = counting(false);
    const results = [];
    for (let i = 0; i < 20; i++) results.push(await limiter.attempt("acct", `10.0.0.${i}`, check));
    expect(results.filter((r) => r.status === "checked")).toHaveLength(5);
    expect(check).toHaveBeenCalledTimes(5);
  });

  test("a parallel burst cannot slip past the limit", async () => {
    const limiter = new SignInLimiter(LIMITS);
    const check = counting(false);
    const results = await Promise.all(
      Array.from({ length: 30 }, () => limiter.attempt("acct", "1.1.1.1", check)),
    );
    expect(results.filter((r) => r.status === "checked")).toHaveLength(5);
    expect(check).toHaveBeenCalledTimes(5);
  });

  test("a success resets the account's count", async () => {
    const limiter = new SignInLimiter(LIMITS);
    for (let i = 0; i < 4; i++) await limiter.attempt("acct", "1.1.1.1", wrong);
    expect(await limiter.attempt("acct", "1.1.1.1", right)).toEqual({
      status: "checked",
      value: "right",
    });
    for (let i = 0; i < 5; i++) {
      expect((await limiter.attempt("acct", "1.1.1.1", wrong)).status).toBe("checked");
    }
    expect((await limiter.attempt("acct", "1.1.1.1", wrong)).status).toBe("limited");
  });

  test("20 failures from one address over many accounts lock the address, not others", async () => {
    const limiter = new SignInLimiter(LIMITS);
    for (let i = 0; i < 20; i++) await limiter.attempt(`acct-${i}`, "1.1.1.1", wrong);
    const check = counting(true);
    expect(await limiter.attempt("fresh", "1.1.1.1", check)).toMatchObject({
      status: "limited",
      scope: "client",
    });
    expect(check).not.toHaveBeenCalled();
    expect((await limiter.attempt("fresh", "9.9.9.9", check)).status).toBe("checked");
    // The refusal for the address did not spend the fresh account's points.
    for (let i = 0; i < 4; i++) await limiter.attempt("fresh", "9.9.9.9", wrong);
    expect((await limiter.attempt("fresh", "9.9.9.9", wrong)).status).toBe("checked");
  });

  test("unknown clients share one bucket of 5 × the per-address limit", async () => {
    const limiter = new SignInLimiter(LIMITS);
    for (let i = 0; i < 100; i++) {
      expect((await limiter.attempt(`a${i}`, UNKNOWN_CLIENT, wrong)).status).toBe("checked");
    }
    expect(await limiter.attempt("other", UNKNOWN_CLIENT, right)).toMatchObject({
      status: "limited",
      scope: "client",
    });
  });

  test("a throwing check (upstream down) gives the points back and rethrows", async () => {
    const limiter = new SignInLimiter(LIMITS);
    const boom = async (): Promise<{ success: boolean; value: string }> => {
      throw new Error("upstream down");
    };
    for (let i = 0; i < 10; i++) {
      await expect(limiter.attempt("acct", "1.1.1.1", boom)).rejects.toThrow("upstream down");
    }
    for (let i = 0; i < 5; i++) {
      expect((await limiter.attempt("acct", "1.1.1.1", wrong)).status).toBe("checked");
    }
  });
});

describe("SignInLimiter (Redis)", () => {
  const clients: Redis[] = [];
  afterAll(() => {
    for (const c of clients) c.disconnect();
  });

  test("two instances share the counts through Redis", async () => {
    const prefix = `chatlens:test:${randomUUID()}:`;
    const a = new Redis(REDIS_URL);
    const b = new Redis(REDIS_URL);
    clients.push(a, b);
    // Not ready yet would mean the in-memory insurance limiter (by design): wait for Redis.
    await Promise.all([a.ping(), b.ping()]);
    const one = new SignInLimiter(LIMITS, { redis: a, keyPrefix: prefix });
    const two = new SignInLimiter(LIMITS, { redis: b, keyPrefix: prefix });
    const acct = accountKey("livechat", "someone@example.com");
    for (let i = 0; i < 3; i++) await one.attempt(acct, "1.1.1.1", wrong);
    for (let i = 0; i < 2; i++) await two.attempt(acct, "1.1.1.1", wrong);
    expect(await one.attempt(acct, "1.1.1.1", right)).toMatchObject({ scope: "account" });
    expect(await two.attempt(acct, "1.1.1.1", right)).toMatchObject({ scope: "account" });
    const keys = await a.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    // Account names are hashed: no e-mail address in Redis keys.
    expect(keys.some((k) => k.includes("someone"))).toBe(false);
    await a.del(...keys);
  });

  test("Redis away: counts continue in memory (not open, not everybody locked), warns once", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // Nothing listens on a fresh free port.
    const redis = signInLimiterRedis(`redis://127.0.0.1:${await freePort()}/0`);
    clients.push(redis);
    const limiter = new SignInLimiter(LIMITS, { redis, keyPrefix: "chatlens:test:" });
    const check = counting(false);
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await limiter.attempt("acct", "1.1.1.1", check));
    expect(results.filter((r) => r.status === "checked")).toHaveLength(5);
    expect(check).toHaveBeenCalledTimes(5);
    expect((await limiter.attempt("someone-else", "2.2.2.2", right)).status).toBe("checked");
    const redisWarnings = warn.mock.calls.filter((c) => String(c[0]).includes("Redis"));
    expect(redisWarnings.length).toBeLessThanOrEqual(1);
    warn.mockRestore();
  });
});

describe("sign-in error codes", () => {
  test("codes round-trip into sentences with the wait", () => {
    expect(tooManyAttemptsCode("account", 839.2)).toBe("TooManyAttempts:account:840");
    expect(describeTooManyAttempts("TooManyAttempts:account:840")).toBe(
      "Too many failed sign-ins for this account. Try again in 14 minutes.",
    );
    expect(describeTooManyAttempts("TooManyAttempts:client:45")).toBe(
      "Too many failed sign-ins from your network. Try again in 45 seconds.",
    );
    expect(describeWait(61)).toBe("2 minutes");
    expect(describeWait(60)).toBe("1 minute");
    expect(describeWait(1)).toBe("1 second");
  });

  test("anything else is not a limit code (the query string is attacker text)", () => {
    for (const bad of [
      "CredentialsSignin",
      "TooManyAttempts:account:",
      "TooManyAttempts:admin:10",
      "TooManyAttempts:account:99999999",
      "TooManyAttempts:account:10<script>",
    ]) {
      expect(describeTooManyAttempts(bad)).toBeNull();
    }
  });
});
