/**
 * Our API over real HTTP (built app + simulator) compared with values computed in the test
 * from the dataset's individual chats, for many random filter combinations and both sources.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { getDataset, type SimChat } from "../../simulator/dataset";
import {
  LIVECHAT_AGENTS,
  LIVECHAT_GROUPS,
  ROCKETCHAT_DEPARTMENTS,
  LIVECHAT_SERVICE_LOGIN,
  LIVECHAT_SERVICE_API_KEY,
} from "../../simulator/accounts";
import type { Granularity, MetricId, MetricResponse, SourceId } from "../../lib/metrics/types";
import { signIn } from "../support/app-server";
import { METRICS } from "../../lib/metrics/definitions";
import {
  CHAT_BASED,
  chatsIn,
  expectedBuckets,
  expectedOfChats,
  expectedTotal,
  keyOf,
  type ExpectedValues,
} from "../support/expected";

const appUrl = inject("appUrl");
const now = Date.parse(inject("now"));
const dataset = getDataset(now);
let cookie = "";

beforeAll(async () => {
  const result = await signIn(appUrl, "livechat", {
    login: LIVECHAT_SERVICE_LOGIN,
    apiKey: LIVECHAT_SERVICE_API_KEY,
  });
  expect(result.cookie).not.toBeNull();
  cookie = result.cookie!;
});

async function api(path: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${appUrl}${path}`, { headers: { cookie } });
  return { status: res.status, body: await res.json() };
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

interface Case {
  source: SourceId;
  metric: MetricId;
  from: string;
  to: string;
  granularity: Granularity;
  group: string | null;
  agent: string | null;
  tz: string | undefined;
}

const lastDay = dataset.lastDay;
const LIVECHAT_AGENT_METRICS = new Set<MetricId>(
  CHAT_BASED.livechat.filter((m) => METRICS[m].agentFilter.livechat),
);

const caseArb = (source: SourceId): fc.Arbitrary<Case> =>
  fc
    .record({
      metric: fc.constantFrom(...CHAT_BASED[source]),
      granularity: fc.constantFrom<Granularity>("hour", "day", "day", "month"),
      endOffset: fc.integer({ min: 1, max: 330 }),
      group: fc.option(
        fc.constantFrom(
          ...(source === "livechat"
            ? LIVECHAT_GROUPS.filter((g) => g.id !== 0).map((g) => String(g.id))
            : ROCKETCHAT_DEPARTMENTS.map((d) => d._id)),
        ),
        { nil: null },
      ),
      agent: fc.option(fc.constantFrom(...LIVECHAT_AGENTS.map((a) => a.login)), {
        nil: null,
        freq: 3,
      }),
      tz: fc.constantFrom(undefined, "UTC", "America/New_York", "Asia/Kolkata"),
      len: fc.integer({ min: 1, max: 40 }),
    })
    .map(({ metric, granularity, endOffset, group, agent, tz, len }) => {
      const days =
        granularity === "hour" ? Math.min(len, 3) : granularity === "month" ? 28 + len * 2 : len;
      const to = addDays(lastDay, -endOffset);
      const agentOk = source === "livechat" && LIVECHAT_AGENT_METRICS.has(metric);
      return {
        source,
        metric,
        granularity,
        from: addDays(to, -(days - 1)),
        to,
        group,
        agent: agentOk ? agent : null,
        tz,
      };
    });

const cases = [
  ...fc.sample(caseArb("livechat"), { seed: 20261121, numRuns: 16 }),
  ...fc.sample(caseArb("rocketchat"), { seed: 4242, numRuns: 16 }),
  // Rocket.Chat answers a single day hourly; these must be rolled up into one day / months.
  ...(
    [
      "chats.total",
      "chats.first_response_time",
      "chats.best_first_response_time",
      "chats.duration",
    ] as const
  ).flatMap((metric): Case[] => [
    {
      source: "rocketchat",
      metric,
      from: addDays(lastDay, -3),
      to: addDays(lastDay, -3),
      granularity: "day",
      group: null,
      agent: null,
      tz: undefined,
    },
    {
      source: "rocketchat",
      metric,
      from: addDays(lastDay, -100),
      to: addDays(lastDay, -2),
      granularity: "month",
      group: ROCKETCHAT_DEPARTMENTS[0]!._id,
      agent: null,
      tz: undefined,
    },
  ]),
];

function chatsOf(source: SourceId): SimChat[] {
  return source === "livechat" ? dataset.livechat : dataset.rocketchat;
}

const describeCase = (c: Case) =>
  `${c.source} ${c.metric} ${c.from}…${c.to} ${c.granularity} group=${c.group ?? "all"} agent=${c.agent ?? "all"} tz=${c.tz ?? "default"}`;

/** How far a value may be from the exact one: 2-decimal upstream values, whole seconds from Productivity. */
function tolerance(c: Case, scope: "bucket" | "total"): number {
  const productivity =
    c.source === "rocketchat" &&
    [
      "chats.first_response_time",
      "chats.conversation_response_time",
      "chats.reaction_time",
    ].includes(c.metric);
  const fromProductivity =
    scope === "total" || c.granularity === "month" || (c.granularity === "day" && c.from === c.to);
  if (productivity && fromProductivity) return 0.51;
  if (c.metric === "chats.csat") return 0.006;
  return 0.011;
}

function expectValues(
  actual: MetricResponse["total"],
  expected: ExpectedValues,
  unit: string,
  tol: number,
  where: string,
) {
  if (unit === "count") {
    expect(actual.value, where).toBe(expected.value);
  } else if (expected.value === null) {
    expect(actual.value, where).toBeNull();
  } else {
    expect(actual.value, where).not.toBeNull();
    expect(Math.abs(actual.value! - expected.value), where).toBeLessThanOrEqual(tol);
  }
  expect(actual.count, where).toBe(expected.count);
  if (expected.parts) expect(actual.parts, where).toEqual(expected.parts);
}

describe("metrics match the dataset", () => {
  test.each(cases.map((c) => [describeCase(c), c] as const))("%s", async (_name, c) => {
    const params = new URLSearchParams({
      source: c.source,
      from: c.from,
      to: c.to,
      granularity: c.granularity,
      compare: "previous",
    });
    if (c.group) params.set("group", c.group);
    if (c.agent) params.set("agent", c.agent);
    if (c.tz) params.set("tz", c.tz);
    const { status, body } = await api(`/api/metrics/${c.metric}?${params}`);
    expect(status, JSON.stringify(body)).toBe(200);
    const r = body as MetricResponse;

    const tz = c.source === "rocketchat" ? "UTC" : (c.tz ?? "Europe/Warsaw");
    expect(r.timezone).toBe(tz);
    expect(r).toMatchObject({
      metric: c.metric,
      source: c.source,
      sources: [c.source],
      from: c.from,
      to: c.to,
      granularity: c.granularity,
      group: c.group,
      agent: c.agent,
    });
    const inWindow = chatsIn(chatsOf(c.source), c.from, c.to, tz, c.group);
    const expected = expectedBuckets(inWindow, c.metric, c.source, c.granularity, tz, c.agent);
    const empty = expectedOfChats(c.metric, c.source, []);

    for (const b of r.buckets) {
      expectValues(b, expected.get(b.key) ?? empty, r.unit, tolerance(c, "bucket"), b.key);
    }
    // Every chat of the window lands in a bucket we returned.
    const returned = new Set(r.buckets.map((b) => b.key));
    for (const key of expected.keys())
      expect(returned.has(key), `bucket ${key} missing`).toBe(true);

    expectValues(
      r.total,
      expectedTotal(inWindow, c.metric, c.source, c.agent),
      r.unit,
      tolerance(c, "total"),
      "total",
    );

    expect(r.previous).toBeDefined();
    const len = Math.round((Date.parse(c.to) - Date.parse(c.from)) / 86_400_000) + 1;
    expect(r.previous!.to).toBe(addDays(c.from, -1));
    expect(r.previous!.from).toBe(addDays(c.from, -len));
    const prevChats = chatsIn(chatsOf(c.source), r.previous!.from, r.previous!.to, tz, c.group);
    expectValues(
      r.previous!.total,
      expectedTotal(prevChats, c.metric, c.source, c.agent),
      r.unit,
      tolerance(c, "total"),
      "previous",
    );
  });
});

describe("All sources", () => {
  const to = addDays(lastDay, -2);
  test.each([
    ["day", addDays(to, -9)],
    ["hour", addDays(to, -1)],
  ] as const)("chats.total by %s sums LiveChat and Rocket.Chat", async (granularity, from) => {
    const q = new URLSearchParams({ source: "all", from, to, granularity, compare: "previous" });
    const { status, body } = await api(`/api/metrics/chats.total?${q}`);
    expect(status, JSON.stringify(body)).toBe(200);
    const r = body as MetricResponse;
    expect(r.source).toBe("all");
    expect(r.sources).toEqual(["livechat", "rocketchat"]);
    expect(r.timezone).toBe("Europe/Warsaw");
    const lc = chatsIn(dataset.livechat, from, to, "Europe/Warsaw", null);
    const rc = chatsIn(dataset.rocketchat, from, to, "UTC", null);
    expect(r.bySource).toEqual({
      livechat: { value: lc.length, count: lc.length },
      rocketchat: { value: rc.length, count: rc.length },
    });
    expect(r.total).toEqual({ value: lc.length + rc.length, count: lc.length + rc.length });
    // Hours are matched by instant; days by calendar date (Rocket.Chat's are UTC days).
    const rcZone = granularity === "hour" ? "Europe/Warsaw" : "UTC";
    const expected = new Map<string, number>();
    for (const chat of lc) {
      const k = keyOf(chat.startedAt, granularity, "Europe/Warsaw");
      expected.set(k, (expected.get(k) ?? 0) + 1);
    }
    for (const chat of rc) {
      const k = keyOf(chat.startedAt, granularity, rcZone);
      if (k < from) continue; // a UTC hour before our first local hour is outside the grid
      expected.set(k, (expected.get(k) ?? 0) + 1);
    }
    for (const b of r.buckets) expect(b.value, b.key).toBe(expected.get(b.key) ?? 0);
    if (granularity === "day") expect(r.notes?.join(" ")).toMatch(/UTC day/);
    expect(r.previous?.total.value).toBeGreaterThan(0);
  });

  test("an average Rocket.Chat gives without counts is not blended: each source keeps its value", async () => {
    const q = new URLSearchParams({ source: "all", from: addDays(to, -6), to, granularity: "day" });
    const { status, body } = await api(`/api/metrics/chats.first_response_time?${q}`);
    expect(status).toBe(200);
    const r = body as MetricResponse;
    expect(r.total.value).toBeNull();
    expect(r.bySource?.livechat?.value).toBeGreaterThan(0);
    expect(r.bySource?.rocketchat?.value).toBeGreaterThan(0);
    expect(r.notes?.join(" ")).toMatch(/cannot be weighted/);
  });

  test("a metric only one source has is that source's numbers, and says so", async () => {
    const q = new URLSearchParams({ source: "all", from: addDays(to, -6), to, granularity: "day" });
    const { status, body } = await api(`/api/metrics/chats.csat?${q}`);
    expect(status).toBe(200);
    const r = body as MetricResponse;
    expect(r.sources).toEqual(["livechat"]);
    const lc = chatsIn(dataset.livechat, addDays(to, -6), to, "Europe/Warsaw", null);
    expect(r.total.parts).toMatchObject(expectedTotal(lc, "chats.csat", "livechat").parts!);
  });

  test("group or agent with source=all is refused", async () => {
    const q = new URLSearchParams({ source: "all", from: to, to, group: "1" });
    const { status, body } = await api(`/api/metrics/chats.total?${q}`);
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toMatch(/source=all/);
  });
});
