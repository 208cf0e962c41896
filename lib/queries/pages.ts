/**
 * What each report page asks our API for (client- and server-safe). The client pages render
 * their widgets from these lists and plans, and the server prefetch (`lib/prefetch/`) starts
 * the very same queries, so the two can never ask for different things (a drift would show as
 * a second request from the browser).
 */
import type { QueryKey } from "@tanstack/react-query";
import {
  AGENT_UNSUPPORTED_TEXT,
  planMetric,
  showsMetric,
  unavailableMessage,
  type MetricPlan,
  type ScopedFilters,
  type SourceScope,
} from "@/lib/filters";
import { METRICS } from "@/lib/metrics/definitions";
import { SOURCE_IDS, type MetricId, type SourceId, type SourceInfo } from "@/lib/metrics/types";
import { DEFAULT_API_BASE, metricQueryOptions, type MetricQuery } from "./metrics";
import {
  agentTableQueryOptions,
  chatListQueryOptions,
  chatTranscriptQueryOptions,
  occupancyQueryOptions,
  rankingQueryOptions,
  ticketListQueryOptions,
  type ChatListQuery,
  type RankingKind,
  type RankingQuery,
  type ReportWindow,
  type TicketListQuery,
  type TranscriptQuery,
} from "./reports";

export const REPORT_PAGES = [
  "overview",
  "chats",
  "satisfaction",
  "response-times",
  "agents",
  "tickets",
] as const;
export type ReportPageId = (typeof REPORT_PAGES)[number];

/**
 * The metrics of each report page, in display order: every one has a chart, and a KPI card
 * unless the page says otherwise (`tickets.sources` is chart-only; the overview shows missed
 * chats only where a source reports them).
 */
export const PAGE_METRICS = {
  overview: [
    "chats.total",
    "chats.csat",
    "chats.first_response_time",
    "chats.response_time",
    "chats.missed",
  ],
  chats: [
    "chats.total",
    "chats.missed",
    "chats.engagement",
    "chats.queued",
    "chats.queue_waiting_time",
    "chats.duration",
    "chats.messages",
    "chats.goals",
    "chats.greeting_conversion",
  ],
  satisfaction: ["chats.csat"],
  "response-times": [
    "chats.first_response_time",
    "chats.response_time",
    "chats.conversation_response_time",
    "chats.reaction_time",
    "chats.best_first_response_time",
  ],
  agents: ["agents.availability", "agents.chatting_time"],
  tickets: [
    "tickets.new",
    "tickets.solved",
    "tickets.first_response_time",
    "tickets.resolution_time",
    "tickets.sources",
    "tickets.csat",
  ],
} as const satisfies Record<ReportPageId, readonly MetricId[]>;

export type PageMetric<P extends ReportPageId> = (typeof PAGE_METRICS)[P][number];

/** The tables and lists each report page shows on first paint. */
export type ReportView = "ranking-chats" | "ranking-tickets" | "agents" | "occupancy" | "tickets";

export const PAGE_VIEWS = {
  overview: [],
  chats: ["occupancy"],
  satisfaction: ["ranking-chats"],
  "response-times": [],
  agents: ["agents", "ranking-chats"],
  tickets: ["ranking-tickets", "tickets"],
} as const satisfies Record<ReportPageId, readonly ReportView[]>;

// ---------------------------------------------------------------------------------------------
// Charts.

/**
 * The queries behind a metric chart. Averages that cannot be weighted across sources
 * (Rocket.Chat reports no count) have no combined buckets under `all`: such charts ask each
 * source on its own and draw one line per source.
 */
export type ChartPlan =
  | { kind: "combined"; query: MetricQuery }
  | { kind: "per_source"; queries: { source: SourceInfo; query: MetricQuery }[] };

export function chartPlan(
  plan: Extract<MetricPlan, { kind: "ready" }>,
  scope: SourceScope,
): ChartPlan {
  const aggregation = METRICS[plan.query.metric].aggregation;
  const perSource =
    scope.id === "all" &&
    plan.covered.length > 1 &&
    (aggregation === "weighted_average" || aggregation === "min");
  if (!perSource) return { kind: "combined", query: plan.query };
  return {
    kind: "per_source",
    queries: plan.covered.map((source) => ({
      source,
      query: { ...plan.query, source: source.id, group: null, agent: null },
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Tables and lists: whether the selected scope has them, and the query when it does.

export type ViewPlan<Q> =
  { kind: "ready"; source: SourceInfo; query: Q } | { kind: "unavailable"; message: string };

/** The metric whose availability decides whether a source has the ranking. */
export const RANKING_METRIC = {
  chats: "chats.csat",
  tickets: "tickets.csat",
} as const satisfies Record<RankingKind, MetricId>;

function reportWindow(filters: ScopedFilters, source: SourceInfo): ReportWindow {
  return { source: source.id, from: filters.from, to: filters.to, group: filters.group };
}

export function rankingPlan(filters: ScopedFilters, kind: RankingKind): ViewPlan<RankingQuery> {
  const source = filters.scope.single;
  if (source === null) {
    return {
      kind: "unavailable",
      message: "The ranking comes from one source at a time: pick LiveChat.",
    };
  }
  if (!source.metrics.includes(RANKING_METRIC[kind])) {
    return { kind: "unavailable", message: unavailableMessage([source]) };
  }
  return { kind: "ready", source, query: { ...reportWindow(filters, source), kind } };
}

export function agentTablePlan(filters: ScopedFilters): ViewPlan<ReportWindow> {
  const source = filters.scope.single;
  if (source === null) {
    return {
      kind: "unavailable",
      message: "Per-agent figures come from one source at a time: pick LiveChat or Rocket.Chat.",
    };
  }
  return { kind: "ready", source, query: reportWindow(filters, source) };
}

export function occupancyPlan(filters: ScopedFilters): ViewPlan<ReportWindow> {
  const source = filters.scope.single;
  if (source === null) {
    return {
      kind: "unavailable",
      message: "Occupancy comes from one source at a time: pick LiveChat.",
    };
  }
  if (source.id !== "livechat")
    return { kind: "unavailable", message: unavailableMessage([source]) };
  if (filters.agent !== null) return { kind: "unavailable", message: AGENT_UNSUPPORTED_TEXT };
  return { kind: "ready", source, query: reportWindow(filters, source) };
}

/** The ticket list's window; the list adds its own status filter and page (first: none, 1). */
export function ticketListPlan(filters: ScopedFilters): ViewPlan<ReportWindow> {
  const source = filters.scope.single;
  if (source === null) {
    return {
      kind: "unavailable",
      message: "Tickets come from one source at a time: pick LiveChat.",
    };
  }
  if (!source.tickets) return { kind: "unavailable", message: unavailableMessage([source]) };
  if (filters.agent !== null) return { kind: "unavailable", message: AGENT_UNSUPPORTED_TEXT };
  return { kind: "ready", source, query: reportWindow(filters, source) };
}

/** The first page of the ticket list, unfiltered: what the list shows on arrival. */
export function firstTicketPage(window: ReportWindow): TicketListQuery {
  return { ...window, status: null, page: 1 };
}

/** The source of a transcript: the URL's, else the first source with an archive. */
export function transcriptSource(
  requested: string | null | undefined,
  sources: readonly SourceInfo[] | undefined,
): SourceId {
  return (
    SOURCE_IDS.find((s) => s === requested) ?? sources?.find((s) => s.archive)?.id ?? "livechat"
  );
}

// ---------------------------------------------------------------------------------------------
// Everything a page asks for on arrival.

export type PageQuery =
  | { kind: "metric"; query: MetricQuery }
  | { kind: "ranking"; query: RankingQuery }
  | { kind: "agents"; query: ReportWindow }
  | { kind: "occupancy"; query: ReportWindow }
  | { kind: "tickets"; query: TicketListQuery }
  | { kind: "chats"; query: ChatListQuery }
  | { kind: "transcript"; query: TranscriptQuery };

function viewQuery(view: ReportView, filters: ScopedFilters): PageQuery | null {
  switch (view) {
    case "ranking-chats":
    case "ranking-tickets": {
      const plan = rankingPlan(filters, view === "ranking-chats" ? "chats" : "tickets");
      return plan.kind === "ready" ? { kind: "ranking", query: plan.query } : null;
    }
    case "agents": {
      const plan = agentTablePlan(filters);
      return plan.kind === "ready" ? { kind: "agents", query: plan.query } : null;
    }
    case "occupancy": {
      const plan = occupancyPlan(filters);
      return plan.kind === "ready" ? { kind: "occupancy", query: plan.query } : null;
    }
    case "tickets": {
      const plan = ticketListPlan(filters);
      return plan.kind === "ready" ? { kind: "tickets", query: firstTicketPage(plan.query) } : null;
    }
  }
}

/**
 * The queries a report page's widgets run on arrival under `filters`: each metric's query
 * (KPI card and chart share it) plus the per-source ones of per-source charts, then the
 * page's tables. Metrics a source lacks, or cannot filter by the chosen agent, are never asked,
 * nor those a share link leaves out (`filters.metrics`).
 */
export function reportPageQueries(page: ReportPageId, filters: ScopedFilters): PageQuery[] {
  const queries: PageQuery[] = [];
  for (const metric of PAGE_METRICS[page]) {
    if (!showsMetric(metric, filters)) continue;
    const plan = planMetric(metric, filters);
    if (plan.kind !== "ready") continue;
    queries.push({ kind: "metric", query: plan.query });
    const chart = chartPlan(plan, filters.scope);
    if (chart.kind === "per_source") {
      for (const { query } of chart.queries) queries.push({ kind: "metric", query });
    }
  }
  for (const view of PAGE_VIEWS[page]) {
    const query = viewQuery(view, filters);
    if (query !== null) queries.push(query);
  }
  return queries;
}

/**
 * The cache key the browser's widget uses for `q` when it fetches from `base` (the page's
 * `useApiBase()`): taken from the client's own factories.
 */
export function pageQueryKey(q: PageQuery, base: string = DEFAULT_API_BASE): QueryKey {
  switch (q.kind) {
    case "metric":
      return metricQueryOptions(q.query, base).queryKey;
    case "ranking":
      return rankingQueryOptions(q.query, base).queryKey;
    case "agents":
      return agentTableQueryOptions(q.query, base).queryKey;
    case "occupancy":
      return occupancyQueryOptions(q.query, base).queryKey;
    case "tickets":
      return ticketListQueryOptions(q.query, base).queryKey;
    case "chats":
      return chatListQueryOptions(q.query, base).queryKey;
    case "transcript":
      return chatTranscriptQueryOptions(q.query, base).queryKey;
  }
}
