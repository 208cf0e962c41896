/**
 * The shared cache: two app instances (each its own RedisCacheStore, gateway and scheduler)
 * against the real Redis at 127.0.0.1:6379 and a local fake upstream. Every key this file
 * writes includes the fake upstream's random port and is deleted afterwards (no FLUSHALL).
 */
import net from "node:net";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { withFreshness } from "./freshness";
import { cacheKey, UpstreamGateway } from "./gateway";
import type { CachePolicy } from "./policy";
import { RedisCacheStore } from "./redis-store";
import {
  FakeUpstream,
  Schedulers,
  asUpstreamError,
  echo,
  rejectionOf,
  status,
  testRequest,
  type FakeRequest,
  type TestRequest,
} from "./testing/fake-upstream";

const REDIS_URL = "redis://127.0.0.1:6379";
const PREFIX = "chatlens:v1:";
const route = "GET /reports/chats/total_chats";
const policy: CachePolicy = { name: "test", freshMs: 60_000, swrMs: 120_000, record: true };

const fake = new FakeUpstream();
const schedulers = new Schedulers();
const stores: RedisCacheStore[] = [];
const usedKeys = new Set<string>();
let admin: Redis;
let testNo = 0;

beforeAll(async () => {
  await fake.start();
  admin = new Redis(REDIS_URL);
});
afterAll(async () => {
  const keys = [...usedKeys].flatMap((k) => [`${PREFIX}up:${k}`, `${PREFIX}lock:${k}`]);
  if (keys.length > 0) await admin.del(...keys);
  admin.disconnect();
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  testNo++;
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterEach(async () => {
  schedulers.shutdown();
  await Promise.all(stores.splice(0).map((s) => s.close()));
  vi.restoreAllMocks();
});

/** A request unique to this test (its key is remembered for clean-up). */
function req(over: Partial<TestRequest> = {}): TestRequest {
  const r = testRequest(fake.baseUrl, { query: { test: String(testNo) }, ...over });
  usedKeys.add(cacheKey(r));
  return r;
}

/** One app instance: its own Redis client, store, gateway and scheduler. */
function instance(now?: () => number, url = REDIS_URL, client: Redis | undefined = new Redis(url)) {
  const store = new RedisCacheStore(url, client);
  stores.push(store);
  const gateway = new UpstreamGateway({ store, timeoutMs: 2_000, now });
  return { store, gateway, call: gateway.caller(schedulers.create()) };
}

const slow = (ms: number) => (r: FakeRequest) => ({ ...echo(r), delayMs: ms });

describe("RedisCacheStore across two instances", () => {
  test("50 concurrent identical calls split across both, 300 ms upstream → exactly 1 upstream call", async () => {
    fake.handler = slow(300);
    const a = instance();
    const b = instance();
    const bodies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? a : b).call(req(), { route, policy })),
    );
    expect(fake.count()).toBe(1);
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    expect(a.gateway.stats.upstreamCalls + b.gateway.stats.upstreamCalls).toBe(1);
  });

  test("an entry written by instance A is served by instance B without an upstream call", async () => {
    const a = instance();
    const b = instance();
    const first = await a.call(req(), { route, policy });
    const fromB = await b.call(req(), { route, policy });
    expect(fromB).toEqual(first);
    expect(fake.count()).toBe(1);
    expect(b.gateway.stats.hits).toBe(1);
    // Credentials still keep entries apart across instances.
    const bob = await b.call(req({ headers: { authorization: "Bearer bob" } }), { route, policy });
    expect(bob.who).toBe("Bearer bob");
    expect(fake.count()).toBe(2);
  });

  test("stale on error works across instances", async () => {
    const T0 = Date.UTC(2024, 2, 10, 12);
    let clock = T0;
    const a = instance(() => clock);
    const b = instance(() => clock);
    const good = await a.call(req(), { route, policy });
    clock += policy.freshMs + policy.swrMs + 1;
    fake.handler = () => status(500);

    const fromB = await withFreshness(async () => ({ v: await b.call(req(), { route, policy }) }));
    expect(fromB.v).toEqual(good);
    expect(fromB.stale).toBe(true);
    expect(fromB.staleReason).toContain("500");
    expect(fromB.fetchedAt).toBe(new Date(T0).toISOString());
    const calls = fake.count();
    expect(calls).toBe(4);

    // B's failure is shared: A serves the same stale answer without asking again at once.
    const fromA = await withFreshness(async () => ({ v: await a.call(req(), { route, policy }) }));
    expect(fromA).toMatchObject({ v: good, stale: true, fetchedAt: new Date(T0).toISOString() });
    expect(fake.count()).toBe(calls);
  });

  test("the stale fallback is retained counting from its fetch, not from the latest failure", async () => {
    const DAY = 86_400_000;
    let clock = Date.UTC(2024, 2, 10, 12);
    const a = instance(() => clock);
    await a.call(req(), { route, policy });
    clock += 3 * DAY;
    fake.handler = () => status(500);
    await a.call(req(), { route, policy });
    const ttl = await admin.pttl(`${PREFIX}up:${cacheKey(req())}`);
    const retain = policy.freshMs + policy.swrMs + 7 * DAY;
    expect(ttl).toBeGreaterThan(retain - 3 * DAY - 60_000);
    expect(ttl).toBeLessThanOrEqual(retain - 3 * DAY);
  });

  test("within swr, both instances serve at once and only one refreshes", async () => {
    let clock = Date.UTC(2024, 2, 10, 12);
    const a = instance(() => clock);
    const b = instance(() => clock);
    const first = await a.call(req(), { route, policy });
    clock += policy.freshMs + 1;
    fake.handler = slow(200);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).call(req(), { route, policy })),
    );
    for (const x of answers) expect(x).toEqual(first);
    await vi.waitFor(async () => expect((await b.call(req(), { route, policy })).n).toBe(2), {
      timeout: 3_000,
      interval: 50,
    });
    expect(fake.count()).toBe(2);
  });

  test("an entry in Redis that fails the schema is ignored (refetched), not served", async () => {
    const a = instance();
    const key = cacheKey(req());
    const bogus = { value: { who: 42, n: "x" }, fetchedAt: Date.now(), bytes: 10 };
    await admin.set(`${PREFIX}up:${key}`, JSON.stringify(bogus), "PX", 60_000);
    const body = await a.call(req(), { route, policy });
    expect(body).toMatchObject({ who: "Bearer alice", n: 1 });
    expect(fake.count()).toBe(1);
    const stored = JSON.parse((await admin.get(`${PREFIX}up:${key}`))!) as { value: unknown };
    expect(stored.value).toEqual(body);

    // Not JSON at all: a miss too.
    await admin.set(`${PREFIX}up:${key}`, "{not json", "PX", 60_000);
    expect((await a.call(req(), { route, policy })).n).toBe(2);
  });

  test("an upstream error without a previous answer is thrown, and not stored", async () => {
    const a = instance();
    fake.handler = () => status(404);
    const error = asUpstreamError(await rejectionOf(a.call(req(), { route, policy })));
    expect(error.kind).toBe("not_found");
    expect(await admin.exists(`${PREFIX}up:${cacheKey(req())}`)).toBe(0);
  });

  test("entries are stored under chatlens:v1:up:<key> with an expiry, locks are released", async () => {
    const a = instance();
    await a.call(req(), { route, policy });
    const key = cacheKey(req());
    expect(await admin.pttl(`${PREFIX}up:${key}`)).toBeGreaterThan(policy.freshMs + policy.swrMs);
    expect(await admin.exists(`${PREFIX}lock:${key}`)).toBe(0);
  });
});

describe("when Redis is unreachable", () => {
  test("the gateway still answers, from this process's fallback cache, without hanging", async () => {
    const down = "redis://127.0.0.1:6390";
    const store = new RedisCacheStore(down);
    stores.push(store);
    const gateway = new UpstreamGateway({ store, timeoutMs: 2_000 });
    const call = gateway.caller(schedulers.create());
    const started = Date.now();
    const first = await call(req(), { route, policy });
    const second = await call(req(), { route, policy });
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(first.n).toBe(1);
    // Served from memory, as without Redis: an outage does not send every view upstream.
    expect(second.n).toBe(1);
    expect(fake.requests).toHaveLength(1);
    expect(console.warn).toHaveBeenCalled();
  });

  test("an upstream error with no answer kept anywhere is thrown at once", async () => {
    const store = new RedisCacheStore("redis://127.0.0.1:6390");
    stores.push(store);
    const gateway = new UpstreamGateway({ store, timeoutMs: 2_000 });
    const call = gateway.caller(schedulers.create({ maxRetries: 0 }));
    await call(req(), { route, policy });
    fake.handler = () => status(500);
    const started = Date.now();
    const error = asUpstreamError(
      await rejectionOf(call(req({ query: { other: "1" } }), { route, policy })),
    );
    expect(error.kind).toBe("upstream_5xx");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test("Redis going away mid-run: calls keep answering at once; when it is back it is used again", async () => {
    // A TCP proxy in front of the real Redis that the test can take down and bring back.
    const sockets = new Set<net.Socket>();
    const proxy = net.createServer((client) => {
      const upstream = net.connect(6379, "127.0.0.1");
      for (const sock of [client, upstream]) {
        sockets.add(sock);
        sock.on("error", () => undefined);
        sock.on("close", () => sockets.delete(sock));
      }
      client.pipe(upstream).pipe(client);
    });
    const listen = (port = 0) =>
      new Promise<number>((resolve) =>
        proxy.listen(port, "127.0.0.1", () => resolve((proxy.address() as AddressInfo).port)),
      );
    const port = await listen();
    const store = new RedisCacheStore(`redis://127.0.0.1:${port}`);
    stores.push(store);
    const gateway = new UpstreamGateway({ store, timeoutMs: 2_000 });
    const call = gateway.caller(schedulers.create());
    try {
      await call(req({ query: { phase: "up" } }), { route, policy });
      expect(await admin.exists(`${PREFIX}up:${cacheKey(req({ query: { phase: "up" } }))}`)).toBe(
        1,
      );

      await new Promise<void>((resolve) => {
        proxy.close(() => resolve());
        for (const sock of sockets) sock.destroy();
      });
      for (let i = 0; i < 5; i++) {
        const started = Date.now();
        await call(req({ query: { phase: "down", i: String(i) } }), { route, policy });
        expect(Date.now() - started).toBeLessThan(1_500);
      }
      expect(console.warn).toHaveBeenCalled();
      // Meanwhile this process keeps its own cache: a repeated view costs no upstream call.
      const asked = fake.requests.length;
      await call(req({ query: { phase: "down", i: "0" } }), { route, policy });
      expect(fake.requests).toHaveLength(asked);

      await listen(port);
      await vi.waitFor(
        async () => {
          const r = req({ query: { phase: "back" } });
          await call(r, { route, policy });
          expect(await admin.exists(`${PREFIX}up:${cacheKey(r)}`)).toBe(1);
        },
        { timeout: 4_000, interval: 100 },
      );
    } finally {
      await store.close();
      await new Promise<void>((resolve) => {
        proxy.close(() => resolve());
        for (const sock of sockets) sock.destroy();
      });
    }
  });
});
