/**
 * The TV runtime's decisions, as pure functions (client-safe, unit-tested): how old a number
 * is in words, how tiles fill the screen, what a failed request means for the whole screen,
 * the delta a tile shows, and when a screen that runs for weeks should reload itself.
 *
 * All instants and durations here are epoch **milliseconds** (browser clock); the API's own
 * durations (metric values) stay in seconds.
 */
import { ApiError } from "@/lib/queries/metrics";
import type { MetricResponse, MetricUnit } from "@/lib/metrics/types";
import { computeChange } from "@/lib/format";
import type { TodaySoFarField } from "./data";
import type { GoalStatus, ScreenRange } from "./schema";

/** One tile's answer of `GET /api/screen/{token}/metrics/{metric}`. */
export type TileAnswer = MetricResponse & {
  /** The goal colour of `total.value`, or null (no goal, no data). */
  status: GoalStatus | null;
  /** Only for range `today`: the same hours today and on the comparison day. */
  todaySoFar?: TodaySoFarField;
};

/**
 * How old data fetched at `fetchedAt` is at `now`, for a TV: "just now" (under a minute),
 * "1 min ago", "12 min ago", "1 h 05 min ago", "3 d ago". A clock that runs behind the
 * server's (negative age) reads "just now".
 */
export function formatAge(fetchedAt: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - fetchedAt) / 1000));
  if (seconds < 60) return "just now";
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, "0")} min ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

/**
 * Columns and rows for `count` tiles on a 16:9 screen: as square-ish as the screen allows,
 * never a scrollbar (1 → 1×1, 2 → 2×1, 3–4 → 2×2, 5–6 → 3×2, 7–9 → 3×3, 10–12 → 4×3).
 */
export function tileGrid(count: number): { columns: number; rows: number } {
  const n = Math.max(1, Math.min(12, Math.floor(count)));
  if (n <= 2) return { columns: n, rows: 1 };
  if (n <= 4) return { columns: 2, rows: 2 };
  if (n <= 6) return { columns: 3, rows: 2 };
  if (n <= 9) return { columns: 3, rows: 3 };
  return { columns: 4, rows: 3 };
}

/**
 * What a failed request tells the TV:
 * - `switched_off`: 410 — the screen was revoked, its link replaced, or it was deleted;
 * - `invalid`: 401 — not a valid screen link;
 * - `upstream`: our server answered, but LiveChat / Rocket.Chat did not (5xx `upstream_*`);
 * - `app_unreachable`: no answer from our server, one that is not ours (a proxy's 502), or
 *   503 `storage_unavailable` (our server is up but cannot reach its database);
 * - `other`: every other answer (a 4xx about the request itself, a 500 of ours).
 */
export type TvFailure = "switched_off" | "invalid" | "upstream" | "app_unreachable" | "other";

export function classifyFailure(error: unknown): TvFailure {
  if (!(error instanceof ApiError)) return "app_unreachable";
  if (error.status === 410) return "switched_off";
  if (error.status === 401) return "invalid";
  if (error.code.startsWith("upstream_")) return "upstream";
  // Our server answered, but cannot reach its own database: for the TV, Chatlens is down.
  if (error.code === "storage_unavailable") return "app_unreachable";
  // Not our error envelope: a gateway or proxy in front of the app answered for it.
  if (error.code === "http_error" && error.status >= 500) return "app_unreachable";
  return "other";
}

/** The comparison a tile shows under its number. */
export interface TileDelta {
  /** Fraction (0.12 = +12 %) or percentage points, as `computeChange`. */
  change: { kind: "relative" | "points"; delta: number } | null;
  /** The value compared with, in the metric's unit; null = no data then. */
  previous: number | null;
  /** Words for what is compared, e.g. "vs last Tue until 11:00", "vs previous 7 days". */
  label: string;
}

const WEEKDAY = new Intl.DateTimeFormat("en-US", { weekday: "short", timeZone: "UTC" });

/**
 * The delta a tile shows: for `today`, today until the last complete hour against the same
 * hours of the comparison day ("today so far"); otherwise the whole range against the
 * previous period of equal length. Before the first complete hour of the day there is
 * nothing to compare yet (`change` null, label says so).
 */
export function tileDelta(answer: TileAnswer, range: ScreenRange, unit: MetricUnit): TileDelta {
  if (range === "today") {
    const soFar = answer.todaySoFar;
    if (!soFar) return { change: null, previous: null, label: "no comparison yet" };
    const day = WEEKDAY.format(new Date(`${soFar.previousFrom}T12:00:00Z`));
    if (soFar.cutoff === "00:00") {
      return { change: null, previous: null, label: `vs last ${day}: after the first hour` };
    }
    return {
      change: computeChange(soFar.value, soFar.previousValue, unit),
      previous: soFar.previousValue,
      label: `until ${soFar.cutoff} vs last ${day}`,
    };
  }
  const previous = answer.previous?.total.value ?? null;
  return {
    change: computeChange(answer.total.value, previous, unit),
    previous,
    label: range === "last7" ? "vs previous 7 days" : "vs previous 30 days",
  };
}

/** Words for a board's range, as the TV's header shows it. */
export function rangeTitle(range: ScreenRange): string {
  return range === "today" ? "Today" : range === "last7" ? "Last 7 days" : "Last 30 days";
}

/** What the TV knows when it decides whether to reload itself. */
export interface ReloadInput {
  /** Since this page was loaded. */
  uptimeMs: number;
  /** Chromium's `usedJSHeapSize`, or null where the browser does not tell. */
  heapUsedBytes: number | null;
  heapLimitBytes: number;
  /** Whether the screen has quiet hours at all. */
  hasQuietHours: boolean;
  /** Quiet now, and at the previous check (a quiet period has just begun when it flips). */
  quietNow: boolean;
  quietBefore: boolean;
  /** The build the server runs now (`appVersion` of the screen's config) and ours. */
  serverVersion: string | null;
  ownVersion: string;
  /** The server version this tab already reloaded for (sessionStorage), to never loop. */
  reloadedForVersion: string | null;
}

export type ReloadReason = "heap" | "daily" | "new_version";

/** Minimum uptime before any reload: a bound set too low can never make the TV loop. */
export const MIN_UPTIME_BEFORE_RELOAD_MS = 10 * 60_000;
const DAY_MS = 24 * 3_600_000;
/** Without a quiet period (or one that never came), reload after a day and two hours. */
const LATEST_DAILY_RELOAD_MS = DAY_MS + 2 * 3_600_000;

/**
 * Whether the TV should reload now, and why:
 * - `heap`: the JS heap passed its bound (a leak in a browser or our code must never end in
 *   a dead tab);
 * - `new_version`: the server was updated (old script chunks may be gone after a deploy);
 *   once per server version;
 * - `daily`: when a quiet period begins (nobody looks), or for a screen without quiet hours
 *   after 24 h — and after 26 h in any case.
 * Never within `MIN_UPTIME_BEFORE_RELOAD_MS` of the last load. The caller reloads only after
 * the server answered, so a TV never reloads into a browser error page.
 */
export function reloadReason(input: ReloadInput): ReloadReason | null {
  if (input.uptimeMs < MIN_UPTIME_BEFORE_RELOAD_MS) return null;
  if (input.heapUsedBytes !== null && input.heapUsedBytes > input.heapLimitBytes) return "heap";
  if (
    input.serverVersion !== null &&
    input.serverVersion !== input.ownVersion &&
    input.serverVersion !== input.reloadedForVersion
  ) {
    return "new_version";
  }
  if (input.hasQuietHours && input.quietNow && !input.quietBefore) return "daily";
  if (!input.hasQuietHours && input.uptimeMs >= DAY_MS) return "daily";
  if (input.uptimeMs >= LATEST_DAILY_RELOAD_MS) return "daily";
  return null;
}

/**
 * Errors kept for the next heartbeat (newest last, at most `max`, each ≤ 300 characters).
 * A repeat of the last error is not kept twice, so a failing tile over hours costs one line.
 */
export function keepError(kept: readonly string[], message: string, max = 20): string[] {
  const text = message.length > 300 ? `${message.slice(0, 299)}…` : message;
  if (kept[kept.length - 1] === text) return [...kept];
  return [...kept, text].slice(-max);
}
