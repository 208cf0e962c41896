/**
 * The metric dictionary: one entry per metric id, shared by the API, the UI and tests.
 * Definitions say exactly what is counted and which upstream report it comes from.
 */
import type { MetricId, MetricUnit, SourceId } from "./types";

export interface MetricDefinition {
  id: MetricId;
  label: string;
  unit: MetricUnit;
  /** Which way is good; drives the colour of a change against the previous period. */
  direction: "higher_is_better" | "lower_is_better" | "neutral";
  /** What `count` counts, for "based on N …". */
  countNoun: { one: string; other: string };
  definition: string;
  /** Per source: the upstream report, or `null` when the source cannot provide the metric. */
  upstream: Record<SourceId, string | null>;
}

export const METRICS: Record<MetricId, MetricDefinition> = {
  "chats.total": {
    id: "chats.total",
    label: "Total chats",
    unit: "count",
    direction: "neutral",
    countNoun: { one: "chat", other: "chats" },
    definition:
      "Chats that started in the period, answered or missed. LiveChat counts chats by start time; Rocket.Chat counts omnichannel conversations by creation time.",
    upstream: {
      livechat: "GET /reports/chats/total_chats",
      rocketchat: "charts-data Total_conversations",
    },
  },
  "chats.csat": {
    id: "chats.csat",
    label: "CSAT",
    unit: "percent",
    direction: "higher_is_better",
    countNoun: { one: "rated chat", other: "rated chats" },
    definition:
      "Customer satisfaction: good ratings ÷ (good + bad ratings) × 100. Unrated chats are left out.",
    upstream: { livechat: "GET /reports/chats/ratings", rocketchat: null },
  },
  "chats.first_response_time": {
    id: "chats.first_response_time",
    label: "First response time",
    unit: "seconds",
    direction: "lower_is_better",
    countNoun: { one: "answered chat", other: "answered chats" },
    definition:
      "Average time from the customer's first message to the first agent reply, over chats that got a reply. Missed chats are not included.",
    upstream: {
      livechat: "GET /reports/chats/first_response_time",
      rocketchat:
        "charts-data Avg_first_response_time; totals from analytics/overview Productivity",
    },
  },
  "chats.response_time": {
    id: "chats.response_time",
    label: "Response time",
    unit: "seconds",
    direction: "lower_is_better",
    countNoun: { one: "response", other: "responses" },
    definition:
      "LiveChat: average time agents took to reply to a customer message, over every reply. Rocket.Chat: average of each conversation's own average response time (per conversation, not per reply).",
    upstream: {
      livechat: "GET /reports/chats/response_time",
      rocketchat: "charts-data Avg_response_time; totals from analytics/overview Productivity",
    },
  },
};

/** The metrics a source can provide, in dictionary order. */
export function metricsForSource(source: SourceId): MetricId[] {
  return (Object.values(METRICS) as MetricDefinition[])
    .filter((m) => m.upstream[source] !== null)
    .map((m) => m.id);
}
