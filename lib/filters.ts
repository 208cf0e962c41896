/**
 * The overview's filter state and its URL contract. Client- and server-safe (parsers come from
 * `nuqs/server`, which carries no "use client" directive), so tests and server components can
 * share the exact parsers the browser uses.
 *
 * URL keys (all optional; a missing key means its default):
 * - `source`      `livechat` | `rocketchat`; default: the first configured source.
 * - `group`       team id of the selected source; default: all teams. Ignored when unknown.
 * - `range`       a `DATE_PRESETS` id or `custom`; default `last7` (removed from the URL).
 * - `from`, `to`  `YYYY-MM-DD`, only read when `range=custom`.
 * - `granularity` `hour` | `day` | `month`; default `defaultGranularity(from, to)`. Ignored when
 *                 not allowed for the range (hour ≤ 7 days, month ≥ 28 days).
 */
import {
  createParser,
  parseAsString,
  parseAsStringLiteral,
  type inferParserType,
} from "nuqs/server";
import {
  DATE_PRESETS,
  daysInclusive,
  defaultGranularity,
  isIsoDate,
  resolvePreset,
  type DatePreset,
} from "@/lib/dates";
import type { MetricQuery } from "@/lib/queries/metrics";
import {
  GRANULARITIES,
  SOURCE_IDS,
  type Granularity,
  type MetricId,
  type SourceInfo,
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

/** The one definition of the overview's URL state, shared by every `useQueryStates` call. */
export const filterParsers = {
  source: parseAsStringLiteral(SOURCE_IDS),
  group: parseAsString,
  range: parseAsStringLiteral(RANGE_IDS).withDefault(DEFAULT_RANGE),
  from: parseAsIsoDay,
  to: parseAsIsoDay,
  granularity: parseAsStringLiteral(GRANULARITIES),
};

export type FilterState = inferParserType<typeof filterParsers>;
/** A partial update as accepted by the `useQueryStates` setter (`null` removes a key). */
export type FilterUpdate = { [K in keyof FilterState]?: FilterState[K] | null };

/** The filters after defaults and validation: what the widgets actually query. */
export interface ResolvedFilters {
  /** `null` only when no source is configured at all. */
  source: SourceInfo | null;
  group: string | null;
  range: RangeId;
  from: string;
  to: string;
  days: number;
  granularity: Granularity;
  /** Which granularities the range allows. */
  allowed: Record<Granularity, boolean>;
}

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

/** Applies defaults and drops values that do not fit (unknown source or team, bad granularity). */
export function resolveFilters(
  state: FilterState,
  sources: readonly SourceInfo[],
  today: string,
): ResolvedFilters {
  const source = sources.find((s) => s.id === state.source) ?? sources[0] ?? null;
  // An unknown team id is dropped, except when the team list itself failed to load: then the
  // URL's choice cannot be checked and is kept (the API validates it anyway).
  const group =
    source !== null &&
    state.group !== null &&
    (source.teamsError !== undefined || source.teams.some((t) => t.id === state.group))
      ? state.group
      : null;
  const { from, to } = resolveRange(state.range, state.from, state.to, today);
  return {
    source,
    group,
    range: state.range,
    from,
    to,
    days: daysInclusive(from, to),
    granularity: pickGranularity(state.granularity, from, to),
    allowed: allowedGranularities(from, to),
  };
}

/** Switching source: the old source's team id means nothing to the new one. */
export function sourceUpdate(source: SourceInfo["id"]): FilterUpdate {
  return { source, group: null };
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

/**
 * The query every widget of `metric` runs. KPI cards and charts both use this, so they share
 * one cache entry (and one request) per metric.
 */
export function metricQueryFor(
  metric: MetricId,
  filters: ResolvedFilters & { source: SourceInfo },
): MetricQuery {
  return {
    metric,
    source: filters.source.id,
    from: filters.from,
    to: filters.to,
    granularity: filters.granularity,
    group: filters.group,
    compare: true,
  };
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
