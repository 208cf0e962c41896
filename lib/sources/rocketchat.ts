/**
 * Rocket.Chat source adapter: Chatlens metrics from the Omnichannel analytics API
 * (`shared/seeds/001_…`, `003_…`; semantics in `shared/reference/rocketchat-analytics.md`).
 *
 * - Buckets: `GET /api/v1/livechat/analytics/dashboards/charts-data`, all seven charts.
 *   Rocket.Chat has no time-zone parameter and cuts days in its reporting zone (UTC by
 *   default) — so this source always reports UTC.
 * - Averages come without counts, so they cannot be re-weighted: period totals (and monthly
 *   buckets) of first response, response (per conversation) and reaction time come from
 *   `GET /api/v1/livechat/analytics/overview` `name=Productivity`, which Rocket.Chat computes
 *   over the whole window (whole seconds). Chat duration has no such total: its days are
 *   weighted by their conversations (`notes` says so). Best first response time is a minimum,
 *   so it rolls up exactly.
 * - Charts report 0 where no conversation qualified; averages and minimums only include
 *   truthy values, so 0 means "no data" and becomes null.
 * - Per agent: `GET /api/v1/livechat/analytics/agent-overview` for all seven names, whose
 *   values are strings (`"71.43%"`, `"HH:MM:SS"`) except Total_messages.
 * - CSAT is not available: the analytics API reports no ratings.
 */
import "server-only";
import { addDays, eachDay } from "../dates";
import { parseHhMmSs } from "../metrics/aggregate";
import { combine, KEY_LENGTH, rollUp, type Values } from "../metrics/combine";
import type { ColumnDefinition, MetricId, SourceAgent, SourceTeam } from "../metrics/types";
import type { RocketChatClient } from "../rocketchat/client";
import type { ChartName } from "../rocketchat/schemas";
import { UpstreamError } from "../upstream/errors";
import { layOnGrid, type BucketValues } from "./buckets";
import type { MetricSeries, MetricWindow, SourceAdapter, ViewWindow } from "./types";

const ROCKETCHAT_TIMEZONE = "UTC";
const CHARTS_ENDPOINT = "GET /api/v1/livechat/analytics/dashboards/charts-data";
const OVERVIEW_ENDPOINT = "GET /api/v1/livechat/analytics/overview";

const AGENT_OVERVIEW_ENDPOINT = "GET /api/v1/livechat/analytics/agent-overview";

const CHART: Partial<Record<MetricId, ChartName>> = {
  "chats.total": "Total_conversations",
  "chats.messages": "Total_messages",
  "chats.duration": "Avg_chat_duration",
  "chats.first_response_time": "Avg_first_response_time",
  "chats.best_first_response_time": "Best_first_response_time",
  "chats.conversation_response_time": "Avg_response_time",
  "chats.reaction_time": "Avg_reaction_time",
};
const PRODUCTIVITY_TITLE: Partial<Record<MetricId, string>> = {
  "chats.first_response_time": "Avg_first_response_time",
  "chats.conversation_response_time": "Avg_response_time",
  "chats.reaction_time": "Avg_reaction_time",
};
const COUNT_METRICS = new Set<MetricId>(["chats.total", "chats.messages"]);
const METRIC_LIST = Object.keys(CHART) as MetricId[];
const DURATION_NOTE =
  "Rocket.Chat reports chat duration without a count: days are weighted by their conversations.";

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
    if (COUNT_METRICS.has(metric)) return { value: point, count: point };
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

  /** Rows at the finest grain charts-data gives for the window: hours for one day, else days. */
  function fineRows(metric: MetricId, w: MetricWindow) {
    const hourly = w.granularity === "hour" || w.from === w.to;
    return chartRows(metric, { ...w, granularity: hourly ? "hour" : "day" });
  }

  /** Chat duration rows, each weighted by its bucket's conversations. */
  async function durationRows(w: MetricWindow): Promise<Map<string, BucketValues>> {
    const [durations, conversations] = await Promise.all([
      fineRows("chats.duration", w),
      fineRows("chats.total", w),
    ]);
    const rows = new Map<string, BucketValues>();
    for (const [key, row] of durations) {
      rows.set(key, {
        value: row.value,
        count: row.value === null ? 0 : (conversations.get(key)?.count ?? 0),
      });
    }
    return rows;
  }

  /** Metrics that roll up exactly from fine rows (sums, minimums, weighted durations). */
  async function rolledRows(metric: MetricId, w: MetricWindow) {
    const fine = metric === "chats.duration" ? await durationRows(w) : await fineRows(metric, w);
    return { fine, rows: rollUp(metric, fine, KEY_LENGTH[w.granularity]) };
  }

  async function total(
    metric: MetricId,
    w: { from: string; to: string; group: string | null },
  ): Promise<Values> {
    if (PRODUCTIVITY_TITLE[metric]) return { value: await productivity(metric, w), count: null };
    const window: MetricWindow = {
      ...w,
      granularity: "day",
      timezone: ROCKETCHAT_TIMEZONE,
      agent: null,
    };
    const { fine } = await rolledRows(metric, window);
    return combine(metric, [...fine.values()]);
  }

  async function listAgents(): Promise<SourceAgent[]> {
    const users = await client.agents();
    return users.map((u) => ({ id: u.username, name: u.name ?? u.username }));
  }

  const adapter: SourceAdapter = {
    id: "rocketchat",
    name: "Rocket.Chat",
    teamLabel: "department",
    fixedTimezone: ROCKETCHAT_TIMEZONE,
    metrics: METRIC_LIST,
    agentFilterMetrics: [],

    async listTeams(): Promise<SourceTeam[]> {
      const departments = await client.departments();
      return departments.map((d) => ({ id: d._id, name: d.name }));
    },

    listAgents,

    async fetchSeries(metric, requested): Promise<MetricSeries> {
      const window: MetricWindow = { ...requested, timezone: ROCKETCHAT_TIMEZONE, agent: null };
      if (!PRODUCTIVITY_TITLE[metric]) {
        const { fine, rows } = await rolledRows(metric, window);
        return {
          buckets: layOnGrid(rows, window, ROCKETCHAT_TIMEZONE),
          total: combine(metric, [...fine.values()]),
          timezone: ROCKETCHAT_TIMEZONE,
          ...(metric === "chats.duration" ? { notes: [DURATION_NOTE] } : {}),
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

    async fetchSeriesWithPrevious(metric, requested, previous) {
      const window: MetricWindow = { ...requested, timezone: ROCKETCHAT_TIMEZONE, agent: null };
      const daily = window.granularity !== "hour" && window.from !== window.to;
      const adjacent = addDays(previous.to, 1) === window.from;
      if (PRODUCTIVITY_TITLE[metric] || !daily || !adjacent) {
        const [series, previousTotal] = await Promise.all([
          adapter.fetchSeries(metric, requested),
          total(metric, { ...window, ...previous }),
        ]);
        return { series, previousTotal };
      }
      // One daily charts-data call over both periods instead of one per period.
      const { fine } = await rolledRows(metric, {
        ...window,
        from: previous.from,
        granularity: "day",
      });
      const current = new Map([...fine].filter(([day]) => day >= window.from));
      const before = [...fine].filter(([day]) => day < window.from).map(([, v]) => v);
      return {
        series: {
          buckets: layOnGrid(
            rollUp(metric, current, KEY_LENGTH[window.granularity]),
            window,
            ROCKETCHAT_TIMEZONE,
          ),
          total: combine(metric, [...current.values()]),
          timezone: ROCKETCHAT_TIMEZONE,
          ...(metric === "chats.duration" ? { notes: [DURATION_NOTE] } : {}),
        },
        previousTotal: combine(metric, before),
      };
    },

    async agentTable(w: ViewWindow) {
      const names = [
        "Total_conversations",
        "Avg_chat_duration",
        "Total_messages",
        "Avg_first_response_time",
        "Best_first_response_time",
        "Avg_response_time",
        "Avg_reaction_time",
      ] as const;
      const [answers, agents] = await Promise.all([
        Promise.all(
          names.map((name) =>
            client.agentOverview({ name, from: w.from, to: w.to, departmentId: department(w) }),
          ),
        ),
        listAgents(),
      ]);
      const displayName = new Map(agents.map((a) => [a.id, a.name]));
      const rows = new Map<string, Record<string, number | null>>();
      answers.forEach((answer, i) => {
        const column = AGENT_COLUMNS[i]!.id;
        // `{"success": true}` alone: Rocket.Chat's answer to a name or date it did not accept.
        if (!("data" in answer))
          throw shapeError(AGENT_OVERVIEW_ENDPOINT, `no data for ${names[i]}`);
        for (const item of answer.data) {
          const values = rows.get(item.name) ?? {};
          values[column] = parseAgentValue(item.value);
          rows.set(item.name, values);
        }
      });
      return {
        source: "rocketchat",
        from: w.from,
        to: w.to,
        group: w.group,
        columns: AGENT_COLUMNS,
        rows: [...rows].map(([agent, values]) => ({
          agent,
          name: displayName.get(agent) ?? agent,
          values: Object.fromEntries(AGENT_COLUMNS.map((c) => [c.id, values[c.id] ?? null])),
        })),
      };
    },
  };
  return adapter;
}

const AO = (name: string) => `GET /api/v1/livechat/analytics/agent-overview name=${name}`;

/** Columns of the Rocket.Chat agent table, in agent-overview name order. */
const AGENT_COLUMNS: ColumnDefinition[] = [
  {
    id: "conversations_share",
    label: "Share of conversations",
    unit: "percent",
    direction: "neutral",
    definition: `Share of served conversations this agent served (${AO("Total_conversations")}; Rocket.Chat reports a percentage, not a count).`,
  },
  {
    id: "chat_duration",
    label: "Chat duration",
    unit: "seconds",
    direction: "neutral",
    definition: `Average duration of this agent's closed conversations (${AO("Avg_chat_duration")}).`,
  },
  {
    id: "messages",
    label: "Agent messages",
    unit: "count",
    direction: "neutral",
    definition: `Messages this agent sent in the conversations they served (${AO("Total_messages")}).`,
  },
  {
    id: "first_response_time",
    label: "First response time",
    unit: "seconds",
    direction: "lower_is_better",
    definition: `Average first response time, credited to the agent who responded first (${AO("Avg_first_response_time")}).`,
  },
  {
    id: "best_first_response_time",
    label: "Best first response time",
    unit: "seconds",
    direction: "lower_is_better",
    definition: `This agent's fastest first response (${AO("Best_first_response_time")}).`,
  },
  {
    id: "conversation_response_time",
    label: "Response time (per conversation)",
    unit: "seconds",
    direction: "lower_is_better",
    definition: `Average of each served conversation's average reply time (${AO("Avg_response_time")}).`,
  },
  {
    id: "reaction_time",
    label: "Reaction time",
    unit: "seconds",
    direction: "lower_is_better",
    definition: `Average time from assignment to this agent's first message (${AO("Avg_reaction_time")}).`,
  },
];

/**
 * agent-overview values: `"71.43%"` → 71.43, `"00:01:40"` → 100 (seconds), `25` or `"25"`
 * (Total_messages; the documented example sends a string) → 25; anything else → null.
 */
export function parseAgentValue(value: string | number): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  const text = value.trim();
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (percent) return Number(percent[1]);
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
  return parseHhMmSs(text);
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
