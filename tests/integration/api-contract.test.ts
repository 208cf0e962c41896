/**
 * The API's contract over real HTTP: sessions, sign-in rules per provider, parameter
 * validation that sends nothing upstream (counted at the simulator), unavailable metrics and
 * upstream failures mapped to 5xx with the cause.
 */
import { afterEach, beforeAll, describe, expect, inject, test } from "vitest";
import {
  LIVECHAT_AGENTS,
  LIVECHAT_SERVICE_API_KEY,
  LIVECHAT_SERVICE_LOGIN,
  ROCKETCHAT_USERS,
} from "../../simulator/accounts";
import { METRIC_IDS, type SourcesResponse } from "../../lib/metrics/types";
import { simulatorControl } from "../support/simulator-control";
import { signIn } from "../support/app-server";

const appUrl = inject("appUrl");
const simulatorUrl = inject("simulatorUrl");
let cookie = "";

const simulator = simulatorControl(simulatorUrl);

async function upstreamCalls(): Promise<number> {
  const stats = (await simulator("GET", "/stats")) as { total: number };
  return stats.total;
}

async function get(path: string, withCookie = true) {
  const res = await fetch(`${appUrl}${path}`, { headers: withCookie ? { cookie } : {} });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as { error?: { code: string; message: string } },
  };
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

describe("sessions", () => {
  test.each([
    "/api/metrics/chats.total?source=livechat&from=2026-11-01&to=2026-11-07",
    "/api/sources",
  ])("unauthenticated %s → 401 envelope, nothing upstream", async (path) => {
    await simulator("DELETE", "/stats");
    const r = await get(path, false);
    expect(r.status).toBe(401);
    expect(r.body.error?.code).toBe("unauthenticated");
    expect(r.headers.get("cache-control")).toContain("no-store");
    expect(await upstreamCalls()).toBe(0);
  });

  test("a forged session cookie is refused", async () => {
    const res = await fetch(`${appUrl}/api/sources`, {
      headers: { cookie: "next-auth.session-token=forged.jwt.value" },
    });
    expect(res.status).toBe(401);
  });
});

describe("sign-in", () => {
  const owner = LIVECHAT_AGENTS.find((a) => a.permission === "owner")!;
  const admin = LIVECHAT_AGENTS.find((a) => a.permission === "administrator")!;
  const normal = LIVECHAT_AGENTS.find((a) => a.permission === "normal")!;
  const manager = ROCKETCHAT_USERS.find(
    (u) => u.roles.includes("livechat-manager") && !u.totpCode,
  )!;
  const twoFactor = ROCKETCHAT_USERS.find((u) => u.totpCode)!;
  const agent = ROCKETCHAT_USERS.find((u) => u.roles.includes("livechat-agent"))!;

  test("LiveChat owners and administrators get a session", async () => {
    for (const a of [owner, admin]) {
      const r = await signIn(appUrl, "livechat", { login: a.login, apiKey: a.apiKey });
      expect(r.cookie, a.login).not.toBeNull();
    }
  });

  test("LiveChat: wrong key and normal agents are refused", async () => {
    expect(
      (await signIn(appUrl, "livechat", { login: owner.login, apiKey: "wrong" })).cookie,
    ).toBeNull();
    const r = await signIn(appUrl, "livechat", { login: normal.login, apiKey: normal.apiKey });
    expect(r.cookie).toBeNull();
    expect(r.error).toMatch(/owners and administrators/);
  });

  test("Rocket.Chat manager signs in and the login token is logged out again", async () => {
    await simulator("DELETE", "/stats");
    const r = await signIn(appUrl, "rocketchat", {
      username: manager.username,
      password: manager.password,
    });
    expect(r.cookie).not.toBeNull();
    const stats = (await simulator("GET", "/stats")) as { requests: Record<string, number> };
    expect(stats.requests["rocketchat POST /api/v1/login"]).toBe(1);
    expect(stats.requests["rocketchat POST /api/v1/logout"]).toBe(1);
  });

  test("Rocket.Chat: agents, wrong passwords and missing 2FA codes are refused", async () => {
    const a = await signIn(appUrl, "rocketchat", {
      username: agent.username,
      password: agent.password,
    });
    expect(a.cookie).toBeNull();
    expect(a.error).toMatch(/admins and livechat managers/);
    expect(
      (await signIn(appUrl, "rocketchat", { username: manager.username, password: "nope" })).cookie,
    ).toBeNull();
    const noCode = await signIn(appUrl, "rocketchat", {
      username: twoFactor.username,
      password: twoFactor.password,
    });
    expect(noCode.cookie).toBeNull();
    expect(noCode.error).toMatch(/two-factor code/);
    const withCode = await signIn(appUrl, "rocketchat", {
      username: twoFactor.username,
      password: twoFactor.password,
      code: twoFactor.totpCode!,
    });
    expect(withCode.cookie).not.toBeNull();
  });

  test("the demo provider does not exist outside demo mode", async () => {
    expect(
      (await signIn(appUrl, "demo", { username: "demo", password: "chatlens-demo" })).cookie,
    ).toBeNull();
  });
});

describe("sources", () => {
  test("lists both sources with their teams and metrics", async () => {
    const r = await get("/api/sources");
    expect(r.status).toBe(200);
    const body = r.body as unknown as SourcesResponse;
    expect(body.timezone).toBe("Europe/Warsaw");
    expect(body.demo).toBe(false);
    const [lc, rc] = body.sources;
    expect(lc).toMatchObject({ id: "livechat", teamLabel: "group", fixedTimezone: null });
    expect(lc!.teams.map((t) => t.name)).toEqual(["Sales", "Support", "Billing", "VIP"]);
    expect(rc).toMatchObject({ id: "rocketchat", teamLabel: "department", fixedTimezone: "UTC" });
    expect(rc!.metrics).not.toContain("chats.csat");
    expect(rc!.teams).toHaveLength(4);
    expect(lc!.agents.length).toBeGreaterThanOrEqual(12);
    expect(rc!.agents.length).toBeGreaterThanOrEqual(10);
    expect([lc!.archive, lc!.tickets, rc!.archive, rc!.tickets]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(lc!.agentFilterMetrics).toContain("chats.total");
    expect(lc!.agentFilterMetrics).not.toContain("chats.queued");
    expect(rc!.agentFilterMetrics).toEqual([]);
    // Every metric of the dictionary is offered by at least one source.
    expect(new Set([...lc!.metrics, ...rc!.metrics]).size).toBe(METRIC_IDS.length);
  });
});

describe("parameter validation sends nothing upstream", () => {
  const base = "/api/metrics/chats.total?source=livechat&from=2026-11-01&to=2026-11-07";
  test.each(
    (
      [
        [
          "/api/metrics/chats.bogus?source=livechat&from=2026-11-01&to=2026-11-07",
          /unknown metric/,
        ],
        ["/api/metrics/chats.total?from=2026-11-01&to=2026-11-07", /source is required/],
        [
          "/api/metrics/chats.total?source=livechat&from=2026-11-07&to=2026-11-01",
          /from must not be after to/,
        ],
        ["/api/metrics/chats.total?source=livechat&from=2026-11-01", /to is required/],
        [
          "/api/metrics/chats.total?source=livechat&from=2024-01-01&to=2026-11-07",
          /at most 366 days/,
        ],
        ["/api/metrics/chats.total?source=livechat&from=2026-02-30&to=2026-03-01", /calendar date/],
        [`${base}&group=99`, /unknown group "99"/],
        [`${base}&group=abc`, /LiveChat group id/],
        [
          "/api/metrics/chats.total?source=rocketchat&from=2026-11-01&to=2026-11-07&group=nope",
          /unknown department/,
        ],
        [`${base}&granularity=minute`, /granularity/],
        [`${base}&tz=Not/AZone`, /IANA/],
        [`${base}&url=http://evil.example`, /unknown parameter/],
        [`${base}&source=rocketchat`, /given 2 times/],
        [
          `/api/metrics/chats.total?source=livechat&from=${"9".repeat(5000)}&to=2026-11-07`,
          /calendar date/,
        ],
        [`${base}&agent=nobody@nowhere.example`, /unknown agent/],
        [`${base}&agent=a%20b`, /agent must be/],
        [
          "/api/metrics/chats.queued?source=livechat&from=2026-11-01&to=2026-11-07&agent=olivia.owner@northwind.example",
          /cannot filter Queued visitors by agent/,
        ],
        ["/api/metrics/chats.total?source=all&from=2026-11-01&to=2026-11-07&group=1", /source=all/],
        [
          "/api/metrics/chats.total?source=everything&from=2026-11-01&to=2026-11-07",
          /source must be/,
        ],
        ["/api/reports/ranking?source=livechat&from=2026-11-01&to=2026-11-07", /kind/],
        ["/api/reports/ranking?source=livechat&kind=chats&from=2026-11-07&to=2026-11-01", /after/],
        [
          "/api/reports/agents?source=livechat&from=2026-11-01&to=2026-11-07&group=99",
          /unknown group/,
        ],
        [
          "/api/reports/occupancy?source=livechat&from=2026-11-01&to=2026-11-07&weekday=mon",
          /unknown parameter "weekday"/,
        ],
        ["/api/chats?source=livechat&from=2026-11-01&to=2026-11-07&hour=3", /same day/],
        ["/api/chats?source=livechat&from=2026-11-01&to=2026-11-01&hour=24", /hour must be/],
        ["/api/chats?source=livechat&from=2026-11-01&to=2026-11-01&page=0", /page must be/],
        ["/api/chats?source=livechat&from=2026-11-01&to=2026-11-01&rate=5", /rate must be/],
        ["/api/chats?source=livechat&from=2026-11-01&to=2026-11-01&page=1&page=2", /given 2 times/],
        ["/api/chats/..%2F..%2Fagents?source=livechat", /chat id/],
        [
          "/api/tickets?source=livechat&from=2026-11-01&to=2026-11-07&status=closed",
          /status must be/,
        ],
      ] as [string, RegExp][]
    ).map(([path, message]) => [path.slice(0, 120), path, message] as const),
  )("%s → 400", async (_name, path, message) => {
    await get("/api/sources"); // prime the cached team lists, then count from zero
    await simulator("DELETE", "/stats");
    const r = await get(path);
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.error?.code).toBe("invalid_parameter");
    expect(r.body.error?.message).toMatch(message);
    expect(await upstreamCalls()).toBe(0);
  });

  test.each([
    "/api/reports/occupancy?source=rocketchat&from=2026-11-01&to=2026-11-07",
    "/api/chats?source=rocketchat&from=2026-11-01&to=2026-11-07",
    "/api/tickets?source=rocketchat&from=2026-11-01&to=2026-11-07",
    "/api/reports/ranking?source=rocketchat&kind=chats&from=2026-11-01&to=2026-11-07",
  ])("%s → 422 report_unavailable, nothing upstream", async (path) => {
    await simulator("DELETE", "/stats");
    const r = await get(path);
    expect(r.status).toBe(422);
    expect(r.body.error?.code).toBe("report_unavailable");
    expect(r.body.error?.message).toMatch(/not available from Rocket.Chat/);
    expect(await upstreamCalls()).toBe(0);
  });

  test("CSAT from Rocket.Chat → 422 metric_unavailable, nothing upstream", async () => {
    await simulator("DELETE", "/stats");
    const r = await get("/api/metrics/chats.csat?source=rocketchat&from=2026-11-01&to=2026-11-07");
    expect(r.status).toBe(422);
    expect(r.body.error).toEqual({
      code: "metric_unavailable",
      message: "CSAT is not available from Rocket.Chat: its API does not report it.",
    });
    expect(await upstreamCalls()).toBe(0);
  });
});
