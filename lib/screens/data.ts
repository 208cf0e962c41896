/**
 * What a TV screen may ask for and how its tile answers are built (pure, client-safe).
 *
 * `GET /api/screen/{token}/metrics/{metric}?board=<id>&range=today|last7|last30` is the only
 * data a screen reads. The query is parsed strictly (unknown or repeated parameters: 400), then
 * checked against the screen (`checkScreenRequest`: 403 for a board not on the screen, a metric
 * not a tile of that board, a range other than the presets below). Source and team always come
 * from the board, never from the request.
 *
 * "Today so far" sums the hourly buckets of today up to the start of the current local hour
 * and the same hours of the comparison day (`todaySoFarComparison`), combined by the metric's
 * own rule (`combine`: counts summed, averages weighted by their counts, ratios recomputed
 * from their parts, minimums taken). `null` is "no data", never 0.
 */
import { defaultGranularity, resolvePreset } from "@/lib/dates";
import { singleValuedParams, type MetricParams } from "@/lib/api/metric-params";
import { combine } from "@/lib/metrics/combine";
import { METRIC_IDS, type MetricBucket, type MetricId } from "@/lib/metrics/types";
import {
  SCREEN_RANGES,
  tileStatus,
  type BoardTile,
  type GoalStatus,
  type ScreenRange,
} from "./schema";
import type { BoardView } from "./service";
import type { TodaySoFar } from "./today-so-far";

export { SCREEN_RANGES, type ScreenRange } from "./schema";

const ALLOWED = ["board", "range"] as const;

/** The raw query of a screen data request, after the shape check (values not yet allowed). */
export interface ScreenQuery {
  board: string;
  range: string;
}

export type ScreenQueryResult = { ok: true; value: ScreenQuery } | { ok: false; message: string };

/** Shape check: exactly `board` and `range`, each once (a 400 otherwise). */
export function parseScreenQuery(search: URLSearchParams): ScreenQueryResult {
  const single = singleValuedParams(search, ALLOWED);
  if (!single.ok) return single;
  const raw = single.value;
  if (raw.board === undefined) return { ok: false, message: "board is required" };
  if (raw.range === undefined) {
    return { ok: false, message: `range is required (${SCREEN_RANGES.join(", ")})` };
  }
  return { ok: true, value: { board: raw.board, range: raw.range } };
}

/** What a screen request is allowed to compute, or why not (the message of a 403). */
export type ScreenCheck =
  | { ok: true; board: BoardView; tile: BoardTile; metric: MetricId; range: ScreenRange }
  | { ok: false; message: string };

/** Checks a well-formed request against the screen's boards and that board's tiles. */
export function checkScreenRequest(
  boards: readonly BoardView[],
  metric: string,
  query: ScreenQuery,
): ScreenCheck {
  const board = boards.find((b) => b.id === query.board);
  if (!board) return { ok: false, message: "this board is not shown on this screen" };
  const tile = board.tiles.find((t) => t.metric === metric);
  if (!tile || !(METRIC_IDS as readonly string[]).includes(metric)) {
    return { ok: false, message: "this metric is not a tile of this board" };
  }
  if (!(SCREEN_RANGES as readonly string[]).includes(query.range)) {
    return { ok: false, message: `a screen shows only the ranges ${SCREEN_RANGES.join(", ")}` };
  }
  if (query.range !== board.range) {
    return { ok: false, message: `this board shows the range ${board.range}` };
  }
  return { ok: true, board, tile, metric: tile.metric, range: board.range };
}

/**
 * The metric request of a tile over `range` resolved against `today` (`YYYY-MM-DD` in the
 * reporting time zone): the board's source and team, previous-period comparison, automatic
 * granularity (hour for one day, day otherwise).
 */
export function tileParams(
  board: Pick<BoardView, "source" | "group">,
  metric: MetricId,
  range: ScreenRange,
  today: string,
): MetricParams {
  const { from, to } = resolvePreset(range, today);
  return {
    metric,
    source: board.source,
    from,
    to,
    granularity: defaultGranularity(from, to),
    // A team only exists within one source (the schema refuses it under "all").
    group: board.source === "all" ? null : board.group,
    agent: null,
    tz: undefined,
    compare: true,
  };
}

/** The hourly report of the comparison day(s) of "today so far" (no comparison of its own). */
export function previousHoursParams(current: MetricParams, comparison: TodaySoFar): MetricParams {
  return {
    ...current,
    from: comparison.previous.from,
    to: comparison.previous.to,
    granularity: "hour",
    compare: false,
  };
}

/** One side of "today so far": the combined value and why it is null when it cannot be told. */
export interface HoursValue {
  value: number | null;
  /** Set when the hours hold data that cannot be combined honestly (averages without counts). */
  note?: string;
}

/**
 * Combines the hourly `buckets` whose keys are in `hours` by `metric`'s rule. No such hour or
 * no data in them → null (never 0).
 */
export function combineHours(
  metric: MetricId,
  buckets: readonly MetricBucket[],
  hours: readonly string[],
): HoursValue {
  const wanted = new Set(hours);
  const items = buckets
    .filter((b) => wanted.has(b.key))
    .map((b) => ({ value: b.value, count: b.count, ...(b.parts ? { parts: b.parts } : {}) }));
  if (items.length === 0) return { value: null };
  const combined = combine(metric, items);
  if (combined.unweighted) {
    return {
      value: null,
      note: `${metric} has hourly averages without counts, so they cannot be combined into "today so far"`,
    };
  }
  return { value: combined.value };
}

/** The `todaySoFar` field of a tile answer for range `today`. */
export interface TodaySoFarField {
  /** Local time both windows stop at, `HH:00` (complete hours only). */
  cutoff: string;
  value: number | null;
  previousValue: number | null;
  /** The comparison window's days, `YYYY-MM-DD`, both included. */
  previousFrom: string;
  previousTo: string;
  notes?: string[];
}

/**
 * "Today so far" from today's hourly buckets and the comparison day's hourly buckets, both
 * cut at `comparison.cutoff`.
 */
export function todaySoFarField(
  metric: MetricId,
  comparison: TodaySoFar,
  currentBuckets: readonly MetricBucket[],
  previousBuckets: readonly MetricBucket[],
): TodaySoFarField {
  const current = combineHours(metric, currentBuckets, comparison.current.hours);
  const previous = combineHours(metric, previousBuckets, comparison.previous.hours);
  const notes = [...new Set([current.note, previous.note].filter((n) => n !== undefined))];
  return {
    cutoff: comparison.cutoff,
    value: current.value,
    previousValue: previous.value,
    previousFrom: comparison.previous.from,
    previousTo: comparison.previous.to,
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/**
 * The goal colour of a tile's headline value, the number the TV shows in large (for `today`:
 * the whole day so far, current hour included). Null without a goal or without data.
 */
export function headlineStatus(tile: BoardTile, total: number | null): GoalStatus | null {
  return tileStatus(tile, total);
}
