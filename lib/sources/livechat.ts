/**
 * LiveChat source adapter: Chatlens metrics and views from LiveChat Reports API v2 and REST
 * API v2 (`shared/seeds/000_…`, `002_…`, `004_…`; notes in `shared/reference/livechat-api.md`).
 *
 * - Series: one report per metric (`PLANS`), with its own quirks: `groups[]`/`agents[]` on
 *   not_replied_chats, no `group_by` on availability/chatting_time (minutes per hour for one
 *   day, hours per day otherwise), ticket times in decimal hours. Everything is converted to
 *   seconds. Hourly buckets over several days are fetched one day at a time, because v2 only
 *   documents `"HH:00"` keys for a single day; finer answers are rolled up to the requested
 *   granularity with the metric's aggregation rule.
 * - Views: ratings rankings, agents occupancy (one call per weekday), the chat archive
 *   (25 per page) and a chat's transcript, the ticket list, and a per-agent table.
 */
import "server-only";
import { addDays, eachDay, startOfDayIn } from "../dates";
import { combine, KEY_LENGTH, rollUp, type Values } from "../metrics/combine";
import type {
  AgentTableResponse,
  ChatMessage,
  ChatSummary,
  ColumnDefinition,
  MetricId,
  OccupancyResponse,
  SourceAgent,
  SourceTeam,
  TicketListResponse,
} from "../metrics/types";
import { METRICS } from "../metrics/definitions";
import type { LiveChatClient, LiveChatReportName, ReportQuery } from "../livechat/client";
import { UpstreamError } from "../upstream/errors";
import { layOnGrid } from "./buckets";
import type {
  ArchiveFilters,
  MetricSeries,
  MetricWindow,
  SourceAdapter,
  ViewWindow,
} from "./types";

type Row = Record<string, unknown>;

const HOUR = 3600;

/** Upstream key → our key. `day` is the requested day when the call covered one day. */
function normaliseKey(key: string, day: string | undefined): string | null {
  if (/^\d{2}:00$/.test(key) && day !== undefined) return `${day}T${key}`;
  if (/^\d{4}-\d{2}-\d{2} \d{2}:00$/.test(key)) return key.replace(" ", "T");
  if (/^\d{4}-\d{2}-\d{2}$/.test(key) || /^\d{4}-\d{2}$/.test(key)) return key;
  return null;
}

interface MetricPlan {
  report: LiveChatReportName;
  toValues: (row: Row) => Values;
}

const num = (v: unknown): number => (typeof v === "number" ? v : 0);
const nullableNum = (v: unknown): number | null => (typeof v === "number" ? v : null);
const obj = (v: unknown): Row => (typeof v === "object" && v !== null ? (v as Row) : {});

/** `{count, seconds|null}` (or `{count, hours|null}` × 3600) → value/count; null when count is 0. */
function average(count: number, value: number | null): Values {
  return { value: count === 0 ? null : value, count };
}

/** `{hours}` per day or `{minutes}` per hour → seconds. */
function hoursOrMinutes(row: Row): Values {
  const seconds = "minutes" in row ? num(row.minutes) * 60 : num(row.hours) * HOUR;
  return { value: seconds, count: null };
}

function waitStats(row: Row) {
  const s = obj(row);
  return {
    count: num(s.count),
    average: nullableNum(obj(s.average).seconds),
    max: nullableNum(obj(s.max).seconds),
  };
}

// The schemas guarantee these shapes; the readers only re-narrow the generic Row.
const PLANS: Partial<Record<MetricId, MetricPlan>> = {
  "chats.total": {
    report: "total_chats",
    toValues: (r) => ({ value: num(r.chats), count: num(r.chats) }),
  },
  "chats.missed": {
    report: "not_replied_chats",
    toValues: (r) => ({ value: num(r.not_replied), count: num(r.not_replied) }),
  },
  "chats.engagement": {
    report: "engagement",
    toValues: (r) => {
      const parts = {
        auto_invite: num(r.chats_from_auto_invite),
        immediate_start: num(r.chats_from_immediate_start),
        manual_invite: num(r.chats_from_manual_invite),
      };
      const total = parts.auto_invite + parts.immediate_start + parts.manual_invite;
      return { value: total, count: total, parts };
    },
  },
  "chats.queued": {
    report: "queued_visitors",
    toValues: (r) => {
      const queued = num(obj(r.queued).count);
      return {
        value: queued,
        count: queued,
        parts: {
          entered_chat: num(obj(r.entered_chat).count),
          left_queue: num(obj(r.left_queue).count),
        },
      };
    },
  },
  "chats.queue_waiting_time": {
    report: "waiting_times",
    toValues: (r) => {
      const queued = waitStats(obj(r.queued));
      const entered = waitStats(obj(r.entered_chat));
      const left = waitStats(obj(r.left_queue));
      return {
        ...average(queued.count, queued.average),
        parts: {
          entered_chat: entered.count === 0 ? null : entered.average,
          left_queue: left.count === 0 ? null : left.average,
          max: queued.count === 0 ? null : queued.max,
        },
        weights: { entered_chat: entered.count, left_queue: left.count },
      };
    },
  },
  "chats.goals": {
    report: "goals",
    toValues: (r) => ({ value: num(r.goals), count: num(r.goals) }),
  },
  "chats.greeting_conversion": {
    report: "greetings",
    toValues: (r) => {
      const displayed = num(r.displayed);
      const accepted = num(r.accepted);
      return {
        value: displayed === 0 ? null : (accepted / displayed) * 100,
        count: displayed,
        parts: { displayed, accepted, goals: num(r.goals) },
      };
    },
  },
  "chats.csat": {
    report: "ratings",
    toValues: (r) => {
      const [good, bad] = [num(r.good), num(r.bad)];
      return {
        value: good + bad === 0 ? null : (good / (good + bad)) * 100,
        count: good + bad,
        parts: { good, bad, chats: num(r.chats) },
      };
    },
  },
  "chats.first_response_time": {
    report: "first_response_time",
    toValues: (r) => {
      const frt = obj(r.first_response_time);
      return average(num(frt.count), nullableNum(frt.seconds));
    },
  },
  "chats.response_time": {
    report: "response_time",
    toValues: (r) => {
      const rt = obj(r.avg_response_time);
      return average(num(rt.count), nullableNum(rt.seconds));
    },
  },
  "agents.chatting_time": { report: "chatting_time", toValues: hoursOrMinutes },
  "agents.availability": { report: "availability", toValues: hoursOrMinutes },
  "tickets.new": {
    report: "new_tickets",
    toValues: (r) => ({ value: num(r.new_tickets), count: num(r.new_tickets) }),
  },
  "tickets.solved": {
    report: "solved_tickets",
    toValues: (r) => ({ value: num(r.solved_tickets), count: num(r.solved_tickets) }),
  },
  "tickets.first_response_time": {
    report: "ticket_first_response_time",
    toValues: (r) => {
      const hours = nullableNum(r.hours);
      return average(num(r.count), hours === null ? null : hours * HOUR);
    },
  },
  "tickets.resolution_time": {
    report: "resolution_time",
    toValues: (r) => {
      const hours = nullableNum(r.hours);
      return average(num(r.count), hours === null ? null : hours * HOUR);
    },
  },
  "tickets.sources": {
    report: "ticket_sources",
    toValues: (r) => {
      const parts = {
        chat_window: num(r.tickets_from_chat_window),
        mail: num(r.tickets_from_mail),
        chat: num(r.tickets_from_chat),
      };
      const total = parts.chat_window + parts.mail + parts.chat;
      return { value: total, count: total, parts };
    },
  },
  "tickets.csat": {
    report: "ticket_ratings",
    toValues: (r) => {
      const [good, bad] = [num(r.good), num(r.bad)];
      return {
        value: good + bad === 0 ? null : (good / (good + bad)) * 100,
        count: good + bad,
        parts: { good, bad },
      };
    },
  },
};

const METRIC_LIST = Object.keys(PLANS) as MetricId[];
const AGENT_FILTER_METRICS = METRIC_LIST.filter((m) => METRICS[m].agentFilter.livechat);

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** Combines bucket values into the period total, by the metric's rule. */
export function totalOf(metric: MetricId, buckets: readonly Values[]): Values {
  return combine(metric, buckets);
}

function shapeError(endpoint: string, message: string): UpstreamError {
  return new UpstreamError({ vendor: "livechat", kind: "unexpected_shape", endpoint, message });
}

const RATES = { rated_good: "good", rated_bad: "bad" } as const;

export function createLiveChatAdapter(client: LiveChatClient): SourceAdapter {
  const groupOf = (g: string | null) => (g === null ? undefined : Number(g));

  async function fetchRows(metric: MetricId, window: MetricWindow): Promise<Map<string, Values>> {
    const plan = PLANS[metric];
    if (!plan) throw new Error(`LiveChat cannot provide ${metric}`);
    const perDay = window.granularity === "hour" && window.from !== window.to;
    const calls = perDay
      ? eachDay(window.from, window.to).map((d) => ({ from: d, to: d }))
      : [{ from: window.from, to: window.to }];
    const base: Omit<ReportQuery, "dateFrom" | "dateTo"> = {
      timezone: window.timezone,
      groupBy: window.granularity,
      group: groupOf(window.group),
      agent: window.agent ?? undefined,
    };
    const answers = await Promise.all(
      calls.map((c) => client.report(plan.report, { ...base, dateFrom: c.from, dateTo: c.to })),
    );
    const rows = new Map<string, Values>();
    answers.forEach((answer, i) => {
      const call = calls[i]!;
      for (const [rawKey, row] of Object.entries(answer as Record<string, Row>)) {
        const key = normaliseKey(rawKey, call.from === call.to ? call.from : undefined);
        if (key === null) {
          throw shapeError(
            plan.report,
            `LiveChat sent an unknown bucket key "${rawKey.slice(0, 40)}" for ${plan.report}`,
          );
        }
        rows.set(key, plan.toValues(row));
      }
    });
    // Reports without group_by answer per hour for one day and per day otherwise.
    return rollUp(metric, rows, KEY_LENGTH[window.granularity]);
  }

  async function listAgents(): Promise<SourceAgent[]> {
    const agents = await client.agents();
    return agents.map((a) => ({ id: a.login, name: a.name }));
  }

  async function agentsOfGroup(group: string | null): Promise<SourceAgent[]> {
    const all = await listAgents();
    if (group === null) return all;
    const groups = await client.groups();
    const members = new Set(groups.find((g) => String(g.id) === group)?.agents ?? []);
    return all.filter((a) => members.has(a.id));
  }

  const adapter: SourceAdapter = {
    id: "livechat",
    name: "LiveChat",
    teamLabel: "group",
    fixedTimezone: null,
    metrics: METRIC_LIST,
    agentFilterMetrics: AGENT_FILTER_METRICS,

    async listTeams(): Promise<SourceTeam[]> {
      const groups = await client.groups();
      // Group 0 is "All operators", i.e. no filter; the UI offers that as "All groups".
      return groups.filter((g) => g.id !== 0).map((g) => ({ id: String(g.id), name: g.name }));
    },

    listAgents,

    async fetchSeries(metric, window): Promise<MetricSeries> {
      const rows = await fetchRows(metric, window);
      const buckets = layOnGrid(rows, window, window.timezone);
      return { buckets, total: totalOf(metric, buckets), timezone: window.timezone };
    },

    async fetchTotal(metric, window) {
      const rows = await fetchRows(metric, { ...window, granularity: "day" });
      return totalOf(metric, [...rows.values()]);
    },

    async ranking(kind, w) {
      const [answer, agents] = await Promise.all([
        client.ranking(kind, { dateFrom: w.from, dateTo: w.to, group: groupOf(w.group) }),
        listAgents(),
      ]);
      const names = new Map(agents.map((a) => [a.id, a.name]));
      return {
        source: "livechat",
        kind,
        from: w.from,
        to: w.to,
        group: w.group,
        rows: answer.ranking.map((r) => ({
          agent: r.name,
          name: names.get(r.name) ?? r.name,
          good: r.good,
          bad: r.bad,
          total: r.total,
          score: r.score,
          csat: r.good + r.bad === 0 ? null : (r.good / (r.good + r.bad)) * 100,
        })),
      };
    },

    async agentTable(w: ViewWindow) {
      const agents = await agentsOfGroup(w.group);
      const ranking = await client.ranking("chats", {
        dateFrom: w.from,
        dateTo: w.to,
        group: groupOf(w.group),
      });
      const byAgent = new Map(ranking.ranking.map((r) => [r.name, r]));
      const window = { ...w, granularity: "day" as const };
      const total = (metric: MetricId, agent: string) =>
        adapter.fetchTotal(metric, { ...window, agent });
      const rows = await Promise.all(
        agents.map(async (a) => {
          const [chats, frt, availability, chatting] = await Promise.all([
            total("chats.total", a.id),
            total("chats.first_response_time", a.id),
            total("agents.availability", a.id),
            total("agents.chatting_time", a.id),
          ]);
          const r = byAgent.get(a.id);
          const rated = r ? r.good + r.bad : 0;
          return {
            agent: a.id,
            name: a.name,
            values: {
              chats: chats.value,
              first_response_time: frt.value === null ? null : Math.round(frt.value * 100) / 100,
              good: r?.good ?? 0,
              bad: r?.bad ?? 0,
              csat: rated === 0 ? null : Math.round(((r?.good ?? 0) / rated) * 10_000) / 100,
              availability: availability.value === null ? null : Math.round(availability.value),
              chatting_time: chatting.value === null ? null : Math.round(chatting.value),
            },
          };
        }),
      );
      const columns: ColumnDefinition[] = [
        col("chats", "Chats", "count", "neutral", "chats.total"),
        col(
          "first_response_time",
          "First response time",
          "seconds",
          "lower_is_better",
          "chats.first_response_time",
        ),
        col(
          "good",
          "Rated good",
          "count",
          "higher_is_better",
          null,
          "Chats rated good (GET /reports/chats/ratings/ranking).",
        ),
        col(
          "bad",
          "Rated bad",
          "count",
          "lower_is_better",
          null,
          "Chats rated bad (GET /reports/chats/ratings/ranking).",
        ),
        col("csat", "CSAT", "percent", "higher_is_better", "chats.csat"),
        col("availability", "Availability", "seconds", "higher_is_better", "agents.availability"),
        col("chatting_time", "Chatting time", "seconds", "neutral", "agents.chatting_time"),
      ];
      const table: Omit<AgentTableResponse, "fetchedAt"> = {
        source: "livechat",
        from: w.from,
        to: w.to,
        group: w.group,
        columns,
        rows,
      };
      return table;
    },

    async occupancy(w) {
      const answers = await Promise.all(
        WEEKDAYS.map((weekday) =>
          client.occupancy({
            weekday,
            dateFrom: w.from,
            dateTo: w.to,
            timezone: w.timezone,
            group: groupOf(w.group),
          }),
        ),
      );
      const cells: OccupancyResponse["cells"] = [];
      answers.forEach((answer, weekday) => {
        const perHour: number[][] = Array.from({ length: 24 }, () => []);
        for (const [key, n] of Object.entries(answer)) {
          const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}):00$/.exec(key);
          if (!m) throw shapeError("agents_occupancy", `unknown key "${key.slice(0, 30)}"`);
          if (m[1]! < w.from || m[1]! > w.to) continue;
          perHour[Number(m[2])]?.push(n);
        }
        perHour.forEach((values, hour) => {
          cells.push({
            weekday,
            hour,
            max: values.length === 0 ? null : Math.max(...values),
            mean:
              values.length === 0
                ? null
                : Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 100) / 100,
            days: values.length,
          });
        });
      });
      return {
        source: "livechat",
        from: w.from,
        to: w.to,
        group: w.group,
        timezone: w.timezone,
        cells,
      };
    },

    async archive(f: ArchiveFilters) {
      const [teams, agents] = await Promise.all([adapter.listTeams(), listAgents()]);
      const query = {
        dateFrom: f.from,
        dateTo: f.to,
        timezone: f.timezone,
        group: groupOf(f.group),
        agent: f.agent ?? undefined,
        type: f.type ?? undefined,
        rate: f.rate ?? undefined,
      };
      const toSummary = (c: ArchiveChat) => summarise(c, teams, agents);
      if (f.hour === null) {
        const page = await client.archive({ ...query, page: f.page });
        return {
          source: "livechat",
          from: f.from,
          to: f.to,
          hour: null,
          page: f.page,
          pages: page.pages,
          total: page.total,
          chats: page.chats.map(toSummary),
        };
      }
      // The archive filters by day only: read the whole day and keep the hour (≤ a few pages).
      const first = await client.archive({ ...query, page: 1 });
      const rest = await Promise.all(
        Array.from({ length: Math.max(0, first.pages - 1) }, (_, i) =>
          client.archive({ ...query, page: i + 2 }),
        ),
      );
      const start = startOfDayIn(f.from, f.timezone);
      const next = startOfDayIn(addDays(f.from, 1), f.timezone);
      const inHour = [first, ...rest]
        .flatMap((p) => p.chats)
        .filter((c) => {
          const t = (c.started_timestamp ?? 0) * 1000;
          return t >= start && t < next && hourIn(t, f.timezone) === f.hour;
        });
      const pages = Math.max(1, Math.ceil(inHour.length / 25));
      return {
        source: "livechat",
        from: f.from,
        to: f.to,
        hour: f.hour,
        page: f.page,
        pages,
        total: inHour.length,
        chats: inHour.slice((f.page - 1) * 25, f.page * 25).map(toSummary),
      };
    },

    async transcript(id) {
      const [chat, teams, agents] = await Promise.all([
        client.chat(id),
        adapter.listTeams(),
        listAgents(),
      ]);
      const messages: ChatMessage[] = (chat.messages ?? []).map((m) => ({
        author: m.author_name,
        role: ROLE[m.user_type] ?? "system",
        text: m.text,
        at: new Date(m.timestamp * 1000).toISOString(),
      }));
      return { source: "livechat", chat: { ...summarise(chat, teams, agents), messages } };
    },

    async tickets(w) {
      const [page, teams] = await Promise.all([
        client.tickets({
          dateFrom: w.from,
          dateTo: w.to,
          timezone: w.timezone,
          page: w.page,
          group: groupOf(w.group),
          status: w.status ?? undefined,
        }),
        adapter.listTeams(),
      ]);
      const teamName = new Map(teams.map((t) => [t.id, t.name]));
      const tickets: TicketListResponse["tickets"] = page.tickets.map((t) => ({
        id: t.id,
        subject: t.subject ?? "(no subject)",
        status: t.status,
        source: TICKET_SOURCE[t.source.type] ?? "other",
        createdAt: instant(t.date ?? t.events[0]?.date ?? t.modified),
        requester: t.requester.name || t.requester.mail,
        assignee: t.assignee ? { id: t.assignee.id, name: t.assignee.name ?? t.assignee.id } : null,
        groups: t.groups.map((g) => {
          const id = String(typeof g === "number" ? g : g.id);
          const fallback = typeof g === "number" ? `Group ${g}` : g.name;
          return { id, name: teamName.get(id) ?? fallback };
        }),
      }));
      return {
        source: "livechat",
        from: w.from,
        to: w.to,
        page: w.page,
        pages: page.pages,
        total: page.total,
        tickets,
      };
    },
  };
  return adapter;
}

function col(
  id: string,
  label: string,
  unit: ColumnDefinition["unit"],
  direction: ColumnDefinition["direction"],
  metric: MetricId | null,
  definition?: string,
): ColumnDefinition {
  return {
    id,
    label,
    unit,
    direction,
    definition:
      definition ??
      (metric
        ? `${METRICS[metric].definition} (${METRICS[metric].upstream.livechat}, per agent)`
        : ""),
  };
}

const ROLE: Record<string, ChatMessage["role"]> = {
  agent: "agent",
  visitor: "visitor",
  supervisor: "supervisor",
};

/** LiveChat ticket `source.type` → our `tickets.sources` part. */
const TICKET_SOURCE: Record<string, TicketListResponse["tickets"][number]["source"]> = {
  lc2: "chat",
  "chat-window": "chat_window",
  mail: "mail",
};

/** Ticket instants: ISO strings, or epoch seconds in older payloads. */
function instant(value: string | number): string {
  return new Date(typeof value === "number" ? value * 1000 : value).toISOString();
}

function hourIn(epochMs: number, timezone: string): number {
  const text = new Intl.DateTimeFormat("en-GB", {
    timeZone: timezone,
    hour: "2-digit",
    hourCycle: "h23",
  }).format(epochMs);
  return Number(text);
}

type ArchiveChat = Awaited<ReturnType<LiveChatClient["archive"]>>["chats"][number];

function summarise(c: ArchiveChat, teams: SourceTeam[], agents: SourceAgent[]): ChatSummary {
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const agentName = new Map(agents.map((a) => [a.id, a.name]));
  const started = (c.started_timestamp ?? 0) * 1000;
  const ended = c.ended_timestamp === undefined ? null : c.ended_timestamp * 1000;
  const rate = c.rate ?? "not_rated";
  return {
    id: c.id,
    type: c.type === "missed_chat" ? "missed_chat" : "chat",
    startedAt: new Date(started).toISOString(),
    endedAt: ended === null ? null : new Date(ended).toISOString(),
    durationSeconds: c.duration ?? null,
    visitorName: c.visitor_name ?? "Visitor",
    agents: c.agents.map((a) => ({ id: a.email, name: agentName.get(a.email) ?? a.display_name })),
    groups: (c.group ?? []).map((id) => ({
      id: String(id),
      name: teamName.get(String(id)) ?? (id === 0 ? "All operators" : `Group ${id}`),
    })),
    rating: rate in RATES ? RATES[rate as keyof typeof RATES] : "not_rated",
    goals: (c.goals ?? []).map((g) => ({ id: String(g.id), name: g.name })),
    tags: c.tags ?? [],
    messageCount: c.messages?.length ?? 0,
  };
}
