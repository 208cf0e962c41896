/**
 * The report pages' filter state and its URL contract. Client- and server-safe (parsers come
 * from `nuqs/server`, which carries no "use client" directive), so tests and server components
 * can share the exact parsers the browser uses.
 *
 * URL keys (all optional; a missing key means its default):
 * - `source`      `livechat` | `rocketchat` | `all` (only with ≥ 2 sources); default: the
 *                 first configured source.
 * - `group`       team id of the selected source; default: all teams. Ignored when unknown and
 *                 under `all` (the API refuses a team there).
 * - `agent`       agent id of the selected source; default: all agents. Ignored when unknown
 *                 and under `all`. Only sent for metrics whose report accepts it.
 * - `range`       a `DATE_PRESETS` id or `custom`; default `last7` (removed from the URL).
 * - `from`, `to`  `YYYY-MM-DD`, only read when `range=custom`.
 * - `granularity` `hour` | `day` | `month`; default `defaultGranularity(from, to)`. Ignored when
 *                 not allowed for the range (hour ≤ 7 days, month ≥ 28 days).
 *
 * The same keys are carried when navigating between report pages (`FILTER_KEYS`).
 */
import {
  createParser,
  parseAsInteger,
  parseAsString,
  parseAsStringLiteral,
  type inferParserType,
} from "nuqs/server";
import {
  addDays,
  DATE_PRESETS,
  daysInclusive,
  defaultGranularity,
  isIsoDate,
  resolvePreset,
  type DatePreset,
} from "@/lib/dates";
import { METRICS, SOURCE_NAMES, unavailableText } from "@/lib/metrics/definitions";
import type { MetricQuery } from "@/lib/queries/metrics";
import { CHAT_RATE_FILTERS, CHAT_TYPE_FILTERS, type ChatListQuery } from "@/lib/queries/reports";
import {
  GRANULARITIES,
  SOURCE_IDS,
  SOURCE_SELECTORS,
  type Granularity,
  type MetricId,
  type SourceInfo,
  type SourceSelector,
} from "@/lib/metrics/types";

export type RangeId = DatePreset | "custom";

export const RANGE_IDS: readonly RangeId[] = [...DATE_PRESETS.map((p) => p.id), "custom"];

export const DEFAULT_RANGE: RangeId = "last7";

/** Longest range that may be shown hour by hour, and shortest one that may be shown by month. */
export const MAX_HOURLY_DAYS = 7;
export const MIN_MONTHLY_DAYS = 28;

/** A calendar day `YYYY-MM-DD`; anything else (including 2024-02-30) reads as absent. */
const parseAsIsoDay = createParser<string>({
  parse: (value) => (isIsoDate(value) ? value : null),
  serialize: (value) => value,
});

/** The one definition of the report pages' URL state, shared by every `useQueryStates` call. */
export const filterParsers = {
  source: parseAsStringLiteral(SOURCE_SELECTORS),
  group: parseAsString,
  agent: parseAsString,
  range: parseAsStringLiteral(RANGE_IDS).withDefault(DEFAULT_RANGE),
  from: parseAsIsoDay,
  to: parseAsIsoDay,
  granularity: parseAsStringLiteral(GRANULARITIES),
};

/** URL keys that belong to the filters and travel with the navigation. */
export const FILTER_KEYS = Object.keys(filterParsers) as (keyof typeof filterParsers)[];

/** The filter keys of `search` only, as a query string (`""` when none). */
export function carriedFilterQuery(search: URLSearchParams): string {
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = search.get(key);
    if (value !== null && value !== "") out.set(key, value);
  }
  return out.toString();
}

export type FilterState = inferParserType<typeof filterParsers>;
/** A partial update as accepted by the `useQueryStates` setter (`null` removes a key). */
export type FilterUpdate = { [K in keyof FilterState]?: FilterState[K] | null };

/** What the numbers are about: one configured source, or all of them combined. */
export interface SourceScope {
  id: SourceSelector;
  /** `LiveChat`, `Rocket.Chat` or `All sources`. */
  name: string;
  /** The sources in scope: the one, or every configured source. */
  sources: SourceInfo[];
  /** The one source, `null` under `all`. */
  single: SourceInfo | null;
}

/** The filters after defaults and validation: what the widgets actually query. */
export interface ResolvedFilters {
  /** `null` only when no source is configured at all. */
  scope: SourceScope | null;
  group: string | null;
  agent: string | null;
  range: RangeId;
  from: string;
  to: string;
  days: number;
  granularity: Granularity;
  /** Which granularities the range allows. */
  allowed: Record<Granularity, boolean>;
  /**
   * Share pages only: whether the figures come with the previous period (absent = yes), and
   * the page's metrics the link shows (absent = all of them).
   */
  compare?: boolean;
  metrics?: readonly MetricId[];
}

export type ScopedFilters = ResolvedFilters & { scope: SourceScope };

/** Hour only for ranges of at most 7 days, month only for ranges of at least 28 days. */
export function allowedGranularities(from: string, to: string): Record<Granularity, boolean> {
  const days = daysInclusive(from, to);
  return { hour: days <= MAX_HOURLY_DAYS, day: true, month: days >= MIN_MONTHLY_DAYS };
}

function pickGranularity(wanted: Granularity | null, from: string, to: string): Granularity {
  if (wanted !== null && allowedGranularities(from, to)[wanted]) return wanted;
  return defaultGranularity(from, to);
}

/** The date window of `range`; a custom range missing a valid day falls back to the default. */
export function resolveRange(
  range: RangeId,
  from: string | null,
  to: string | null,
  today: string,
): { from: string; to: string } {
  if (range !== "custom") return resolvePreset(range, today);
  if (from === null || to === null) return resolvePreset(DEFAULT_RANGE as DatePreset, today);
  // A hand-edited URL may have the days the wrong way round: read it as the range it means.
  return from <= to ? { from, to } : { from: to, to: from };
}

export const ALL_SOURCES_NAME = "All sources";

/** `all` is offered only when at least two sources are configured. */
export function canCombineSources(sources: readonly SourceInfo[]): boolean {
  return sources.length >= 2;
}

function resolveScope(
  selector: SourceSelector | null,
  sources: readonly SourceInfo[],
): SourceScope | null {
  if (selector === "all" && canCombineSources(sources)) {
    return { id: "all", name: ALL_SOURCES_NAME, sources: [...sources], single: null };
  }
  const single = sources.find((s) => s.id === selector) ?? sources[0] ?? null;
  return single ? { id: single.id, name: single.name, sources: [single], single } : null;
}

/** Applies defaults and drops values that do not fit (unknown source, team or agent, bad granularity). */
export function resolveFilters(
  state: FilterState,
  sources: readonly SourceInfo[],
  today: string,
): ResolvedFilters {
  const scope = resolveScope(state.source, sources);
  const single = scope?.single ?? null;
  // An unknown team id is dropped, except when the team list itself failed to load: then the
  // URL's choice cannot be checked and is kept (the API validates it anyway). Same for agents.
  const group =
    single !== null &&
    state.group !== null &&
    (single.teamsError !== undefined || single.teams.some((t) => t.id === state.group))
      ? state.group
      : null;
  const agent =
    single !== null &&
    state.agent !== null &&
    (single.agentsError !== undefined || single.agents.some((a) => a.id === state.agent))
      ? state.agent
      : null;
  const { from, to } = resolveRange(state.range, state.from, state.to, today);
  return {
    scope,
    group,
    agent,
    range: state.range,
    from,
    to,
    days: daysInclusive(from, to),
    granularity: pickGranularity(state.granularity, from, to),
    allowed: allowedGranularities(from, to),
  };
}

/** Switching source: the old source's team and agent ids mean nothing to the new one. */
export function sourceUpdate(source: SourceSelector): FilterUpdate {
  return { source, group: null, agent: null };
}

/**
 * Switching range. Choosing "custom" starts from the dates on screen so the inputs are never
 * empty; a preset drops `from`/`to`. A granularity the new range does not allow is removed so
 * it cannot come back unexpectedly on a later range change.
 */
export function rangeUpdate(
  range: RangeId,
  current: ResolvedFilters,
  state: FilterState,
  today: string,
): FilterUpdate {
  if (range === "custom") return { range, from: current.from, to: current.to };
  const next = resolvePreset(range, today);
  return {
    range,
    from: null,
    to: null,
    granularity: keepGranularity(state.granularity, next.from, next.to),
  };
}

/**
 * Editing one end of a custom range. The other end follows when they would cross, so the
 * inputs always show a valid range.
 */
export function customDatesUpdate(
  edit: { from: string } | { to: string },
  current: ResolvedFilters,
  state: FilterState,
): FilterUpdate {
  let { from, to } = current;
  if ("from" in edit) {
    from = edit.from;
    if (from > to) to = from;
  } else {
    to = edit.to;
    if (to < from) from = to;
  }
  return { range: "custom", from, to, granularity: keepGranularity(state.granularity, from, to) };
}

function keepGranularity(wanted: Granularity | null, from: string, to: string): Granularity | null {
  return wanted !== null && allowedGranularities(from, to)[wanted] ? wanted : null;
}

// ---------------------------------------------------------------------------------------------
// What a widget of one metric does under the current filters.

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const AGENT_UNSUPPORTED_TEXT = "Agent filter not supported by this report";

/**
 * - `unavailable`: no source in scope provides the metric (never asked, never shown as 0);
 * - `agent_unsupported`: an agent is selected but the metric's report cannot filter by agent
 *   (never asked without the filter: that would silently show everyone's numbers);
 * - `ready`: the query to run, with the sources it covers and those that lack the metric.
 */
export type MetricPlan =
  | { kind: "unavailable"; message: string }
  | { kind: "agent_unsupported"; message: string }
  | { kind: "ready"; query: MetricQuery; covered: SourceInfo[]; missing: SourceInfo[] };

/** "Not available from Rocket.Chat" (or "… from LiveChat or Rocket.Chat" under `all`). */
export function unavailableMessage(sources: readonly SourceInfo[]): string {
  if (sources.length === 1 && sources[0]) return capitalize(unavailableText(sources[0].id));
  return capitalize(
    `not available from ${sources.map((s) => SOURCE_NAMES[s.id]).join(" or ") || "any source"}`,
  );
}

/** Whether the selected source accepts an agent filter for `metric`. */
export function agentFilterSupported(metric: MetricId, source: SourceInfo): boolean {
  return source.agentFilterMetrics.includes(metric);
}

/**
 * The plan for a widget of `metric`. KPI cards and charts of one metric get the same query
 * (same key: one request per metric).
 */
export function planMetric(metric: MetricId, filters: ScopedFilters): MetricPlan {
  const { scope } = filters;
  const covered = scope.sources.filter((s) => s.metrics.includes(metric));
  const missing = scope.sources.filter((s) => !s.metrics.includes(metric));
  if (covered.length === 0) return { kind: "unavailable", message: unavailableMessage(missing) };
  let agent: string | null = null;
  if (scope.single !== null && filters.agent !== null) {
    if (!agentFilterSupported(metric, scope.single)) {
      return { kind: "agent_unsupported", message: AGENT_UNSUPPORTED_TEXT };
    }
    agent = filters.agent;
  }
  return {
    kind: "ready",
    covered,
    missing,
    query: {
      metric,
      source: scope.id,
      from: filters.from,
      to: filters.to,
      granularity: filters.granularity,
      group: scope.single !== null ? filters.group : null,
      agent,
      compare: filters.compare ?? true,
    },
  };
}

/** Whether the page shows `metric` under `filters` (a share link may show only some). */
export function showsMetric(metric: MetricId, filters: Pick<ResolvedFilters, "metrics">): boolean {
  return filters.metrics === undefined || filters.metrics.includes(metric);
}

// ---------------------------------------------------------------------------------------------
// Drill-down into the chat archive.

/** The URL state of `/archive` (chat list). */
export const archiveParsers = {
  source: parseAsStringLiteral(SOURCE_IDS),
  from: parseAsIsoDay,
  to: parseAsIsoDay,
  hour: parseAsInteger,
  group: parseAsString,
  agent: parseAsString,
  type: parseAsStringLiteral(CHAT_TYPE_FILTERS),
  rate: parseAsStringLiteral(CHAT_RATE_FILTERS),
  page: parseAsInteger.withDefault(1),
};

export type ArchiveState = inferParserType<typeof archiveParsers>;

/**
 * What `/archive` lists for its URL state: the first source with an archive unless the URL
 * names another, the last 7 days unless it gives days (read the right way round), `hour` only
 * for a one-day range. `null` when no configured source has an archive. Shared by the page and
 * its server prefetch, so both ask for the very same list.
 */
export function resolveArchive(
  params: ArchiveState,
  sources: readonly SourceInfo[],
  today: string,
): { source: SourceInfo; query: ChatListQuery } | null {
  const withArchive = sources.filter((s) => s.archive);
  const source = withArchive.find((s) => s.id === params.source) ?? withArchive[0] ?? null;
  if (source === null) return null;
  let from = params.from ?? addDays(today, -6);
  let to = params.to ?? today;
  if (from > to) [from, to] = [to, from];
  const hour =
    from === to && params.hour !== null && params.hour >= 0 && params.hour <= 23
      ? params.hour
      : null;
  return {
    source,
    query: {
      source: source.id,
      from,
      to,
      hour,
      group: params.group,
      agent: params.agent,
      rate: params.rate,
      type: params.type,
      page: Math.max(1, params.page),
    },
  };
}

/** The days (and hour) of one bucket, clipped to the query's range. */
export function bucketWindow(
  key: string,
  granularity: Granularity,
  range: { from: string; to: string },
): { from: string; to: string; hour: number | null } {
  if (granularity === "hour") {
    const day = key.slice(0, 10);
    return { from: day, to: day, hour: Number(key.slice(11, 13)) };
  }
  if (granularity === "day") return { from: key, to: key, hour: null };
  const first = `${key.slice(0, 7)}-01`;
  const [y, m] = key.split("-").map(Number) as [number, number];
  const nextMonth = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  const last = addDays(nextMonth, -1);
  return {
    from: first < range.from ? range.from : first,
    to: last > range.to ? range.to : last,
    hour: null,
  };
}

/**
 * The archive URL listing the chats behind one bucket of a metric chart, or `null` when the
 * metric has no drill-down or the source has no archive (or several sources are combined).
 */
export function drillDownHref(
  query: MetricQuery,
  key: string,
  granularity: Granularity,
  source: SourceInfo | null,
): string | null {
  const drill = METRICS[query.metric].drillDown;
  if (!drill || source === null || !source.archive || query.source !== source.id) return null;
  const window = bucketWindow(key, granularity, query);
  const params = new URLSearchParams({ source: source.id, from: window.from, to: window.to });
  if (window.hour !== null) params.set("hour", String(window.hour));
  if (query.group !== null) params.set("group", query.group);
  if (query.agent !== null) params.set("agent", query.agent);
  if (drill.type) params.set("type", drill.type);
  if (drill.rate) params.set("rate", drill.rate);
  return `/archive?${params.toString()}`;
}

/**
 * A `callbackUrl` that is safe to navigate to after sign-in: a same-origin path starting with
 * exactly one `/`. Anything else (absolute URLs, `//host`, `/\host`, control characters) → `/`.
 */
export function safeCallbackUrl(value: string | string[] | null | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return "/";
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return "/";
  // Browsers strip tabs/newlines and treat `\` like `/`, so `/\t/evil.com` could escape.
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return "/";
  try {
    const url = new URL(raw, "http://chatlens.invalid");
    if (url.origin !== "http://chatlens.invalid") return "/";
    return url.pathname + url.search + url.hash;
  } catch {
    return "/";
  }
}
