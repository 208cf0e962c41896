/**
 * Calendar and time-zone maths for report ranges and buckets. Client-safe.
 *
 * Dates are plain `YYYY-MM-DD` calendar days (no time zone of their own); instants are
 * epoch milliseconds. Turning a day or an hour into an instant always goes through an IANA
 * time zone with @date-fns/tz, so DST days have 23 or 25 hours and no hour is invented.
 */
import { TZDate } from "@date-fns/tz";
import { addDays as addDaysFns, differenceInCalendarDays, format, parseISO } from "date-fns";
import type { Granularity } from "./metrics/types";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2024-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** True when `tz` is an IANA zone name this runtime knows (e.g. `Europe/Warsaw`, `UTC`). */
export function isValidTimeZone(tz: string): boolean {
  if (tz.length === 0 || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function parseDay(date: string): Date {
  // parseISO on a bare date gives local midnight; only the calendar fields are used below.
  return parseISO(date);
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return format(addDaysFns(parseDay(date), days), "yyyy-MM-dd");
}

/** Number of calendar days from `from` to `to`, both included (1 when equal). */
export function daysInclusive(from: string, to: string): number {
  return differenceInCalendarDays(parseDay(to), parseDay(from)) + 1;
}

/**
 * The previous period: the window of the same number of days that ends the day before `from`.
 * E.g. 2024-03-01…2024-03-07 → 2024-02-23…2024-02-29.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const length = daysInclusive(from, to);
  return { from: addDays(from, -length), to: addDays(from, -1) };
}

/** Today's calendar date in `tz`. */
export function todayIn(tz: string, now: number = Date.now()): string {
  return format(new TZDate(now, tz), "yyyy-MM-dd");
}

/** Every calendar day of [from, to], in order. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Default granularity: hourly for a single day, daily otherwise. */
export function defaultGranularity(from: string, to: string): Granularity {
  return from === to ? "hour" : "day";
}

/** The instant (epoch ms) at which calendar day `date` starts in `tz`. */
export function startOfDayIn(date: string, tz: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, tz).getTime();
}

export const DATE_PRESETS = [
  { id: "today", label: "Today" },
  { id: "yesterday", label: "Yesterday" },
  { id: "last7", label: "Last 7 days" },
  { id: "last30", label: "Last 30 days" },
  { id: "thisMonth", label: "This month" },
  { id: "lastMonth", label: "Last month" },
] as const;
export type DatePreset = (typeof DATE_PRESETS)[number]["id"];

/** Resolves a preset against `today` (a calendar date in the reporting time zone). */
export function resolvePreset(preset: DatePreset, today: string): { from: string; to: string } {
  switch (preset) {
    case "today":
      return { from: today, to: today };
    case "yesterday": {
      const y = addDays(today, -1);
      return { from: y, to: y };
    }
    case "last7":
      return { from: addDays(today, -6), to: today };
    case "last30":
      return { from: addDays(today, -29), to: today };
    case "thisMonth":
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case "lastMonth": {
      const firstOfThis = `${today.slice(0, 7)}-01`;
      const lastOfPrev = addDays(firstOfThis, -1);
      return { from: `${lastOfPrev.slice(0, 7)}-01`, to: lastOfPrev };
    }
  }
}

export interface BucketSlot {
  key: string;
  /** First instant of the bucket, epoch ms. */
  start: number;
}

/**
 * Every bucket of [from, to] at `granularity` in `tz`, in order.
 * - day: key `YYYY-MM-DD`, starting at local midnight.
 * - month: key `YYYY-MM`; the first month starts at `from`, not at the 1st.
 * - hour: key `YYYY-MM-DDTHH:00` for each wall-clock hour that exists: 23 buckets on a
 *   spring-forward day; on a fall-back day the repeated hour is one bucket (as LiveChat
 *   merges it), starting at its first occurrence.
 */
export function enumerateBuckets(
  from: string,
  to: string,
  granularity: Granularity,
  tz: string,
): BucketSlot[] {
  const days = eachDay(from, to);

  if (granularity === "day") return days.map((d) => ({ key: d, start: startOfDayIn(d, tz) }));

  if (granularity === "month") {
    const slots: BucketSlot[] = [];
    for (const d of days) {
      const key = d.slice(0, 7);
      if (slots.at(-1)?.key !== key) slots.push({ key, start: startOfDayIn(d, tz) });
    }
    return slots;
  }

  const slots: BucketSlot[] = [];
  const HOUR = 3_600_000;
  for (const d of days) {
    const end = startOfDayIn(addDays(d, 1), tz);
    for (let t = startOfDayIn(d, tz); t < end; t += HOUR) {
      const key = format(new TZDate(t, tz), "yyyy-MM-dd'T'HH:00");
      if (slots.at(-1)?.key !== key) slots.push({ key, start: t });
    }
  }
  return slots;
}
