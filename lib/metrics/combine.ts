/**
 * Combining values of one metric — buckets into a period total, fine buckets into coarse ones
 * (hours into a day, days into a month) and sources into "All sources" — by the metric's
 * `aggregation` rule in the dictionary. Client-safe and pure.
 *
 * - `sum`: values and counts add up; `parts` add up key by key.
 * - `weighted_average`: Σ(value × count) ÷ Σ count over values that have data. When a value has
 *   no count (Rocket.Chat averages) it cannot be weighted: with a single such value it is kept
 *   as is, otherwise the result is `null` and `unweighted` is set so the caller can explain.
 *   Average parts are weighted by `weights[part]`; the part `max` takes the maximum.
 * - `ratio`: parts add up and the value is recomputed (CSAT = good ÷ (good + bad) × 100,
 *   greeting conversion = accepted ÷ displayed × 100).
 * - `min`: the smallest value (0 never appears: upstream zeros mean "no data" and are null).
 *
 * `null` is "no data" everywhere and never counts as 0.
 */
import { METRICS } from "./definitions";
import type { MetricId } from "./types";

export interface Values {
  value: number | null;
  count: number | null;
  parts?: Record<string, number | null>;
  /** Weights of average-valued parts (e.g. queue waits: visitors behind each part). Internal. */
  weights?: Record<string, number>;
}

export interface Combined extends Values {
  /** Set when averages without counts had to be combined: `value` is then null. */
  unweighted?: true;
}

function sumNullable(values: readonly (number | null | undefined)[]): number | null {
  let known = false;
  let total = 0;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    known = true;
    total += v;
  }
  return known ? total : null;
}

function partKeys(items: readonly Values[]): string[] {
  const keys = new Set<string>();
  for (const i of items) for (const k of Object.keys(i.parts ?? {})) keys.add(k);
  return [...keys];
}

function sumParts(items: readonly Values[]): Record<string, number | null> | undefined {
  const keys = partKeys(items);
  if (keys.length === 0) return undefined;
  return Object.fromEntries(keys.map((k) => [k, sumNullable(items.map((i) => i.parts?.[k]))]));
}

/** The value of a ratio metric from its (summed) parts, with the count it rests on. */
export function ratioOf(
  metric: MetricId,
  parts: Record<string, number | null>,
): { value: number | null; count: number | null } {
  if (metric === "chats.greeting_conversion") {
    const displayed = parts.displayed ?? null;
    const accepted = parts.accepted ?? null;
    if (displayed === null || accepted === null) return { value: null, count: displayed };
    return { value: displayed === 0 ? null : (accepted / displayed) * 100, count: displayed };
  }
  // CSAT (chats and tickets): good ÷ rated.
  const good = parts.good ?? null;
  const bad = parts.bad ?? null;
  if (good === null || bad === null) return { value: null, count: null };
  const rated = good + bad;
  return { value: rated === 0 ? null : (good / rated) * 100, count: rated };
}

function weightedParts(items: readonly Values[]) {
  const keys = partKeys(items);
  if (keys.length === 0) return {};
  const parts: Record<string, number | null> = {};
  const weights: Record<string, number> = {};
  for (const key of keys) {
    if (key === "max") {
      const values = items.flatMap((i) => (i.parts?.max == null ? [] : [i.parts.max]));
      parts.max = values.length === 0 ? null : Math.max(...values);
      continue;
    }
    let sum = 0;
    let weight = 0;
    for (const i of items) {
      const v = i.parts?.[key];
      const w = i.weights?.[key] ?? 0;
      if (v === null || v === undefined || w === 0) continue;
      sum += v * w;
      weight += w;
    }
    parts[key] = weight === 0 ? null : sum / weight;
    weights[key] = weight;
  }
  return { parts, weights };
}

/** Combines `items` of `metric` by its aggregation rule. An empty list gives no data. */
export function combine(metric: MetricId, items: readonly Values[]): Combined {
  const rule = METRICS[metric].aggregation;
  if (items.length === 1 && rule !== "ratio") return { ...items[0]! };

  if (rule === "sum") {
    const parts = sumParts(items);
    return {
      value: sumNullable(items.map((i) => i.value)),
      count: sumNullable(items.map((i) => i.count)),
      ...(parts ? { parts } : {}),
    };
  }

  if (rule === "ratio") {
    const parts = sumParts(items) ?? {};
    return { ...ratioOf(metric, parts), parts };
  }

  if (rule === "min") {
    const values = items.flatMap((i) => (i.value === null ? [] : [i.value]));
    return {
      value: values.length === 0 ? null : Math.min(...values),
      count: sumNullable(items.map((i) => i.count)),
    };
  }

  // weighted_average
  const withData = items.filter((i) => i.value !== null && i.count !== 0);
  const { parts, weights } = weightedParts(items);
  const extra = parts ? { parts, weights } : {};
  if (withData.length === 0) {
    return { value: null, count: sumNullable(items.map((i) => i.count)) ?? null, ...extra };
  }
  if (withData.length === 1) {
    const only = withData[0]!;
    return { value: only.value, count: sumNullable(items.map((i) => i.count)), ...extra };
  }
  if (withData.some((i) => i.count === null)) {
    return { value: null, count: null, unweighted: true, ...extra };
  }
  let sum = 0;
  let count = 0;
  for (const i of withData) {
    sum += i.value! * i.count!;
    count += i.count!;
  }
  return { value: sum / count, count, ...extra };
}

/** Length of our bucket keys: `YYYY-MM-DDTHH:00`, `YYYY-MM-DD`, `YYYY-MM`. */
export const KEY_LENGTH = { hour: 16, day: 10, month: 7 } as const;

/** Rolls rows keyed by finer bucket keys into coarser ones (key prefix of `keyLength`). */
export function rollUp(
  metric: MetricId,
  rows: ReadonlyMap<string, Values>,
  keyLength: number,
): Map<string, Combined> {
  const groups = new Map<string, Values[]>();
  for (const [key, row] of rows) {
    const bucket = key.slice(0, keyLength);
    const list = groups.get(bucket);
    if (list) list.push(row);
    else groups.set(bucket, [row]);
  }
  return new Map([...groups].map(([key, list]) => [key, combine(metric, list)]));
}
