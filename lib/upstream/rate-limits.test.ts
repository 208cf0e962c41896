/**
 * The scheduler's rate gate against a real local HTTP upstream: `Retry-After` (seconds and
 * HTTP dates), Rocket.Chat's `X-RateLimit-Limit/Remaining/Reset` (reset in epoch ms), the
 * longest wait (`shared/reference/security-reliability-performance.md` B2, checklist items
 * 25–26). Real timers: the waits are about 1 s each.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import {
  FakeUpstream,
  Schedulers,
  asUpstreamError,
  callThrough,
  echo,
  rejectionOf,
  sequence,
  status,
  testRequest,
  type FakeReply,
  type FakeRequest,
} from "./testing/fake-upstream";

const fake = new FakeUpstream();
const schedulers = new Schedulers();

beforeAll(async () => {
  await fake.start();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => fake.reset());
afterEach(() => schedulers.shutdown());

describe("Retry-After and rate limits", () => {
  test("429 with Retry-After: 1 → the next attempt is not sent before 1 s; then the route flows", async () => {
    fake.handler = sequence(status(429, { headers: { "retry-after": "1" } }), echo);
    const s = schedulers.create();
    const body = await callThrough(s, testRequest(fake.baseUrl));
    expect(body.n).toBe(2);
    const [first, second] = fake.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(second!.at - first!.at).toBeLessThan(2_500);
    // Not blocked for good: the next calls go out at once.
    const started = Date.now();
    for (const a of ["1", "2"]) await callThrough(s, testRequest(fake.baseUrl, { query: { a } }));
    expect(fake.count()).toBe(4);
    expect(Date.now() - started).toBeLessThan(500);
  });

  test("429 with an HTTP-date Retry-After → not sent before that date", async () => {
    let clock = Date.parse("2024-03-10T12:00:00Z");
    const date = "Sun, 10 Mar 2024 12:00:07 GMT";
    let secondAt = 0;
    fake.handler = sequence(status(429, { headers: { "retry-after": date } }), (req) => {
      secondAt = clock;
      return echo(req);
    });
    const slept: number[] = [];
    const s = schedulers.create({
      maxRateWaitMs: 10_000,
      now: () => clock,
      sleep: async (ms) => {
        slept.push(ms);
        clock += ms;
      },
    });
    expect((await callThrough(s, testRequest(fake.baseUrl))).n).toBe(2);
    expect(secondAt).toBeGreaterThanOrEqual(Date.parse(date));
    expect(slept).toEqual([7_000]);
  });

  test("a 429 without any hint waits a moment (1 s), not for good", async () => {
    let clock = 1_000_000;
    fake.handler = sequence(status(429), echo);
    const slept: number[] = [];
    const s = schedulers.create({
      now: () => clock,
      sleep: async (ms) => {
        slept.push(ms);
        clock += ms;
      },
    });
    expect((await callThrough(s, testRequest(fake.baseUrl))).n).toBe(2);
    expect(slept).toEqual([1_000]);
  });

  test("Rocket.Chat 429 with X-RateLimit-Reset in epoch ms → waits ~1 s, not millennia", async () => {
    let reset = 0;
    fake.handler = sequence((req) => {
      reset = req.at + 1_000;
      return status(429, {
        headers: {
          "x-ratelimit-limit": "10",
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset": String(reset),
        },
      });
    }, echo);
    const waits: number[] = [];
    const s = schedulers.create({
      vendor: "rocketchat",
      vendorName: "Rocket.Chat",
      sleep: (ms) => {
        waits.push(ms);
        return new Promise((r) => setTimeout(r, ms));
      },
    });
    const body = await callThrough(s, testRequest(fake.baseUrl, { vendor: "rocketchat" }));
    expect(body.n).toBe(2);
    expect(fake.requests[1]!.at).toBeGreaterThanOrEqual(reset - 20);
    expect(Math.max(...waits)).toBeLessThanOrEqual(1_050);
    expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(900);
  });

  test("the error of a Rocket.Chat 429 says ~1 s (reset read as ms, not seconds)", async () => {
    fake.handler = (req) =>
      status(429, {
        headers: {
          "x-ratelimit-limit": "10",
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset": String(req.at + 1_000),
        },
      });
    const s = schedulers.create({ vendor: "rocketchat", vendorName: "Rocket.Chat", maxRetries: 0 });
    const error = asUpstreamError(
      await rejectionOf(callThrough(s, testRequest(fake.baseUrl, { vendor: "rocketchat" }))),
    );
    expect(error.kind).toBe("rate_limited");
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(0);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(1);
  });

  /** Rocket.Chat's limiter: `limit` calls per 1 s window, headers on every answer. */
  function rocketChatLimiter(limit: number, now: () => number = Date.now) {
    let windowEnd = 0;
    let remaining = 0;
    return (req: FakeRequest): FakeReply => {
      const at = now();
      if (at >= windowEnd) {
        windowEnd = at + 1_000;
        remaining = limit;
      }
      const headers = {
        "x-ratelimit-limit": String(limit),
        "x-ratelimit-reset": String(windowEnd),
      };
      if (remaining === 0) {
        return status(429, { headers: { ...headers, "x-ratelimit-remaining": "0" } });
      }
      remaining--;
      return { ...echo(req), headers: { ...headers, "x-ratelimit-remaining": String(remaining) } };
    };
  }

  test("X-RateLimit-Remaining counting down (one at a time, injected clock) → waits for each reset, zero 429s", async () => {
    let clock = Date.parse("2024-03-10T12:00:00Z");
    fake.handler = rocketChatLimiter(3, () => clock);
    const slept: number[] = [];
    const s = schedulers.create({
      vendor: "rocketchat",
      vendorName: "Rocket.Chat",
      routeConcurrency: 1,
      now: () => clock,
      sleep: async (ms) => {
        slept.push(ms);
        clock += ms;
      },
    });
    for (let i = 1; i <= 9; i++) {
      await callThrough(
        s,
        testRequest(fake.baseUrl, { vendor: "rocketchat", query: { group: String(i) } }),
        { route: "GET /api/v1/livechat/analytics/dashboards/charts-data" },
      );
    }
    expect(fake.statuses.filter((code) => code === 429)).toHaveLength(0);
    expect(fake.count()).toBe(9);
    // Three windows of three calls: two waits of exactly the time left to each reset.
    expect(slept).toEqual([1_000, 1_000]);
  });

  test("X-RateLimit-Remaining counting down (route concurrency 3, real time) → the scheduler waits for the reset, zero 429s", async () => {
    fake.handler = rocketChatLimiter(3);
    const waits: number[] = [];
    const s = schedulers.create({
      vendor: "rocketchat",
      vendorName: "Rocket.Chat",
      routeConcurrency: 3,
      sleep: (ms) => {
        waits.push(ms);
        return new Promise((r) => setTimeout(r, ms));
      },
    });
    const started = Date.now();
    const bodies = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((i) =>
        callThrough(
          s,
          testRequest(fake.baseUrl, { vendor: "rocketchat", query: { group: String(i) } }),
          { route: "GET /api/v1/livechat/analytics/dashboards/charts-data" },
        ),
      ),
    );
    expect(bodies).toHaveLength(6);
    expect(fake.statuses.filter((code) => code === 429)).toHaveLength(0);
    expect(fake.count()).toBe(6);
    // The second window's calls went out after the first window reset (~1 s), not later.
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(3_000);
    expect(Math.max(...waits)).toBeLessThanOrEqual(1_050);
    const firstAt = fake.requests[0]!.at;
    expect(fake.requests.filter((r) => r.at - firstAt < 900)).toHaveLength(3);
  });

  test("X-RateLimit-Remaining: 0 without a usable reset does not hold the route for good", async () => {
    let clock = 1_000_000;
    fake.handler = (req) => ({
      ...echo(req),
      headers: { "x-ratelimit-limit": "10", "x-ratelimit-remaining": "0" },
    });
    const slept: number[] = [];
    const s = schedulers.create({
      vendor: "rocketchat",
      vendorName: "Rocket.Chat",
      now: () => clock,
      sleep: async (ms) => {
        slept.push(ms);
        clock += ms;
      },
    });
    for (let i = 0; i < 3; i++) {
      await callThrough(s, testRequest(fake.baseUrl, { query: { i: String(i) } }));
    }
    expect(fake.count()).toBe(3);
    // The count is re-checked after a second each time.
    expect(slept).toEqual([1_000, 1_000]);
  });

  test("a wait longer than maxRateWaitMs fails at once with rate_limited, without an upstream call", async () => {
    fake.handler = sequence(status(429, { headers: { "retry-after": "60" } }), echo);
    const s = schedulers.create({ maxRetries: 2, maxRateWaitMs: 5_000 });
    const first = asUpstreamError(await rejectionOf(callThrough(s, testRequest(fake.baseUrl))));
    // Not retried: the upstream asked for 60 s.
    expect(first.kind).toBe("rate_limited");
    expect(first.retryAfterSeconds).toBe(60);
    expect(fake.count()).toBe(1);

    const started = Date.now();
    const second = asUpstreamError(
      await rejectionOf(callThrough(s, testRequest(fake.baseUrl, { query: { other: "1" } }))),
    );
    expect(Date.now() - started).toBeLessThan(50);
    expect(second.kind).toBe("rate_limited");
    expect(second.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(second.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(fake.count()).toBe(1);
  });

  test("a rate wait past the call's budget fails at once", async () => {
    fake.handler = sequence(status(429, { headers: { "retry-after": "3" } }), echo);
    const s = schedulers.create({ maxRetries: 0, maxRateWaitMs: 10_000, budgetMs: 1_000 });
    await rejectionOf(callThrough(s, testRequest(fake.baseUrl)));
    const started = Date.now();
    const error = asUpstreamError(await rejectionOf(callThrough(s, testRequest(fake.baseUrl))));
    expect(Date.now() - started).toBeLessThan(50);
    expect(error.kind).toBe("rate_limited");
    expect(fake.count()).toBe(1);
  });

  test("a rate limit on one route does not hold another route", async () => {
    fake.handler = (req) =>
      req.path === "/limited" ? status(429, { headers: { "retry-after": "60" } }) : echo(req);
    const s = schedulers.create({ maxRetries: 0 });
    await rejectionOf(
      callThrough(s, testRequest(fake.baseUrl, { path: "/limited" }), { route: "A" }),
    );
    const started = Date.now();
    await callThrough(s, testRequest(fake.baseUrl, { path: "/free" }), { route: "B" });
    expect(Date.now() - started).toBeLessThan(500);
  });
});
