/**
 * The public contract of Chatlens' own API. Client-safe: imported by route handlers, React
 * components and tests alike.
 *
 * - `GET /api/metrics/{metric}`   one metric as buckets + total (`MetricResponse`)
 * - `GET /api/sources`            configured sources, teams, agents, metrics (`SourcesResponse`)
 * - `GET /api/reports/ranking`    agent ranking by ratings, chats or tickets (`RankingResponse`)
 * - `GET /api/reports/agents`     per-agent table (`AgentTableResponse`)
 * - `GET /api/reports/occupancy`  simultaneous chats, weekday × hour (`OccupancyResponse`)
 * - `GET /api/chats`              the chat archive, one page (`ChatListResponse`)
 * - `GET /api/chats/{id}`         one chat with its transcript (`ChatTranscriptResponse`)
 * - `GET /api/tickets`            the ticket list, one page (`TicketListResponse`)
 *
 * Units are explicit: every duration is in seconds, percentages are 0–100, counts are plain
 * integers. `value: null` means "no data" (never 0). `count` is the number of events a value
 * rests on (chats, rated chats, responses); `null` when the upstream does not report it.
 */

export const METRIC_IDS = [
  // Chats
  "chats.total",
  "chats.missed",
  "chats.engagement",
  "chats.queued",
  "chats.queue_waiting_time",
  "chats.duration",
  "chats.messages",
  "chats.goals",
  "chats.greeting_conversion",
  // Satisfaction
  "chats.csat",
  // Response times
  "chats.first_response_time",
  "chats.response_time",
  "chats.conversation_response_time",
  "chats.reaction_time",
  "chats.best_first_response_time",
  // Agents
  "agents.chatting_time",
  "agents.availability",
  // Tickets
  "tickets.new",
  "tickets.solved",
  "tickets.first_response_time",
  "tickets.resolution_time",
  "tickets.sources",
  "tickets.csat",
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export const SOURCE_IDS = ["livechat", "rocketchat"] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

/** What a request may ask for: one source, or `all` configured sources combined. */
export const SOURCE_SELECTORS = [...SOURCE_IDS, "all"] as const;
export type SourceSelector = (typeof SOURCE_SELECTORS)[number];

export const GRANULARITIES = ["hour", "day", "month"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export type MetricUnit = "count" | "percent" | "seconds";

/**
 * How bucket values combine into a total (and how sources combine under `all`):
 * - `sum`: counts and durations add up;
 * - `weighted_average`: Σ(value × count) / Σ count over values with a count;
 * - `ratio`: recomputed from summed `parts` (CSAT = good ÷ (good + bad));
 * - `min`: the smallest value (best first response time).
 */
export type Aggregation = "sum" | "weighted_average" | "ratio" | "min";

export interface MetricBucket {
  /** `YYYY-MM-DDTHH:00` (hour), `YYYY-MM-DD` (day) or `YYYY-MM` (month), wall-clock in `timezone`. */
  key: string;
  /** The bucket's first instant, ISO 8601 UTC. */
  start: string;
  value: number | null;
  count: number | null;
  /**
   * The components of the value, named by the metric definition's `parts` (e.g. CSAT `good`,
   * `bad`; engagement `auto_invite`, …). Same unit as the part's definition says.
   */
  parts?: Record<string, number | null>;
}

export interface MetricTotal {
  value: number | null;
  count: number | null;
  parts?: Record<string, number | null>;
}

/**
 * How old an answer is. Every response built from upstream data carries it.
 * - `fetchedAt`: when the upstream produced the oldest piece of the answer (ISO 8601). Cached
 *   answers keep their real age.
 * - `stale`: the upstream failed (or was not called: rate limit, circuit open) and this is the
 *   last good answer; `staleReason` says why, in words a manager can read.
 */
export interface Freshness {
  fetchedAt: string;
  stale?: true;
  staleReason?: string;
}

export interface MetricResponse extends Freshness {
  metric: MetricId;
  /** The requested source, or `all`. */
  source: SourceSelector;
  /** The sources the numbers actually cover (under `all`: those that provide the metric). */
  sources: SourceId[];
  unit: MetricUnit;
  /** Inclusive calendar dates in `timezone`. */
  from: string;
  to: string;
  granularity: Granularity;
  /**
   * The time zone the buckets were cut in. Rocket.Chat always reports UTC days; under `all`
   * with both sources this is our zone and `notes` says Rocket.Chat's days are UTC days.
   */
  timezone: string;
  group: string | null;
  /** Agent filter (LiveChat login), or null. */
  agent: string | null;
  buckets: MetricBucket[];
  total: MetricTotal;
  /** Under `all`: each covered source's own total, so a tile can say what it is made of. */
  bySource?: Partial<Record<SourceId, MetricTotal>>;
  /** Present with `compare=previous`: the window of equal length just before `from`. */
  previous?: { from: string; to: string; total: MetricTotal };
  /** Caveats the UI must show next to the numbers (e.g. a source whose average has no count). */
  notes?: string[];
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}

export interface SourceTeam {
  id: string;
  name: string;
}

export interface SourceAgent {
  /** LiveChat login (e-mail) / Rocket.Chat username. */
  id: string;
  name: string;
}

export interface SourceInfo {
  id: SourceId;
  name: string;
  /** The vendor's word for a team: LiveChat *group*, Rocket.Chat *department*. */
  teamLabel: "group" | "department";
  teams: SourceTeam[];
  /** Agents of the account (for the agent filter and for names in tables). */
  agents: SourceAgent[];
  /** Metrics this source can provide. */
  metrics: MetricId[];
  /** Metrics whose upstream report accepts an agent filter. */
  agentFilterMetrics: MetricId[];
  /** Whether this source has a browsable chat archive (drill-down) and a ticket list. */
  archive: boolean;
  tickets: boolean;
  /** The time zone this source buckets in, when it ignores ours (Rocket.Chat: UTC). */
  fixedTimezone: string | null;
  /** Set when the team list could not be loaded (the source may be down); `teams` is then empty. */
  teamsError?: string;
  /** Set when the agent list could not be loaded; `agents` is then empty. */
  agentsError?: string;
}

export interface SourcesResponse {
  sources: SourceInfo[];
  /** Reporting time zone (CHATLENS_TIMEZONE). */
  timezone: string;
  demo: boolean;
}

// ---------------------------------------------------------------------------------------------
// Tables and lists.

export interface ColumnDefinition {
  id: string;
  label: string;
  unit: MetricUnit;
  direction: "higher_is_better" | "lower_is_better" | "neutral";
  /** Plain-language definition (tooltip), including the upstream report it comes from. */
  definition: string;
}

/** `GET /api/reports/ranking?source=livechat&kind=chats|tickets&from&to[&group]` */
export interface RankingResponse extends Freshness {
  source: SourceId;
  /** `chats`: chat ratings ranking; `tickets`: ticket ratings ranking. */
  kind: "chats" | "tickets";
  from: string;
  to: string;
  group: string | null;
  /** Best first (LiveChat's order: by score). */
  rows: {
    agent: string;
    name: string;
    good: number;
    bad: number;
    /** Rated chats (tickets) = good + bad. */
    total: number;
    /** LiveChat's ranking score (0–1 range as reported). */
    score: number;
    /** good ÷ (good + bad) × 100, null when unrated. */
    csat: number | null;
  }[];
}

/** `GET /api/reports/agents?source&from&to[&group]` — one row per agent, columns per source. */
export interface AgentTableResponse extends Freshness {
  source: SourceId;
  from: string;
  to: string;
  group: string | null;
  columns: ColumnDefinition[];
  rows: { agent: string; name: string; values: Record<string, number | null> }[];
}

/** `GET /api/reports/occupancy?source=livechat&from&to[&group]` — LiveChat agents_occupancy. */
export interface OccupancyResponse extends Freshness {
  source: SourceId;
  from: string;
  to: string;
  group: string | null;
  timezone: string;
  /** 7 × 24 cells, weekday 0 = Monday … 6 = Sunday, hour 0–23 local. */
  cells: {
    weekday: number;
    hour: number;
    /** Highest number of simultaneous chats in that hour over the matching days, null if no day. */
    max: number | null;
    /** Mean over the matching days of each day's maximum. */
    mean: number | null;
    days: number;
  }[];
}

export type ChatRating = "good" | "bad" | "not_rated";

export interface ChatSummary {
  id: string;
  /** `chat` or `missed_chat` (LiveChat archive `type`). */
  type: "chat" | "missed_chat";
  /** ISO 8601 UTC. */
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
  visitorName: string;
  agents: SourceAgent[];
  /** Group ids and names. */
  groups: SourceTeam[];
  rating: ChatRating;
  goals: { id: string; name: string }[];
  tags: string[];
  messageCount: number;
}

/**
 * `GET /api/chats?source=livechat&from&to[&hour][&group][&agent][&rate][&type][&page]`
 * `hour` (0–23) narrows a one-day range to one local hour (drill-down from an hourly bucket).
 */
export interface ChatListResponse extends Freshness {
  source: SourceId;
  from: string;
  to: string;
  hour: number | null;
  page: number;
  pages: number;
  total: number;
  chats: ChatSummary[];
}

export interface ChatMessage {
  author: string;
  role: "agent" | "visitor" | "supervisor" | "system";
  text: string;
  at: string;
}

/** `GET /api/chats/{id}?source=livechat` */
export interface ChatTranscriptResponse extends Freshness {
  source: SourceId;
  chat: ChatSummary & { messages: ChatMessage[] };
}

/** `GET /api/tickets?source=livechat&from&to[&group][&status][&page]` */
export interface TicketListResponse extends Freshness {
  source: SourceId;
  from: string;
  to: string;
  page: number;
  pages: number;
  total: number;
  tickets: {
    id: string;
    subject: string;
    status: "open" | "pending" | "solved" | "spam";
    /** Where the ticket came from (the `tickets.sources` parts; `other`: Facebook, created by hand). */
    source: "chat_window" | "mail" | "chat" | "other";
    createdAt: string;
    requester: string;
    assignee: SourceAgent | null;
    groups: SourceTeam[];
  }[];
}
