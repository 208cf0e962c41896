/** The control API (`/__simulator`): health, stats, basic fault injection; and the clock option. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { totalChatsReport } from "../lib/livechat/schemas";
import { queryKey, resolveClock } from "./server";
import { LIVECHAT_SERVICE_API_KEY, LIVECHAT_SERVICE_LOGIN } from "./accounts";
import {
  SERVICE_HEADERS,
  TEST_NOW,
  asRecord,
  basicAuth,
  fetchJson,
  livechatGet,
  rocketchatGet,
  startSimulator,
  type RunningSimulator,
} from "./testing";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  await fetchJson(`${sim.url}/__simulator/faults`, { method: "DELETE" });
});

const control = (path: string, method = "GET", body?: unknown) =>
  fetchJson(`${sim.url}/__simulator${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("control API", () => {
  it("reports health with the simulator clock", async () => {
    expect(await control("/health")).toMatchObject({
      status: 200,
      body: { ok: true, now: TEST_NOW, nowIso: "2026-06-15T14:30:00.000Z" },
    });
  });

  it("counts vendor requests by method and path, and resets", async () => {
    await control("/stats", "DELETE");
    await livechatGet(
      sim.url,
      "/reports/chats/total_chats?date_from=2026-06-01&date_to=2026-06-02",
    );
    await livechatGet(
      sim.url,
      "/reports/chats/total_chats?date_from=2026-06-03&date_to=2026-06-04",
    );
    await livechatGet(sim.url, "/groups", { authorization: "" }); // 401s count too
    await rocketchatGet(sim.url, "/api/v1/me");
    const stats = await control("/stats");
    expect(stats.body).toEqual({
      requests: {
        "livechat GET /reports/chats/total_chats": 2,
        "livechat GET /groups": 1,
        "rocketchat GET /api/v1/me": 1,
      },
      total: 4,
      responses: {
        "livechat GET /reports/chats/total_chats 200": 2,
        "livechat GET /groups 401": 1,
        "rocketchat GET /api/v1/me 200": 1,
      },
      rateLimited: 0,
      queries: {
        "livechat GET /reports/chats/total_chats?date_from=2026-06-01&date_to=2026-06-02": 1,
        "livechat GET /reports/chats/total_chats?date_from=2026-06-03&date_to=2026-06-04": 1,
        "livechat GET /groups": 1,
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

  it("keys queries by params sorted by key then value, URL-encoded", () => {
    expect(queryKey("/p", new URLSearchParams("b=2&a=1&a=0&c=x y&%C3%A9=%2F"))).toBe(
      "/p?a=0&a=1&b=2&c=x%20y&%C3%A9=%2F",
    );
    expect(queryKey("/p", new URLSearchParams(""))).toBe("/p");
  });

  it("injects faults by path prefix, before auth, with a default 5xx body", async () => {
    expect(
      (
        await control("/faults", "POST", {
          vendor: "livechat",
          path: "/reports/chats/ratings",
          status: 500,
        })
      ).status,
    ).toBe(201);
    const faulted = await livechatGet(sim.url, "/reports/chats/ratings?date_from=2026-06-01", {
      authorization: "",
    });
    expect(faulted).toMatchObject({ status: 500, body: { error: "Internal Server Error" } });
    // Other paths and the other vendor are untouched.
    expect(
      (await livechatGet(sim.url, "/reports/chats/total_chats?date_from=2026-06-01")).status,
    ).toBe(200);
    expect((await rocketchatGet(sim.url, "/api/v1/me")).status).toBe(200);

    await control("/faults", "DELETE");
    expect((await livechatGet(sim.url, "/reports/chats/ratings?date_from=2026-06-01")).status).toBe(
      200,
    );
  });

  it("supports custom bodies, headers, delays and a limited number of hits", async () => {
    await control("/faults", "POST", {
      vendor: "rocketchat",
      path: "/api/v1/livechat",
      status: 429,
      body: { success: false, error: "too many requests" },
      headers: { "retry-after": "7" },
      delayMs: 150,
      times: 1,
    });
    const started = performance.now();
    const res = await fetch(`${sim.url}/rocketchat/api/v1/livechat/department`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(await res.json()).toEqual({ success: false, error: "too many requests" });
    // `times: 1` → the next request goes through.
    expect((await rocketchatGet(sim.url, "/api/v1/livechat/department")).status).toBe(200);

    await control("/faults", "POST", {
      vendor: "livechat",
      path: "/",
      status: 200,
      rawBody: "<html>oops",
    });
    const raw = await fetch(`${sim.url}/livechat/groups`);
    expect(await raw.text()).toBe("<html>oops");
  });

  it("rejects malformed faults and unknown control paths", async () => {
    expect(
      (await control("/faults", "POST", { vendor: "zendesk", path: "/", status: 500 })).status,
    ).toBe(400);
    expect((await control("/nope")).status).toBe(404);
  });

  it("answers 404 outside the mounted prefixes", async () => {
    expect(await fetchJson(`${sim.url}/elsewhere`)).toMatchObject({
      status: 404,
      body: { error: "Not found" },
    });
    expect(await fetchJson(`${sim.url}/livechatx/groups`)).toMatchObject({ status: 404 });
  });
});

describe("received headers and extra credentials", () => {
  it("records the headers of vendor requests, and forgets them on DELETE", async () => {
    await control("/last-headers", "DELETE");
    await livechatGet(sim.url, "/groups", { "x-probe": "one" });
    await rocketchatGet(sim.url, "/api/v1/me");
    const { body } = await control("/last-headers");
    const requests = asRecord(body).requests as {
      vendor: string;
      path: string;
      headers: Record<string, string>;
    }[];
    expect(requests.map((r) => `${r.vendor} ${r.path}`)).toEqual([
      "livechat /groups",
      "rocketchat /api/v1/me",
    ]);
    expect(requests[0]!.headers["x-probe"]).toBe("one");
    expect(requests[1]!.headers["x-auth-token"]).toBe(SERVICE_HEADERS["x-auth-token"]);
    await control("/last-headers", "DELETE");
    expect((await control("/last-headers")).body).toEqual({ requests: [] });
  });

  it("a latency-only fault adds its headers to the normal answer", async () => {
    await control("/faults", "POST", {
      vendor: "livechat",
      path: "/groups",
      headers: { "x-extra": "1" },
    });
    const res = await fetch(`${sim.url}/livechat/groups`, {
      headers: {
        authorization: basicAuth(LIVECHAT_SERVICE_LOGIN, LIVECHAT_SERVICE_API_KEY),
        "x-api-version": "2",
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-extra")).toBe("1");
  });

  it("accepts extra credentials only on the instance configured with them", async () => {
    const extra = await startSimulator(TEST_NOW, {
      extraCredentials: {
        livechatApiKeys: [{ login: LIVECHAT_SERVICE_LOGIN, apiKey: "extra-lc-key" }],
        rocketchatServiceTokens: ["extra-rc-token"],
      },
    });
    try {
      const lc = { authorization: basicAuth(LIVECHAT_SERVICE_LOGIN, "extra-lc-key") };
      const rc = { ...SERVICE_HEADERS, "x-auth-token": "extra-rc-token" };
      expect((await livechatGet(extra.url, "/groups", lc)).status).toBe(200);
      expect((await rocketchatGet(extra.url, "/api/v1/me", rc)).status).toBe(200);
      expect((await livechatGet(sim.url, "/groups", lc)).status).toBe(401);
      expect((await rocketchatGet(sim.url, "/api/v1/me", rc)).status).toBe(401);
      // An extra key is bound to its login.
      const other = { authorization: basicAuth("adam.admin@northwind.example", "extra-lc-key") };
      expect((await livechatGet(extra.url, "/groups", other)).status).toBe(401);
    } finally {
      await extra.close();
    }
  });
});

describe("clock", () => {
  it("prefers the option, then a frozen SIMULATOR_NOW, then Date.now", () => {
    expect(resolveClock({ now: () => 42 })()).toBe(42);
    expect(resolveClock(undefined, { SIMULATOR_NOW: "2026-01-02T03:04:05Z" })()).toBe(
      Date.parse("2026-01-02T03:04:05Z"),
    );
    expect(() => resolveClock(undefined, { SIMULATOR_NOW: "soon" })).toThrow(/SIMULATOR_NOW/);
    const real = resolveClock(undefined, {})();
    expect(Math.abs(real - Date.now())).toBeLessThan(1000);
  });

  it("serves a dataset consistent with the clock", async () => {
    const later = await startSimulator(TEST_NOW + 86_400_000);
    try {
      const res = await livechatGet(
        later.url,
        "/reports/chats/total_chats?date_from=2026-06-16&date_to=2026-06-16&group_by=day&timezone=UTC",
      );
      const body = totalChatsReport.parse(res.body);
      expect(body["2026-06-16"]?.chats).toBeGreaterThan(0);
      const now = await livechatGet(
        sim.url,
        "/reports/chats/total_chats?date_from=2026-06-16&date_to=2026-06-16&group_by=day&timezone=UTC",
      );
      expect(totalChatsReport.parse(now.body)["2026-06-16"]).toEqual({ chats: 0 });
    } finally {
      await later.close();
    }
  });
});
