/**
 * Rocket.Chat source adapter: Chatlens metrics from the Omnichannel analytics API.
 *
 * - Buckets: `GET /api/v1/livechat/analytics/dashboards/charts-data` (Total_conversations,
 *   Avg_first_response_time, Avg_response_time). Rocket.Chat has no time-zone parameter and
 *   cuts days in its reporting zone (UTC by default) — so this source always reports UTC.
 * - Averages come without counts, so they cannot be re-weighted: period totals (and monthly
 *   buckets) of the two time metrics come from `GET /api/v1/livechat/analytics/overview`
 *   `name=Productivity`, which Rocket.Chat computes over the whole window (whole seconds).
 * - Charts report 0 where no conversation qualified; averages here only include truthy
 *   values, so 0 means "no data" and becomes null.
 * - CSAT is not available: the analytics API reports no ratings.
 */
import "server-only";
import { addDays, eachDay } from "../dates";
import { parseHhMmSs, sumCounts } from "../metrics/aggregate";
import type { MetricId, MetricTotal, SourceTeam } from "../metrics/types";
import type { RocketChatClient } from "../rocketchat/client";
import type { ChartName } from "../rocketchat/schemas";
import { UpstreamError } from "../upstream/errors";
import { layOnGrid, type BucketValues } from "./buckets";
import type { MetricSeries, MetricWindow, SourceAdapter } from "./types";

const ROCKETCHAT_TIMEZONE = "UTC";
const CHARTS_ENDPOINT = "GET /api/v1/livechat/analytics/dashboards/charts-data";
const OVERVIEW_ENDPOINT = "GET /api/v1/livechat/analytics/overview";

const CHART: Partial<Record<MetricId, ChartName>> = {
  "chats.total": "Total_conversations",
  "chats.first_response_time": "Avg_first_response_time",
  "chats.response_time": "Avg_response_time",
};
const PRODUCTIVITY_TITLE: Partial<Record<MetricId, string>> = {
  "chats.first_response_time": "Avg_first_response_time",
  "chats.response_time": "Avg_response_time",
};

function shapeError(endpoint: string, message: string): UpstreamError {
  return new UpstreamError({ vendor: "rocketchat", kind: "unexpected_shape", endpoint, message });
}

/** `"1AM-1AM"` (6.12+) or `"1AM-2AM"` (older) → hour 0–23 of the bucket's start. */
export function hourOfLabel(label: string): number | null {
  const m = /^(\d{1,2})(AM|PM)\b/.exec(label.trim());
  if (!m) return null;
  const h = Number(m[1]);
  if (h < 1 || h > 12) return null;
  return (h % 12) + (m[2] === "PM" ? 12 : 0);
}

/** `"10/1"` → the `YYYY-MM-DD` among `candidates` with that month and day, or null. */
export function dateOfLabel(label: string, candidates: readonly string[]): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})$/.exec(label.trim());
  if (!m) return null;
  const [month, day] = [Number(m[1]), Number(m[2])];
  return (
    candidates.find((c) => Number(c.slice(5, 7)) === month && Number(c.slice(8, 10)) === day) ??
    null
  );
}

export function createRocketChatAdapter(client: RocketChatClient): SourceAdapter {
  const department = (w: { group: string | null }) => (w.group === null ? undefined : w.group);

  function toValues(metric: MetricId, point: number): BucketValues {
    if (metric === "chats.total") return { value: point, count: point };
    return { value: point === 0 ? null : point, count: null };
  }

  /**
   * Rows from charts-data: hourly (one call per day) for `granularity: "hour"`, else daily.
   * Callers never ask for a single day daily: charts-data answers one day hourly.
   */
  async function chartRows(
    metric: MetricId,
    window: MetricWindow,
  ): Promise<Map<string, BucketValues>> {
    const chartName = CHART[metric];
    if (!chartName) throw new Error(`Rocket.Chat cannot provide ${metric}`);
    const rows = new Map<string, BucketValues>();
    if (window.granularity === "hour") {
      const days = eachDay(window.from, window.to);
      const answers = await Promise.all(
        days.map((d) =>
          client.chartsData({ chartName, start: d, end: d, departmentId: department(window) }),
        ),
      );
      answers.forEach((answer, i) => {
        answer.dataLabels.forEach((label, j) => {
          const hour = hourOfLabel(label);
          if (hour === null)
            throw shapeError(CHARTS_ENDPOINT, `unknown hourly label "${label.slice(0, 20)}"`);
          rows.set(
            `${days[i]}T${String(hour).padStart(2, "0")}:00`,
            toValues(metric, answer.dataPoints[j]!),
          );
        });
      });
      return rows;
    }
    const answer = await client.chartsData({
      chartName,
      start: window.from,
      end: window.to,
      departmentId: department(window),
    });
    // Labels are M/D without a year; match them against the days around the window.
    const candidates = eachDay(addDays(window.from, -1), addDays(window.to, 1));
    answer.dataLabels.forEach((label, j) => {
      const date = dateOfLabel(label, candidates);
      if (date === null)
        throw shapeError(CHARTS_ENDPOINT, `unknown daily label "${label.slice(0, 20)}"`);
      if (date < window.from || date > window.to) return;
      rows.set(date, toValues(metric, answer.dataPoints[j]!));
    });
    return rows;
  }

  /** Rocket.Chat's own average over [from, to] from the Productivity overview. */
  async function productivity(
    metric: MetricId,
    w: { from: string; to: string; group: string | null },
  ) {
    const title = PRODUCTIVITY_TITLE[metric];
    if (!title) throw new Error(`no Productivity item for ${metric}`);
    const items = await client.overview({
      name: "Productivity",
      from: w.from,
      to: w.to,
      departmentId: department(w),
    });
    const item = items.find((i) => i.title === title);
    if (!item) throw shapeError(OVERVIEW_ENDPOINT, `Productivity has no ${title}`);
    const seconds = typeof item.value === "number" ? item.value : parseHhMmSs(item.value);
    if (seconds === null) throw shapeError(OVERVIEW_ENDPOINT, `${title} is not HH:MM:SS`);
    // "00:00:00" is what Rocket.Chat answers when no conversation had a response.
    return seconds === 0 ? null : seconds;
  }

  /** Averages per month (or for one day) cannot be built from unweighted points: ask Rocket.Chat. */
  async function productivityRows(
    metric: MetricId,
    window: MetricWindow,
  ): Promise<Map<string, BucketValues>> {
    const periods = periodsOf(window);
    const values = await Promise.all(
      periods.map((p) => productivity(metric, { ...p, group: window.group })),
    );
    return new Map(periods.map((p, i) => [p.key, { value: values[i] ?? null, count: null }]));
  }

  /** Conversation counts for the window, rolled up from the finest grain charts-data gives. */
  async function countRows(w: MetricWindow): Promise<Map<string, BucketValues>> {
    const hourly = w.granularity === "hour" || w.from === w.to;
    const rows = await chartRows("chats.total", { ...w, granularity: hourly ? "hour" : "day" });
    return rollUp(rows, KEY_LENGTH[w.granularity]);
  }

  async function total(
    metric: MetricId,
    w: { from: string; to: string; group: string | null },
  ): Promise<MetricTotal> {
    if (metric === "chats.total") {
      const rows = await countRows({ ...w, granularity: "day", timezone: ROCKETCHAT_TIMEZONE });
      const count = sumCounts([...rows.values()].map((r) => r.count));
      return { value: count, count };
    }
    return { value: await productivity(metric, w), count: null };
  }

  const adapter: SourceAdapter = {
    id: "rocketchat",
    name: "Rocket.Chat",
    teamLabel: "department",
    fixedTimezone: ROCKETCHAT_TIMEZONE,
    metrics: ["chats.total", "chats.first_response_time", "chats.response_time"],

    async listTeams(): Promise<SourceTeam[]> {
      const departments = await client.departments();
      return departments.map((d) => ({ id: d._id, name: d.name }));
    },

    async fetchSeries(metric, requested): Promise<MetricSeries> {
      const window: MetricWindow = { ...requested, timezone: ROCKETCHAT_TIMEZONE };
      if (metric === "chats.total") {
        const byBucket = await countRows(window);
        const count = sumCounts([...byBucket.values()].map((r) => r.count));
        return {
          buckets: layOnGrid(byBucket, window, ROCKETCHAT_TIMEZONE),
          total: { value: count, count },
          timezone: ROCKETCHAT_TIMEZONE,
        };
      }
      const monthlyOrOneDay =
        window.granularity === "month" ||
        (window.granularity === "day" && window.from === window.to);
      const [rows, periodTotal] = await Promise.all([
        monthlyOrOneDay ? productivityRows(metric, window) : chartRows(metric, window),
        total(metric, window),
      ]);
      return {
        buckets: layOnGrid(rows, window, ROCKETCHAT_TIMEZONE),
        total: periodTotal,
        timezone: ROCKETCHAT_TIMEZONE,
      };
    },

    fetchTotal: (metric, window) => total(metric, window),
  };
  return adapter;
}

/** Length of our bucket keys: `YYYY-MM-DDTHH:00`, `YYYY-MM-DD`, `YYYY-MM`. */
const KEY_LENGTH: Record<MetricWindow["granularity"], number> = { hour: 16, day: 10, month: 7 };

/** Sums counts of finer rows into buckets whose key is the first `keyLength` characters. */
function rollUp(rows: Map<string, BucketValues>, keyLength: number): Map<string, BucketValues> {
  const out = new Map<string, BucketValues>();
  for (const [key, row] of rows) {
    const bucket = key.slice(0, keyLength);
    const count = sumCounts([out.get(bucket)?.count ?? null, row.count]);
    out.set(bucket, { value: count, count });
  }
  return out;
}

/** The window cut into calendar months (clipped to the window), or one day. */
function periodsOf(window: MetricWindow): { key: string; from: string; to: string }[] {
  if (window.granularity !== "month")
    return [{ key: window.from, from: window.from, to: window.to }];
  const out: { key: string; from: string; to: string }[] = [];
  for (const d of eachDay(window.from, window.to)) {
    const key = d.slice(0, 7);
    const last = out.at(-1);
    if (last?.key === key) last.to = d;
    else out.push({ key, from: d, to: d });
  }
  return out;
}
