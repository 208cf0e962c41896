/**
 * What a source adapter does: turn one normalised request into Chatlens' vocabulary, from one
 * vendor's reports — metric series, and the per-agent, ranking, occupancy, archive and ticket
 * views that only some vendors offer (those methods are absent when the vendor lacks them).
 */
import type {
  Freshness,
  AgentTableResponse,
  ChatListResponse,
  ChatTranscriptResponse,
  Granularity,
  MetricId,
  OccupancyResponse,
  RankingResponse,
  SourceAgent,
  SourceId,
  SourceTeam,
  TicketListResponse,
} from "../metrics/types";
import type { Values } from "../metrics/combine";
import type { GridBucket } from "./buckets";

export interface MetricWindow {
  from: string;
  to: string;
  granularity: Granularity;
  /** Requested reporting time zone (an adapter may cut in a fixed zone instead and say so). */
  timezone: string;
  /** Team id (LiveChat group / Rocket.Chat department), or null for all. */
  group: string | null;
  /** Agent id (LiveChat login), or null; only passed for metrics in `agentFilterMetrics`. */
  agent: string | null;
}

export interface MetricSeries {
  buckets: GridBucket[];
  total: Values;
  /** The zone the buckets were actually cut in. */
  timezone: string;
  /** Caveats to show with the numbers. */
  notes?: string[];
}

/** The filters of a table/list view: inclusive dates in `timezone`, optional team. */
export interface ViewWindow {
  from: string;
  to: string;
  timezone: string;
  group: string | null;
}

export interface ArchiveFilters extends ViewWindow {
  hour: number | null;
  agent: string | null;
  type: "chat" | "missed_chat" | null;
  rate: "rated" | "not_rated" | "rated_good" | "rated_bad" | null;
  page: number;
}

type Fetched<T> = Omit<T, keyof Freshness>;

export interface SourceAdapter {
  id: SourceId;
  name: string;
  teamLabel: "group" | "department";
  /** Zone the vendor always reports in, or null when it honours ours. */
  fixedTimezone: string | null;
  metrics: readonly MetricId[];
  /** Metrics whose upstream report takes an agent filter. */
  agentFilterMetrics: readonly MetricId[];
  listTeams(): Promise<SourceTeam[]>;
  listAgents(): Promise<SourceAgent[]>;
  /** Buckets and total for the window. @throws UpstreamError */
  fetchSeries(metric: MetricId, window: MetricWindow): Promise<MetricSeries>;
  /** Only the total for the window (used for the previous period). @throws UpstreamError */
  fetchTotal(metric: MetricId, window: Omit<MetricWindow, "granularity">): Promise<Values>;
  /**
   * Optional: the series and the previous period's total together, when the vendor can give
   * both with fewer calls than `fetchSeries` + `fetchTotal` (Rocket.Chat: one charts-data call
   * over both periods, which matters under its 10-calls-per-minute limit).
   * @throws UpstreamError
   */
  fetchSeriesWithPrevious?(
    metric: MetricId,
    window: MetricWindow,
    previous: { from: string; to: string },
  ): Promise<{ series: MetricSeries; previousTotal: Values }>;
  /** Per-agent table. @throws UpstreamError */
  agentTable(window: ViewWindow): Promise<Fetched<AgentTableResponse>>;
  ranking?(kind: "chats" | "tickets", window: ViewWindow): Promise<Fetched<RankingResponse>>;
  occupancy?(window: ViewWindow): Promise<Fetched<OccupancyResponse>>;
  archive?(filters: ArchiveFilters): Promise<Fetched<ChatListResponse>>;
  transcript?(id: string, timezone: string): Promise<Fetched<ChatTranscriptResponse>>;
  tickets?(
    window: ViewWindow & {
      status: TicketListResponse["tickets"][number]["status"] | null;
      page: number;
    },
  ): Promise<Fetched<TicketListResponse>>;
}
