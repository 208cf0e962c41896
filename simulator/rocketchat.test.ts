/** Contract tests for the Rocket.Chat emulation over real HTTP (frozen clock, ephemeral port). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  chartName,
  chartsDataResponse,
  departmentsResponse,
  errorBody,
  loginResponse,
  meResponse,
  overviewResponse,
} from "../lib/rocketchat/schemas";
import { ROCKETCHAT_DEPARTMENTS } from "./accounts";
import { chatsBetween, getDataset } from "./dataset";
import { secondsToHHMMSS } from "./rocketchat";
import {
  TEST_NOW,
  asRecord,
  fixtureBody,
  rocketchatGet,
  rocketchatPost,
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

const get = (path: string, headers?: Record<string, string>) =>
  rocketchatGet(sim.url, path, headers);
const CHARTS = "/api/v1/livechat/analytics/dashboards/charts-data";

async function loginAs(
  user: string,
  password: string,
  code?: string,
): Promise<Record<string, string>> {
  const res = await rocketchatPost(sim.url, "/api/v1/login", {
    user,
    password,
    ...(code ? { code } : {}),
  });
  expect(res.status).toBe(200);
  const { data } = loginResponse.parse(res.body);
  return { "x-user-id": data.userId, "x-auth-token": data.authToken };
}

describe("Rocket.Chat auth", () => {
  it("answers 401 with the 6.x body when not logged in", async () => {
    const expected = fixtureBody("rocketchat/401_not_logged_in.json");
    const attempts: Record<string, string>[] = [
      {},
      { "x-user-id": "usrChatlensSvc99", "x-auth-token": "wrong" },
    ];
    for (const headers of attempts) {
      const res = await get("/api/v1/me", headers);
      expect(res.status).toBe(401);
      expect(res.body).toEqual(expected);
    }
    const overview = await get(
      "/api/v1/livechat/analytics/overview?name=Productivity&from=2026-06-01&to=2026-06-02",
      {},
    );
    expect(overview).toMatchObject({ status: 401, body: expected });
  });

  it("logs in by username or e-mail, serves /me, and logs out", async () => {
    const headers = await loginAs("maria.manager@acme-robotics.example", "maria.manager-pass");
    const me = await get("/api/v1/me", headers);
    expect(me.status).toBe(200);
    expect(meResponse.parse(me.body)).toMatchObject({
      username: "maria.manager",
      roles: ["user", "livechat-manager"],
      success: true,
    });
    const out = await rocketchatPost(sim.url, "/api/v1/logout", {}, headers);
    expect(out).toMatchObject({
      status: 200,
      body: { status: "success", data: { message: "You've been logged out!" } },
    });
    expect((await get("/api/v1/me", headers)).status).toBe(401);

    const byUsername = await rocketchatPost(sim.url, "/api/v1/login", {
      username: "kim",
      password: "kim-pass",
    });
    expect(byUsername.status).toBe(200);
  });

  it("rejects wrong credentials", async () => {
    for (const body of [
      { user: "maria.manager", password: "nope" },
      { user: "ghost", password: "ghost-pass" },
      { user: "maria.manager@acme-robotics.example", password: "" },
    ]) {
      const res = await rocketchatPost(sim.url, "/api/v1/login", body);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ status: "error", error: "Unauthorized", message: "Unauthorized" });
    }
  });

  it("requires the TOTP code for 2FA users", async () => {
    const base = { user: "tom.twofactor", password: "tom.twofactor-pass" };
    const missing = await rocketchatPost(sim.url, "/api/v1/login", base);
    expect(missing).toMatchObject({
      status: 401,
      body: {
        status: "error",
        error: "totp-required",
        message: "TOTP Required",
        details: { method: "totp" },
      },
    });
    const wrong = await rocketchatPost(sim.url, "/api/v1/login", { ...base, code: "111111" });
    expect(wrong).toMatchObject({
      status: 401,
      body: { error: "totp-invalid", message: "TOTP Invalid" },
    });
    const headers = await loginAs(base.user, base.password, "246810");
    expect((await get("/api/v1/me", headers)).status).toBe(200);
  });

  it("answers 404 for unknown paths", async () => {
    expect(await get("/api/v1/livechat/nope")).toMatchObject({
      status: 404,
      body: { success: false, error: "Not found" },
    });
  });
});

describe("charts-data", () => {
  it("validates the query before authentication", async () => {
    const missing = await get(`${CHARTS}?start=2026-06-01&end=2026-06-02`, {});
    expect(missing).toMatchObject({
      status: 400,
      body: {
        success: false,
        errorType: "error-invalid-params",
        error: "must have required property 'chartName'",
      },
    });
    const extra = await get(
      `${CHARTS}?chartName=Total_conversations&start=2026-06-01&end=2026-06-02&foo=1`,
      {},
    );
    expect(extra).toMatchObject({
      status: 400,
      body: { error: "must NOT have additional properties" },
    });
    const unauthenticated = await get(
      `${CHARTS}?chartName=Total_conversations&start=2026-06-01&end=2026-06-02`,
      {},
    );
    expect(unauthenticated.status).toBe(401);
  });

  it("forbids agents (403 as the fixture)", async () => {
    const headers = await loginAs("kim", "kim-pass");
    const res = await get(
      `${CHARTS}?chartName=Total_conversations&start=2026-06-01&end=2026-06-02`,
      headers,
    );
    expect(res.status).toBe(403);
    expect(res.body).toEqual(fixtureBody("rocketchat/403_unauthorized.json"));
  });

  it("rejects unknown chart names and unparseable dates", async () => {
    for (const q of [
      "chartName=Nope&start=2026-06-01&end=2026-06-02",
      "chartName=Total_conversations&start=yesterday&end=2026-06-02",
      "chartName=Total_conversations&start=2026-06-01&end=2026-02-30",
    ]) {
      const res = await get(`${CHARTS}?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body).toEqual({ success: false, error: "No data available" });
      expect(errorBody.safeParse(res.body).success).toBe(true);
    }
  });

  it("labels days M/D without padding, one per UTC day", async () => {
    const res = await get(
      `${CHARTS}?chartName=Total_conversations&start=2026-05-30&end=2026-06-02`,
    );
    const body = chartsDataResponse.parse(res.body);
    expect(body.chartLabel).toBe("Total_conversations");
    expect(body.dataLabels).toEqual(["5/30", "5/31", "6/1", "6/2"]);
    const { rocketchat } = getDataset(TEST_NOW);
    expect(body.dataPoints[2]).toBe(
      chatsBetween(
        rocketchat,
        Date.parse("2026-06-01T00:00:00Z"),
        Date.parse("2026-06-02T00:00:00Z"),
      ).length,
    );
    // The doubled path published in the OpenAPI docs answers the same.
    const doubled = await get(
      `/api/v1/livechat/livechat/analytics/dashboards/charts-data?chartName=Total_conversations&start=2026-05-30&end=2026-06-02`,
    );
    expect(doubled.body).toEqual(res.body);
  });

  it("uses 24 hourly buckets labelled hA-hA for a single day", async () => {
    const body = chartsDataResponse.parse(
      (await get(`${CHARTS}?chartName=Total_conversations&start=2026-06-10&end=2026-06-10`)).body,
    );
    expect(body.dataLabels).toHaveLength(24);
    expect(body.dataLabels.slice(0, 2)).toEqual(["12AM-12AM", "1AM-1AM"]);
    expect(body.dataLabels[12]).toBe("12PM-12PM");
    expect(body.dataLabels[23]).toBe("11PM-11PM");
    const day = chatsBetween(
      getDataset(TEST_NOW).rocketchat,
      Date.parse("2026-06-10T00:00:00Z"),
      Date.parse("2026-06-11T00:00:00Z"),
    );
    expect(body.dataPoints.reduce((a, b) => a + b, 0)).toBe(day.length);
  });

  it("answers 200 with empty arrays when start > end", async () => {
    const body = chartsDataResponse.parse(
      (await get(`${CHARTS}?chartName=Avg_chat_duration&start=2026-06-10&end=2026-06-01`)).body,
    );
    expect(body.dataLabels).toEqual([]);
    expect(body.dataPoints).toEqual([]);
  });

  it("serves all seven charts; Best_first_response_time is the minimum", async () => {
    const q = "start=2026-06-01&end=2026-06-07";
    const results: Record<string, number[]> = {};
    for (const name of chartName.options) {
      const res = await get(`${CHARTS}?chartName=${name}&${q}`);
      expect(res.status, name).toBe(200);
      results[name] = chartsDataResponse.parse(res.body).dataPoints;
    }
    const day = chatsBetween(
      getDataset(TEST_NOW).rocketchat,
      Date.parse("2026-06-01T00:00:00Z"),
      Date.parse("2026-06-02T00:00:00Z"),
    );
    const frts = day.flatMap((c) =>
      c.firstResponseSeconds === null ? [] : [c.firstResponseSeconds],
    );
    expect(results.Best_first_response_time?.[0]).toBe(Math.min(...frts));
    expect(results.Avg_first_response_time?.[0]).toBe(
      Math.round((frts.reduce((a, b) => a + b, 0) / frts.length) * 100) / 100,
    );
    expect(results.Total_messages?.[0]).toBe(
      day.reduce((s, c) => s + Math.max(1, c.agentMessages), 0),
    );
    results.Best_first_response_time?.forEach((best, i) => {
      expect(best).toBeLessThanOrEqual(results.Avg_first_response_time?.[i] ?? 0);
      expect(results.Avg_reaction_time?.[i] ?? Infinity).toBeLessThanOrEqual(
        results.Avg_first_response_time?.[i] ?? 0,
      );
    });
    expect(results.Avg_chat_duration?.every((v) => v > 120)).toBe(true);
  });

  it("filters by department; an empty departmentId means all", async () => {
    const q = `${CHARTS}?chartName=Total_conversations&start=2026-06-01&end=2026-06-03`;
    const all = chartsDataResponse.parse((await get(q)).body).dataPoints;
    expect(chartsDataResponse.parse((await get(`${q}&departmentId=`)).body).dataPoints).toEqual(
      all,
    );
    const perDepartment = await Promise.all(
      ROCKETCHAT_DEPARTMENTS.map(
        async (d) =>
          chartsDataResponse.parse((await get(`${q}&departmentId=${d._id}`)).body).dataPoints,
      ),
    );
    expect(all.map((_, i) => perDepartment.reduce((s, points) => s + (points[i] ?? 0), 0))).toEqual(
      all,
    );
    const support = perDepartment[0] ?? [];
    expect(support.every((v, i) => v > (perDepartment[3]?.[i] ?? 0))).toBe(true); // Support is the largest team
  });
});

describe("analytics/overview", () => {
  const OVERVIEW = "/api/v1/livechat/analytics/overview";

  it("Conversations: seven items consistent with charts-data", async () => {
    const res = await get(`${OVERVIEW}?name=Conversations&from=2026-06-01&to=2026-06-07`);
    const items = overviewResponse.parse(res.body);
    expect(items.map((i) => i.title)).toEqual([
      "Total_conversations",
      "Open_conversations",
      "On_Hold_conversations",
      "Total_messages",
      "Busiest_day",
      "Conversations_per_day",
      "Busiest_time",
    ]);
    const charts = chartsDataResponse.parse(
      (await get(`${CHARTS}?chartName=Total_conversations&start=2026-06-01&end=2026-06-07`)).body,
    );
    const total = charts.dataPoints.reduce((a, b) => a + b, 0);
    expect(items[0]?.value).toBe(total);
    expect(items[1]?.value).toBe(0);
    expect(items[5]?.value).toBe((total / 7).toFixed(2));
    expect(items[4]?.value).toMatch(/^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/);
    expect(items[6]?.value).toMatch(/^\d{1,2}[AP]M - \d{1,2}[AP]M$/);
  });

  it("Productivity: three HH:MM:SS averages, 00:00:00 when empty", async () => {
    const res = overviewResponse.parse(
      (await get(`${OVERVIEW}?name=Productivity&from=2026-06-01&to=2026-06-07`)).body,
    );
    expect(res.map((i) => i.title)).toEqual([
      "Avg_response_time",
      "Avg_first_response_time",
      "Avg_reaction_time",
    ]);
    for (const item of res) expect(item.value).toMatch(/^\d{2,}:\d{2}:\d{2}$/);
    const empty = overviewResponse.parse(
      (await get(`${OVERVIEW}?name=Productivity&from=2027-01-01&to=2027-01-02`)).body,
    );
    expect(empty.map((i) => i.value)).toEqual(["00:00:00", "00:00:00", "00:00:00"]);
  });

  it("validates params and answers {success:true} for unknown names", async () => {
    const missing = await get(`${OVERVIEW}?name=Conversations&to=2026-06-07`);
    expect(missing).toMatchObject({
      status: 400,
      body: {
        success: false,
        error: "must have required property 'from' [invalid-params]",
        errorType: "invalid-params",
      },
    });
    const unknown = await get(`${OVERVIEW}?name=Nope&from=2026-06-01&to=2026-06-07`);
    expect(unknown).toMatchObject({ status: 200, body: { success: true } });
    expect(Object.keys(asRecord(unknown.body))).toEqual(["success"]);
  });

  it("formats durations like secondsToHHMMSS, quirks included", () => {
    expect(secondsToHHMMSS(0)).toBe("00:00:00");
    expect(secondsToHHMMSS(100)).toBe("00:01:40");
    expect(secondsToHHMMSS(59.6)).toBe("00:00:60");
    expect(secondsToHHMMSS(3599.5)).toBe("00:59:60");
    expect(secondsToHHMMSS(90061)).toBe("25:01:01");
    expect(secondsToHHMMSS(360000)).toBe("100:00:00");
  });
});

describe("departments and agents", () => {
  it("paginates departments sorted by name", async () => {
    const page = departmentsResponse.parse(
      (await get("/api/v1/livechat/department?count=2&offset=1")).body,
    );
    expect(page.departments.map((d) => d.name)).toEqual(["Partners", "Sales"]);
    expect(page).toMatchObject({ count: 2, offset: 1, total: 4 });
    const filtered = departmentsResponse.parse(
      (await get("/api/v1/livechat/department?text=SUP")).body,
    );
    expect(filtered.departments.map((d) => d._id)).toEqual(["dptSupport7Hq2Lm"]);
    // Agents may list departments (view-l-room).
    const agent = await loginAs("kim", "kim-pass");
    expect((await get("/api/v1/livechat/department", agent)).status).toBe(200);
  });

  it("lists agents with their departments", async () => {
    const res = await get("/api/v1/livechat/users/agent?count=100");
    const body = asRecord(res.body);
    expect(body).toMatchObject({ count: 10, offset: 0, total: 10, success: true });
    expect((body.users as unknown[])[0]).toMatchObject({
      username: "baek",
      statusLivechat: "available",
      departments: ["dptSupport7Hq2Lm"],
    });
  });
});
