/** Contract tests for the LiveChat Reports API v2 reports added beyond the original four. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  agentsOccupancyReport,
  engagementReport,
  errorBody,
  goalsReport,
  greetingsReport,
  hoursOrMinutesReport,
  newTicketsReport,
  notRepliedChatsReport,
  queuedVisitorsReport,
  rankingReport,
  solvedTicketsReport,
  ticketHoursReport,
  ticketRatingsReport,
  ticketSourcesReport,
  waitingTimesReport,
} from "../lib/livechat/schemas";
import { chatsBetween, getDataset } from "./dataset";
import { chatExtras } from "./extras";
import { wilsonLowerBound } from "./livechat-reports";
import { TEST_NOW, asRecord, livechatGet, startSimulator, type RunningSimulator } from "./testing";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});

const get = (path: string) => livechatGet(sim.url, path);
async function body(path: string): Promise<Record<string, unknown>> {
  const res = await get(path);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return asRecord(res.body);
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
/** Numbers at `path` inside every bucket, in bucket order. */
function column(b: Record<string, unknown>, ...path: string[]): number[] {
  return Object.values(b).map((bucket) => {
    let v: unknown = bucket;
    for (const key of path) v = asRecord(v)[key];
    return Number(v);
  });
}
const hours24 = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}:00`);
const SOFIA = "sofia.sales%40northwind.example";
const JUNE = "date_from=2026-06-01&date_to=2026-06-14";
/** New York day 2026-06-10 in UTC. */
const NY_DAY = [Date.parse("2026-06-10T04:00:00Z"), Date.parse("2026-06-11T04:00:00Z")] as const;

describe("every new report", () => {
  const reports: [string, z.ZodType, string[]][] = [
    ["/reports/chats/engagement", engagementReport, ["group=2", `agent=${SOFIA}`, "tag[]=sales"]],
    [
      "/reports/chats/not_replied_chats",
      notRepliedChatsReport,
      ["groups[]=1&groups[]=3", `agents[]=${SOFIA}`, "tag[]=bug"],
    ],
    ["/reports/chats/queued_visitors", queuedVisitorsReport, ["group=2"]],
    ["/reports/chats/queued_visitors/waiting_times", waitingTimesReport, ["group=1"]],
    [
      "/reports/chats/goals",
      goalsReport,
      ["goal=73&sales_tracker=1", "currency=usd&sales_tracker=1"],
    ],
    ["/reports/chats/greetings", greetingsReport, ["greeting=2491", "goal=72", "tag[]=sales"]],
    ["/reports/tickets/new_tickets", newTicketsReport, ["group=3", "tag[]=billing"]],
    ["/reports/tickets/first_response_time", ticketHoursReport, ["group=4", `agent=${SOFIA}`]],
    ["/reports/tickets/solved_tickets", solvedTicketsReport, [`agent=${SOFIA}`]],
    ["/reports/tickets/resolution_time", ticketHoursReport, ["group=2"]],
    ["/reports/tickets/ticket_sources", ticketSourcesReport, ["group=1"]],
    ["/reports/tickets/ratings", ticketRatingsReport, [`agent=${SOFIA}`, "tag[]=support"]],
  ];

  it.each(reports)(
    "%s validates and uses HH:00 / YYYY-MM-DD / YYYY-MM keys",
    async (path, schema, extras) => {
      const day = await body(`${path}?date_from=2026-06-10&date_to=2026-06-10`);
      expect(schema.safeParse(day).success).toBe(true);
      expect(Object.keys(day)).toEqual(hours24);
      const days = await body(`${path}?date_from=2026-06-09&date_to=2026-06-11`);
      expect(Object.keys(days)).toEqual(["2026-06-09", "2026-06-10", "2026-06-11"]);
      const hourly = await body(`${path}?date_from=2026-06-09&date_to=2026-06-10&group_by=hour`);
      expect(Object.keys(hourly)[25]).toBe("2026-06-10 01:00");
      const months = await body(`${path}?date_from=2026-04-20&date_to=2026-06-15&group_by=month`);
      expect(Object.keys(months)).toEqual(["2026-04", "2026-05", "2026-06"]);
      for (const extra of extras) {
        const filtered = await body(`${path}?${JUNE}&${extra}`);
        expect(schema.safeParse(filtered).success, extra).toBe(true);
      }
    },
  );

  it("carries begin/end on monthly goals, greetings and ticket ratings only", async () => {
    const q = "?date_from=2026-01-20&date_to=2026-03-05&group_by=month";
    for (const path of [
      "/reports/chats/goals",
      "/reports/chats/greetings",
      "/reports/tickets/ratings",
    ]) {
      const b = await body(`${path}${q}`);
      expect(b["2026-01"], path).toMatchObject({ begin: "2026-01-20", end: "2026-01-31" });
      expect(b["2026-03"], path).toMatchObject({ begin: "2026-03-01", end: "2026-03-05" });
    }
    const sources = await body(`/reports/tickets/ticket_sources${q}`);
    expect(asRecord(sources["2026-01"]).begin).toBeUndefined();
  });

  it("returns null averages when the count is 0 (the future)", async () => {
    const q = "?date_from=2026-07-01&date_to=2026-07-02";
    for (const path of [
      "/reports/tickets/first_response_time",
      "/reports/tickets/resolution_time",
    ]) {
      expect((await body(`${path}${q}`))["2026-07-01"]).toEqual({ count: 0, hours: null });
    }
    const empty = {
      count: 0,
      min: { seconds: null },
      max: { seconds: null },
      average: { seconds: null },
    };
    expect((await body(`/reports/chats/queued_visitors/waiting_times${q}`))["2026-07-02"]).toEqual({
      queued: empty,
      left_queue: empty,
      entered_chat: empty,
    });
  });

  it("validates the report-specific arguments", async () => {
    const cases: [string, unknown][] = [
      ["/reports/chats/goals?sales_tracker=2", { errors: ["sales_tracker: must be 0 or 1"] }],
      [
        "/reports/chats/goals?sales_tracker=1&currency=dollars",
        { errors: ["currency: must be a 3-letter ISO 4217 code"] },
      ],
      ["/reports/chats/goals?goal=999", { error: "Goal not found" }],
      ["/reports/chats/goals?goal=abc", { errors: ["goal: must be a positive integer"] }],
      ["/reports/chats/greetings?greeting=1", { error: "Greeting not found" }],
      [
        "/reports/chats/not_replied_chats?groups[]=x",
        { errors: ["groups[]: must be a non-negative integer"] },
      ],
      ["/reports/chats/not_replied_chats?groups[]=7", { error: "Group not found" }],
      ["/reports/chats/not_replied_chats?agents[]=ghost%40x", { error: "Agent not found" }],
      ["/reports/chats/engagement?tag[]=", { errors: ["tag[]: must not be empty"] }],
      [
        "/reports/tickets/new_tickets?group_by=week",
        { errors: ["group_by: must be one of hour, day, month"] },
      ],
      [
        "/reports/availability?date_from=2026-06-02&date_to=2026-06-01",
        { errors: ["date_from: must not be later than date_to"] },
      ],
    ];
    for (const [path, expected] of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(res.body, path).toEqual(expected);
      expect(errorBody.safeParse(res.body).success).toBe(true);
    }
  });
});

describe("chat report semantics", () => {
  it("engagement parts sum to total_chats, with any filter", async () => {
    for (const extra of [
      "",
      "&group=3",
      `&agent=${SOFIA}`,
      "&tag[]=billing&tag[]=bug",
      "&group_by=hour",
    ]) {
      const total = column(await body(`/reports/chats/total_chats?${JUNE}${extra}`), "chats");
      const eng = await body(`/reports/chats/engagement?${JUNE}${extra}`);
      const parts = Object.values(eng).map((b) => {
        const r = asRecord(b);
        return (
          Number(r.chats_from_auto_invite) +
          Number(r.chats_from_immediate_start) +
          Number(r.chats_from_manual_invite)
        );
      });
      expect(parts, extra).toEqual(total);
    }
  });

  it("tag[] keeps chats with any of the tags", async () => {
    const total = sum(column(await body(`/reports/chats/total_chats?${JUNE}`), "chats"));
    const perTag: number[] = [];
    for (const tag of ["sales", "support", "billing", "bug", "feedback"])
      perTag.push(
        sum(column(await body(`/reports/chats/total_chats?${JUNE}&tag[]=${tag}`), "chats")),
      );
    const anyTwo = sum(
      column(await body(`/reports/chats/total_chats?${JUNE}&tag[]=sales&tag[]=bug`), "chats"),
    );
    expect(anyTwo).toBeLessThanOrEqual((perTag[0] ?? 0) + (perTag[3] ?? 0));
    expect(anyTwo).toBeGreaterThan(Math.max(perTag[0] ?? 0, perTag[3] ?? 0));
    expect(Math.max(...perTag)).toBeLessThan(total);
    // Untagged chats exist, so the tags together cover less than everything.
    expect(sum(perTag)).toBeGreaterThan(total * 0.5);
  });

  it("not_replied counts missed chats and honours groups[]/agents[] (not group/agent)", async () => {
    const all = column(await body(`/reports/chats/not_replied_chats?${JUNE}`), "not_replied");
    const ignored = column(
      await body(`/reports/chats/not_replied_chats?${JUNE}&group=1&agent=${SOFIA}`),
      "not_replied",
    );
    expect(ignored).toEqual(all);
    const perGroup = await Promise.all(
      [1, 2, 3, 4].map(async (g) =>
        sum(
          column(
            await body(`/reports/chats/not_replied_chats?${JUNE}&groups[]=${g}`),
            "not_replied",
          ),
        ),
      ),
    );
    expect(sum(perGroup)).toBe(sum(all));
    const two = sum(
      column(
        await body(`/reports/chats/not_replied_chats?${JUNE}&groups[]=1&groups[]=2`),
        "not_replied",
      ),
    );
    expect(two).toBe((perGroup[0] ?? 0) + (perGroup[1] ?? 0));
    const day = await body(
      "/reports/chats/not_replied_chats?date_from=2026-06-10&date_to=2026-06-10&group_by=day",
    );
    const missed = chatsBetween(getDataset(TEST_NOW).livechat, ...NY_DAY).filter(
      (c) => c.firstResponseSeconds === null,
    );
    expect(day["2026-06-10"]).toEqual({ not_replied: missed.length });
    const sofia = sum(
      column(
        await body(`/reports/chats/not_replied_chats?${JUNE}&agents[]=${SOFIA}`),
        "not_replied",
      ),
    );
    expect(sofia).toBeLessThan(sum(all));
  });

  it("queued visitors: queued = entered_chat + left_queue; entered_chat = queued chats", async () => {
    const q = await body(`/reports/chats/queued_visitors?${JUNE}`);
    for (const bucket of Object.values(q)) {
      const b = asRecord(bucket);
      const count = (k: string) => Number(asRecord(b[k]).count);
      expect(count("queued")).toBe(count("left_queue") + count("entered_chat"));
    }
    expect(sum(column(q, "left_queue", "count"))).toBeGreaterThan(0);
    const day = await body(
      "/reports/chats/queued_visitors?date_from=2026-06-10&date_to=2026-06-10&group_by=day&group=2",
    );
    const queued = chatsBetween(getDataset(TEST_NOW).livechat, ...NY_DAY).filter(
      (c) => c.team === "2" && chatExtras(c).queuedSeconds !== null,
    );
    expect(asRecord(day["2026-06-10"]).entered_chat).toEqual({ count: queued.length });

    const w = await body(`/reports/chats/queued_visitors/waiting_times?${JUNE}`);
    expect(column(w, "queued", "count")).toEqual(column(q, "queued", "count"));
    expect(column(w, "entered_chat", "count")).toEqual(column(q, "entered_chat", "count"));
    for (const bucket of Object.values(w)) {
      for (const part of ["queued", "left_queue", "entered_chat"]) {
        const s = asRecord(asRecord(bucket)[part]);
        const min = Number(asRecord(s.min).seconds);
        const max = Number(asRecord(s.max).seconds);
        const avg = Number(asRecord(s.average).seconds);
        expect(min).toBeLessThanOrEqual(avg);
        expect(avg).toBeLessThanOrEqual(max);
      }
    }
    const queuedMax = column(w, "queued", "max", "seconds");
    const enteredMax = column(w, "entered_chat", "max", "seconds");
    expect(queuedMax.every((m, i) => m >= (enteredMax[i] ?? 0))).toBe(true);
  });

  it("ranking: logins, total = good + bad, Wilson scores in order, consistent with ratings?agent", async () => {
    const r = rankingReport.parse(await body(`/reports/chats/ratings/ranking?${JUNE}`));
    expect(r.ranking.length).toBeGreaterThan(5);
    for (const row of r.ranking) {
      expect(row.name).toMatch(/@northwind\.example$/);
      expect(row.total).toBe(row.good + row.bad);
      expect(row.total).toBeGreaterThan(0);
      expect(row.score).toBeCloseTo(wilsonLowerBound(row.good, row.total), 12);
    }
    const scores = r.ranking.map((x) => x.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const sofia = r.ranking.find((x) => x.name === "sofia.sales@northwind.example");
    const ratings = await body(`/reports/chats/ratings?${JUNE}&agent=${SOFIA}`);
    expect(sofia?.good).toBe(sum(column(ratings, "good")));
    expect(sofia?.bad).toBe(sum(column(ratings, "bad")));
    // Group filter: only that group's agents appear.
    const vip = rankingReport.parse(await body(`/reports/chats/ratings/ranking?${JUNE}&group=4`));
    expect(vip.ranking.map((x) => x.name).sort()).toEqual([
      "ava.support@northwind.example",
      "james.vip@northwind.example",
      "nora.sales@northwind.example",
    ]);
    // Known values: 95 % Wilson lower bound.
    expect(wilsonLowerBound(0, 0)).toBe(0);
    expect(wilsonLowerBound(8, 10)).toBeCloseTo(0.4902, 4);
  });

  it("goals: plain goals vs tracked sales, goal and currency filters", async () => {
    const q = "date_from=2026-03-01&date_to=2026-05-31&group_by=month";
    const plain = await body(`/reports/chats/goals?${q}`);
    expect(Object.values(plain).every((b) => asRecord(b).value === undefined)).toBe(true);
    const sales = await body(`/reports/chats/goals?${q}&sales_tracker=1`);
    for (const bucket of Object.values(sales)) {
      const b = asRecord(bucket);
      const value = asRecord(b.value);
      expect(Object.keys(value).every((c) => ["EUR", "GBP", "USD"].includes(c))).toBe(true);
      expect(sum(Object.values(value).map((v) => Number(asRecord(v).sales_count)))).toBe(b.goals);
    }
    const usd = await body(`/reports/chats/goals?${q}&sales_tracker=1&currency=USD`);
    expect(Object.keys(asRecord(asRecord(usd["2026-04"]).value))).toEqual(["USD"]);
    const byGoal = await Promise.all(
      [71, 72].map(async (g) =>
        sum(column(await body(`/reports/chats/goals?${q}&goal=${g}`), "goals")),
      ),
    );
    expect(sum(byGoal)).toBe(sum(column(plain, "goals")));
    // Goals are reached in answered chats only: far fewer than chats.
    const chats = sum(column(await body(`/reports/chats/total_chats?${q}`), "chats"));
    expect(sum(column(plain, "goals")) + sum(column(sales, "goals"))).toBeLessThan(chats / 5);
  });

  it("greetings: displayed ≥ accepted = auto-invite chats; goals ≤ accepted", async () => {
    const g = await body(`/reports/chats/greetings?${JUNE}`);
    const eng = await body(`/reports/chats/engagement?${JUNE}`);
    expect(column(g, "accepted")).toEqual(column(eng, "chats_from_auto_invite"));
    for (const bucket of Object.values(g)) {
      const b = asRecord(bucket);
      expect(Number(b.displayed)).toBeGreaterThanOrEqual(Number(b.accepted));
      expect(Number(b.goals)).toBeLessThanOrEqual(Number(b.accepted));
    }
    const perGreeting = await Promise.all(
      [2491, 2492, 2493, 2494, 2495, 2496].map(async (id) =>
        body(`/reports/chats/greetings?${JUNE}&greeting=${id}`),
      ),
    );
    expect(sum(perGreeting.map((b) => sum(column(b, "displayed"))))).toBe(
      sum(column(g, "displayed")),
    );
    expect(sum(perGreeting.map((b) => sum(column(b, "accepted"))))).toBe(
      sum(column(g, "accepted")),
    );
    // With tag[], only accepted displays have tags to match.
    const tagged = await body(`/reports/chats/greetings?${JUNE}&tag[]=sales`);
    expect(column(tagged, "displayed")).toEqual(column(tagged, "accepted"));
  });
});

describe("time reports", () => {
  for (const path of ["/reports/availability", "/reports/chats/chatting_time"]) {
    it(`${path}: minutes per HH:00 for one day, hours per day otherwise, no group_by`, async () => {
      const day = await body(`${path}?date_from=2026-06-10&date_to=2026-06-10`);
      expect(hoursOrMinutesReport.safeParse(day).success).toBe(true);
      expect(Object.keys(day)).toEqual(hours24);
      expect(Object.values(day).every((b) => Object.keys(asRecord(b)).join() === "minutes")).toBe(
        true,
      );
      const days = await body(`${path}?date_from=2026-06-09&date_to=2026-06-11&group_by=month`);
      expect(Object.keys(days)).toEqual(["2026-06-09", "2026-06-10", "2026-06-11"]);
      expect(Object.values(days).every((b) => Object.keys(asRecord(b)).join() === "hours")).toBe(
        true,
      );
      // The day's hours equal its minutes per hour, summed (rounding aside).
      const minutes = sum(column(day, "minutes"));
      expect(Number(asRecord(days["2026-06-10"]).hours)).toBeCloseTo(minutes / 60, 1);
      // Agents cannot spend more than 60 minutes per hour each.
      expect(column(day, "minutes").every((m) => m <= 60 * 12)).toBe(true);
      expect(minutes).toBeGreaterThan(0);
      // Nothing after now; an agent outside the group has nothing in it.
      const future = await body(`${path}?date_from=2026-06-16&date_to=2026-06-17`);
      expect(column(future, "hours")).toEqual([0, 0]);
      const none = await body(`${path}?${JUNE}&group=3&agent=${SOFIA}`);
      expect(sum(column(none, "hours"))).toBe(0);
    });
  }

  it("chatting time ≤ availability, per agent and bucket; groups add up", async () => {
    for (const extra of ["", "&group=2", `&agent=${SOFIA}`]) {
      const avail = column(
        await body(`/reports/availability?date_from=2026-06-10&date_to=2026-06-10${extra}`),
        "minutes",
      );
      const chatting = column(
        await body(`/reports/chats/chatting_time?date_from=2026-06-10&date_to=2026-06-10${extra}`),
        "minutes",
      );
      chatting.forEach((m, h) =>
        expect(m, `${extra} ${h}`).toBeLessThanOrEqual((avail[h] ?? 0) + 0.01),
      );
    }
    const total = sum(column(await body(`/reports/chats/chatting_time?${JUNE}`), "hours"));
    let perAgent = 0;
    for (const login of [
      "olivia.owner",
      "adam.admin",
      "sofia.sales",
      "liam.sales",
      "nora.sales",
      "ethan.support",
      "mia.support",
      "lucas.support",
      "ava.support",
      "noah.billing",
      "emma.billing",
      "james.vip",
    ]) {
      perAgent += sum(
        column(
          await body(`/reports/chats/chatting_time?${JUNE}&agent=${login}%40northwind.example`),
          "hours",
        ),
      );
    }
    expect(perAgent).toBeCloseTo(total, 0);
  });

  it("chatting time of one agent is the union of their answered chats", async () => {
    const { livechat } = getDataset(TEST_NOW);
    const login = "sofia.sales@northwind.example";
    const chats = chatsBetween(livechat, NY_DAY[0] - 7_200_000, NY_DAY[1]).filter(
      (c) => c.agents.includes(login) && c.firstResponseSeconds !== null,
    );
    const intervals = chats
      .map((c) => [Math.max(c.startedAt, NY_DAY[0]), Math.min(c.endedAt, NY_DAY[1])] as const)
      .filter(([a, b]) => b > a)
      .sort((a, b) => a[0] - b[0]);
    let ms = 0;
    let cursor = -Infinity;
    for (const [a, b] of intervals) {
      if (b <= cursor) continue;
      ms += b - Math.max(a, cursor);
      cursor = b;
    }
    const res = await body(
      `/reports/chats/chatting_time?date_from=2026-06-10&date_to=2026-06-11&agent=${SOFIA}`,
    );
    expect(asRecord(res["2026-06-10"]).hours).toBe(Math.round((ms / 3_600_000) * 100) / 100);
  });
});

describe("agents_occupancy", () => {
  it("requires weekday=mon…sun", async () => {
    for (const q of ["", "?weekday=monday", "?weekday=MON"]) {
      const res = await get(`/reports/chats/agents_occupancy${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body).toEqual({
        errors: ["weekday: required, one of mon, tue, wed, thu, fri, sat, sun"],
      });
    }
  });

  it("defaults to the 4 weeks ending today: every hour of every matching date", async () => {
    const b = agentsOccupancyReport.parse(
      await body("/reports/chats/agents_occupancy?weekday=mon"),
    );
    const keys = Object.keys(b);
    expect(keys).toHaveLength(4 * 24);
    expect(keys[0]).toBe("2026-05-25 00:00");
    expect(keys.at(-1)).toBe("2026-06-15 23:00");
    expect(new Set(keys.map((k) => k.slice(0, 10)))).toEqual(
      new Set(["2026-05-25", "2026-06-01", "2026-06-08", "2026-06-15"]),
    );
    expect(Object.values(b).every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
    // Today (cut at 10:30 New York time): the afternoon has not happened yet.
    expect(b["2026-06-15 15:00"]).toBe(0);
    expect(b["2026-06-15 09:00"]).toBeGreaterThan(0);
    const sat = agentsOccupancyReport.parse(
      await body(
        "/reports/chats/agents_occupancy?weekday=sat&date_from=2026-05-01&date_to=2026-05-31&group=2",
      ),
    );
    expect(Object.keys(sat)).toHaveLength(5 * 24);
  });

  it("is the most chats in progress at any instant of the hour", async () => {
    const b = agentsOccupancyReport.parse(
      await body(
        "/reports/chats/agents_occupancy?weekday=wed&date_from=2026-06-10&date_to=2026-06-10&timezone=UTC",
      ),
    );
    const { livechat } = getDataset(TEST_NOW);
    const hour = Date.parse("2026-06-10T15:00:00Z");
    const chats = chatsBetween(livechat, hour - 7_200_000, hour + 3_600_000).filter(
      (c) => c.endedAt > hour,
    );
    let max = 0;
    for (const t of [hour, ...chats.map((c) => c.startedAt).filter((t) => t >= hour)]) {
      max = Math.max(max, chats.filter((c) => c.startedAt <= t && t < c.endedAt).length);
    }
    expect(b["2026-06-10 15:00"]).toBe(max);
    expect(max).toBeGreaterThan(3);
  });
});

describe("ticket report semantics", () => {
  it("new tickets = ticket sources; solved = resolution count; ratings ≤ solved", async () => {
    const fresh = column(await body(`/reports/tickets/new_tickets?${JUNE}`), "new_tickets");
    const sources = await body(`/reports/tickets/ticket_sources?${JUNE}`);
    const bySource = Object.values(sources).map((b) => {
      const r = asRecord(b);
      return (
        Number(r.tickets_from_chat_window) +
        Number(r.tickets_from_mail) +
        Number(r.tickets_from_chat)
      );
    });
    expect(bySource).toEqual(fresh);
    expect(sum(column(sources, "tickets_from_chat"))).toBeGreaterThan(0);
    const solved = column(await body(`/reports/tickets/solved_tickets?${JUNE}`), "solved_tickets");
    const resolution = await body(`/reports/tickets/resolution_time?${JUNE}`);
    expect(column(resolution, "count")).toEqual(solved);
    const ratings = await body(`/reports/tickets/ratings?${JUNE}`);
    const rated = Object.values(ratings).map(
      (b) => Number(asRecord(b).good) + Number(asRecord(b).bad),
    );
    expect(rated.every((n, i) => n <= (solved[i] ?? 0))).toBe(true);
    // Hours are decimal with 2 decimals; resolution takes longer than the first reply.
    const frt = await body(`/reports/tickets/first_response_time?${JUNE}`);
    const hours = [...column(frt, "hours"), ...column(resolution, "hours")];
    expect(hours.every((h) => Math.round(h * 100) / 100 === h)).toBe(true);
    expect(sum(column(resolution, "hours"))).toBeGreaterThan(sum(column(frt, "hours")));
  });

  it("agent = assignee; groups add up; ranking totals match ratings", async () => {
    const all = sum(
      column(await body(`/reports/tickets/solved_tickets?${JUNE}`), "solved_tickets"),
    );
    let byGroup = 0;
    for (const g of [1, 2, 3, 4])
      byGroup += sum(
        column(await body(`/reports/tickets/solved_tickets?${JUNE}&group=${g}`), "solved_tickets"),
      );
    expect(byGroup).toBe(all);
    const ranking = rankingReport.parse(await body(`/reports/tickets/ratings/ranking?${JUNE}`));
    const ratings = await body(`/reports/tickets/ratings?${JUNE}`);
    expect(sum(ranking.ranking.map((r) => r.total))).toBe(
      sum(column(ratings, "good")) + sum(column(ratings, "bad")),
    );
    const sofia = ranking.ranking.find((r) => r.name === "sofia.sales@northwind.example");
    const sofiaRatings = await body(`/reports/tickets/ratings?${JUNE}&agent=${SOFIA}`);
    expect(sofia?.good ?? 0).toBe(sum(column(sofiaRatings, "good")));
    const scores = ranking.ranking.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});
