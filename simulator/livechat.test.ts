/** Contract tests for the LiveChat v2 emulation over real HTTP (frozen clock, ephemeral port). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  agentResponse,
  agentsResponse,
  errorBody,
  firstResponseTimeReport,
  groupsResponse,
  ratingsReport,
  responseTimeReport,
  totalChatsReport,
} from "../lib/livechat/schemas";
import { chatsBetween, getDataset } from "./dataset";
import {
  TEST_NOW,
  asRecord,
  basicAuth,
  livechatGet,
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

const get = (path: string, headers?: Record<string, string>) => livechatGet(sim.url, path, headers);

function values<T>(body: unknown, pick: (bucket: Record<string, unknown>) => T): T[] {
  return Object.values(asRecord(body)).map((b) => pick(asRecord(b)));
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("LiveChat auth and errors", () => {
  const authFailed = { error: "Authentication failed: invalid login or API key" };

  it("rejects missing or wrong credentials with 401", async () => {
    for (const authorization of [
      "",
      basicAuth("olivia.owner@northwind.example", "wrong-key"),
      basicAuth("nobody@northwind.example", "sim-lc-olivia-owner-key"),
      "Bearer sim-lc-olivia-owner-key",
    ]) {
      const res = await get("/reports/chats/total_chats", { authorization });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(authFailed);
      expect(res.contentType).toBe("application/json; charset=utf-8");
    }
  });

  it("accepts any agent's key, and checks auth before X-API-Version", async () => {
    const agent = await get("/groups", {
      authorization: basicAuth("james.vip@northwind.example", "sim-lc-james-vip-key"),
    });
    expect(agent.status).toBe(200);
    const both = await get("/groups", { authorization: "", "x-api-version": "" });
    expect(both.status).toBe(401);
  });

  it("requires X-API-Version: 2", async () => {
    for (const version of ["", "3"]) {
      const res = await get("/reports/chats/total_chats", { "x-api-version": version });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: "X-API-Version header is required (2)" });
    }
  });

  it("validates parameters", async () => {
    const cases: [string, unknown][] = [
      [
        "date_from=2026-02-30&date_to=2026-03-01",
        { errors: ["date_from: must be a date in YYYY-MM-DD format"] },
      ],
      [
        "date_from=2026-03-02&date_to=2026-03-01",
        { errors: ["date_from: must not be later than date_to"] },
      ],
      [
        "date_from=2026-03-01&date_to=2026-03-02&group_by=week",
        { errors: ["group_by: must be one of hour, day, month"] },
      ],
      [
        "date_from=2026-03-01&timezone=Mars/Olympus",
        { errors: ["timezone: must be a valid IANA time zone name"] },
      ],
      ["group=9", { error: "Group not found" }],
      ["agent=ghost@northwind.example", { error: "Agent not found" }],
    ];
    for (const [query, body] of cases) {
      const res = await get(`/reports/chats/ratings?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body, query).toEqual(body);
      expect(errorBody.safeParse(res.body).success).toBe(true);
    }
  });

  it("answers 404 for unknown paths and agents", async () => {
    expect(await get("/reports/chats/unknown_report")).toMatchObject({
      status: 404,
      body: { error: "Not found" },
    });
    expect(await get("/agents/ghost%40northwind.example")).toMatchObject({
      status: 404,
      body: { error: "Agent not found" },
    });
  });
});

describe("LiveChat reports", () => {
  it("every endpoint validates against the app's schemas", async () => {
    const q = "?date_from=2026-05-01&date_to=2026-05-31";
    const checks = [
      ["/reports/chats/total_chats", totalChatsReport],
      ["/reports/chats/ratings", ratingsReport],
      ["/reports/chats/first_response_time", firstResponseTimeReport],
      ["/reports/chats/response_time", responseTimeReport],
    ] as const;
    for (const [path, schema] of checks) {
      for (const extra of [
        "",
        "&group_by=month",
        "&group_by=hour",
        "&group=3",
        "&agent=sofia.sales%40northwind.example",
      ]) {
        const res = await get(`${path}${q}${extra}`);
        expect(res.status).toBe(200);
        expect(schema.safeParse(res.body).success, `${path}${extra}`).toBe(true);
      }
    }
    expect(groupsResponse.safeParse((await get("/groups")).body).success).toBe(true);
    expect(agentsResponse.safeParse((await get("/agents")).body).success).toBe(true);
    const agent = await get("/agents/nora.sales%40northwind.example");
    expect(agent.status).toBe(200);
    expect(agentResponse.parse(agent.body).groups).toEqual([
      { id: 1, name: "Sales" },
      { id: 4, name: "VIP" },
    ]);
  });

  it("uses HH:00 keys for a single day (default group_by=hour)", async () => {
    const res = await get("/reports/chats/total_chats?date_from=2026-06-10&date_to=2026-06-10");
    expect(Object.keys(asRecord(res.body))).toEqual(
      Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}:00`),
    );
  });

  it("uses YYYY-MM-DD HH:00 keys for hours over several days", async () => {
    const res = await get(
      "/reports/chats/total_chats?date_from=2026-06-09&date_to=2026-06-10&group_by=hour",
    );
    const keys = Object.keys(asRecord(res.body));
    expect(keys).toHaveLength(48);
    expect(keys[0]).toBe("2026-06-09 00:00");
    expect(keys[47]).toBe("2026-06-10 23:00");
  });

  it("uses one YYYY-MM-DD key per day, zeros included, in order", async () => {
    const res = await get("/reports/chats/total_chats?date_from=2026-06-12&date_to=2026-06-18");
    const body = asRecord(res.body);
    expect(Object.keys(body)).toEqual([
      "2026-06-12",
      "2026-06-13",
      "2026-06-14",
      "2026-06-15",
      "2026-06-16",
      "2026-06-17",
      "2026-06-18",
    ]);
    // The future is empty; today (cut at 10:30 New York time) is partial.
    expect(body["2026-06-16"]).toEqual({ chats: 0 });
    expect(asRecord(body["2026-06-15"]).chats).toBeGreaterThan(0);
  });

  it("uses YYYY-MM keys with begin/end clipped to the range on monthly ratings", async () => {
    const res = await get(
      "/reports/chats/ratings?date_from=2026-01-20&date_to=2026-03-05&group_by=month",
    );
    const body = asRecord(res.body);
    expect(Object.keys(body)).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(body["2026-01"]).toMatchObject({ begin: "2026-01-20", end: "2026-01-31" });
    expect(body["2026-02"]).toMatchObject({ begin: "2026-02-01", end: "2026-02-28" });
    expect(body["2026-03"]).toMatchObject({ begin: "2026-03-01", end: "2026-03-05" });
    const total = await get(
      "/reports/chats/total_chats?date_from=2026-01-20&date_to=2026-03-05&group_by=month",
    );
    expect(asRecord(total.body)["2026-01"]).toEqual({ chats: asRecord(body["2026-01"]).chats });
  });

  it("returns null averages when the count is 0", async () => {
    const q = "?date_from=2026-07-01&date_to=2026-07-03";
    const frt = asRecord((await get(`/reports/chats/first_response_time${q}`)).body);
    expect(frt["2026-07-01"]).toEqual({ first_response_time: { count: 0, seconds: null } });
    const rt = asRecord((await get(`/reports/chats/response_time${q}`)).body);
    expect(rt["2026-07-02"]).toEqual({ avg_response_time: { count: 0, seconds: null } });
    // An agent outside the group has no chats in it either.
    const filtered = await get(
      "/reports/chats/first_response_time?date_from=2026-06-01&date_to=2026-06-02&group=3&agent=james.vip%40northwind.example",
    );
    expect(values(filtered.body, (b) => b.first_response_time)).toEqual([
      { count: 0, seconds: null },
      { count: 0, seconds: null },
    ]);
  });

  it("handles DST: 23 hour keys on spring-forward, a merged 01:00 on fall-back (America/New_York)", async () => {
    const spring = Object.keys(
      asRecord(
        (await get("/reports/chats/total_chats?date_from=2025-03-09&date_to=2025-03-09")).body,
      ),
    );
    expect(spring).toHaveLength(23);
    expect(spring).not.toContain("02:00");
    expect(spring.slice(0, 3)).toEqual(["00:00", "01:00", "03:00"]);

    const fall = asRecord(
      (await get("/reports/chats/total_chats?date_from=2025-11-02&date_to=2025-11-02")).body,
    );
    const keys = Object.keys(fall);
    expect(keys).toHaveLength(24);
    expect(keys.filter((k) => k === "01:00")).toHaveLength(1);
    // 01:00 EDT (05:00Z) … 02:00 EST (07:00Z): both 01:00 hours land in one bucket.
    const expected = chatsBetween(
      getDataset(TEST_NOW).livechat,
      Date.parse("2025-11-02T05:00:00Z"),
      Date.parse("2025-11-02T07:00:00Z"),
    );
    expect(fall["01:00"]).toEqual({ chats: expected.length });
  });

  it("buckets by the requested timezone on every report", async () => {
    const { livechat } = getDataset(TEST_NOW);
    const utcDay = chatsBetween(
      livechat,
      Date.parse("2026-06-10T00:00:00Z"),
      Date.parse("2026-06-11T00:00:00Z"),
    );
    const nyDay = chatsBetween(
      livechat,
      Date.parse("2026-06-10T04:00:00Z"),
      Date.parse("2026-06-11T04:00:00Z"),
    );
    expect(utcDay.length).not.toBe(nyDay.length);
    const q = "?date_from=2026-06-10&date_to=2026-06-10&group_by=day";
    expect(
      asRecord((await get(`/reports/chats/total_chats${q}&timezone=UTC`)).body)["2026-06-10"],
    ).toEqual({ chats: utcDay.length });
    expect(asRecord((await get(`/reports/chats/total_chats${q}`)).body)["2026-06-10"]).toEqual({
      chats: nyDay.length,
    });
    const frtCount = (chats: typeof utcDay) =>
      chats.filter((c) => c.firstResponseSeconds !== null).length;
    const frt = asRecord(
      (await get(`/reports/chats/first_response_time${q}&timezone=Etc/UTC`)).body,
    );
    expect(asRecord(asRecord(frt["2026-06-10"]).first_response_time).count).toBe(frtCount(utcDay));
    const rt = asRecord((await get(`/reports/chats/response_time${q}&timezone=UTC`)).body);
    expect(asRecord(asRecord(rt["2026-06-10"]).avg_response_time).count).toBe(
      sum(utcDay.map((c) => c.responseTimes.length)),
    );
  });

  it("computes count-weighted means that match the dataset", async () => {
    const { livechat } = getDataset(TEST_NOW);
    const day = chatsBetween(
      livechat,
      Date.parse("2026-06-10T04:00:00Z"),
      Date.parse("2026-06-11T04:00:00Z"),
    ).filter((c) => c.team === "1");
    const frts = day.flatMap((c) =>
      c.firstResponseSeconds === null ? [] : [c.firstResponseSeconds],
    );
    const res = asRecord(
      (
        await get(
          "/reports/chats/first_response_time?date_from=2026-06-10&date_to=2026-06-10&group_by=day&group=1",
        )
      ).body,
    );
    expect(res["2026-06-10"]).toEqual({
      first_response_time: {
        count: frts.length,
        seconds: Math.round((sum(frts) / frts.length) * 100) / 100,
      },
    });
  });

  it("keeps totals consistent across reports, groups and agents", async () => {
    const q = "?date_from=2026-05-01&date_to=2026-06-15";
    const totals = values((await get(`/reports/chats/total_chats${q}`)).body, (b) =>
      Number(b.chats),
    );
    const ratings = values((await get(`/reports/chats/ratings${q}`)).body, (b) => ({
      chats: Number(b.chats),
      good: Number(b.good),
      bad: Number(b.bad),
    }));
    expect(sum(ratings.map((r) => r.chats))).toBe(sum(totals));
    expect(ratings.every((r) => r.good + r.bad <= r.chats)).toBe(true);
    const frtCounts = values((await get(`/reports/chats/first_response_time${q}`)).body, (b) =>
      Number(asRecord(b.first_response_time).count),
    );
    expect(frtCounts.every((n, i) => n <= (totals[i] ?? 0))).toBe(true);

    let byGroup = 0;
    for (const group of [1, 2, 3, 4]) {
      byGroup += sum(
        values((await get(`/reports/chats/total_chats${q}&group=${group}`)).body, (b) =>
          Number(b.chats),
        ),
      );
    }
    expect(byGroup).toBe(sum(totals));
    const monthly = values((await get(`/reports/chats/total_chats${q}&group_by=month`)).body, (b) =>
      Number(b.chats),
    );
    expect(sum(monthly)).toBe(sum(totals));
    const sales = sum(
      values(
        (await get(`/reports/chats/total_chats${q}&agent=sofia.sales%40northwind.example`)).body,
        (b) => Number(b.chats),
      ),
    );
    expect(sales).toBeGreaterThan(0);
    expect(sales).toBeLessThan(sum(totals));
  });
});

describe("LiveChat REST resources", () => {
  it("lists groups; group 0 has no agents key", async () => {
    const body = groupsResponse.parse((await get("/groups")).body);
    expect(body.map((g) => g.id)).toEqual([0, 1, 2, 3, 4]);
    expect(body[0]).toEqual({
      id: 0,
      name: "All operators",
      language: "en",
      status: "accepting chats",
    });
    expect(body[4]?.agents).toEqual([
      "nora.sales@northwind.example",
      "ava.support@northwind.example",
      "james.vip@northwind.example",
    ]);
  });

  it("returns one agent with groups, max_chats_count and last_logout", async () => {
    const res = await get(`/agents/${encodeURIComponent("olivia.owner@northwind.example")}`);
    expect(res.body).toMatchObject({
      login: "olivia.owner@northwind.example",
      name: "Olivia Owner",
      permission: "owner",
      status: "accepting chats",
      max_chats_count: 6,
      last_logout: 0,
    });
  });
});
