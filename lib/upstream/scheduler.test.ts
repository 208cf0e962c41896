/**
 * SourceScheduler against a real local HTTP upstream: retries and backoff, the circuit
 * breaker, concurrency caps (`shared/reference/security-reliability-performance.md` B2,
 * checklist items 24 and 31). Rate limits: `rate-limits.test.ts`.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { z } from "zod";
import { UpstreamGateway } from "./gateway";
import { MemoryCacheStore } from "./store";
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
beforeEach(() => {
  fake.reset();
  // The breaker logs when it opens and closes.
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterEach(() => {
  schedulers.shutdown();
  vi.restoreAllMocks();
});

describe("retries", () => {
  test("500, 500, 200 → success after 3 upstream calls", async () => {
    fake.handler = sequence(status(500), status(500), echo);
    const s = schedulers.create({ maxRetries: 2 });
    const body = await callThrough(s, testRequest(fake.baseUrl));
    expect(body.n).toBe(3);
    expect(fake.count()).toBe(3);
  });

  test("500 ×3 → the last error after exactly 3 calls", async () => {
    fake.handler = () => status(500);
    const s = schedulers.create({ maxRetries: 2 });
    const error = asUpstreamError(await rejectionOf(callThrough(s, testRequest(fake.baseUrl))));
    expect(error.kind).toBe("upstream_5xx");
    expect(error.status).toBe(500);
    expect(error.message).toContain("boom 500");
    expect(fake.count()).toBe(3);
  });

  test.each([
    [400, "bad_request"],
    [401, "unauthorized"],
    [403, "forbidden"],
    [404, "not_found"],
    [422, "bad_request"],
  ] as const)("%i → %s after exactly 1 call (no retry)", async (code, kind) => {
    fake.handler = () => status(code);
    const s = schedulers.create({ maxRetries: 2 });
    const error = asUpstreamError(await rejectionOf(callThrough(s, testRequest(fake.baseUrl))));
    expect(error.kind).toBe(kind);
    expect(fake.count()).toBe(1);
  });

  test("malformed JSON with 200 → invalid_json after 1 call", async () => {
    fake.handler = () => ({ raw: '{"who": "alice", "n": ' });
    const s = schedulers.create();
    const error = asUpstreamError(await rejectionOf(callThrough(s, testRequest(fake.baseUrl))));
    expect(error.kind).toBe("invalid_json");
    expect(fake.count()).toBe(1);
  });

  test("HTML with 200 → invalid_json after 1 call", async () => {
    fake.handler = () => ({
      raw: "<html>maintenance</html>",
      headers: { "content-type": "text/html" },
    });
    const s = schedulers.create();
    const error = asUpstreamError(await rejectionOf(callThrough(s, testRequest(fake.baseUrl))));
    expect(error.kind).toBe("invalid_json");
    expect(fake.count()).toBe(1);
  });

  test("wrong shape with 200 → unexpected_shape after 1 call", async () => {
    fake.handler = () => ({ body: { who: 42, n: "one" } });
    const s = schedulers.create();
    const error = asUpstreamError(await rejectionOf(callThrough(s, testRequest(fake.baseUrl))));
    expect(error.kind).toBe("unexpected_shape");
    expect(error.message).toMatch(/who|n/);
    expect(fake.count()).toBe(1);
  });

  test("a timeout is retried", async () => {
    fake.handler = (req) => (req.n === 1 ? { ...echo(req), delayMs: 400 } : echo(req));
    const s = schedulers.create({ maxRetries: 2 });
    const body = await callThrough(s, testRequest(fake.baseUrl), { timeoutMs: 100 });
    expect(body.n).toBe(2);
    expect(fake.count()).toBe(2);
  });

  test("timeouts on every attempt → kind timeout after maxRetries + 1 calls", async () => {
    fake.handler = (req) => ({ ...echo(req), delayMs: 300 });
    const s = schedulers.create({ maxRetries: 1 });
    const started = Date.now();
    const error = asUpstreamError(
      await rejectionOf(callThrough(s, testRequest(fake.baseUrl), { timeoutMs: 80 })),
    );
    expect(error.kind).toBe("timeout");
    expect(fake.count()).toBe(2);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  test("a refused connection is a network error and is retried", async () => {
    const gone = new FakeUpstream();
    await gone.start();
    const baseUrl = gone.baseUrl;
    await gone.close();
    const slept: number[] = [];
    const s = schedulers.create({
      maxRetries: 2,
      sleep: async (ms) => void slept.push(ms),
    });
    const error = asUpstreamError(await rejectionOf(callThrough(s, testRequest(baseUrl))));
    expect(error.kind).toBe("network");
    expect(slept).toHaveLength(2);
  });

  test("backoff delays follow full jitter: random(0, min(cap, base·2^n))", async () => {
    fake.handler = () => status(503);
    const slept: number[] = [];
    const randoms = [0.999, 0.999, 0.999, 0.5];
    const s = schedulers.create({
      maxRetries: 4,
      backoffBaseMs: 100,
      backoffCapMs: 300,
      random: () => randoms.shift() ?? 0,
      sleep: async (ms) => void slept.push(ms),
    });
    const error = asUpstreamError(await rejectionOf(callThrough(s, testRequest(fake.baseUrl))));
    expect(error.kind).toBe("upstream_5xx");
    expect(fake.count()).toBe(5);
    const bounds = [100, 200, 300, 300];
    expect(slept).toHaveLength(4);
    slept.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThanOrEqual(bounds[i]!);
    });
    expect(slept[0]).toBeCloseTo(99.9);
    expect(slept[1]).toBeCloseTo(199.8);
    expect(slept[2]).toBeCloseTo(299.7);
    expect(slept[3]).toBeCloseTo(150);
  });

  test("random() = 0 gives zero delay (full jitter, not equal jitter)", async () => {
    fake.handler = sequence(status(502), status(504), echo);
    const slept: number[] = [];
    const s = schedulers.create({
      backoffBaseMs: 1_000,
      backoffCapMs: 10_000,
      random: () => 0,
      sleep: async (ms) => void slept.push(ms),
    });
    await callThrough(s, testRequest(fake.baseUrl));
    expect(slept).toEqual([0, 0]);
  });

  test("no retry would overrun the budget", async () => {
    fake.handler = () => status(500);
    let clock = 1_000_000;
    const s = schedulers.create({
      maxRetries: 5,
      budgetMs: 1_000,
      backoffBaseMs: 800,
      backoffCapMs: 800,
      random: () => 1,
      now: () => clock,
      sleep: async (ms) => void (clock += ms),
    });
    const error = asUpstreamError(await rejectionOf(callThrough(s, testRequest(fake.baseUrl))));
    expect(error.kind).toBe("upstream_5xx");
    // 1st attempt, sleep 800, 2nd attempt; another 800 would pass the 1 000 ms budget.
    expect(fake.count()).toBe(2);
  });
});

describe("circuit breaker", () => {
  const breaker = {
    volumeThreshold: 5,
    errorThresholdPercentage: 50,
    rollingWindowMs: 10_000,
    resetTimeoutMs: 300,
  };

  test("opens after repeated 500s, fails fast while open, closes after a good half-open probe", async () => {
    fake.handler = () => status(500);
    const s = schedulers.create({ maxRetries: 0, breaker });
    const kinds: string[] = [];
    for (let i = 0; i < 10; i++) {
      kinds.push(
        asUpstreamError(await rejectionOf(callThrough(s, testRequest(fake.baseUrl)))).kind,
      );
    }
    expect(s.circuit).toBe("open");
    // opossum opens at the volume threshold (5 failures, 100 % > 50 %); the rest never left.
    expect(kinds.slice(0, 5)).toEqual(Array(5).fill("upstream_5xx"));
    expect(kinds.slice(5)).toEqual(Array(5).fill("unavailable"));
    const upstreamCalls = fake.count();
    expect(upstreamCalls).toBe(5);

    const started = Date.now();
    const error = asUpstreamError(await rejectionOf(callThrough(s, testRequest(fake.baseUrl))));
    expect(Date.now() - started).toBeLessThan(50);
    expect(error.kind).toBe("unavailable");
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(error.message).toContain("LiveChat");
    expect(fake.count()).toBe(upstreamCalls);

    await new Promise((r) => setTimeout(r, 400));
    expect(s.circuit).toBe("halfOpen");
    fake.handler = echo;
    const body = await callThrough(s, testRequest(fake.baseUrl));
    expect(body.n).toBe(upstreamCalls + 1);
    expect(s.circuit).toBe("closed");
    await callThrough(s, testRequest(fake.baseUrl));
    expect(fake.count()).toBe(upstreamCalls + 2);
  });

  test("a failed half-open probe opens it again", async () => {
    fake.handler = () => status(503);
    const s = schedulers.create({ maxRetries: 0, breaker });
    for (let i = 0; i < 5; i++) await rejectionOf(callThrough(s, testRequest(fake.baseUrl)));
    expect(s.circuit).toBe("open");
    await new Promise((r) => setTimeout(r, 400));
    expect(s.circuit).toBe("halfOpen");
    const probe = asUpstreamError(await rejectionOf(callThrough(s, testRequest(fake.baseUrl))));
    expect(probe.kind).toBe("upstream_5xx");
    expect(fake.count()).toBe(6);
    expect(s.circuit).toBe("open");
    const next = asUpstreamError(await rejectionOf(callThrough(s, testRequest(fake.baseUrl))));
    expect(next.kind).toBe("unavailable");
    expect(fake.count()).toBe(6);
  });

  test("timeouts count as outages", async () => {
    fake.handler = (req) => ({ ...echo(req), delayMs: 200 });
    const s = schedulers.create({ maxRetries: 0, breaker });
    for (let i = 0; i < 5; i++) {
      await rejectionOf(callThrough(s, testRequest(fake.baseUrl), { timeoutMs: 30 }));
    }
    expect(s.circuit).toBe("open");
  });

  // The upstream's considered answers about our request: a healthy upstream sends them.
  test.each<[string, (req: FakeRequest) => FakeReply]>([
    ["400", () => status(400)],
    ["401", () => status(401)],
    ["403", () => status(403)],
    ["404", () => status(404)],
    ["a wrong shape", () => ({ body: { nope: true } })],
    ["malformed JSON", () => ({ raw: "{" })],
  ])("%s ×10 does not open it", async (_name, reply) => {
    fake.handler = reply;
    const s = schedulers.create({ maxRetries: 0, breaker });
    for (let i = 0; i < 10; i++) {
      const error = asUpstreamError(await rejectionOf(callThrough(s, testRequest(fake.baseUrl))));
      expect(error.kind).not.toBe("unavailable");
    }
    expect(s.circuit).toBe("closed");
    expect(fake.count()).toBe(10);
  });

  test("the upstream's 429s ×5 open it (the calls are refused anyway)", async () => {
    fake.handler = () => status(429, { headers: { "retry-after": "0" } });
    const s = schedulers.create({ maxRetries: 0, breaker });
    for (let i = 0; i < 5; i++) {
      const error = asUpstreamError(await rejectionOf(callThrough(s, testRequest(fake.baseUrl))));
      expect(error).toMatchObject({ kind: "rate_limited", status: 429 });
    }
    expect(s.circuit).toBe("open");
    expect(fake.count()).toBe(5);
  });

  test("401s do not open it, and a 401 answered to a half-open probe closes it", async () => {
    fake.handler = () => status(500);
    const s = schedulers.create({ maxRetries: 0, breaker });
    for (let i = 0; i < 5; i++) await rejectionOf(callThrough(s, testRequest(fake.baseUrl)));
    expect(s.circuit).toBe("open");
    await new Promise((r) => setTimeout(r, 400));
    fake.handler = () => status(401);
    const probe = asUpstreamError(await rejectionOf(callThrough(s, testRequest(fake.baseUrl))));
    expect(probe.kind).toBe("unauthorized");
    // The upstream answered: it is up, whatever it thinks of our credentials.
    expect(s.circuit).toBe("closed");
  });

  test("with the gateway: while open, an expired cached answer is served stale in < 50 ms without an upstream call", async () => {
    let clock = 1_700_000_000_000;
    const gateway = new UpstreamGateway({
      store: new MemoryCacheStore(),
      timeoutMs: 1_000,
      now: () => clock,
    });
    const s = schedulers.create({ maxRetries: 0, breaker });
    const call = gateway.caller(s);
    const policy = { name: "t", freshMs: 1_000, swrMs: 0, record: true };
    const route = "GET /reports/chats/total_chats";
    const first = await call(testRequest(fake.baseUrl), { route, policy });
    expect(first.n).toBe(1);

    fake.handler = () => status(500);
    for (let i = 0; i < 5; i++) {
      // Past the gateway's hold after a failure, so each call reaches the scheduler; each
      // answers the last good body (stale on error) while the breaker counts failures.
      clock += 5_000;
      expect(await call(testRequest(fake.baseUrl), { route, policy })).toEqual(first);
    }
    expect(s.circuit).toBe("open");
    const upstreamCalls = fake.count();
    expect(upstreamCalls).toBeLessThanOrEqual(6);

    clock += 5_000;

    const started = Date.now();
    const served = await call(testRequest(fake.baseUrl), { route, policy });
    expect(Date.now() - started).toBeLessThan(50);
    expect(served).toEqual(first);
    expect(fake.count()).toBe(upstreamCalls);
    expect(gateway.stats.staleOnError).toBe(6);
  });
});

describe("concurrency caps", () => {
  const slow = (req: FakeRequest): FakeReply => ({ ...echo(req), delayMs: 60 });

  test("routeConcurrency 2 → never more than 2 concurrent requests on one route", async () => {
    fake.handler = slow;
    const s = schedulers.create({ routeConcurrency: 2, sourceConcurrency: 10 });
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        callThrough(s, testRequest(fake.baseUrl, { path: "/a", query: { i: String(i) } }), {
          route: "GET /a",
        }),
      ),
    );
    expect(fake.count()).toBe(8);
    expect(fake.maxInFlight).toBe(2);
  });

  test("sourceConcurrency 3 caps across routes", async () => {
    fake.handler = slow;
    const s = schedulers.create({ routeConcurrency: 10, sourceConcurrency: 3 });
    await Promise.all(
      ["/a", "/b", "/c", "/d"].flatMap((path) =>
        [1, 2, 3].map((i) =>
          callThrough(s, testRequest(fake.baseUrl, { path, query: { i: String(i) } }), {
            route: `GET ${path}`,
          }),
        ),
      ),
    );
    expect(fake.count()).toBe(12);
    expect(fake.maxInFlight).toBe(3);
  });

  test("route and source caps together", async () => {
    fake.handler = slow;
    const s = schedulers.create({ routeConcurrency: 2, sourceConcurrency: 5 });
    await Promise.all(
      ["/a", "/b", "/c", "/d"].flatMap((path) =>
        [1, 2, 3, 4].map((i) =>
          callThrough(s, testRequest(fake.baseUrl, { path, query: { i: String(i) } }), {
            route: `GET ${path}`,
          }),
        ),
      ),
    );
    expect(fake.maxInFlight).toBeLessThanOrEqual(5);
    for (const path of ["/a", "/b", "/c", "/d"]) {
      expect(fake.maxInFlightByPath.get(path)).toBeLessThanOrEqual(2);
    }
  });

  test("two schedulers (two sources) do not share caps", async () => {
    fake.handler = slow;
    const a = schedulers.create({ routeConcurrency: 1, sourceConcurrency: 1 });
    const b = schedulers.create({ routeConcurrency: 1, sourceConcurrency: 1 });
    await Promise.all([
      callThrough(a, testRequest(fake.baseUrl, { path: "/x" })),
      callThrough(b, testRequest(fake.baseUrl, { path: "/x" })),
    ]);
    expect(fake.maxInFlight).toBe(2);
  });
});

test("non-upstream errors from the call are passed through unchanged, without retry", async () => {
  const s = schedulers.create();
  let calls = 0;
  const boom = new TypeError("bug");
  const error = await rejectionOf(
    s.run("r", async () => {
      calls++;
      throw boom;
    }),
  );
  expect(error).toBe(boom);
  expect(calls).toBe(1);
});

test("the schema's output is what the caller gets", async () => {
  const s = schedulers.create();
  const schema = z.object({ n: z.number().transform((n) => n * 10) });
  const value = await callThrough(s, { ...testRequest(fake.baseUrl), schema });
  expect(value).toEqual({ n: 10 });
});
