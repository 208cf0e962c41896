/** Contract tests for `GET /api/v1/livechat/analytics/agent-overview` (§3 of the Rocket.Chat notes). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  agentOverviewResponse,
  chartName,
  chartsDataResponse,
  loginResponse,
} from "../lib/rocketchat/schemas";
import { ROCKETCHAT_DEPARTMENTS, ROCKETCHAT_USERS } from "./accounts";
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

const AO = "/api/v1/livechat/analytics/agent-overview";
const CHARTS = "/api/v1/livechat/analytics/dashboards/charts-data";
const WEEK = "from=2026-06-01&to=2026-06-07";
const get = (path: string, headers?: Record<string, string>) =>
  rocketchatGet(sim.url, path, headers);

interface Overview {
  head: { name: string }[];
  data: { name: string; value: string | number }[];
}
async function overview(query: string): Promise<Overview> {
  const res = await get(`${AO}?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const parsed = agentOverviewResponse.parse(res.body);
  if (!("head" in parsed)) throw new Error(`no table: ${JSON.stringify(res.body)}`);
  return parsed;
}
async function chartSum(name: string, query: string): Promise<number> {
  const res = await get(`${CHARTS}?chartName=${name}&${query}`);
  return chartsDataResponse.parse(res.body).dataPoints.reduce((a, b) => a + b, 0);
}
const usernames = new Set(ROCKETCHAT_USERS.map((u) => u.username));
/** Rooms of the week (UTC days), as both endpoints count them. */
const weekRooms = () =>
  chatsBetween(
    getDataset(TEST_NOW).rocketchat,
    Date.parse("2026-06-01T00:00:00Z"),
    Date.parse("2026-06-08T00:00:00Z"),
  );

describe("agent-overview", () => {
  it("answers every chart name with {head, data, success}; strings except Total_messages", async () => {
    const heads: Record<string, string> = { Total_conversations: "%_of_conversations" };
    for (const name of chartName.options) {
      const body = await overview(`name=${name}&${WEEK}`);
      expect(body.head).toEqual([{ name: "Agent" }, { name: heads[name] ?? name }]);
      expect(body.data.length).toBeGreaterThan(5);
      for (const row of body.data) {
        expect(usernames.has(row.name), row.name).toBe(true);
        if (name === "Total_messages") expect(typeof row.value).toBe("number");
        else if (name === "Total_conversations") expect(row.value).toMatch(/^\d{1,3}\.\d{2}%$/);
        else expect(row.value).toMatch(/^\d{2,}:\d{2}:\d{2}$/);
      }
    }
  });

  it("Total_conversations: shares of served rooms summing to ~100 %, agreeing with charts-data", async () => {
    const body = await overview(`name=Total_conversations&${WEEK}`);
    const shares = body.data.map((r) => parseFloat(String(r.value)));
    expect(Math.abs(shares.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(0.01 * body.data.length);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));

    const rooms = weekRooms();
    const unserved = rooms.filter((r) => r.agents.length === 0).length;
    const served =
      (await chartSum("Total_conversations", "start=2026-06-01&end=2026-06-07")) - unserved;
    expect(served).toBe(rooms.length - unserved);
    const counts = shares.map((s) => Math.round((s * served) / 100));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(served);
    // Per agent: rooms whose last agent (servedBy) is them.
    for (const row of body.data) {
      const n = rooms.filter((r) => r.agents.at(-1) === row.name).length;
      expect(row.value).toBe(`${((n / served) * 100).toFixed(2)}%`);
    }
  });

  it("Total_messages sums agent messages per servedBy, like charts-data", async () => {
    const body = await overview(`name=Total_messages&${WEEK}`);
    const total = body.data.reduce((s, r) => s + Number(r.value), 0);
    const unserved = weekRooms().filter((r) => r.agents.length === 0).length;
    expect(total).toBe(
      (await chartSum("Total_messages", "start=2026-06-01&end=2026-06-07")) - unserved,
    );
    const values = body.data.map((r) => Number(r.value));
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it("Best_first_response_time is the minimum per first responder; averages are means", async () => {
    const best = await overview(`name=Best_first_response_time&${WEEK}`);
    const avg = await overview(`name=Avg_first_response_time&${WEEK}`);
    const rooms = weekRooms().filter((r) => r.firstResponseSeconds !== null);
    for (const row of best.data) {
      const frts = rooms
        .filter((r) => r.agents[0] === row.name)
        .map((r) => r.firstResponseSeconds ?? 0);
      expect(row.value).toBe(secondsToHHMMSS(Number(Math.min(...frts).toFixed(2))));
      const mean = frts.reduce((a, b) => a + b, 0) / frts.length;
      expect(avg.data.find((r) => r.name === row.name)?.value).toBe(
        secondsToHHMMSS(Number(mean.toFixed(2))),
      );
    }
  });

  it("sorts durations by parseFloat (whole hours): ascending, stable in first-seen order", async () => {
    const body = await overview(`name=Avg_first_response_time&${WEEK}`);
    // Every average is under an hour, so parseFloat gives 0 for all: first-seen room order stays.
    const firstSeen: string[] = [];
    for (const r of weekRooms()) {
      const agent = r.firstResponseSeconds === null ? undefined : r.agents[0];
      if (agent !== undefined && !firstSeen.includes(agent)) firstSeen.push(agent);
    }
    expect(body.data.map((r) => r.name)).toEqual(firstSeen);
    const durations = await overview(`name=Avg_chat_duration&${WEEK}`);
    expect(durations.data.every((r) => parseFloat(String(r.value)) === 0)).toBe(true);
  });

  it("filters by departmentId; empty ranges give data: []", async () => {
    const dept = ROCKETCHAT_DEPARTMENTS[2]?._id ?? "";
    const members = new Set(
      ROCKETCHAT_USERS.filter((u) => u.departments.includes(dept)).map((u) => u.username),
    );
    const body = await overview(`name=Total_conversations&${WEEK}&departmentId=${dept}`);
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.every((r) => members.has(r.name))).toBe(true);
    const empty = await overview("name=Avg_chat_duration&from=2027-01-01&to=2027-01-03");
    expect(empty.data).toEqual([]);
    expect(empty.head).toEqual([{ name: "Agent" }, { name: "Avg_chat_duration" }]);
    const reversed = await overview("name=Total_messages&from=2026-06-07&to=2026-06-01");
    expect(reversed.data).toEqual([]);
  });

  it("answers {success:true} for unknown names and bad dates, 400 for name=''", async () => {
    for (const query of [
      `name=Nope&${WEEK}`,
      "name=Total_messages&from=garbage&to=2026-06-07",
      "name=Total_messages&from=2026-06-01&to=2026-02-30",
    ]) {
      const res = await get(`${AO}?${query}`);
      expect(res.status, query).toBe(200);
      expect(res.body, query).toEqual({ success: true });
    }
    expect(await get(`${AO}?name=&${WEEK}`)).toMatchObject({
      status: 400,
      body: { success: false, error: "invalid-chart-name" },
    });
    // ISO datetimes are read as their date part (non-strict moment parsing).
    const iso = await overview(
      "name=Total_messages&from=2026-06-01T12:11:45.392Z&to=2026-06-07T00:00:00Z",
    );
    expect(iso).toEqual(await overview(`name=Total_messages&${WEEK}`));
  });

  it("validates params like the documented examples, after auth and before permissions", async () => {
    for (const missing of ["name", "from", "to"] as const) {
      const params = new URLSearchParams({
        name: "Total_messages",
        from: "2026-06-01",
        to: "2026-06-07",
      });
      params.delete(missing);
      const res = await get(`${AO}?${params}`);
      expect(res.status).toBe(400);
      expect(res.body).toEqual(
        fixtureBody(`rocketchat/agent-overview__400_missing_${missing}.json`),
      );
    }
    expect(await get(`${AO}?name=Total_messages&${WEEK}&extra=1`)).toMatchObject({
      status: 400,
      body: { error: "must NOT have additional properties [invalid-params]" },
    });
    expect(await get(`${AO}?name=Total_messages&${WEEK}`, {})).toMatchObject({
      status: 401,
      body: fixtureBody("rocketchat/401_not_logged_in.json"),
    });
    const login = await rocketchatPost(sim.url, "/api/v1/login", {
      user: "kim",
      password: "kim-pass",
    });
    const { data } = loginResponse.parse(login.body);
    const agent = { "x-user-id": data.userId, "x-auth-token": data.authToken };
    const forbidden = await get(`${AO}?name=Total_messages&${WEEK}`, agent);
    expect(forbidden).toMatchObject({
      status: 403,
      body: fixtureBody("rocketchat/403_unauthorized.json"),
    });
    expect(asRecord((await get(`${AO}?${WEEK}`, agent)).body).errorType).toBe("invalid-params");
  });
});
