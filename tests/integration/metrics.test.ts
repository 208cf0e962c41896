/**
 * Our API over real HTTP (built app + simulator) compared with values computed in the test
 * from the dataset's individual chats, for many random filter combinations and both sources.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { getDataset, type SimChat } from "../../simulator/dataset";
import {
  LIVECHAT_GROUPS,
  ROCKETCHAT_DEPARTMENTS,
  LIVECHAT_SERVICE_LOGIN,
  LIVECHAT_SERVICE_API_KEY,
} from "../../simulator/accounts";
import type { Granularity, MetricId, MetricResponse, SourceId } from "../../lib/metrics/types";
import { signIn } from "../support/app-server";
import { chatsIn, expectedBuckets, mean, merge } from "../support/expected";

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
  tz: string | undefined;
}

const LIVECHAT_METRICS: MetricId[] = [
  "chats.total",
  "chats.csat",
  "chats.first_response_time",
  "chats.response_time",
];
const ROCKETCHAT_METRICS: MetricId[] = [
  "chats.total",
  "chats.first_response_time",
  "chats.response_time",
];
const lastDay = dataset.lastDay;

const caseArb = (source: SourceId): fc.Arbitrary<Case> =>
  fc
    .record({
      metric: fc.constantFrom(...(source === "livechat" ? LIVECHAT_METRICS : ROCKETCHAT_METRICS)),
      granularity: fc.constantFrom<Granularity>("hour", "day", "day", "month"),
      endOffset: fc.integer({ min: 0, max: 330 }),
      group: fc.option(
        fc.constantFrom(
          ...(source === "livechat"
            ? LIVECHAT_GROUPS.filter((g) => g.id !== 0).map((g) => String(g.id))
            : ROCKETCHAT_DEPARTMENTS.map((d) => d._id)),
        ),
        { nil: null },
      ),
      tz: fc.constantFrom(undefined, "UTC", "America/New_York", "Asia/Kolkata"),
      len: fc.integer({ min: 1, max: 40 }),
    })
    .map(({ metric, granularity, endOffset, group, tz, len }) => {
      const days =
        granularity === "hour" ? Math.min(len, 3) : granularity === "month" ? 28 + len * 2 : len;
      const to = addDays(lastDay, -endOffset);
      return { source, metric, granularity, from: addDays(to, -(days - 1)), to, group, tz };
    });

const cases = [
  ...fc.sample(caseArb("livechat"), { seed: 20261121, numRuns: 14 }),
  ...fc.sample(caseArb("rocketchat"), { seed: 4242, numRuns: 12 }),
  // Rocket.Chat answers a single day hourly; these must be rolled up into one day / months.
  ...(["chats.total", "chats.first_response_time"] as const).flatMap((metric): Case[] => [
    {
      source: "rocketchat",
      metric,
      from: addDays(lastDay, -3),
      to: addDays(lastDay, -3),
      granularity: "day",
      group: null,
      tz: undefined,
    },
    {
      source: "rocketchat",
      metric,
      from: addDays(lastDay, -100),
      to: addDays(lastDay, -2),
      granularity: "month",
      group: ROCKETCHAT_DEPARTMENTS[0]!._id,
      tz: undefined,
    },
  ]),
];

function chatsOf(source: SourceId): SimChat[] {
  return source === "livechat" ? dataset.livechat : dataset.rocketchat;
}

const describeCase = (c: Case) =>
  `${c.source} ${c.metric} ${c.from}…${c.to} ${c.granularity} group=${c.group ?? "all"} tz=${c.tz ?? "default"}`;

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
    if (c.tz) params.set("tz", c.tz);
    const { status, body } = await api(`/api/metrics/${c.metric}?${params}`);
    expect(status, JSON.stringify(body)).toBe(200);
    const r = body as MetricResponse;

    const tz = c.source === "rocketchat" ? "UTC" : (c.tz ?? "Europe/Warsaw");
    expect(r.timezone).toBe(tz);
    expect(r).toMatchObject({
      metric: c.metric,
      source: c.source,
      from: c.from,
      to: c.to,
      granularity: c.granularity,
      group: c.group,
    });
    const inWindow = chatsIn(chatsOf(c.source), c.from, c.to, tz, c.group);
    const expected = expectedBuckets(inWindow, c.metric, c.source, c.granularity, tz);

    // Rocket.Chat's averages for months (and its totals) are whole seconds from the Productivity overview.
    const wholeSeconds = c.source === "rocketchat" && c.metric !== "chats.total";
    // …and so are a single day's (charts-data would answer that day hourly).
    const fromProductivity =
      c.granularity === "month" || (c.granularity === "day" && c.from === c.to);
    const bucketTolerance = wholeSeconds && fromProductivity ? 0.51 : 0.011;

    for (const b of r.buckets) {
      const e = expected.get(b.key) ?? { count: 0, good: 0, bad: 0, events: [] };
      if (c.metric === "chats.total") {
        expect(b.value, b.key).toBe(e.count);
      } else if (c.metric === "chats.csat") {
        expect([b.good, b.bad], b.key).toEqual([e.good, e.bad]);
        expect(b.count).toBe(e.good + e.bad);
        const csat = e.good + e.bad ? (e.good / (e.good + e.bad)) * 100 : null;
        if (csat === null) expect(b.value).toBeNull();
        else expect(Math.abs(b.value! - csat)).toBeLessThanOrEqual(0.006);
      } else {
        const m = mean(e.events);
        if (m === null) expect(b.value, b.key).toBeNull();
        else expect(Math.abs(b.value! - m), b.key).toBeLessThanOrEqual(bucketTolerance);
        if (c.source === "livechat") expect(b.count, b.key).toBe(e.events.length);
        else expect(b.count).toBeNull();
      }
    }
    // Every chat of the window lands in a bucket we returned.
    const returned = new Set(r.buckets.map((b) => b.key));
    for (const key of expected.keys())
      expect(returned.has(key), `bucket ${key} missing`).toBe(true);

    const checkTotal = (total: MetricResponse["total"], all: ReturnType<typeof merge>) => {
      if (c.metric === "chats.total")
        return expect(total).toEqual({ value: all.count, count: all.count });
      if (c.metric === "chats.csat") {
        expect([total.good, total.bad, total.count]).toEqual([
          all.good,
          all.bad,
          all.good + all.bad,
        ]);
        return;
      }
      const m = mean(all.events);
      if (m === null) return expect(total.value).toBeNull();
      expect(Math.abs(total.value! - m)).toBeLessThanOrEqual(wholeSeconds ? 0.51 : 0.011);
      expect(total.count).toBe(c.source === "livechat" ? all.events.length : null);
    };
    checkTotal(r.total, merge(expected.values()));

    expect(r.previous).toBeDefined();
    const len =
      r.buckets.length > 0
        ? Math.round((Date.parse(c.to) - Date.parse(c.from)) / 86_400_000) + 1
        : 0;
    expect(r.previous!.to).toBe(addDays(c.from, -1));
    expect(r.previous!.from).toBe(addDays(c.from, -len));
    const prevChats = chatsIn(chatsOf(c.source), r.previous!.from, r.previous!.to, tz, c.group);
    checkTotal(
      r.previous!.total,
      merge(expectedBuckets(prevChats, c.metric, c.source, "day", tz).values()),
    );
  });
});
