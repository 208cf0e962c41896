/**
 * LiveChat source adapter: Chatlens metrics from LiveChat Reports API v2
 * (`GET /reports/chats/{total_chats,ratings,first_response_time,response_time}`).
 *
 * LiveChat honours our `timezone` and `group_by`. Hourly buckets over several days are
 * fetched one day at a time, because v2 only documents `"HH:00"` keys for a single day.
 */
import "server-only";
import { eachDay } from "../dates";
import { csat, sumCounts, weightedAverage } from "../metrics/aggregate";
import type { MetricId, MetricTotal, SourceTeam } from "../metrics/types";
import type { LiveChatClient, ReportQuery } from "../livechat/client";
import { UpstreamError } from "../upstream/errors";
import { layOnGrid, type BucketValues } from "./buckets";
import type { MetricSeries, MetricWindow, SourceAdapter } from "./types";

type Row = Record<string, unknown>;

/** Upstream key → our key. `day` is the requested day when the call covered one day. */
function normaliseKey(key: string, day: string | undefined): string | null {
  if (/^\d{2}:00$/.test(key) && day !== undefined) return `${day}T${key}`;
  if (/^\d{4}-\d{2}-\d{2} \d{2}:00$/.test(key)) return key.replace(" ", "T");
  if (/^\d{4}-\d{2}-\d{2}$/.test(key) || /^\d{4}-\d{2}$/.test(key)) return key;
  return null;
}

interface MetricPlan {
  endpoint: string;
  fetch: (client: LiveChatClient, q: ReportQuery) => Promise<Record<string, Row>>;
  toBucket: (row: Row) => BucketValues;
}

// The schemas guarantee these shapes; the casts only re-narrow the generic Row.
const PLANS: Record<MetricId, MetricPlan> = {
  "chats.total": {
    endpoint: "GET /reports/chats/total_chats",
    fetch: (c, q) => c.totalChats(q),
    toBucket: (row) => {
      const chats = (row as { chats: number }).chats;
      return { value: chats, count: chats };
    },
  },
  "chats.csat": {
    endpoint: "GET /reports/chats/ratings",
    fetch: (c, q) => c.ratings(q),
    toBucket: (row) => {
      const { good, bad } = row as { good: number; bad: number };
      return { value: csat(good, bad), count: good + bad, good, bad };
    },
  },
  "chats.first_response_time": {
    endpoint: "GET /reports/chats/first_response_time",
    fetch: (c, q) => c.firstResponseTime(q),
    toBucket: (row) => {
      const { count, seconds } = (
        row as { first_response_time: { count: number; seconds: number | null } }
      ).first_response_time;
      return { value: count === 0 ? null : seconds, count };
    },
  },
  "chats.response_time": {
    endpoint: "GET /reports/chats/response_time",
    fetch: (c, q) => c.responseTime(q),
    toBucket: (row) => {
      const { count, seconds } = (
        row as { avg_response_time: { count: number; seconds: number | null } }
      ).avg_response_time;
      return { value: count === 0 ? null : seconds, count };
    },
  },
};

/** Combines bucket values into the period total, by the metric's rule. */
export function totalOf(metric: MetricId, buckets: readonly BucketValues[]): MetricTotal {
  if (metric === "chats.total") {
    const count = sumCounts(buckets.map((b) => b.count));
    return { value: count, count };
  }
  if (metric === "chats.csat") {
    const good = buckets.reduce((n, b) => n + (b.good ?? 0), 0);
    const bad = buckets.reduce((n, b) => n + (b.bad ?? 0), 0);
    return { value: csat(good, bad), count: good + bad, good, bad };
  }
  return weightedAverage(buckets);
}

export function createLiveChatAdapter(client: LiveChatClient): SourceAdapter {
  async function fetchRows(metric: MetricId, window: MetricWindow) {
    const plan = PLANS[metric];
    const perDay = window.granularity === "hour" && window.from !== window.to;
    const calls = perDay
      ? eachDay(window.from, window.to).map((d) => ({ from: d, to: d }))
      : [{ from: window.from, to: window.to }];
    const group = window.group === null ? undefined : Number(window.group);
    const answers = await Promise.all(
      calls.map((c) =>
        plan.fetch(client, {
          dateFrom: c.from,
          dateTo: c.to,
          timezone: window.timezone,
          groupBy: window.granularity,
          group,
        }),
      ),
    );
    const rows = new Map<string, BucketValues>();
    answers.forEach((answer, i) => {
      const call = calls[i]!;
      for (const [rawKey, row] of Object.entries(answer)) {
        const key = normaliseKey(rawKey, call.from === call.to ? call.from : undefined);
        if (key === null) {
          throw new UpstreamError({
            vendor: "livechat",
            kind: "unexpected_shape",
            endpoint: plan.endpoint,
            message: `LiveChat sent an unknown bucket key "${rawKey.slice(0, 40)}" for ${plan.endpoint}`,
          });
        }
        rows.set(key, plan.toBucket(row));
      }
    });
    return rows;
  }

  const adapter: SourceAdapter = {
    id: "livechat",
    name: "LiveChat",
    teamLabel: "group",
    fixedTimezone: null,
    metrics: ["chats.total", "chats.csat", "chats.first_response_time", "chats.response_time"],

    async listTeams(): Promise<SourceTeam[]> {
      const groups = await client.groups();
      // Group 0 is "All operators", i.e. no filter; the UI offers that as "All groups".
      return groups.filter((g) => g.id !== 0).map((g) => ({ id: String(g.id), name: g.name }));
    },

    async fetchSeries(metric, window): Promise<MetricSeries> {
      const rows = await fetchRows(metric, window);
      const buckets = layOnGrid(rows, window, window.timezone);
      return { buckets, total: totalOf(metric, buckets), timezone: window.timezone };
    },

    async fetchTotal(metric, window) {
      const rows = await fetchRows(metric, { ...window, granularity: "day" });
      return totalOf(metric, [...rows.values()]);
    },
  };
  return adapter;
}
