/** Rocket.Chat's REST rate limiter (§1.4): the limiter itself, its env, and over real HTTP. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loginResponse } from "../lib/rocketchat/schemas";
import { RateLimiter, parseRateLimitEnv } from "./rate-limit";
import { resolveRateLimit } from "./server";
import {
  SERVICE_HEADERS,
  TEST_NOW,
  fetchJson,
  startSimulator,
  type RunningSimulator,
} from "./testing";

describe("RateLimiter", () => {
  it("opens a fixed window at the first call and counts down to 0", () => {
    let t = 1_000;
    const limiter = new RateLimiter({ enabled: true, limit: 2, windowMs: 100 }, () => t);
    expect(limiter.hit("k")).toEqual({
      allowed: true,
      limit: 2,
      remaining: 1,
      resetAt: 1_100,
      msToReset: 100,
    });
    t = 1_050;
    expect(limiter.hit("k")).toMatchObject({ allowed: true, remaining: 0, resetAt: 1_100 });
    expect(limiter.hit("k")).toMatchObject({ allowed: false, remaining: 0, msToReset: 50 });
    expect(limiter.hit("other")).toMatchObject({ allowed: true, resetAt: 1_150 });
    t = 1_100;
    expect(limiter.hit("k")).toMatchObject({ allowed: true, remaining: 1, resetAt: 1_200 });
    limiter.configure({ enabled: false });
    expect(limiter.hit("k")).toBeUndefined();
  });

  it("parses SIMULATOR_RC_RATE_LIMIT; the option overrides it", () => {
    expect(parseRateLimitEnv(undefined)).toEqual({ enabled: true, limit: 10, windowMs: 60_000 });
    expect(parseRateLimitEnv("")).toEqual({ enabled: true, limit: 10, windowMs: 60_000 });
    expect(parseRateLimitEnv("off")).toMatchObject({ enabled: false });
    expect(parseRateLimitEnv("5/1000")).toEqual({ enabled: true, limit: 5, windowMs: 1000 });
    for (const bad of ["0/1000", "5/0", "ten", "5/", "5/1000/2"])
      expect(() => parseRateLimitEnv(bad)).toThrow(/SIMULATOR_RC_RATE_LIMIT/);

    expect(resolveRateLimit(undefined, { SIMULATOR_RC_RATE_LIMIT: "3/500" })).toEqual({
      enabled: true,
      limit: 3,
      windowMs: 500,
    });
    expect(
      resolveRateLimit(
        { rocketchatRateLimit: { enabled: false } },
        { SIMULATOR_RC_RATE_LIMIT: "3/500" },
      ),
    ).toEqual({ enabled: false, limit: 10, windowMs: 60_000 });
    expect(() => resolveRateLimit({ rocketchatRateLimit: { enabled: true, limit: 0 } })).toThrow();
  });
});

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator(TEST_NOW, { rocketchatRateLimit: { enabled: true } });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await control("/rate-limit", "PUT", { enabled: true, limit: 10, windowMs: 60_000 });
  await control("/faults", "DELETE");
  await control("/stats", "DELETE");
});

const control = (path: string, method = "GET", body?: unknown) =>
  fetchJson(`${sim.url}/__simulator${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const DEPARTMENTS = "/api/v1/livechat/department";
const CHARTS = "/api/v1/livechat/analytics/dashboards/charts-data";

const rc = (path: string, headers: Record<string, string> = SERVICE_HEADERS, init?: RequestInit) =>
  fetch(`${sim.url}/rocketchat${path}`, { headers, ...init });

function limits(res: Response) {
  return {
    limit: res.headers.get("x-ratelimit-limit"),
    remaining: res.headers.get("x-ratelimit-remaining"),
    reset: res.headers.get("x-ratelimit-reset"),
  };
}

describe("Rocket.Chat rate limiting over HTTP", () => {
  it("allows 10 calls per route with Remaining 9…0, then answers 429 until the reset", async () => {
    const before = Date.now();
    const remaining: string[] = [];
    const resets = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const res = await rc(DEPARTMENTS);
      expect(res.status).toBe(200);
      const l = limits(res);
      expect(l.limit).toBe("10");
      remaining.push(l.remaining ?? "");
      resets.add(l.reset ?? "");
      await res.arrayBuffer();
    }
    expect(remaining).toEqual(["9", "8", "7", "6", "5", "4", "3", "2", "1", "0"]);
    expect(resets.size).toBe(1); // one fixed window
    const reset = Number([...resets][0]);
    // An absolute epoch in ms, about a minute from the first call.
    expect(reset).toBeGreaterThanOrEqual(before + 60_000);
    expect(reset).toBeLessThanOrEqual(Date.now() + 60_000);

    const sentAt = Date.now();
    const over = await rc(DEPARTMENTS);
    const answeredAt = Date.now();
    expect(over.status).toBe(429);
    expect(limits(over)).toEqual({ limit: "10", remaining: "0", reset: String(reset) });
    expect(over.headers.get("retry-after")).toBeNull();
    const body = (await over.json()) as { success: boolean; error: string };
    expect(body.success).toBe(false);
    const wait =
      /^Error, too many requests\. Please slow down\. You must wait (\d+) seconds before trying this endpoint again\. \[error-too-many-requests\]$/.exec(
        body.error,
      );
    // N = ceil(seconds to the reset): 60 unless the ten calls took over a second.
    expect(Number(wait?.[1])).toBeGreaterThanOrEqual(Math.ceil((reset - answeredAt) / 1000));
    expect(Number(wait?.[1])).toBeLessThanOrEqual(Math.ceil((reset - sentAt) / 1000));
    expect(Object.keys(body)).toEqual(["success", "error"]);

    // Another route has its own budget.
    const me = await rc("/api/v1/me");
    expect(me.status).toBe(200);
    expect(limits(me).remaining).toBe("9");

    // X-Forwarded-For is not trusted: a spoofed address shares the socket's budget.
    const spoofed = await rc(DEPARTMENTS, { ...SERVICE_HEADERS, "x-forwarded-for": "10.9.8.7" });
    expect(spoofed.status).toBe(429);
  });

  it("keys by path without the query string, and sets the headers on later 4xx too", async () => {
    await control("/rate-limit", "PUT", { limit: 2 });
    const q = (chart: string) =>
      `${CHARTS}?chartName=${chart}&start=2026-06-01T00:00:00Z&end=2026-06-02T00:00:00Z`;
    const first = await rc(q("Total_conversations"));
    expect(first.status).toBe(200);
    // Unknown chart → 400 after the limiter: it counts and carries the headers.
    const second = await rc(q("Nope"));
    expect(second.status).toBe(400);
    expect(limits(second).remaining).toBe("0");
    expect((await rc(q("Total_messages"))).status).toBe(429);
  });

  it("applies a new limit and window from PUT /rate-limit; the budget returns after the window", async () => {
    expect(await control("/rate-limit", "PUT", { limit: 3, windowMs: 500 })).toMatchObject({
      status: 200,
      body: { ok: true, enabled: true, limit: 3, windowMs: 500 },
    });
    expect((await control("/rate-limit")).body).toEqual({
      enabled: true,
      limit: 3,
      windowMs: 500,
    });
    const responses = [];
    for (let i = 0; i < 4; i++) responses.push(await rc("/api/v1/me"));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    const over = (await responses[3]?.json()) as { error: string };
    expect(over.error).toContain("You must wait 1 seconds");

    await new Promise((r) => setTimeout(r, 600));
    const again = await rc("/api/v1/me");
    expect(again.status).toBe(200);
    expect(limits(again)).toMatchObject({ limit: "3", remaining: "2" });

    expect((await control("/rate-limit", "PUT", { limit: 0 })).status).toBe(400);
    expect((await control("/rate-limit", "PUT", { limt: 3 })).status).toBe(400);
  });

  it("DELETE /rate-limit/windows resets the counters only", async () => {
    await control("/rate-limit", "PUT", { limit: 1 });
    expect((await rc("/api/v1/me")).status).toBe(200);
    expect((await rc("/api/v1/me")).status).toBe(429);
    expect((await control("/rate-limit/windows", "DELETE")).status).toBe(200);
    expect((await rc("/api/v1/me")).status).toBe(200);
    expect((await control("/rate-limit")).body).toMatchObject({ limit: 1 });
  });

  it("sends no headers and never limits while disabled", async () => {
    await control("/rate-limit", "PUT", { enabled: false });
    for (let i = 0; i < 12; i++) {
      const res = await rc("/api/v1/me");
      expect(res.status).toBe(200);
      expect(limits(res)).toEqual({ limit: null, remaining: null, reset: null });
    }
  });

  it("answers 401 before the limiter: unauthenticated calls cost nothing", async () => {
    for (let i = 0; i < 12; i++) {
      const res = await rc("/api/v1/me", { "x-user-id": "usrChatlensSvc99", "x-auth-token": "x" });
      expect(res.status).toBe(401);
      expect(limits(res).limit).toBeNull();
    }
    expect(limits(await rc("/api/v1/me")).remaining).toBe("9");
  });

  it("limits POST /api/v1/login per IP, failed logins included; admins bypass other routes", async () => {
    await control("/rate-limit", "PUT", { limit: 3 });
    const login = (password: string) =>
      rc(
        "/api/v1/login",
        { "content-type": "application/json" },
        {
          method: "POST",
          body: JSON.stringify({ user: "rc.admin", password }),
        },
      );
    const wrong = await login("nope");
    expect(wrong.status).toBe(401);
    expect(limits(wrong).remaining).toBe("2");
    const ok = await login("rc.admin-pass");
    expect(ok.status).toBe(200);
    const { data } = loginResponse.parse(await ok.json());
    const admin = { "x-user-id": data.userId, "x-auth-token": data.authToken };
    await login("nope");
    expect((await login("rc.admin-pass")).status).toBe(429);

    // `api-bypass-rate-limit` (admin): never limited, no headers.
    for (let i = 0; i < 5; i++) {
      const res = await rc("/api/v1/me", admin);
      expect(res.status).toBe(200);
      expect(limits(res).limit).toBeNull();
    }
  });

  it("lets faults through first: a faulted request neither consumes nor reports the limit", async () => {
    await control("/faults", "POST", { vendor: "rocketchat", path: "/api/v1/me", status: 503 });
    for (let i = 0; i < 12; i++) {
      const res = await rc("/api/v1/me");
      expect(res.status).toBe(503);
      expect(limits(res).limit).toBeNull();
    }
    await control("/faults", "DELETE");
    expect(limits(await rc("/api/v1/me")).remaining).toBe("9");
  });

  it("counts responses, 429s and distinct queries in /stats", async () => {
    await control("/rate-limit", "PUT", { limit: 2 });
    const a = `${CHARTS}?start=2026-06-01&chartName=Total_conversations&end=2026-06-01`;
    const b = `${CHARTS}?end=2026-06-02&start=2026-06-02&chartName=Total_conversations`;
    await rc(a);
    await rc(b);
    await rc(a); // 429
    await rc("/api/v1/me", {}); // 401
    const stats = (await control("/stats")).body;
    expect(stats).toEqual({
      requests: { [`rocketchat GET ${CHARTS}`]: 3, "rocketchat GET /api/v1/me": 1 },
      total: 4,
      responses: {
        [`rocketchat GET ${CHARTS} 200`]: 2,
        [`rocketchat GET ${CHARTS} 429`]: 1,
        "rocketchat GET /api/v1/me 401": 1,
      },
      rateLimited: 1,
      queries: {
        [`rocketchat GET ${CHARTS}?chartName=Total_conversations&end=2026-06-01&start=2026-06-01`]: 2,
        [`rocketchat GET ${CHARTS}?chartName=Total_conversations&end=2026-06-02&start=2026-06-02`]: 1,
        "rocketchat GET /api/v1/me": 1,
      },
    });
    await control("/stats", "DELETE");
    expect((await control("/stats")).body).toEqual({
      requests: {},
      total: 0,
      responses: {},
      rateLimited: 0,
      queries: {},
    });
  });
});
