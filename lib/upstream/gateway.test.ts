/**
 * UpstreamGateway with a memory store against a real local HTTP upstream: coalescing, caching
 * by policy (fresh / stale-while-revalidate / expired), stale on error and the freshness it
 * records (`shared/reference/security-reliability-performance.md` B3, checklist items 24,
 * 32–33). The gateway's clock is injected; the scheduler and the upstream run on real time.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { UpstreamError } from "./errors";
import { withFreshness, withFreshnessUntil } from "./freshness";
import { cacheKey, UpstreamGateway, type UpstreamCaller } from "./gateway";
import type { CachePolicy } from "./policy";
import { MemoryCacheStore } from "./store";
import {
  FakeUpstream,
  Schedulers,
  asUpstreamError,
  echo,
  echoSchema,
  rejectionOf,
  status,
  testRequest,
  type FakeRequest,
  type TestRequest,
} from "./testing/fake-upstream";

const fake = new FakeUpstream();
const schedulers = new Schedulers();
const T0 = Date.UTC(2024, 2, 10, 12, 0, 0);
const route = "GET /reports/chats/total_chats";
const policy: CachePolicy = { name: "test", freshMs: 60_000, swrMs: 120_000, record: true };

let clock = T0;
let store: MemoryCacheStore;
let gateway: UpstreamGateway;
let call: UpstreamCaller;

beforeAll(async () => {
  await fake.start();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  clock = T0;
  store = new MemoryCacheStore();
  gateway = new UpstreamGateway({ store, timeoutMs: 2_000, now: () => clock });
  call = gateway.caller(schedulers.create());
});
afterEach(() => schedulers.shutdown());

const req = (over: Partial<TestRequest> = {}) => testRequest(fake.baseUrl, over);
const slow = (ms: number) => (r: FakeRequest) => ({ ...echo(r), delayMs: ms });
const iso = (ms: number) => new Date(ms).toISOString();

/** Runs `work` the way a service does and returns its freshness stamp. */
async function freshness(work: () => Promise<unknown>) {
  const { fetchedAt, stale, staleReason } = await withFreshness(
    async () => ({ value: await work() }),
    () => clock,
  );
  return { fetchedAt, stale, staleReason };
}

describe("coalescing", () => {
  test("100 concurrent identical calls with a 200 ms upstream → exactly 1 upstream call, equal bodies", async () => {
    fake.handler = slow(200);
    const bodies = await Promise.all(
      Array.from({ length: 100 }, () => call(req(), { route, policy })),
    );
    expect(fake.count()).toBe(1);
    expect(bodies).toHaveLength(100);
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    expect(bodies[0]).toMatchObject({ who: "Bearer alice", n: 1 });
    expect(gateway.stats.upstreamCalls).toBe(1);
    expect(gateway.stats.coalesced).toBe(99);
  });

  test("every coalesced caller records the shared answer's fetchedAt", async () => {
    fake.handler = slow(100);
    const stamps = await Promise.all(
      Array.from({ length: 10 }, () => freshness(() => call(req(), { route, policy }))),
    );
    expect(fake.count()).toBe(1);
    for (const s of stamps) expect(s).toEqual({ fetchedAt: iso(T0) });
  });

  test("two credentials at the same time → 2 upstream calls, no cross-credential answer", async () => {
    fake.handler = slow(150);
    const alice = req({ headers: { authorization: "Bearer alice" } });
    const bob = req({ headers: { authorization: "Bearer bob" } });
    const calls = Array.from({ length: 100 }, (_, i) =>
      i % 2 === 0
        ? call(alice, { route, policy }).then((body) => ["Bearer alice", body] as const)
        : call(bob, { route, policy }).then((body) => ["Bearer bob", body] as const),
    );
    const answers = await Promise.all(calls);
    expect(fake.count()).toBe(2);
    for (const [who, body] of answers) expect(body.who).toBe(who);
    // And from the cache afterwards.
    expect((await call(bob, { route, policy })).who).toBe("Bearer bob");
    expect((await call(alice, { route, policy })).who).toBe("Bearer alice");
    expect(fake.count()).toBe(2);
  });

  test("credentials in another header (Rocket.Chat X-Auth-Token) keep entries apart too", async () => {
    fake.handler = (r) => ({
      body: { who: String(r.headers["x-auth-token"]), n: r.n, query: "" },
    });
    const a = req({ vendor: "rocketchat", headers: { "X-User-Id": "u1", "X-Auth-Token": "t1" } });
    const b = req({ vendor: "rocketchat", headers: { "X-User-Id": "u1", "X-Auth-Token": "t2" } });
    const [x, y] = await Promise.all([call(a, { route, policy }), call(b, { route, policy })]);
    expect([x.who, y.who]).toEqual(["t1", "t2"]);
    expect(fake.count()).toBe(2);
  });

  test("a different query is a separate entry; query order does not matter", async () => {
    fake.handler = slow(50);
    const [g1, g2, g1again] = await Promise.all([
      call(req({ query: { group: "1", from: "2024-03-01" } }), { route, policy }),
      call(req({ query: { group: "2", from: "2024-03-01" } }), { route, policy }),
      call(req({ query: { from: "2024-03-01", group: "1" } }), { route, policy }),
    ]);
    expect(fake.count()).toBe(2);
    expect(g1).toEqual(g1again);
    expect(g1.query).toContain("group=1");
    expect(g2.query).toContain("group=2");
    // Sequentially too: {a,b} then {b,a} → served from the cache.
    await call(req({ query: { a: "1", b: "2" } }), { route, policy });
    await call(req({ query: { b: "2", a: "1" } }), { route, policy });
    expect(fake.count()).toBe(3);
  });

  test("a failed call is shared too: every waiting caller gets the error, one upstream call", async () => {
    fake.handler = () => ({ ...status(404), delayMs: 100 });
    const errors = await Promise.all(
      Array.from({ length: 10 }, () => rejectionOf(call(req(), { route, policy }))),
    );
    expect(fake.count()).toBe(1);
    for (const e of errors) expect(asUpstreamError(e).kind).toBe("not_found");
  });

  test("a failure with nothing cached is held briefly (min(2 s, freshMs)), then asked again", async () => {
    const brief: CachePolicy = { name: "brief", freshMs: 150, swrMs: 0, record: true };
    fake.handler = () => status(500);
    const first = asUpstreamError(await rejectionOf(call(req(), { route, policy: brief })));
    expect(first.kind).toBe("upstream_5xx");
    expect(fake.count()).toBe(3);
    fake.handler = echo;
    // Within the hold: the same error, no upstream call.
    const held = await rejectionOf(call(req(), { route, policy: brief }));
    expect(held).toBe(first);
    expect(fake.count()).toBe(3);
    // Another request is not held.
    expect((await call(req({ query: { x: "1" } }), { route, policy: brief })).n).toBe(4);
    await new Promise((r) => setTimeout(r, 250));
    expect((await call(req(), { route, policy: brief })).n).toBe(5);
  });

  test("freshMs 0: a failure is not held for ever", async () => {
    const live: CachePolicy = { name: "live", freshMs: 0, swrMs: 0, record: true };
    fake.handler = () => status(404);
    await rejectionOf(call(req(), { route, policy: live }));
    fake.handler = echo;
    await new Promise((r) => setTimeout(r, 20));
    expect((await call(req(), { route, policy: live })).n).toBe(2);
  });
});

describe("caching by policy", () => {
  const short: CachePolicy = { name: "short", freshMs: 10_000, swrMs: 50_000, record: true };

  test("fresh → served without an upstream call", async () => {
    const first = await call(req(), { route, policy: short });
    clock += short.freshMs - 1;
    const second = await call(req(), { route, policy: short });
    expect(second).toEqual(first);
    expect(fake.count()).toBe(1);
    expect(gateway.stats).toMatchObject({ hits: 1, misses: 1, upstreamCalls: 1 });
  });

  test("within swr: the old answer at once, exactly one background refresh (20 callers)", async () => {
    const first = await call(req(), { route, policy: short });
    expect(first.n).toBe(1);
    clock += short.freshMs + 1;
    fake.handler = slow(200);

    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => call(req(), { route, policy: short })),
    );
    expect(Date.now() - started).toBeLessThan(150);
    for (const a of answers) expect(a).toEqual(first);
    expect(gateway.stats.staleWhileRevalidate).toBe(20);

    // The refresh lands in the cache: the next call gets it without asking again.
    const key = cacheKey(req());
    await vi.waitFor(async () => expect((await store.get(key))?.fetchedAt).toBe(clock), {
      timeout: 2_000,
      interval: 20,
    });
    expect(fake.count()).toBe(2);
    const after = await call(req(), { route, policy: short });
    expect(after.n).toBe(2);
    expect(fake.count()).toBe(2);
  });

  test("a result built from fresh answers may be reused until the earliest of them turns old", async () => {
    const other: CachePolicy = { name: "other", freshMs: 3_000, swrMs: 0, record: false };
    await call(req(), { route, policy: short });
    clock += 2_000;
    const built = await withFreshnessUntil(
      async () => ({
        a: await call(req(), { route, policy: short }),
        // A list (not stamped into fetchedAt) still bounds the reuse.
        b: await call(req({ query: { other: "1" } }), { route, policy: other }),
      }),
      () => clock,
    );
    expect(built.freshUntil).toBe(T0 + 2_000 + other.freshMs);
    expect(built.value.fetchedAt).toBe(iso(T0));
  });

  test("a result with an answer served while revalidating is not reusable", async () => {
    await call(req(), { route, policy: short });
    clock += short.freshMs + 1;
    const built = await withFreshnessUntil(
      async () => ({ a: await call(req(), { route, policy: short }) }),
      () => clock,
    );
    expect(built.freshUntil).toBeLessThan(clock);
    await vi.waitFor(() => expect(fake.count()).toBe(2));
  });

  test("the swr answer is not marked stale and keeps its fetchedAt", async () => {
    await call(req(), { route, policy: short });
    clock += short.freshMs + 5_000;
    const stamp = await freshness(() => call(req(), { route, policy: short }));
    expect(stamp).toEqual({ fetchedAt: iso(T0) });
    await vi.waitFor(() => expect(fake.count()).toBe(2));
  });

  test("after freshMs + swrMs the caller waits for the upstream", async () => {
    await call(req(), { route, policy: short });
    clock += short.freshMs + short.swrMs;
    fake.handler = slow(200);
    const started = Date.now();
    const answer = await call(req(), { route, policy: short });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(answer.n).toBe(2);
    expect(fake.count()).toBe(2);
    expect(gateway.stats.misses).toBe(2);
  });

  test("swrMs 0: just after freshMs the caller waits", async () => {
    const status30: CachePolicy = { name: "status", freshMs: 30_000, swrMs: 0, record: true };
    await call(req(), { route, policy: status30 });
    clock += 30_000;
    expect((await call(req(), { route, policy: status30 })).n).toBe(2);
    expect(gateway.stats.staleWhileRevalidate).toBe(0);
  });

  test("policy null never caches", async () => {
    for (let i = 1; i <= 3; i++) {
      expect((await call(req(), { route, policy: null })).n).toBe(i);
    }
    expect(fake.count()).toBe(3);
    expect(store.size.entries).toBe(0);
    // …and does not coalesce either: every call is live.
    fake.handler = slow(50);
    await Promise.all([call(req(), { route, policy: null }), call(req(), { route, policy: null })]);
    expect(fake.count()).toBe(5);
  });

  test("an entry is shared by callers with different policies for the same request", async () => {
    await call(req(), { route, policy: short });
    const long: CachePolicy = { name: "long", freshMs: 3_600_000, swrMs: 0, record: true };
    clock += short.freshMs + short.swrMs + 1;
    // Expired for `short`, fresh for `long`.
    expect((await call(req(), { route, policy: long })).n).toBe(1);
    expect(fake.count()).toBe(1);
  });
});

describe("stale on error", () => {
  const p: CachePolicy = { name: "p", freshMs: 10_000, swrMs: 20_000, record: true };

  test("an expired answer is served stale when the upstream fails (500 ×3)", async () => {
    const good = await call(req(), { route, policy: p });
    clock += p.freshMs + p.swrMs + 1;
    fake.handler = () => status(500);
    let value: unknown;
    const stamp = await freshness(async () => (value = await call(req(), { route, policy: p })));
    expect(value).toEqual(good);
    expect(stamp.stale).toBe(true);
    expect(stamp.staleReason).toContain("500");
    expect(stamp.staleReason).toContain("LiveChat");
    expect(stamp.fetchedAt).toBe(iso(T0));
    // 1 good call + 3 attempts (maxRetries 2).
    expect(fake.count()).toBe(4);
    expect(gateway.stats.staleOnError).toBe(1);
  });

  test("the upstream is not asked again right after a failure; later it is", async () => {
    const good = await call(req(), { route, policy: p });
    clock += p.freshMs + p.swrMs + 1;
    fake.handler = () => status(503);
    await call(req(), { route, policy: p });
    expect(fake.count()).toBe(4);
    clock += 1_000;
    const stamp = await freshness(async () =>
      expect(await call(req(), { route, policy: p })).toEqual(good),
    );
    expect(stamp).toMatchObject({ stale: true, fetchedAt: iso(T0) });
    expect(fake.count()).toBe(4);

    clock += p.freshMs;
    fake.handler = echo;
    const fresh = await freshness(async () =>
      expect((await call(req(), { route, policy: p })).n).toBe(5),
    );
    expect(fresh).toEqual({ fetchedAt: iso(clock) });
  });

  test("other upstream failures (a wrong shape) fall back too", async () => {
    const good = await call(req(), { route, policy: p });
    clock += p.freshMs + p.swrMs + 1;
    fake.handler = () => ({ body: { unexpected: true } });
    const stamp = await freshness(async () =>
      expect(await call(req(), { route, policy: p })).toEqual(good),
    );
    expect(stamp.staleReason).toContain("unexpected shape");
  });

  test("without a previous answer the UpstreamError is thrown", async () => {
    fake.handler = () => status(500);
    const error = asUpstreamError(await rejectionOf(call(req(), { route, policy: p })));
    expect(error.kind).toBe("upstream_5xx");
    expect(error.status).toBe(500);
    expect(fake.count()).toBe(3);
  });

  test("errors that are not UpstreamErrors are thrown, never hidden behind a stale answer", async () => {
    await call(req(), { route, policy: p });
    clock += p.freshMs + p.swrMs + 1;
    const bug = new TypeError("bug in a schema transform");
    const schema = echoSchema.transform(() => {
      throw bug;
    });
    const error = await rejectionOf(call({ ...req(), schema }, { route, policy: p }));
    expect(error).not.toBeInstanceOf(UpstreamError);
  });

  test("a failed background (swr) refresh makes the next answer stale", async () => {
    const good = await call(req(), { route, policy: p });
    clock += p.freshMs + 1;
    fake.handler = () => status(500);

    const during = await freshness(async () =>
      expect(await call(req(), { route, policy: p })).toEqual(good),
    );
    expect(during).toEqual({ fetchedAt: iso(T0) });

    const key = cacheKey(req());
    await vi.waitFor(async () => expect((await store.get(key))?.failure).toBeDefined(), {
      timeout: 2_000,
      interval: 20,
    });
    expect(fake.count()).toBe(4);

    const next = await freshness(async () =>
      expect(await call(req(), { route, policy: p })).toEqual(good),
    );
    expect(next.stale).toBe(true);
    expect(next.staleReason).toContain("500");
    expect(next.fetchedAt).toBe(iso(T0));

    // Once the upstream is back, a later refresh clears it.
    fake.handler = echo;
    clock += p.freshMs;
    await call(req(), { route, policy: p });
    await vi.waitFor(async () => expect((await store.get(key))?.failure).toBeUndefined());
    const healed = await freshness(() => call(req(), { route, policy: p }));
    expect(healed).toEqual({ fetchedAt: iso(clock) });
  });

  test("record: false policies do not affect fetchedAt (nor staleness)", async () => {
    const list: CachePolicy = { name: "list", freshMs: 600_000, swrMs: 0, record: false };
    const listReq = req({ path: "/agents" });
    await call(listReq, { route: "GET /agents", policy: list });
    clock += 60_000;
    await call(req(), { route, policy: p });
    const both = await freshness(async () => {
      await call(listReq, { route: "GET /agents", policy: list });
      await call(req(), { route, policy: p });
    });
    expect(both).toEqual({ fetchedAt: iso(T0 + 60_000) });

    clock += 5_000;
    const onlyList = await freshness(() => call(listReq, { route: "GET /agents", policy: list }));
    expect(onlyList).toEqual({ fetchedAt: iso(clock) });

    // A list served stale after an error does not mark the response stale.
    clock += list.freshMs + 1;
    fake.handler = () => status(500);
    const staleList = await freshness(() => call(listReq, { route: "GET /agents", policy: list }));
    expect(staleList.stale).toBeUndefined();
  });

  test("fetchedAt is the oldest piece of a response", async () => {
    await call(req({ query: { a: "1" } }), { route, policy });
    clock += 20_000;
    await call(req({ query: { a: "2" } }), { route, policy });
    clock += 5_000;
    const stamp = await freshness(async () => {
      await call(req({ query: { a: "2" } }), { route, policy });
      await call(req({ query: { a: "1" } }), { route, policy });
    });
    expect(stamp).toEqual({ fetchedAt: iso(T0) });
  });

  test("withFreshness keeps concurrent runs apart", async () => {
    await call(req({ query: { a: "old" } }), { route, policy });
    clock += 30_000;
    await call(req({ query: { a: "new" } }), { route, policy });
    fake.handler = slow(50);
    const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const [a, b] = await Promise.all([
      freshness(async () => {
        await delay(20);
        await call(req({ query: { a: "old" } }), { route, policy });
        await delay(40);
        // Served from the answer run b's call just stored.
        await call(req({ query: { a: "live" } }), { route, policy });
      }),
      freshness(async () => {
        await call(req({ query: { a: "live" } }), { route, policy });
        await delay(30);
        await call(req({ query: { a: "new" } }), { route, policy });
      }),
    ]);
    expect(a).toEqual({ fetchedAt: iso(T0) });
    expect(b).toEqual({ fetchedAt: iso(T0 + 30_000) });
  });
});
