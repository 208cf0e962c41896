/**
 * The app's own infrastructure failing: PostgreSQL (`DATABASE_URL`) and Redis (`REDIS_URL`)
 * reached through TCP proxies the test switches off (every socket destroyed, nothing accepted)
 * and on again on the same port. Two `next start` instances share both.
 *
 * - Both down when the apps start: sign-in and the metrics API work, with the numbers of an
 *   app with neither (the global one: embedded PGlite, no Redis — so that configuration is
 *   checked here too); the DB-backed routes answer 503 `storage_unavailable` at once.
 * - Both back: the same routes work without a restart; Redis is shared again.
 * - Each down mid-run: metrics keep answering quickly (Redis), the DB-backed routes answer
 *   the same 503 quickly (PostgreSQL); back: recovered, data intact.
 *
 * PostgreSQL: 127.0.0.1:5432 (trust auth), a fresh database for this file. Redis: 6379.
 */
import { randomBytes } from "node:crypto";
import net from "node:net";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, inject, test, vi } from "vitest";
import {
  LIVECHAT_SERVICE_API_KEY,
  LIVECHAT_SERVICE_LOGIN,
  ROCKETCHAT_SERVICE_USER,
} from "../../simulator/accounts";
import type { MetricResponse } from "../../lib/metrics/types";
import { signIn, startApp, type RunningApp } from "../support/app-server";

const simulatorUrl = inject("simulatorUrl");
/** The global app: no DATABASE_URL, no REDIS_URL (embedded PGlite, in-process cache). */
const referenceUrl = inject("appUrl");
const ADMIN_URL =
  process.env.CHATLENS_TEST_DATABASE_URL?.trim() || "postgres://postgres@127.0.0.1:5432/test";
const REDIS_PORT = Number(process.env.CHATLENS_TEST_REDIS_PORT ?? 6379);

/** Longest a request may take while a dependency is down (the brief: "a few seconds"). */
const FAULT_BUDGET_MS = 3_000;

const counts = {
  faultsInjected: 0,
  requestsDuringFaults: 0,
  maxFaultLatencyMs: 0,
  recoveries: 0,
};

/** A TCP proxy to a local port that can be switched off (sockets destroyed) and on again. */
class SwitchableProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: number) {}

  async on(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target, "127.0.0.1");
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on("error", () => undefined);
        socket.on("close", () => this.sockets.delete(socket));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  async off(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

const pgProxy = new SwitchableProxy(Number(new URL(ADMIN_URL).port || 5432));
const redisProxy = new SwitchableProxy(REDIS_PORT);
const dbName = `chatlens_test_${randomBytes(6).toString("hex")}`;

interface Instance {
  app: RunningApp;
  cookie: string;
}
let a: Instance;
let b: Instance;
let referenceCookie = "";
let faulty = false;

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

interface Answer {
  status: number;
  text: string;
  ms: number;
  json: unknown;
}

/** One request, timed; a hang fails it (aborted) instead of stalling the suite. */
async function call(
  base: string,
  path: string,
  options: { cookie?: string; method?: string; body?: unknown } = {},
): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, {
    method: options.method ?? "GET",
    headers: {
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    // Generous: a cold route on a loaded machine; latency during faults is asserted apart.
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  const ms = Math.round(performance.now() - started);
  if (faulty && base !== referenceUrl) {
    counts.requestsDuringFaults++;
    counts.maxFaultLatencyMs = Math.max(counts.maxFaultLatencyMs, ms);
    if (ms > 2_000) console.log(`[infra-faults] slow during a fault: ${path} ${ms} ms`);
  }
  let json: unknown = null;
  if (res.headers.get("content-type")?.includes("json")) json = JSON.parse(text) as unknown;
  return { status: res.status, text, ms, json };
}

/** Nothing a user sees may carry a stack trace, a connection string or a socket error. */
function expectNothingLeaked(answer: Answer) {
  expect(answer.text).not.toMatch(/\bat \S+ \(.*:\d+:\d+\)/);
  expect(answer.text).not.toMatch(/postgres(ql)?:\/\/|redis:\/\//);
  expect(answer.text).not.toContain(dbName);
  expect(answer.text).not.toMatch(/ECONNREFUSED|ECONNRESET|Failed query/);
}

/** The DB-backed routes' answer while PostgreSQL is away: a quick, clear 503. */
function expectStorageUnavailable(answer: Answer) {
  expect(answer.status, answer.text).toBe(503);
  expect(answer.json).toMatchObject({
    error: { code: "storage_unavailable", message: expect.stringMatching(/database/) },
  });
  expect(answer.ms).toBeLessThan(FAULT_BUDGET_MS);
  expectNothingLeaked(answer);
}

async function metric(instance: Instance, path: string) {
  const answer = await call(instance.app.url, path, { cookie: instance.cookie });
  expect(answer.status, answer.text).toBe(200);
  return { ...answer, body: answer.json as MetricResponse };
}

function logCount(instance: Instance, text: string): number {
  return instance.app.logs.join("").split(text).length - 1;
}

async function injectFault(proxy: SwitchableProxy) {
  await proxy.off();
  counts.faultsInjected++;
  faulty = true;
}

async function endFault(proxy: SwitchableProxy) {
  await proxy.on();
  faulty = false;
}

/** Past weeks of the frozen dataset: exact numbers, identical in every app. */
const week = (from: string, to: string) =>
  `/api/metrics/chats.total?source=livechat&from=${from}&to=${to}`;

const REDIS_BACK = "[cache] Redis is back";

beforeAll(async () => {
  await admin((c) => c.query(`CREATE DATABASE "${dbName}"`));
  // Take the ports, then switch both dependencies off before the apps start.
  await pgProxy.on();
  await redisProxy.on();
  await injectFault(pgProxy);
  await injectFault(redisProxy);
  const env = {
    LIVECHAT_API_URL: `${simulatorUrl}/livechat`,
    LIVECHAT_LOGIN: LIVECHAT_SERVICE_LOGIN,
    LIVECHAT_API_KEY: LIVECHAT_SERVICE_API_KEY,
    ROCKETCHAT_URL: `${simulatorUrl}/rocketchat`,
    ROCKETCHAT_USER_ID: ROCKETCHAT_SERVICE_USER._id,
    ROCKETCHAT_AUTH_TOKEN: ROCKETCHAT_SERVICE_USER.authToken,
    NEXTAUTH_SECRET: "infra-faults-secret-0123456789-abcdefghijkl",
    // The global app's zone: the same queries give the same numbers there.
    CHATLENS_TIMEZONE: "Europe/Warsaw",
    CHATLENS_UPSTREAM_TIMEOUT_MS: "4000",
    DATABASE_URL: `postgres://postgres@127.0.0.1:${pgProxy.port}/${dbName}`,
    REDIS_URL: `redis://127.0.0.1:${redisProxy.port}/0`,
  };
  const [appA, appB] = await Promise.all([startApp(env), startApp(env)]);
  const creds = { login: LIVECHAT_SERVICE_LOGIN, apiKey: LIVECHAT_SERVICE_API_KEY };
  const [signedA, signedB, signedRef] = await Promise.all([
    signIn(appA.url, "livechat", creds),
    signIn(appB.url, "livechat", creds),
    signIn(referenceUrl, "livechat", creds),
  ]);
  // Sign-in works with both down (the limiter counts in process).
  expect(signedA.cookie && signedB.cookie && signedRef.cookie).toBeTruthy();
  a = { app: appA, cookie: signedA.cookie! };
  b = { app: appB, cookie: signedB.cookie! };
  referenceCookie = signedRef.cookie!;
}, 120_000);

afterAll(async () => {
  faulty = false;
  await Promise.all([a?.app.stop(), b?.app.stop()]);
  await Promise.all([pgProxy.off(), redisProxy.off()]);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
  console.log(`[infra-faults] ${JSON.stringify(counts)}`);
}, 60_000);

describe("Redis and PostgreSQL unavailable at start, then back", () => {
  test("down at start: metrics answer 200 with the right numbers; DB routes a clear 503", async () => {
    const path = week("2026-10-05", "2026-10-11");
    const reference = await call(referenceUrl, path, { cookie: referenceCookie });
    expect(reference.status).toBe(200);
    const expected = (reference.json as MetricResponse).total;
    // The embedded defaults serve the DB-backed routes too.
    expect((await call(referenceUrl, "/api/share-links", { cookie: referenceCookie })).status).toBe(
      200,
    );

    const first = await metric(a, path);
    expect(first.body.total).toEqual(expected);
    expect(first.ms).toBeLessThan(FAULT_BUDGET_MS * 2); // a cold upstream call included
    // Redis away: this process's own cache serves the repeat (the upstream is not asked again).
    const again = await metric(a, path);
    expect(again.body.fetchedAt).toBe(first.body.fetchedAt);
    expect(again.ms).toBeLessThan(FAULT_BUDGET_MS);
    expect((await metric(b, path)).body.total).toEqual(expected);

    for (const route of ["/api/share-links", "/api/boards"]) {
      expectStorageUnavailable(await call(a.app.url, route, { cookie: a.cookie }));
    }
    expectStorageUnavailable(
      await call(a.app.url, "/api/share-links", {
        cookie: a.cookie,
        method: "POST",
        body: {
          scope: {
            page: "overview",
            source: "livechat",
            range: { kind: "fixed", from: "2026-10-05", to: "2026-10-11" },
          },
        },
      }),
    );
    // Any token: the database is needed to tell whether it is valid.
    expectStorageUnavailable(await call(a.app.url, `/api/screen/${"x".repeat(40)}`));
    const tv = await call(a.app.url, `/tv/${"x".repeat(40)}`);
    expect(tv.status).toBe(200); // the TV starts anyway and keeps asking
    expectNothingLeaked(tv);
    const share = await call(a.app.url, `/share/${"x".repeat(40)}`);
    expect(share.ms).toBeLessThan(FAULT_BUDGET_MS);
    expectNothingLeaked(share);
    console.log(`[infra-faults] /share/<token> with PostgreSQL down at start: ${share.status}`);
  });

  test("back: the same routes work without a restart, and Redis is shared again", async () => {
    const backBefore = [logCount(a, REDIS_BACK), logCount(b, REDIS_BACK)];
    await endFault(pgProxy);
    await endFault(redisProxy);
    const shareLinks = await call(a.app.url, "/api/share-links", { cookie: a.cookie });
    expect(shareLinks.status, shareLinks.text).toBe(200);
    expect(shareLinks.json).toEqual({ links: [] });
    expect((await call(b.app.url, "/api/boards", { cookie: b.cookie })).json).toEqual({
      boards: [],
    });
    expect((await call(a.app.url, `/api/screen/${"x".repeat(40)}`)).status).toBe(401);
    expect((await call(a.app.url, `/share/${"x".repeat(40)}`)).status).toBe(404);
    counts.recoveries++;

    // Both caches reconnect (ioredis retries on its own) and say so.
    await vi.waitFor(
      () => {
        expect(logCount(a, REDIS_BACK)).toBe(backBefore[0]! + 1);
        expect(logCount(b, REDIS_BACK)).toBe(backBefore[1]! + 1);
      },
      { timeout: 10_000, interval: 100 },
    );
    // An answer fetched by one instance is served by the other: the cache is shared again.
    const path = week("2026-10-12", "2026-10-18");
    const fromA = await metric(a, path);
    const fromB = await metric(b, path);
    expect(fromB.body.fetchedAt).toBe(fromA.body.fetchedAt);
    counts.recoveries++;
  });
});

describe("down mid-run", () => {
  test("Redis: metrics keep answering 200 quickly; back, it is shared again", async () => {
    await injectFault(redisProxy);
    const paths = [
      week("2026-09-07", "2026-09-13"),
      week("2026-09-14", "2026-09-20"),
      week("2026-10-12", "2026-10-18"), // cached before: served from this process now
    ];
    const answers = await Promise.all(
      [a, b].flatMap((instance) => paths.map((p) => metric(instance, p))),
    );
    for (const answer of answers) expect(answer.ms).toBeLessThan(FAULT_BUDGET_MS);
    // The same numbers on both instances, each from its own cache.
    expect(answers[0]!.body.total).toEqual(answers[3]!.body.total);
    const backBefore = [logCount(a, REDIS_BACK), logCount(b, REDIS_BACK)];
    await endFault(redisProxy);

    await vi.waitFor(
      () => {
        expect(logCount(a, REDIS_BACK)).toBe(backBefore[0]! + 1);
        expect(logCount(b, REDIS_BACK)).toBe(backBefore[1]! + 1);
      },
      { timeout: 10_000, interval: 100 },
    );
    const path = week("2026-09-21", "2026-09-27");
    const fromA = await metric(a, path);
    expect((await metric(b, path)).body.fetchedAt).toBe(fromA.body.fetchedAt);
    counts.recoveries++;
  });

  test("PostgreSQL: DB routes answer a clear 503 quickly; back, the data is intact", async () => {
    const created = await call(a.app.url, "/api/share-links", {
      cookie: a.cookie,
      method: "POST",
      body: {
        scope: {
          page: "overview",
          source: "livechat",
          range: { kind: "fixed", from: "2026-10-05", to: "2026-10-11" },
        },
      },
    });
    expect(created.status, created.text).toBe(201);
    const { link, url: shareUrl } = created.json as { link: { id: string }; url: string };
    const board = await call(a.app.url, "/api/boards", {
      cookie: a.cookie,
      method: "POST",
      body: { name: "Floor", source: "livechat", tiles: [{ metric: "chats.total" }] },
    });
    expect(board.status, board.text).toBe(201);
    const boardId = (board.json as { board: { id: string } }).board.id;
    const screen = await call(a.app.url, "/api/screens", {
      cookie: a.cookie,
      method: "POST",
      body: { name: "Lobby TV", boardIds: [boardId] },
    });
    expect(screen.status, screen.text).toBe(201);
    const tvUrl = (screen.json as { url: string }).url;
    const screenApi = `/api/screen/${tvUrl.slice("/tv/".length)}`;
    expect((await call(b.app.url, screenApi)).status).toBe(200);
    expect((await call(b.app.url, shareUrl)).status).toBe(200);

    await injectFault(pgProxy);
    for (const instance of [a, b]) {
      for (const route of ["/api/share-links", "/api/boards"]) {
        expectStorageUnavailable(await call(instance.app.url, route, { cookie: instance.cookie }));
      }
      expectStorageUnavailable(await call(instance.app.url, screenApi));
      const tv = await call(instance.app.url, tvUrl);
      expect(tv.status).toBe(200);
      expect(tv.ms).toBeLessThan(FAULT_BUDGET_MS);
      expectNothingLeaked(tv);
      // The share page says the report cannot be shown right now (no data, no stack).
      const share = await call(instance.app.url, shareUrl);
      expect(share.status).toBe(200);
      expect(share.text).toContain('data-reason="unavailable"');
      expect(share.text).toContain("cannot reach its database");
      expect(share.ms).toBeLessThan(FAULT_BUDGET_MS);
      expectNothingLeaked(share);
      // Metrics do not need the database.
      await metric(instance, week("2026-10-05", "2026-10-11"));
    }
    await endFault(pgProxy);

    for (const instance of [a, b]) {
      const links = await call(instance.app.url, "/api/share-links", { cookie: instance.cookie });
      expect(links.status, links.text).toBe(200);
      expect((links.json as { links: { id: string }[] }).links.map((l) => l.id)).toEqual([link.id]);
      const boards = await call(instance.app.url, "/api/boards", { cookie: instance.cookie });
      expect((boards.json as { boards: { id: string }[] }).boards.map((x) => x.id)).toEqual([
        boardId,
      ]);
      expect(await call(instance.app.url, screenApi)).toMatchObject({
        status: 200,
        json: { screen: { name: "Lobby TV" }, boards: [{ id: boardId }] },
      });
      expect((await call(instance.app.url, shareUrl)).status).toBe(200);
    }
    counts.recoveries++;
  });
});
