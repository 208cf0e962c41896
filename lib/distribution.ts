/**
 * Sorting a series' buckets into value ranges, e.g. "how many days had an average first
 * response time under 30 s". Computed in the browser from buckets already fetched. Client-safe.
 */

export interface ValueRange {
  id: string;
  label: string;
  /** Inclusive lower bound. */
  min: number;
  /** Exclusive upper bound; `null` = no upper bound. */
  max: number | null;
}

/** First-response-time ranges (seconds). */
export const RESPONSE_TIME_RANGES: readonly ValueRange[] = [
  { id: "lt30s", label: "Under 30 s", min: 0, max: 30 },
  { id: "30-60s", label: "30–60 s", min: 30, max: 60 },
  { id: "1-2m", label: "1–2 min", min: 60, max: 120 },
  { id: "2-5m", label: "2–5 min", min: 120, max: 300 },
  { id: "gt5m", label: "Over 5 min", min: 300, max: null },
];

export interface RangeCount {
  id: string;
  label: string;
  /** Buckets whose value falls in the range. */
  buckets: number;
}

/**
 * Counts values per range (in range order). `null` values (buckets without data) are counted
 * apart in `noData`, never put in the first range.
 */
export function distribute(
  values: readonly (number | null)[],
  ranges: readonly ValueRange[] = RESPONSE_TIME_RANGES,
): { ranges: RangeCount[]; noData: number } {
  const counts = ranges.map((r) => ({ id: r.id, label: r.label, buckets: 0 }));
  let noData = 0;
  for (const value of values) {
    if (value === null || !Number.isFinite(value)) {
      noData += 1;
      continue;
    }
    const index = ranges.findIndex((r) => value >= r.min && (r.max === null || value < r.max));
    const slot = counts[index];
    if (slot) slot.buckets += 1;
  }
  return { ranges: counts, noData };
}
