/**
 * Caching, coalescing and resilience over real HTTP: the built app against the simulator with
 * faults injected at runtime, counting the upstream calls the simulator saw.
 *
 * The integration app runs with `CHATLENS_CACHE_TODAY_SECONDS=1` (a range reaching today is
 * fresh for 1 s, served while revalidating for 4 s more), `CHATLENS_UPSTREAM_TIMEOUT_MS=4000`
 * and `CHATLENS_CIRCUIT_RESET_SECONDS=2`. Ranges that end in the future count as "today"
 * for the cache; ranges in the past are closed (fresh for hours). Every test uses its own
 * range or zone so that no earlier answer is in the cache unless the test put it there.
 */
import { afterEach, beforeAll, describe, expect, inject, test } from "vitest";
import { LIVECHAT_SERVICE_API_KEY, LIVECHAT_SERVICE_LOGIN } from "../../simulator/accounts";
import type { ApiErrorBody, MetricResponse } from "../../lib/metrics/types";
import { simulatorControl } from "../support/simulator-control";
import { signIn } from "../support/app-server";

const appUrl = inject("appUrl");
const simulatorUrl = inject("simulatorUrl");
let cookie = "";

const TOTAL_CHATS = "livechat GET /reports/chats/total_chats";
const RATINGS = "livechat GET /reports/chats/ratings";
const CHARTS = "rocketchat GET /api/v1/livechat/analytics/dashboards/charts-data";

const simulator = simulatorControl(simulatorUrl);

/** Upstream requests the simulator received per `<vendor> <METHOD> <path>` since the reset. */
async function calls(): Promise<Record<string, number>> {
  return ((await simulator("GET", "/stats")) as { requests: Record<string, number> }).requests;
}

async function resetCalls() {
  await simulator("DELETE", "/stats");
}

async function fault(spec: Record<string, unknown>) {
  await simulator("POST", "/faults", spec);
}

type Answer = { status: number; headers: Headers; body: MetricResponse & Partial<ApiErrorBody> };

async function get(path: string): Promise<Answer> {
  const res = await fetch(`${appUrl}${path}`, { headers: { cookie } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Answer["body"] };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A LiveChat metric URL for a range nobody else asks for (the zone makes it unique). */
const lc = (metric: string, from: string, to: string, extra = "") =>
  `/api/metrics/${metric}?source=livechat&from=${from}&to=${to}&tz=Pacific/Chatham${extra}`;

/** A range that ends in the future, so the cache treats it as "today" (fresh for 1 s). */
function liveRange(offsetDays: number): { from: string; to: string } {
  const base = Date.UTC(2027, 0, 1) + offsetDays * 86_400_000;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: day(base), to: day(base + 2 * 86_400_000) };
}

beforeAll(async () => {
  const r = await signIn(appUrl, "livechat", {
    login: LIVECHAT_SERVICE_LOGIN,
    apiKey: LIVECHAT_SERVICE_API_KEY,
  });
  cookie = r.cookie!;
});

afterEach(async () => {
  await simulator("DELETE", "/faults");
});

describe("coalescing and caching", () => {
  test("100 concurrent viewers of one metric cost one upstream call per report, then none", async () => {
    await resetCalls();
    const path = lc("chats.total", "2026-03-02", "2026-03-08", "&compare=previous");
    const answers = await Promise.all(Array.from({ length: 100 }, () => get(path)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const bodies = new Set(answers.map((a) => JSON.stringify(a.body.buckets)));
    expect(bodies.size).toBe(1);
    // The series and the previous period: two distinct upstream queries, one call each.
    expect((await calls())[TOTAL_CHATS]).toBe(2);

    const again = await Promise.all(Array.from({ length: 20 }, () => get(path)));
    expect(again.every((a) => a.status === 200)).toBe(true);
    expect((await calls())[TOTAL_CHATS]).toBe(2);
    // A cached answer keeps its real age.
    expect(again[0]!.body.fetchedAt).toBe(answers[0]!.body.fetchedAt);
  });

  test("Rocket.Chat: a week with its previous period is one charts-data call", async () => {
    await resetCalls();
    const r = await get(
      "/api/metrics/chats.total?source=rocketchat&from=2026-03-09&to=2026-03-15&compare=previous",
    );
    expect(r.status).toBe(200);
    expect(r.body.previous?.total.value).not.toBeNull();
    expect((await calls())[CHARTS]).toBe(1);
  });

  test("a different filter or source never gets another one's answer", async () => {
    const base = lc("chats.total", "2026-03-16", "2026-03-22");
    const all = await get(base);
    const group = await get(`${base}&group=1`);
    expect(all.status).toBe(200);
    expect(group.status).toBe(200);
    expect(group.body.group).toBe("1");
    expect(group.body.total.value).toBeLessThan(all.body.total.value!);

    // With LiveChat failing, a request the cache has not seen fails; it is not served the
    // answer of a neighbouring filter.
    await fault({ vendor: "livechat", path: "/reports/chats/total_chats", status: 500 });
    const otherGroup = await get(`${base}&group=2`);
    expect(otherGroup.status).toBe(502);
    const otherRange = await get(lc("chats.total", "2026-03-16", "2026-03-21"));
    expect(otherRange.status).toBe(502);
    // …while the cached ones are still served, and Rocket.Chat is unaffected.
    expect((await get(base)).body.total).toEqual(all.body.total);
    const rc = await get(
      "/api/metrics/chats.total?source=rocketchat&from=2026-03-16&to=2026-03-22",
    );
    expect(rc.status).toBe(200);
    expect(rc.body.source).toBe("rocketchat");
  });
});

describe("retries", () => {
  test("two 5xx then success: answered, after exactly three upstream calls", async () => {
    await resetCalls();
    await fault({ vendor: "livechat", path: "/reports/chats/ratings", status: 503, times: 2 });
    const r = await get(lc("chats.csat", "2026-04-06", "2026-04-12"));
    expect(r.status).toBe(200);
    expect(r.body.stale).toBeUndefined();
    expect((await calls())[RATINGS]).toBe(3);
  });

  test("a lasting 5xx: 502 with the cause after three calls, no storm", async () => {
    await resetCalls();
    await fault({ vendor: "livechat", path: "/reports/chats/ratings", status: 500 });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => get(lc("chats.csat", "2026-04-13", "2026-04-19"))),
    );
    for (const a of answers) {
      expect(a.status).toBe(502);
      expect(a.body.error?.code).toBe("upstream_error");
      expect(a.body.error?.message).toMatch(
        /LiveChat answered GET \/reports\/chats\/ratings with 500/,
      );
    }
    // Ten viewers share one logical call: 1 + 2 retries.
    expect((await calls())[RATINGS]).toBe(3);
  });

  test.each([
    [400, { error: "Invalid date" }, "upstream_rejected"],
    [401, { error: "Authentication failed" }, "upstream_unauthorized"],
    [404, { error: "Not found" }, "upstream_not_found"],
  ])("a %i is not retried", async (status, body, code) => {
    await resetCalls();
    await fault({ vendor: "livechat", path: "/reports/chats/ratings", status, body });
    const r = await get(lc("chats.csat", "2026-04-20", `2026-04-2${status % 7}`));
    expect(r.status).toBe(502);
    expect(r.body.error?.code).toBe(code);
    expect((await calls())[RATINGS]).toBe(1);
  });

  test("429 with Retry-After: 1 → waits, then answers (2 calls)", async () => {
    await resetCalls();
    await fault({
      vendor: "livechat",
      path: "/reports/chats/ratings",
      status: 429,
      body: { error: "Too many requests" },
      headers: { "retry-after": "1" },
      times: 1,
    });
    const started = Date.now();
    const r = await get(lc("chats.csat", "2026-05-04", "2026-05-10"));
    expect(r.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect((await calls())[RATINGS]).toBe(2);
  });

  test("429 with a long Retry-After → 503 with Retry-After at once, one call", async () => {
    await resetCalls();
    await fault({
      vendor: "livechat",
      path: "/reports/chats/ratings",
      status: 429,
      body: { error: "Too many requests" },
      headers: { "retry-after": "20" },
    });
    const started = Date.now();
    const r = await get(lc("chats.csat", "2026-05-11", "2026-05-17"));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(r.status).toBe(503);
    expect(r.body.error?.code).toBe("upstream_rate_limited");
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(19);
    expect((await calls())[RATINGS]).toBe(1);
    // The route stays closed until then: the next request does not call at all.
    const next = await get(lc("chats.csat", "2026-05-18", "2026-05-24"));
    expect(next.status).toBe(503);
    expect((await calls())[RATINGS]).toBe(1);
  });

  test("malformed JSON and a wrong shape → 502, not retried", async () => {
    await resetCalls();
    await fault({ vendor: "livechat", path: "/reports/chats/total_chats", rawBody: "{oops" });
    const a = await get(lc("chats.total", "2026-05-25", "2026-05-31"));
    expect(a.status).toBe(502);
    expect(a.body.error?.code).toBe("upstream_invalid_response");
    await simulator("DELETE", "/faults");
    await fault({
      vendor: "livechat",
      path: "/reports/chats/total_chats",
      body: { "2026-06-01": { total: "many" } },
    });
    const b = await get(lc("chats.total", "2026-06-01", "2026-06-07"));
    expect(b.status).toBe(502);
    expect(b.body.error?.code).toBe("upstream_invalid_response");
    expect((await calls())[TOTAL_CHATS]).toBe(2);
  });

  test("an upstream that never answers → 504 within the budget", async () => {
    await fault({
      vendor: "rocketchat",
      path: "/api/v1/livechat/analytics/dashboards/charts-data",
      hang: true,
    });
    const started = Date.now();
    const r = await get("/api/metrics/chats.total?source=rocketchat&from=2026-06-08&to=2026-06-14");
    const took = Date.now() - started;
    expect(r.status).toBe(504);
    expect(r.body.error?.code).toBe("upstream_timeout");
    // Timeout 4 s, budget 2 × 4 s: at most one retry, never a hang.
    expect(took).toBeGreaterThanOrEqual(3_900);
    expect(took).toBeLessThan(12_000);
  }, 20_000);
});

describe("stale answers", () => {
  test("a failing refresh serves the last good answer marked stale, with its real age", async () => {
    const { from, to } = liveRange(0);
    const path = lc("chats.total", from, to);
    const first = await get(path);
    expect(first.status).toBe(200);
    expect(first.body.stale).toBeUndefined();

    await fault({ vendor: "livechat", path: "/reports/chats/total_chats", status: 500 });
    await sleep(1_200); // past the 1 s freshness, inside stale-while-revalidate
    const revalidating = await get(path);
    expect(revalidating.status).toBe(200);
    expect(revalidating.body.fetchedAt).toBe(first.body.fetchedAt);

    // The background refresh fails (3 attempts); from then on the answer says it is stale.
    await expect
      .poll(async () => (await get(path)).body.stale, { timeout: 5_000, interval: 200 })
      .toBe(true);
    const stale = await get(path);
    expect(stale.body.fetchedAt).toBe(first.body.fetchedAt);
    expect(stale.body.staleReason).toMatch(
      /LiveChat answered GET \/reports\/chats\/total_chats with 500/,
    );
    expect(stale.body.total).toEqual(first.body.total);

    // Past stale-while-revalidate the request waits for the upstream, fails, and still gets
    // the last answer.
    await sleep(4_200);
    const late = await get(path);
    expect(late.status).toBe(200);
    expect(late.body.stale).toBe(true);
    expect(late.body.fetchedAt).toBe(first.body.fetchedAt);

    // Recovery: the next refresh succeeds and the answer is fresh again.
    await simulator("DELETE", "/faults");
    await expect
      .poll(async () => (await get(path)).body.stale ?? false, { timeout: 8_000, interval: 300 })
      .toBe(false);
    const fresh = await get(path);
    expect(Date.parse(fresh.body.fetchedAt)).toBeGreaterThan(Date.parse(first.body.fetchedAt));
  }, 30_000);

  test("under All sources, one failing source makes the combined answer stale", async () => {
    const { from, to } = liveRange(10);
    const path = `/api/metrics/chats.total?source=all&from=${from}&to=${to}`;
    expect((await get(path)).status).toBe(200);
    await fault({
      vendor: "rocketchat",
      path: "/api/v1/livechat/analytics/dashboards/charts-data",
      status: 502,
    });
    await sleep(5_300); // past freshness and stale-while-revalidate
    const r = await get(path);
    expect(r.status).toBe(200);
    expect(r.body.stale).toBe(true);
    expect(r.body.staleReason).toMatch(/Rocket\.Chat answered/);
  }, 20_000);
});

describe("circuit breaker", () => {
  test("repeated failures open it: answers come at once, without upstream calls", async () => {
    await fault({ vendor: "livechat", path: "/reports/chats/greetings", status: 500 });
    // A handful of failing logical calls (each retried twice) open the circuit: more than half
    // of at least five calls within 10 s failed.
    const statuses: number[] = [];
    for (let i = 0; i < 9 && statuses.at(-1) !== 503; i++) {
      statuses.push(
        (await get(lc("chats.greeting_conversion", "2026-07-06", `2026-07-1${i}`))).status,
      );
    }
    expect(statuses.at(-1)).toBe(503);
    expect(statuses.slice(0, -1).every((s) => s === 502)).toBe(true);
    await resetCalls();
    const started = Date.now();
    const r = await get(lc("chats.greeting_conversion", "2026-07-06", "2026-07-19"));
    expect(Date.now() - started).toBeLessThan(500);
    expect(r.status).toBe(503);
    expect(r.body.error?.code).toBe("upstream_unavailable");
    expect(Object.keys(await calls()).filter((k) => k.startsWith("livechat"))).toEqual([]);
    // Rocket.Chat has its own circuit.
    const rc = await get(
      "/api/metrics/chats.total?source=rocketchat&from=2026-07-06&to=2026-07-12",
    );
    expect(rc.status).toBe(200);

    // After the reset timeout a probe goes through; success closes the circuit.
    await simulator("DELETE", "/faults");
    await sleep(2_200);
    await expect
      .poll(async () => (await get(lc("chats.total", "2026-07-06", "2026-07-19"))).status, {
        timeout: 5_000,
      })
      .toBe(200);
  }, 40_000);
});
