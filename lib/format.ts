/**
 * Human-readable numbers for the UI. Client-safe; no locale surprises (en-US grouping).
 */
import type { MetricUnit } from "./metrics/types";

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** Seconds → `42s`, `4.2s` (under 10 s), `1m 05s`, `2h 03m`; `—` for null. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "—";
  if (seconds < 10) return `${(Math.round(seconds * 10) / 10).toString()}s`;
  const total = Math.round(seconds);
  if (total < 60) return `${total}s`;
  if (total < 3600) {
    const m = Math.floor(total / 60);
    return `${m}m ${String(total % 60).padStart(2, "0")}s`;
  }
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  return `${h}h ${String(m).padStart(2, "0")}m`;
}

export function formatCount(n: number | null): string {
  return n === null ? "—" : integer.format(n);
}

export function formatPercent(p: number | null): string {
  return p === null ? "—" : `${(Math.round(p * 10) / 10).toFixed(1)}%`;
}

/** Formats a metric value by its unit. */
export function formatValue(value: number | null, unit: MetricUnit): string {
  if (unit === "seconds") return formatDuration(value);
  if (unit === "percent") return formatPercent(value);
  return formatCount(value);
}

/**
 * Relative change from `previous` to `current` as a fraction (0.12 = +12%);
 * `null` when either side has no data or the previous value is 0.
 * For percentages (CSAT) the change is in percentage points instead.
 */
export function computeChange(
  current: number | null,
  previous: number | null,
  unit: MetricUnit,
): { kind: "relative" | "points"; delta: number } | null {
  if (current === null || previous === null) return null;
  if (unit === "percent") return { kind: "points", delta: current - previous };
  if (previous === 0) return null;
  return { kind: "relative", delta: (current - previous) / previous };
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(timeZone: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withDate}`;
  let f = dateTimeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      ...(withDate ? { year: "numeric", month: "short", day: "numeric" } : {}),
      hour: "2-digit",
      minute: "2-digit",
      ...(withDate ? {} : { second: "2-digit" }),
      hourCycle: "h23",
    });
    dateTimeFormats.set(key, f);
  }
  return f;
}

/** An ISO instant as `Nov 12, 2026, 14:05` in `timeZone`; `—` for null or garbage. */
export function formatDateTime(iso: string | null, timeZone: string): string {
  if (iso === null) return "—";
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? "—" : dateTimeFormat(timeZone, true).format(ms);
}

/** An ISO instant as `14:05:09` in `timeZone`. */
export function formatTimeOfDay(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? "—" : dateTimeFormat(timeZone, false).format(ms);
}
