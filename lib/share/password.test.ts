import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, test, vi } from "vitest";
import {
  hashPassword,
  PasswordAttemptLimiter,
  verifyPassword,
  type AttemptResult,
} from "./password";

describe("password hashing", () => {
  test("scrypt, self-describing, salted; verify accepts the password and nothing else", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
    // A fresh salt each time.
    expect(await hashPassword("correct horse battery")).not.toBe(hash);
  });

  test("Unicode forms of the same password match (NFC)", async () => {
    const hash = await hashPassword("Zoë-password");
    expect(await verifyPassword("Zoe\u0308-password", hash)).toBe(true);
  });

  test.each([
    ["empty", ""],
    ["other scheme", "bcrypt$2b$10$abc"],
    ["missing parts", "scrypt$15$8$1$c2FsdA"],
    ["absurd cost (DoS guard)", `scrypt$30$8$1$${"A".repeat(22)}$${"A".repeat(43)}`],
    ["not numbers", `scrypt$x$8$1$${"A".repeat(22)}$${"A".repeat(43)}`],
    ["short key", "scrypt$15$8$1$" + "A".repeat(22) + "$AAAA"],
  ])("a malformed stored hash (%s) is false, not an exception", async (_name, stored) => {
    expect(await verifyPassword("whatever-password", stored)).toBe(false);
  });
});

const right = () => Promise.resolve(true);
const wrong = () => Promise.resolve(false);
const linkId = () => randomBytes(16).toString("base64url");

async function exhaust(limiter: PasswordAttemptLimiter, link: string, client: string, n: number) {
  const results: AttemptResult[] = [];
  for (let i = 0; i < n; i++) results.push(await limiter.attempt(link, client, wrong));
  return results;
}

describe("password attempt limits (memory)", () => {
  test("5 failures per link and client per 15 minutes, then refused without checking", async () => {
    const limiter = new PasswordAttemptLimiter();
    const link = linkId();
    const results = await exhaust(limiter, link, "203.0.113.7", 5);
    expect(results.map((r) => r.status)).toEqual(["wrong", "wrong", "wrong", "wrong", "wrong"]);
    expect(results.map((r) => (r.status === "wrong" ? r.remainingAttempts : -1))).toEqual([
      4, 3, 2, 1, 0,
    ]);
    const check = vi.fn(right);
    const blocked = await limiter.attempt(link, "203.0.113.7", check);
    expect(blocked.status).toBe("rate_limited");
    expect(check).not.toHaveBeenCalled();
    if (blocked.status === "rate_limited") {
      expect(blocked.retryAfterSeconds).toBeGreaterThan(890);
      expect(blocked.retryAfterSeconds).toBeLessThanOrEqual(900);
      expect(blocked.firstRefusal).toBe(true);
    }
    const again = await limiter.attempt(link, "203.0.113.7", right);
    expect(again.status === "rate_limited" && again.firstRefusal).toBe(false);
    // Another client and another link are not affected.
    expect((await limiter.attempt(link, "203.0.113.8", right)).status).toBe("ok");
    expect((await limiter.attempt(linkId(), "203.0.113.7", right)).status).toBe("ok");
  });

  test("a correct password does not consume an attempt", async () => {
    const limiter = new PasswordAttemptLimiter();
    const link = linkId();
    await exhaust(limiter, link, "c", 4);
    for (let i = 0; i < 10; i++)
      expect((await limiter.attempt(link, "c", right)).status).toBe("ok");
    expect((await limiter.attempt(link, "c", wrong)).status).toBe("wrong");
    expect((await limiter.attempt(link, "c", right)).status).toBe("rate_limited");
  });

  test("50 failures per link overall, whatever the client", async () => {
    const limiter = new PasswordAttemptLimiter();
    const link = linkId();
    for (let client = 0; client < 10; client++) {
      const results = await exhaust(limiter, link, `10.0.0.${client}`, 5);
      expect(results.every((r) => r.status === "wrong")).toBe(true);
    }
    const fresh = await limiter.attempt(link, "10.0.1.1", right);
    expect(fresh.status).toBe("rate_limited");
    expect(fresh.status === "rate_limited" && fresh.firstRefusal).toBe(true);
  });

  test("a parallel burst cannot slip past the limit", async () => {
    const limiter = new PasswordAttemptLimiter();
    const link = linkId();
    const check = vi.fn(
      () => new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 20)),
    );
    const results = await Promise.all(
      Array.from({ length: 20 }, () => limiter.attempt(link, "burst", check)),
    );
    expect(results.filter((r) => r.status === "wrong")).toHaveLength(5);
    expect(results.filter((r) => r.status === "rate_limited")).toHaveLength(15);
    expect(check).toHaveBeenCalledTimes(5);
  });

  test("a failing check gives the point back and rethrows", async () => {
    const limiter = new PasswordAttemptLimiter({ perClient: 1, perLink: 1, windowSeconds: 60 });
    const link = linkId();
    await expect(
      limiter.attempt(link, "c", () => Promise.reject(new Error("boom"))),
    ).rejects.toThrow("boom");
    expect((await limiter.attempt(link, "c", right)).status).toBe("ok");
  });
});

describe("password attempt limits (Redis at 127.0.0.1:6379)", () => {
  const prefix = `chatlens:test:${randomBytes(6).toString("hex")}:`;
  const clients: Redis[] = [];
  /** A connected client (the limiter counts in memory while Redis is not ready). */
  const connect = async () => {
    const redis = new Redis("redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
    clients.push(redis);
    await redis.ping();
    return redis;
  };

  afterAll(async () => {
    const admin = await connect();
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
    for (const c of clients) c.disconnect();
  });

  test("two instances share the counts", async () => {
    const a = new PasswordAttemptLimiter(undefined, { redis: await connect(), keyPrefix: prefix });
    const b = new PasswordAttemptLimiter(undefined, { redis: await connect(), keyPrefix: prefix });
    const link = linkId();
    await exhaust(a, link, "198.51.100.1", 3);
    await exhaust(b, link, "198.51.100.1", 2);
    const blocked = await a.attempt(link, "198.51.100.1", right);
    expect(blocked.status).toBe("rate_limited");
    expect((await b.attempt(link, "198.51.100.1", right)).status).toBe("rate_limited");
    expect((await b.attempt(link, "198.51.100.2", right)).status).toBe("ok");
    const keys = await (await connect()).keys(`${prefix}*`);
    expect(keys.some((k) => k.includes("share-unlock:client"))).toBe(true);
    expect(keys.some((k) => k.includes(link))).toBe(true);
  });
});
