/**
 * Helpers shared by the source adapters to lay upstream rows onto Chatlens' bucket grid.
 */
import { TZDate } from "@date-fns/tz";
import { LRUCache } from "lru-cache";
import { enumerateBuckets, startOfDayIn } from "../dates";
import type { Values } from "../metrics/combine";
import type { MetricBucket } from "../metrics/types";
import type { MetricWindow } from "./types";

export type BucketValues = Values;

/** A bucket as adapters produce it: may still carry internal `weights` (stripped by the service). */
export type GridBucket = MetricBucket & Pick<Values, "weights">;

function startOfKey(key: string, window: MetricWindow, tz: string): number {
  const hour = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):00$/.exec(key);
  if (hour) {
    const [y, m, d, h] = hour.slice(1).map(Number) as [number, number, number, number];
    return new TZDate(y, m - 1, d, h, 0, tz).getTime();
  }
  if (/^\d{4}-\d{2}$/.test(key)) {
    const first = `${key}-01`;
    return startOfDayIn(first < window.from ? window.from : first, tz);
  }
  return startOfDayIn(key, tz);
}

/** A grid slot: its key and its start as an ISO instant. */
interface GridSlot {
  key: string;
  start: string;
}

/**
 * The bucket grid of a window, remembered: it depends only on the window and the time zone,
 * every answer needs it (twice with a previous period), and time-zone arithmetic was the
 * largest cost of answering from the cache.
 */
const grids = new LRUCache<string, readonly GridSlot[]>({ max: 2_000 });

function gridOf(window: MetricWindow, tz: string): readonly GridSlot[] {
  const key = `${window.from}|${window.to}|${window.granularity}|${tz}`;
  let grid = grids.get(key);
  if (grid === undefined) {
    grid = enumerateBuckets(window.from, window.to, window.granularity, tz).map((slot) => ({
      key: slot.key,
      start: new Date(slot.start).toISOString(),
    }));
    grids.set(key, grid);
  }
  return grid;
}

/**
 * Lays `rows` (keyed by our bucket keys) over every bucket of the window. A bucket the
 * upstream did not send has no data (`value` and `count` null); a row outside the expected
 * grid (e.g. an hour that DST skipped) is kept, in key order, so nothing is silently lost.
 */
export function layOnGrid(
  rows: Map<string, BucketValues>,
  window: MetricWindow,
  tz: string,
): GridBucket[] {
  const seen = new Set<string>();
  const buckets: GridBucket[] = gridOf(window, tz).map((slot) => {
    seen.add(slot.key);
    const row = rows.get(slot.key);
    return { key: slot.key, start: slot.start, ...(row ?? { value: null, count: null }) };
  });
  for (const [key, row] of rows) {
    if (seen.has(key)) continue;
    buckets.push({ key, start: new Date(startOfKey(key, window, tz)).toISOString(), ...row });
  }
  return buckets.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
