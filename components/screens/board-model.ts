/**
 * Pure helpers of the board editor: which metrics a board may show, goals typed in words and
 * back, and the editor's form turned into the API body (validated with the very schema the
 * API uses). No React, no fetch: unit-tested in `board-model.test.ts`.
 */
import { formatDuration, formatValue } from "@/lib/format";
import { METRICS, metricsForSource, SOURCE_NAMES } from "@/lib/metrics/definitions";
import {
  METRIC_IDS,
  SOURCE_IDS,
  type MetricId,
  type SourceId,
  type SourceSelector,
  type SourcesResponse,
} from "@/lib/metrics/types";
import {
  boardInputSchema,
  DEFAULT_SCREEN_RANGE,
  SCREEN_RANGES,
  type BoardInput,
  type BoardTile,
  type Goal,
  type ScreenRange,
} from "@/lib/screens/schema";

/** The date ranges a board can show, as the TV computes them (the board's `range`). */
export const BOARD_RANGES = SCREEN_RANGES;
export type BoardRange = ScreenRange;

/** How a board range reads in the UI. */
export const RANGE_LABELS: Record<BoardRange, string> = {
  today: "Today",
  last7: "Last 7 days",
  last30: "Last 30 days",
};

/** "All sources" as the UI names it. */
export const ALL_SOURCES_LABEL = "All sources";

/** One tile as the editor holds it: goal bounds as typed (empty = no goal). */
export interface TileDraft {
  metric: MetricId;
  green: string;
  amber: string;
}

/** The board editor's state. `group` is a team id of `source`, or null = all teams. */
export interface BoardDraft {
  name: string;
  source: SourceSelector;
  group: string | null;
  range: BoardRange;
  tiles: TileDraft[];
}

/** A blank board: LiveChat-first when configured, all teams, today, no tiles. */
export function emptyBoardDraft(sources: SourcesResponse | null): BoardDraft {
  const first = sources?.sources[0]?.id ?? "livechat";
  return {
    name: "",
    source: sources && sources.sources.length > 1 ? "all" : first,
    group: null,
    range: DEFAULT_SCREEN_RANGE,
    tiles: [],
  };
}

/** The sources a board may be built on: the configured ones (all when unknown), then "all". */
export function sourceChoices(sources: SourcesResponse | null): SourceSelector[] {
  const configured = sources ? sources.sources.map((s) => s.id) : [...SOURCE_IDS];
  return [...configured, "all"];
}

/** A source selector in words: `LiveChat`, `Rocket.Chat`, `All sources`. */
export function sourceLabel(source: SourceSelector): string {
  return source === "all" ? ALL_SOURCES_LABEL : SOURCE_NAMES[source];
}

/** A team's name (or `Team <id>` when the source no longer lists it); null → `All teams`. */
export function teamLabel(
  source: SourceSelector,
  group: string | null,
  sources: SourcesResponse | null,
): string {
  if (group === null) return "All teams";
  const info = sources?.sources.find((s) => s.id === source);
  return info?.teams.find((t) => t.id === group)?.name ?? `Team ${group}`;
}

/**
 * The metrics a board on `source` may show, in dictionary order: what the source provides
 * (under "all": what at least one configured source provides). Uses the live source list when
 * known, else the dictionary's own per-source availability.
 */
export function metricsFor(source: SourceSelector, sources: SourcesResponse | null): MetricId[] {
  const ids: SourceId[] =
    source === "all" ? (sources ? sources.sources.map((s) => s.id) : [...SOURCE_IDS]) : [source];
  const available = new Set<MetricId>();
  for (const id of ids) {
    const info = sources?.sources.find((s) => s.id === id);
    for (const m of info ? info.metrics : metricsForSource(id)) available.add(m);
  }
  return METRIC_IDS.filter((m) => available.has(m));
}

const UNIT_WORDS = { h: 3600, m: 60, s: 1 } as const;

/**
 * Reads a duration typed by a person, in seconds: `90`, `90s`, `1:30`, `1m 30s`, `1m30`,
 * `2m`, `1h 5m`, `1:02:03`; decimals allowed (`4.5s`). Null when it is not a duration.
 */
export function parseDurationInput(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t === "") return null;
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  const colon = /^(?:(\d+):)?(\d+):(\d{1,2}(?:\.\d+)?)$/.exec(t);
  if (colon) {
    const [, h, m, s] = colon;
    if (Number(s) >= 60) return null;
    return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s);
  }
  // Tokens like "1h", "5 m", "30s"; a trailing bare number after minutes counts as seconds.
  const tokens =
    /^(?:(\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(\d+(?:\.\d+)?)\s*m(?:in(?:utes?)?)?)?\s*(?:(\d+(?:\.\d+)?)\s*(?:s(?:ec(?:onds?)?)?)?)?$/.exec(
      t,
    );
  if (!tokens || tokens.slice(1).every((v) => v === undefined)) return null;
  const [, h, m, s] = tokens;
  return Number(h ?? 0) * UNIT_WORDS.h + Number(m ?? 0) * UNIT_WORDS.m + Number(s ?? 0);
}

/** A goal bound as the editor shows it: `1m 30s`, `45s` for durations; the number otherwise. */
export function goalToInput(value: number, metric: MetricId): string {
  if (METRICS[metric].unit !== "seconds") return String(value);
  const whole = Math.floor(value);
  const frac = Math.round((value - whole) * 1000) / 1000;
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = (whole % 60) + frac;
  const parts = [
    h > 0 ? `${h}h` : "",
    m > 0 ? `${m}m` : "",
    s > 0 || (h === 0 && m === 0) ? `${s}s` : "",
  ];
  return parts.filter(Boolean).join(" ");
}

/** The result of reading one goal bound: a value in the metric's unit, or why not. */
export type BoundResult = { ok: true; value: number } | { ok: false; message: string };

/**
 * Reads one goal bound for `metric`: durations as {@link parseDurationInput} (seconds),
 * percentages 0–100, counts ≥ 0.
 */
export function parseGoalBound(text: string, metric: MetricId): BoundResult {
  const { unit } = METRICS[metric];
  const t = text.trim();
  if (unit === "seconds") {
    const value = parseDurationInput(t);
    return value === null
      ? { ok: false, message: "write a duration such as 45, 45s, 1:30 or 1m 30s" }
      : { ok: true, value };
  }
  const value = /^\d+(\.\d+)?%?$/.test(t) ? Number(t.replace("%", "")) : Number.NaN;
  if (!Number.isFinite(value)) return { ok: false, message: "write a number" };
  if (unit === "percent" && value > 100)
    return { ok: false, message: "write a percentage from 0 to 100" };
  return { ok: true, value };
}

/** A parsed bound as the user should read it back (`1m 30s`, `85.0%`, `12`); null when unreadable. */
export function boundPreview(text: string, metric: MetricId): string | null {
  const parsed = parseGoalBound(text, metric);
  if (!parsed.ok) return null;
  const { unit } = METRICS[metric];
  return unit === "seconds" ? formatDuration(parsed.value) : formatValue(parsed.value, unit);
}

/** How the goal colours are decided for `metric`, in one sentence for the goal inputs. */
export function directionHint(metric: MetricId): string {
  switch (METRICS[metric].direction) {
    case "lower_is_better":
      return "Lower is better: green at or below Green, amber at or below Amber, red above.";
    case "higher_is_better":
      return "Higher is better: green at or above Green, amber at or above Amber, red below.";
    case "neutral":
      return `${METRICS[metric].label} is neither better high nor low, so it cannot have a goal.`;
  }
}

/** A tile's goal in words: `green ≤ 30s, amber ≤ 1m 00s`; null without a goal. */
export function goalSummary(tile: BoardTile): string | null {
  if (!tile.goal) return null;
  const { unit, direction } = METRICS[tile.metric];
  const op = direction === "higher_is_better" ? "≥" : "≤";
  const fmt = (v: number) => (unit === "seconds" ? formatDuration(v) : formatValue(v, unit));
  return `green ${op} ${fmt(tile.goal.green)}, amber ${op} ${fmt(tile.goal.amber)}`;
}

/** The editor's state of a stored board (goals written back as the user would type them). */
export function boardToDraft(board: {
  name: string;
  source: SourceSelector;
  group: string | null;
  range?: BoardRange;
  tiles: BoardTile[];
}): BoardDraft {
  return {
    name: board.name,
    source: board.source,
    group: board.group,
    range: board.range ?? DEFAULT_SCREEN_RANGE,
    tiles: board.tiles.map((t) => ({
      metric: t.metric,
      green: t.goal ? goalToInput(t.goal.green, t.metric) : "",
      amber: t.goal ? goalToInput(t.goal.amber, t.metric) : "",
    })),
  };
}

/** The body of `POST /api/boards` (and of a full `PATCH`), or the problems to fix first. */
export type BoardPayloadResult = { ok: true; value: BoardInput } | { ok: false; errors: string[] };

function tileName(tiles: TileDraft[], index: unknown): string {
  const tile = typeof index === "number" ? tiles[index] : undefined;
  return tile ? `Tile ${(index as number) + 1} (${METRICS[tile.metric].label})` : "Tiles";
}

/**
 * The editor's form as the API body, validated with `boardInputSchema` (same rules as the
 * server: goal direction, duplicates, team only for a single source) plus what the form alone
 * knows: bounds that are not numbers, half a goal, metrics the source cannot provide.
 * Messages name the tile by position and metric label.
 */
export function draftToPayload(
  draft: BoardDraft,
  sources: SourcesResponse | null,
): BoardPayloadResult {
  const errors: string[] = [];
  const available = new Set(metricsFor(draft.source, sources));
  const tiles: BoardTile[] = draft.tiles.map((t, i) => {
    const label = tileName(draft.tiles, i);
    if (!available.has(t.metric)) {
      errors.push(`${label}: not available from ${sourceLabel(draft.source)}; remove it`);
    }
    const green = t.green.trim();
    const amber = t.amber.trim();
    if (green === "" && amber === "") return { metric: t.metric };
    if (METRICS[t.metric].direction === "neutral") {
      errors.push(`${label}: ${directionHint(t.metric)}`);
      return { metric: t.metric };
    }
    if (green === "" || amber === "") {
      errors.push(`${label}: give both the green and the amber bound, or neither`);
      return { metric: t.metric };
    }
    const g = parseGoalBound(green, t.metric);
    const a = parseGoalBound(amber, t.metric);
    if (!g.ok) errors.push(`${label}: green: ${g.message}`);
    if (!a.ok) errors.push(`${label}: amber: ${a.message}`);
    const goal: Goal | undefined = g.ok && a.ok ? { green: g.value, amber: a.value } : undefined;
    return goal ? { metric: t.metric, goal } : { metric: t.metric };
  });
  const value: BoardInput = {
    name: draft.name,
    source: draft.source,
    group: draft.source === "all" ? null : draft.group,
    range: draft.range,
    tiles,
  };
  const parsed = boardInputSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, index] = issue.path;
      let message = issue.message;
      const tile = typeof index === "number" ? draft.tiles[index] : undefined;
      // Already said above, in the editor's words (and from the live source list).
      if (tile && !available.has(tile.metric) && message.includes("is not available from")) {
        continue;
      }
      // The schema speaks in metric ids; the editor shows labels.
      if (tile) message = message.replaceAll(tile.metric, METRICS[tile.metric].label);
      const where =
        head === "tiles"
          ? tileName(draft.tiles, index)
          : head === "name"
            ? "Name"
            : head === "group"
              ? "Team"
              : head === undefined
                ? null
                : String(head);
      errors.push(where ? `${where}: ${message}` : message);
    }
  }
  return errors.length > 0 ? { ok: false, errors: [...new Set(errors)] } : { ok: true, value };
}
