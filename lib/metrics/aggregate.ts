/**
 * The maths behind every number Chatlens shows. Client-safe and pure.
 *
 * Rules: counts add up; averages combine weighted by their counts (Σ value×count ÷ Σ count),
 * skipping parts with no data; `null` is "no data", never 0.
 */

export interface Weighted {
  value: number | null;
  count: number | null;
}

/** Rounds to 2 decimals, keeping null (our API's precision for seconds and percentages). */
export function round2(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}

/**
 * Count-weighted mean of averages. Parts whose value is null or whose count is 0 are skipped.
 * @returns `{value, count}` where count = Σ counts of used parts; value null when nothing is left.
 * @throws Error when a part with a value has an unknown (null) count: it cannot be weighted.
 */
export function weightedAverage(parts: readonly Weighted[]): {
  value: number | null;
  count: number;
} {
  let sum = 0;
  let count = 0;
  for (const p of parts) {
    if (p.value === null || p.count === 0) continue;
    if (p.count === null) throw new Error("weightedAverage: a part has a value but no count");
    sum += p.value * p.count;
    count += p.count;
  }
  return { value: count === 0 ? null : sum / count, count };
}

/** Σ counts, or null when every part is unknown. */
export function sumCounts(parts: readonly (number | null)[]): number | null {
  let known = false;
  let total = 0;
  for (const p of parts) {
    if (p === null) continue;
    known = true;
    total += p;
  }
  return known ? total : null;
}

/** CSAT in percent: good ÷ (good + bad) × 100; null when nothing was rated. */
export function csat(good: number, bad: number): number | null {
  const rated = good + bad;
  return rated === 0 ? null : (good / rated) * 100;
}

/**
 * Parses Rocket.Chat's `HH:MM:SS` durations (hours may run past 99) into seconds.
 * Tolerates the `00:00:60` rounding quirk of `secondsToHHMMSS`.
 * @returns seconds, or null when the text is not of that form.
 */
export function parseHhMmSs(text: string): number | null {
  const m = /^(\d{2,}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mi > 59 || s > 60) return null;
  return h * 3600 + mi * 60 + s;
}
