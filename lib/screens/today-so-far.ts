/**
 * "Today so far" comparisons for TV tiles (pure, client-safe).
 *
 * A range that ends today is only partly over, so comparing it with the whole previous period
 * would make every morning look like a collapse. Instead the previous window is cut at the
 * same local time of day: today until 11:00 Europe/Warsaw is compared with the same weekday
 * last week until 11:00 local — also across a DST change, since both cuts are wall-clock
 * times in the reporting time zone (a spring-forward day simply has one hour bucket fewer).
 *
 * - One day (today): the previous window is the same weekday one week earlier.
 * - Several days ending today: the previous period of equal length (`previousPeriod`, e.g.
 *   last 7 days → the 7 days before), cut on its last day at the same local time.
 * - Both windows are cut at the start of the current local hour, i.e. they hold **complete
 *   hours only**: the hour in progress is partial today and would be full last week. At 00:20
 *   both windows of a one-day range are therefore empty (no hour has completed yet).
 * - Hours are given as the app's hourly bucket keys (`YYYY-MM-DDTHH:00`, local to `tz`, see
 *   `enumerateBuckets`): sum the hourly buckets with these keys for each side.
 */
import { TZDate } from "@date-fns/tz";
import { addDays, enumerateBuckets, previousPeriod, todayIn } from "@/lib/dates";

/** One side of the comparison. */
export interface TodaySoFarWindow {
  /** First and last calendar day (`YYYY-MM-DD`, in `tz`), both included. */
  from: string;
  to: string;
  /** The cut: the first instant not counted, epoch ms (the cut hour on day `to`, local). */
  endsAt: number;
  /** The hourly bucket keys to sum, in order. */
  hours: string[];
}

export interface TodaySoFar {
  /** The local time both windows stop at, `HH:00`. */
  cutoff: string;
  current: TodaySoFarWindow;
  previous: TodaySoFarWindow;
}

/** The hour keys of [from, to] in `tz`, the last day only before local hour `cutHour`. */
function hoursUntil(from: string, to: string, cutHour: number, tz: string): string[] {
  const cut = `${to}T${String(cutHour).padStart(2, "0")}:00`;
  // Keys are wall-clock times and sort as strings; a missing (DST) hour is simply absent.
  return enumerateBuckets(from, to, "hour", tz)
    .map((b) => b.key)
    .filter((key) => key < cut);
}

/** The instant of local time `hour:00` on `day` in `tz` (a skipped hour moves forward). */
function instantAt(day: string, hour: number, tz: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, hour, 0, 0, tz).getTime();
}

/**
 * The "today so far" comparison for `range` at `now` (epoch ms) in time zone `tz`.
 * @param range inclusive `YYYY-MM-DD` days, `from ≤ to`.
 * @returns both windows with their cut and hourly bucket keys, or null when the range does
 *   not end today in `tz` (a finished range compares with the whole previous period).
 */
export function todaySoFarComparison(
  tz: string,
  now: number,
  range: { from: string; to: string },
): TodaySoFar | null {
  const today = todayIn(tz, now);
  if (range.to !== today || range.from > range.to) return null;
  const cutHour = new TZDate(now, tz).getHours();
  const previous =
    range.from === range.to
      ? { from: addDays(range.from, -7), to: addDays(range.to, -7) }
      : previousPeriod(range.from, range.to);
  return {
    cutoff: `${String(cutHour).padStart(2, "0")}:00`,
    current: {
      from: range.from,
      to: range.to,
      endsAt: instantAt(range.to, cutHour, tz),
      hours: hoursUntil(range.from, range.to, cutHour, tz),
    },
    previous: {
      ...previous,
      endsAt: instantAt(previous.to, cutHour, tz),
      hours: hoursUntil(previous.from, previous.to, cutHour, tz),
    },
  };
}
