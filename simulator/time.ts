/**
 * Calendar and time-zone helpers shared by the simulator's dataset and wire emulations.
 *
 * Instants are epoch milliseconds (UTC). Calendar dates are `YYYY-MM-DD` strings or
 * `{ y, m, d }` with a 1-based month. Offsets come from `@date-fns/tz` (Intl-backed), so IANA
 * DST rules match what the real vendors apply.
 */
import { tzOffset } from "@date-fns/tz";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface CalendarDate {
  y: number;
  m: number;
  d: number;
}

const pad2 = (n: number): string => String(n).padStart(2, "0");

export function formatYmd({ y, m, d }: CalendarDate): string {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Strict `YYYY-MM-DD` parser: rejects other shapes and impossible dates such as 2025-02-30. */
export function parseYmd(value: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d)
    return null;
  return { y, m, d };
}

/** Calendar arithmetic (no time zone involved). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / DAY_MS);
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return Date.UTC(a.y, a.m - 1, a.d) - Date.UTC(b.y, b.m - 1, b.d);
}

/** UTC calendar date of an instant. */
export function utcDate(ms: number): CalendarDate {
  const t = new Date(ms);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function utcMidnight(date: CalendarDate): number {
  return Date.UTC(date.y, date.m - 1, date.d);
}

/** True when Intl knows the zone (IANA names, `UTC`; case-insensitive like Intl itself). */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === "") return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return !Number.isNaN(tzOffset(timeZone, new Date(0)));
  } catch {
    return false;
  }
}

/** UTC offset of `timeZone` at instant `ms`, in milliseconds (New York in winter → −5 h). */
export function offsetMs(timeZone: string, ms: number): number {
  return tzOffset(timeZone, new Date(ms)) * 60_000;
}

export interface LocalParts extends CalendarDate {
  h: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

/** Wall-clock fields of instant `ms` in `timeZone`. */
export function localParts(ms: number, timeZone: string): LocalParts {
  const t = new Date(ms + offsetMs(timeZone, ms));
  return {
    y: t.getUTCFullYear(),
    m: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    h: t.getUTCHours(),
    weekday: t.getUTCDay(),
  };
}

/**
 * The instant at which the wall clock of `timeZone` shows `date` at `hour`:00. Two passes settle
 * the offset on DST days; a wall time inside a spring-forward gap resolves to the first instant
 * after the gap (so a missing local midnight still yields the start of that local day).
 */
export function zonedWallToUtc(date: CalendarDate, hour: number, timeZone: string): number {
  const wall = Date.UTC(date.y, date.m - 1, date.d, hour);
  const first = wall - offsetMs(timeZone, wall);
  const second = wall - offsetMs(timeZone, first);
  if (second === first) return first;
  // The two passes disagree only around a transition: take the candidate that really shows the
  // requested wall time, else (inside a gap) the later one.
  for (const candidate of [Math.min(first, second), Math.max(first, second)]) {
    if (candidate + offsetMs(timeZone, candidate) === wall) return candidate;
  }
  return Math.max(first, second);
}

/** Start of the local calendar day `date` in `timeZone`. */
export function zonedMidnight(date: CalendarDate, timeZone: string): number {
  return zonedWallToUtc(date, 0, timeZone);
}

export function pad2Hour(h: number): string {
  return pad2(h);
}

/** Calendar weekday of a date: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: CalendarDate): number {
  return new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
}

/** ISO 8601 instant to the second, UTC, as LiveChat's ticket API writes it: `2013-11-15T22:24:20Z`. */
export function isoSeconds(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

const SHORT_WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/**
 * LiveChat v2 archive date (PHP `D, m/d/y h:i:s a`) on the wall clock of `timeZone`:
 * `Wed, 01/23/13 11:40:53 am`; 12-hour clock with zero-padded hours, lowercase am/pm.
 */
export function formatLiveChatDateTime(ms: number, timeZone: string): string {
  const t = new Date(Math.floor(ms / 1000) * 1000 + offsetMs(timeZone, ms));
  const h24 = t.getUTCHours();
  const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
  return (
    `${SHORT_WEEKDAYS[t.getUTCDay()] ?? "Sun"}, ${pad2(t.getUTCMonth() + 1)}/${pad2(t.getUTCDate())}/` +
    `${pad2(t.getUTCFullYear() % 100)} ${pad2(h12)}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())} ` +
    (h24 < 12 ? "am" : "pm")
  );
}
