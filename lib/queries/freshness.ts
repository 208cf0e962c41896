/**
 * How old the numbers on a widget are (client-safe, pure): the `Freshness` stamps of the API
 * answers a widget shows, reduced to one "as of 10:42" (or "as of 10:42 · stale" with a reason).
 */
import { todayIn } from "@/lib/dates";
import type { Freshness } from "@/lib/metrics/types";

export interface FreshnessSummary {
  /** The oldest `fetchedAt` of the answers: a widget is only as fresh as its oldest part. */
  fetchedAt: string;
  stale: boolean;
  /** Why the numbers may be out of date; null when they are not. */
  reason: string | null;
}

export const DEFAULT_STALE_REASON =
  "The chat platform could not be reached; these are the last numbers it gave.";

/**
 * One summary for a widget's answers (one per source for per-source charts). Stale when any
 * answer is, or when the latest background refresh failed (`refreshError`, its message).
 */
export function summarizeFreshness(
  answers: readonly Freshness[],
  refreshError: string | null = null,
): FreshnessSummary | null {
  let oldest: Freshness | undefined;
  for (const a of answers) {
    if (oldest === undefined || Date.parse(a.fetchedAt) < Date.parse(oldest.fetchedAt)) oldest = a;
  }
  if (oldest === undefined) return null;
  const staleAnswers = answers.filter((a) => a.stale === true);
  const reasons = [
    ...new Set(staleAnswers.map((a) => a.staleReason?.trim() || DEFAULT_STALE_REASON)),
    ...(refreshError ? [`Refresh failed: ${refreshError}`] : []),
  ];
  return {
    fetchedAt: oldest.fetchedAt,
    stale: reasons.length > 0,
    reason: reasons.length > 0 ? reasons.join(" · ") : null,
  };
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string, kind: "time" | "day" | "dayYear"): Intl.DateTimeFormat {
  const key = `${timeZone}|${kind}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      "en-US",
      kind === "time"
        ? { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
        : {
            timeZone,
            month: "short",
            day: "numeric",
            ...(kind === "dayYear" && { year: "numeric" }),
          },
    );
    formats.set(key, f);
  }
  return f;
}

/**
 * An instant as the reporting zone's wall clock: `10:42` today, `Oct 4, 10:42` on another day
 * of this year, `Dec 30, 2025, 10:42` in another year. Null when `iso` is not a date.
 */
export function formatAsOf(iso: string, timeZone: string, now: number = Date.now()): string | null {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return null;
  const time = format(timeZone, "time").format(at);
  const day = todayIn(timeZone, at);
  const today = todayIn(timeZone, now);
  if (day === today) return time;
  const withYear = day.slice(0, 4) !== today.slice(0, 4);
  return `${format(timeZone, withYear ? "dayYear" : "day").format(at)}, ${time}`;
}

/** The badge text: `as of 10:42`, `as of 10:42 · stale` (just `stale` when the time is unreadable). */
export function freshnessLabel(
  summary: FreshnessSummary,
  timeZone: string,
  now: number = Date.now(),
): string {
  const asOf = formatAsOf(summary.fetchedAt, timeZone, now);
  const parts = [asOf === null ? null : `as of ${asOf}`, summary.stale ? "stale" : null];
  return parts.filter(Boolean).join(" · ");
}
