/**
 * The LiveChat metrics that rest on more than the chats' core fields — engagement, goals and the
 * ticket reports — compared over real HTTP with values computed in the test from the dataset's
 * chat extras and tickets, for random ranges, granularities, zones and groups.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { getDataset, type SimChat } from "../../simulator/dataset";
import { chatExtras } from "../../simulator/extras";
import { ticketsCreatedBetween, type SimTicket } from "../../simulator/tickets";
import {
  LIVECHAT_GROUPS,
  LIVECHAT_SERVICE_API_KEY,
  LIVECHAT_SERVICE_LOGIN,
} from "../../simulator/accounts";
import type { Granularity, MetricId, MetricResponse } from "../../lib/metrics/types";
import { signIn } from "../support/app-server";
import { chatsIn, keyOf, type ExpectedValues } from "../support/expected";

const appUrl = inject("appUrl");
const now = Date.parse(inject("now"));
const dataset = getDataset(now);
let cookie = "";

beforeAll(async () => {
  cookie = (
    await signIn(appUrl, "livechat", {
      login: LIVECHAT_SERVICE_LOGIN,
      apiKey: LIVECHAT_SERVICE_API_KEY,
    })
  ).cookie!;
});

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

type Event = { at: number; team: string; values: Record<string, number> };

/** Per-chat events (bucketed by chat start). */
function chatEvents(metric: MetricId, chats: SimChat[]): Event[] {
  return chats.map((c) => {
    const x = chatExtras(c);
    if (metric === "chats.engagement")
      return { at: c.startedAt, team: c.team, values: { [x.engagement]: 1 } };
    // chats.goals: plain goals only (sales trackers carry a currency).
    return {
      at: c.startedAt,
      team: c.team,
      values: { goals: x.goal && x.goal.currency === undefined ? 1 : 0 },
    };
  });
}

/** Every ticket known at `now`, whatever day it was created (solved/rated events may be later). */
function allTickets(): SimTicket[] {
  return ticketsCreatedBetween(dataset, Date.parse(`${dataset.firstDay}T00:00:00Z`), now + 1);
}
const TICKETS = allTickets();

function ticketEvents(metric: MetricId): Event[] {
  const out: Event[] = [];
  for (const t of TICKETS) {
    if (metric === "tickets.new") out.push({ at: t.createdAt, team: t.team, values: { n: 1 } });
    if (metric === "tickets.sources")
      out.push({ at: t.createdAt, team: t.team, values: { [t.source]: 1 } });
    if (metric === "tickets.solved" && t.solvedAt !== null && t.solvedAt <= now)
      out.push({ at: t.solvedAt, team: t.team, values: { n: 1 } });
    if (metric === "tickets.csat" && t.rating !== null && t.solvedAt !== null && t.solvedAt <= now)
      out.push({ at: t.solvedAt, team: t.team, values: { [t.rating]: 1 } });
  }
  return out;
}

function expectedOf(metric: MetricId, events: Event[]): ExpectedValues {
  const sum = (k: string) => events.reduce((s, e) => s + (e.values[k] ?? 0), 0);
  switch (metric) {
    case "chats.engagement": {
      const parts = {
        auto_invite: sum("auto_invite"),
        immediate_start: sum("immediate_start"),
        manual_invite: sum("manual_invite"),
      };
      const total = parts.auto_invite + parts.immediate_start + parts.manual_invite;
      return { value: total, count: total, parts };
    }
    case "tickets.sources": {
      const parts = { chat_window: sum("chat_window"), mail: sum("mail"), chat: sum("chat") };
      const total = parts.chat_window + parts.mail + parts.chat;
      return { value: total, count: total, parts };
    }
    case "tickets.csat": {
      const good = sum("good");
      const bad = sum("bad");
      return {
        value: good + bad ? (good / (good + bad)) * 100 : null,
        count: good + bad,
        parts: { good, bad },
      };
    }
    case "chats.goals":
      return { value: sum("goals"), count: sum("goals") };
    default:
      return { value: sum("n"), count: sum("n") };
  }
}

const METRICS_UNDER_TEST: MetricId[] = [
  "chats.engagement",
  "chats.goals",
  "tickets.new",
  "tickets.sources",
  "tickets.solved",
  "tickets.csat",
];

const cases = fc.sample(
  fc.record({
    metric: fc.constantFrom(...METRICS_UNDER_TEST),
    granularity: fc.constantFrom<Granularity>("hour", "day", "month"),
    endOffset: fc.integer({ min: 1, max: 300 }),
    len: fc.integer({ min: 1, max: 20 }),
    group: fc.option(
      fc.constantFrom(...LIVECHAT_GROUPS.filter((g) => g.id !== 0).map((g) => String(g.id))),
      { nil: null },
    ),
    tz: fc.constantFrom("Europe/Warsaw", "UTC", "America/New_York"),
  }),
  { seed: 777, numRuns: 14 },
);

describe("LiveChat extras match the dataset", () => {
  test.each(
    cases.map(
      (c) =>
        [
          `${c.metric} ${c.granularity} ${c.len}d −${c.endOffset} ${c.group ?? "all"} ${c.tz}`,
          c,
        ] as const,
    ),
  )("%s", async (_name, c) => {
    const days =
      c.granularity === "hour"
        ? Math.min(c.len, 3)
        : c.granularity === "month"
          ? 30 + c.len * 3
          : c.len;
    const to = addDays(dataset.lastDay, -c.endOffset);
    const from = addDays(to, -(days - 1));
    const q = new URLSearchParams({
      source: "livechat",
      from,
      to,
      granularity: c.granularity,
      tz: c.tz,
    });
    if (c.group) q.set("group", c.group);
    const res = await fetch(`${appUrl}/api/metrics/${c.metric}?${q}`, { headers: { cookie } });
    const r = (await res.json()) as MetricResponse;
    expect(res.status, JSON.stringify(r).slice(0, 300)).toBe(200);

    const inRange = (e: Event) => {
      const k = keyOf(e.at, "day", c.tz);
      return k >= from && k <= to && (c.group === null || e.team === c.group);
    };
    const events = (
      c.metric.startsWith("tickets.")
        ? ticketEvents(c.metric)
        : chatEvents(
            c.metric,
            chatsIn(dataset.livechat, addDays(from, -1), addDays(to, 1), "UTC", null),
          )
    ).filter(inRange);
    const byKey = new Map<string, Event[]>();
    for (const e of events) {
      const k = keyOf(e.at, c.granularity, c.tz);
      byKey.set(k, [...(byKey.get(k) ?? []), e]);
    }
    for (const b of r.buckets) {
      const e = expectedOf(c.metric, byKey.get(b.key) ?? []);
      expect(b.value === null ? null : Math.round(b.value * 100) / 100, b.key).toBe(
        e.value === null ? null : Math.round(e.value * 100) / 100,
      );
      expect(b.count, b.key).toBe(e.count);
      if (e.parts) expect(b.parts, b.key).toEqual(e.parts);
    }
    const total = expectedOf(c.metric, events);
    expect(r.total.count).toBe(total.count);
    if (total.parts) expect(r.total.parts).toEqual(total.parts);
  });
});
