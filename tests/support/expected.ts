/**
 * Expected metric values computed straight from the simulator's dataset of individual chats —
 * independently of the app's code path (no adapters, no upstream reports) — so integration
 * tests can compare our API against ground truth.
 */
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { reactionSeconds, type SimChat } from "../../simulator/dataset";
import type { Granularity, MetricId, SourceId } from "../../lib/metrics/types";

/** What a bucket (or a period) must show: value, count and parts, exactly as our API defines them. */
export interface ExpectedValues {
  value: number | null;
  count: number | null;
  parts?: Record<string, number | null>;
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

export function mean(values: number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
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

const mine = (agent: string | null) => (c: SimChat) => agent === null || c.agents.includes(agent);

/**
 * The expected values of a chat-based metric over a set of chats (one bucket or a period).
 * Rocket.Chat averages carry no count (its API reports none); chat duration is weighted by
 * conversations, as Chatlens does.
 */
export function expectedOfChats(
  metric: MetricId,
  source: SourceId,
  chats: SimChat[],
): ExpectedValues {
  const rc = source === "rocketchat";
  const avg = (events: number[]): ExpectedValues => ({
    value: mean(events),
    count: rc ? null : events.length,
  });
  switch (metric) {
    case "chats.total":
      return { value: chats.length, count: chats.length };
    case "chats.missed": {
      const n = chats.filter((c) => c.firstResponseSeconds === null).length;
      return { value: n, count: n };
    }
    case "chats.csat": {
      const good = chats.filter((c) => c.rating === "good").length;
      const bad = chats.filter((c) => c.rating === "bad").length;
      return {
        value: good + bad ? (good / (good + bad)) * 100 : null,
        count: good + bad,
        parts: { good, bad, chats: chats.length },
      };
    }
    case "chats.first_response_time":
      return avg(
        chats.flatMap((c) => (c.firstResponseSeconds === null ? [] : [c.firstResponseSeconds])),
      );
    case "chats.response_time":
      return avg(chats.flatMap((c) => c.responseTimes));
    case "chats.conversation_response_time":
      return avg(chats.flatMap((c) => (c.responseTimes.length ? [mean(c.responseTimes)!] : [])));
    case "chats.reaction_time":
      return avg(
        chats.flatMap((c) => {
          const r = reactionSeconds(c);
          return r === null ? [] : [r];
        }),
      );
    case "chats.best_first_response_time": {
      const frt = chats.flatMap((c) =>
        c.firstResponseSeconds === null ? [] : [c.firstResponseSeconds],
      );
      return { value: frt.length ? Math.min(...frt) : null, count: null };
    }
    case "chats.duration": {
      const d = chats.map((c) => (c.endedAt - c.startedAt) / 1000);
      return { value: mean(d), count: chats.length };
    }
    case "chats.messages": {
      const n = chats.reduce((s, c) => s + Math.max(1, c.agentMessages), 0);
      return { value: n, count: n };
    }
    default:
      throw new Error(`no chat-based expectation for ${metric}`);
  }
}

/** Chat-based metrics the expectations above cover. */
export const CHAT_BASED: Record<SourceId, MetricId[]> = {
  livechat: [
    "chats.total",
    "chats.missed",
    "chats.csat",
    "chats.first_response_time",
    "chats.response_time",
  ],
  rocketchat: [
    "chats.total",
    "chats.messages",
    "chats.duration",
    "chats.first_response_time",
    "chats.conversation_response_time",
    "chats.reaction_time",
    "chats.best_first_response_time",
  ],
};

/** Expected values per bucket key for chats already cut to the window (and team). */
export function expectedBuckets(
  chats: SimChat[],
  metric: MetricId,
  source: SourceId,
  granularity: Granularity,
  tz: string,
  agent: string | null = null,
): Map<string, ExpectedValues> {
  const byKey = new Map<string, SimChat[]>();
  for (const chat of chats.filter(mine(agent))) {
    const key = keyOf(chat.startedAt, granularity, tz);
    const list = byKey.get(key);
    if (list) list.push(chat);
    else byKey.set(key, [chat]);
  }
  return new Map([...byKey].map(([k, list]) => [k, expectedOfChats(metric, source, list)]));
}

/** Expected values of the whole window. */
export function expectedTotal(
  chats: SimChat[],
  metric: MetricId,
  source: SourceId,
  agent: string | null = null,
): ExpectedValues {
  return expectedOfChats(metric, source, chats.filter(mine(agent)));
}
