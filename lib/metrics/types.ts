/**
 * The public contract of Chatlens' own API (`GET /api/metrics/{metric}`, `GET /api/sources`).
 * Client-safe: imported by route handlers, React components and tests alike.
 *
 * Units are explicit: every duration is in seconds, CSAT is a percentage 0–100, counts are
 * plain integers. `value: null` means "no data" (never 0). `count` is the number of events a
 * value rests on (chats, rated chats, responses); `null` when the upstream does not report it.
 */

export const METRIC_IDS = [
  "chats.total",
  "chats.csat",
  "chats.first_response_time",
  "chats.response_time",
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export const SOURCE_IDS = ["livechat", "rocketchat"] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

export const GRANULARITIES = ["hour", "day", "month"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export type MetricUnit = "count" | "percent" | "seconds";

export interface MetricBucket {
  /** `YYYY-MM-DDTHH:00` (hour), `YYYY-MM-DD` (day) or `YYYY-MM` (month), wall-clock in `timezone`. */
  key: string;
  /** The bucket's first instant, ISO 8601 UTC. */
  start: string;
  value: number | null;
  count: number | null;
  /** CSAT only: good and bad ratings in the bucket. */
  good?: number;
  bad?: number;
}

export interface MetricTotal {
  value: number | null;
  count: number | null;
  good?: number;
  bad?: number;
}

export interface MetricResponse {
  metric: MetricId;
  source: SourceId;
  unit: MetricUnit;
  /** Inclusive calendar dates in `timezone`. */
  from: string;
  to: string;
  granularity: Granularity;
  /** The time zone the buckets were cut in (Rocket.Chat always reports UTC days). */
  timezone: string;
  group: string | null;
  buckets: MetricBucket[];
  total: MetricTotal;
  /** Present with `compare=previous`: the window of equal length just before `from`. */
  previous?: { from: string; to: string; total: MetricTotal };
  /** When the upstream answered, ISO 8601. */
  fetchedAt: string;
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}

export interface SourceTeam {
  id: string;
  name: string;
}

export interface SourceInfo {
  id: SourceId;
  name: string;
  /** The vendor's word for a team: LiveChat *group*, Rocket.Chat *department*. */
  teamLabel: "group" | "department";
  teams: SourceTeam[];
  /** Metrics this source can provide. */
  metrics: MetricId[];
  /** The time zone this source buckets in, when it ignores ours (Rocket.Chat: UTC). */
  fixedTimezone: string | null;
  /** Set when the team list could not be loaded (the source may be down); `teams` is then empty. */
  teamsError?: string;
}

export interface SourcesResponse {
  sources: SourceInfo[];
  /** Reporting time zone (CHATLENS_TIMEZONE). */
  timezone: string;
  demo: boolean;
}
