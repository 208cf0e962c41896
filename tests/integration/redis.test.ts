/**
 * Several app instances sharing the cache through Redis (`REDIS_URL`, the real Redis at
 * 127.0.0.1:6379): two `next start` processes against the one simulator. Concurrent viewers
 * spread over both instances cost one upstream call per distinct query, an answer fetched by
 * one instance is served by the other, and a failing upstream still gets the last good answer
 * from the shared cache.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import {
  LIVECHAT_SERVICE_API_KEY,
  LIVECHAT_SERVICE_LOGIN,
  ROCKETCHAT_SERVICE_USER,
} from "../../simulator/accounts";
import type { MetricResponse } from "../../lib/metrics/types";
import { simulatorControl } from "../support/simulator-control";
import { signIn, startApp, type RunningApp } from "../support/app-server";

const simulatorUrl = inject("simulatorUrl");
const REDIS_URL = process.env.CHATLENS_TEST_REDIS_URL ?? "redis://127.0.0.1:6379/0";

const apps: { app: RunningApp; cookie: string }[] = [];

const control = simulatorControl(simulatorUrl);
const simulator = (method: string, path: string, body?: unknown) =>
  control<{ requests: Record<string, number> }>(method, path, body);

async function get(i: number, path: string) {
  const { app, cookie } = apps[i]!;
  const res = await fetch(`${app.url}${path}`, { headers: { cookie } });
  return { status: res.status, body: (await res.json()) as MetricResponse };
}

beforeAll(async () => {
  // Both instances share NEXTAUTH_SECRET, as a real deployment behind a load balancer does.
  const env = {
    LIVECHAT_API_URL: `${simulatorUrl}/livechat`,
    LIVECHAT_LOGIN: LIVECHAT_SERVICE_LOGIN,
    LIVECHAT_API_KEY: LIVECHAT_SERVICE_API_KEY,
    ROCKETCHAT_URL: `${simulatorUrl}/rocketchat`,
    ROCKETCHAT_USER_ID: ROCKETCHAT_SERVICE_USER._id,
    ROCKETCHAT_AUTH_TOKEN: ROCKETCHAT_SERVICE_USER.authToken,
    NEXTAUTH_SECRET: "redis-instances-secret-0123456789-abcdefghij",
    CHATLENS_TIMEZONE: "America/Sao_Paulo",
    CHATLENS_CACHE_TODAY_SECONDS: "1",
    REDIS_URL,
  };
  const started = await Promise.all([startApp(env), startApp(env)]);
  for (const app of started) {
    const r = await signIn(app.url, "livechat", {
      login: LIVECHAT_SERVICE_LOGIN,
      apiKey: LIVECHAT_SERVICE_API_KEY,
    });
    apps.push({ app, cookie: r.cookie! });
  }
}, 120_000);

afterAll(async () => {
  await simulator("DELETE", "/faults");
  await Promise.all(apps.map((a) => a.app.stop()));
});

describe("two instances, one Redis", () => {
  test("60 concurrent viewers over two instances: one upstream call per query", async () => {
    await simulator("DELETE", "/stats");
    // The instances' own zone makes these queries unlike any other suite's.
    const path =
      "/api/metrics/chats.total?source=livechat&from=2026-08-03&to=2026-08-09&compare=previous";
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => get(i % 2, path)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(new Set(answers.map((a) => JSON.stringify(a.body.total))).size).toBe(1);
    const { requests } = await simulator("GET", "/stats");
    // The series and the previous period.
    expect(requests["livechat GET /reports/chats/total_chats"]).toBe(2);
  });

  test("an answer fetched by one instance is served by the other", async () => {
    await simulator("DELETE", "/stats");
    const path = "/api/metrics/chats.csat?source=livechat&from=2026-08-10&to=2026-08-16";
    const first = await get(0, path);
    const second = await get(1, path);
    expect(second.body.total).toEqual(first.body.total);
    expect(second.body.fetchedAt).toBe(first.body.fetchedAt);
    const { requests } = await simulator("GET", "/stats");
    expect(requests["livechat GET /reports/chats/ratings"]).toBe(1);
  });

  test("the other instance serves the shared last good answer when the upstream fails", async () => {
    // Ends in the future: "today" for the cache, fresh for 1 s.
    const path = "/api/metrics/chats.total?source=livechat&from=2027-02-01&to=2027-02-03";
    const first = await get(0, path);
    expect(first.status).toBe(200);
    await simulator("POST", "/faults", {
      vendor: "livechat",
      path: "/reports/chats/total_chats",
      status: 500,
    });
    await new Promise((r) => setTimeout(r, 5_300)); // past freshness and revalidation
    const late = await get(1, path);
    expect(late.status).toBe(200);
    expect(late.body.stale).toBe(true);
    expect(late.body.fetchedAt).toBe(first.body.fetchedAt);
    expect(late.body.total).toEqual(first.body.total);
  }, 20_000);
});
