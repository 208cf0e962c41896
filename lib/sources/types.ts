/**
 * What a source adapter does: turn one normalised metric request into buckets and a total in
 * Chatlens' vocabulary, from one vendor's reports.
 */
import type {
  Granularity,
  MetricBucket,
  MetricId,
  MetricTotal,
  SourceId,
  SourceTeam,
} from "../metrics/types";

export interface MetricWindow {
  from: string;
  to: string;
  granularity: Granularity;
  /** Requested reporting time zone (an adapter may cut in a fixed zone instead and say so). */
  timezone: string;
  /** Team id (LiveChat group / Rocket.Chat department), or null for all. */
  group: string | null;
}

export interface MetricSeries {
  buckets: MetricBucket[];
  total: MetricTotal;
  /** The zone the buckets were actually cut in. */
  timezone: string;
}

export interface SourceAdapter {
  id: SourceId;
  name: string;
  teamLabel: "group" | "department";
  /** Zone the vendor always reports in, or null when it honours ours. */
  fixedTimezone: string | null;
  metrics: readonly MetricId[];
  listTeams(): Promise<SourceTeam[]>;
  /** Buckets and total for the window. @throws UpstreamError */
  fetchSeries(metric: MetricId, window: MetricWindow): Promise<MetricSeries>;
  /** Only the total for the window (used for the previous period). @throws UpstreamError */
  fetchTotal(metric: MetricId, window: Omit<MetricWindow, "granularity">): Promise<MetricTotal>;
}
