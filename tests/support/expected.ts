/**
 * Expected metric values computed straight from the simulator's dataset of individual chats —
 * independently of the app's code path (no adapters, no upstream reports) — so integration
 * tests can compare our API against ground truth.
 */
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import type { SimChat } from "../../simulator/dataset";
import type { Granularity, MetricId, SourceId } from "../../lib/metrics/types";

export interface ExpectedBucket {
  count: number;
  good: number;
  bad: number;
  /** Events behind an average: FRT per chat, every response, or (Rocket.Chat RT) each chat's mean. */
  events: number[];
}

function dayStart(date: string, tz: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, tz).getTime();
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function keyOf(ms: number, granularity: Granularity, tz: string): string {
  const pattern =
    granularity === "hour"
      ? "yyyy-MM-dd'T'HH:00"
      : granularity === "day"
        ? "yyyy-MM-dd"
        : "yyyy-MM";
  return format(new TZDate(ms, tz), pattern);
}

function eventsOf(chat: SimChat, metric: MetricId, source: SourceId): number[] {
  if (metric === "chats.first_response_time")
    return chat.firstResponseSeconds === null ? [] : [chat.firstResponseSeconds];
  if (metric === "chats.response_time") {
    if (source === "livechat") return chat.responseTimes;
    // Rocket.Chat averages each conversation's own mean response time.
    return chat.responseTimes.length
      ? [chat.responseTimes.reduce((a, b) => a + b, 0) / chat.responseTimes.length]
      : [];
  }
  return [];
}

/** Chats of the window (start time in [from 00:00, to+1 00:00) in tz), optionally one team. */
export function chatsIn(
  chats: SimChat[],
  from: string,
  to: string,
  tz: string,
  team: string | null,
): SimChat[] {
  const start = dayStart(from, tz);
  const end = dayStart(nextDay(to), tz);
  return chats.filter(
    (c) => c.startedAt >= start && c.startedAt < end && (team === null || c.team === team),
  );
}

export function expectedBuckets(
  chats: SimChat[],
  metric: MetricId,
  source: SourceId,
  granularity: Granularity,
  tz: string,
): Map<string, ExpectedBucket> {
  const out = new Map<string, ExpectedBucket>();
  for (const chat of chats) {
    const key = keyOf(chat.startedAt, granularity, tz);
    const b = out.get(key) ?? { count: 0, good: 0, bad: 0, events: [] };
    b.count += 1;
    if (chat.rating === "good") b.good += 1;
    if (chat.rating === "bad") b.bad += 1;
    b.events.push(...eventsOf(chat, metric, source));
    out.set(key, b);
  }
  return out;
}

export function mean(values: number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

export function merge(buckets: Iterable<ExpectedBucket>): ExpectedBucket {
  const total: ExpectedBucket = { count: 0, good: 0, bad: 0, events: [] };
  for (const b of buckets) {
    total.count += b.count;
    total.good += b.good;
    total.bad += b.bad;
    total.events.push(...b.events);
  }
  return total;
}
