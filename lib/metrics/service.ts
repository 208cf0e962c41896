/**
 * Answers one metric request: resolves the source (or `all`), validates team and agent against
 * the source's lists, asks the source adapters for the series (and the previous period in
 * parallel), combines sources under `all`, and shapes the public `MetricResponse`. Server only.
 *
 * "All sources": counts are summed, averages weighted by their counts, ratios recomputed from
 * summed parts, minimums taken — bucket by bucket. Hourly buckets are matched by their start
 * instant (Rocket.Chat's UTC hours land on our zone's hours); daily and monthly buckets by
 * their calendar key, so Rocket.Chat's UTC days are added to our zone's days — `notes` says so.
 * Averages from a source without counts (Rocket.Chat) cannot be weighted: the combined value is
 * then null, `bySource` keeps each source's own value and `notes` explains.
 */
import "server-only";
import { LRUCache } from "lru-cache";
import { ApiHttpError } from "../api/errors";
import type { MetricParams } from "../api/metric-params";
import { previousPeriod } from "../dates";
import { getConfig } from "../env";
import { getAdapters, listAgents, listTeams } from "../sources";
import type { GridBucket } from "../sources/buckets";
import type { MetricSeries, MetricWindow, SourceAdapter } from "../sources/types";
import { round2 } from "./aggregate";
import { combine, type Values } from "./combine";
import { METRICS } from "./definitions";
import { withFreshnessUntil } from "../upstream/freshness";
import type {
  Freshness,
  MetricBucket,
  MetricId,
  MetricResponse,
  MetricTotal,
  SourceId,
} from "./types";

/** The adapters a request covers; one unless `all`. @throws ApiHttpError 400/422 */
export function resolveAdapters(
  requested: MetricParams["source"],
  metric: MetricId | null,
): SourceAdapter[] {
  const adapters = getAdapters();
  if (requested === undefined) {
    if (adapters.size > 1) {
      throw new ApiHttpError(
        400,
        "invalid_parameter",
        `source is required when several sources are configured: ${[...adapters.keys()].join(", ")} or all`,
      );
    }
    const only = [...adapters.values()][0];
    if (!only) throw new ApiHttpError(400, "invalid_parameter", "no source is configured");
    return [only];
  }
  if (requested === "all") {
    const all = [...adapters.values()];
    const covering = metric === null ? all : all.filter((a) => a.metrics.includes(metric));
    if (covering.length === 0 && metric !== null) {
      throw new ApiHttpError(
        422,
        "metric_unavailable",
        `${METRICS[metric].label} is not available from any configured source.`,
      );
    }
    return covering;
  }
  const adapter = adapters.get(requested);
  if (!adapter)
    throw new ApiHttpError(400, "invalid_parameter", `source "${requested}" is not configured`);
  return [adapter];
}

/** @throws ApiHttpError 400 when the team is not one of the source's. */
export async function validateGroup(adapter: SourceAdapter, group: string | null): Promise<void> {
  if (group === null) return;
  if (adapter.id === "livechat" && !/^\d{1,9}$/.test(group)) {
    throw new ApiHttpError(
      400,
      "invalid_parameter",
      "group must be a LiveChat group id (a number)",
    );
  }
  const teams = await listTeams(adapter);
  if (!teams.some((t) => t.id === group)) {
    throw new ApiHttpError(
      400,
      "invalid_parameter",
      `unknown ${adapter.teamLabel} "${group}" for ${adapter.name}`,
    );
  }
}

/** @throws ApiHttpError 400 when the agent is not one of the source's. */
export async function validateAgent(adapter: SourceAdapter, agent: string | null): Promise<void> {
  if (agent === null) return;
  const agents = await listAgents(adapter);
  if (!agents.some((a) => a.id === agent)) {
    throw new ApiHttpError(
      400,
      "invalid_parameter",
      `unknown agent "${agent}" for ${adapter.name}`,
    );
  }
}

function publicValues(v: Values): MetricTotal {
  return {
    value: round2(v.value),
    count: v.count,
    ...(v.parts
      ? {
          parts: Object.fromEntries(Object.entries(v.parts).map(([k, p]) => [k, round2(p)])),
        }
      : {}),
  };
}

function publicBucket(b: GridBucket): MetricBucket {
  return { key: b.key, start: b.start, ...publicValues(b) };
}

const UNWEIGHTED_NOTE = (label: string) =>
  `${label}: Rocket.Chat gives no count with its average, so it cannot be weighted with LiveChat's; each source's own value is shown.`;
const UTC_DAYS_NOTE =
  "Rocket.Chat counts by UTC day; its days are added to the days of the reporting time zone.";

/** Combines the series of several sources bucket by bucket. */
function combineSeries(
  metric: MetricId,
  series: { id: SourceId; series: MetricSeries }[],
  window: MetricWindow,
): { buckets: GridBucket[]; total: Values; notes: string[] } {
  const primary = series.find((s) => s.series.timezone === window.timezone) ?? series[0]!;
  const hourly = window.granularity === "hour";
  const slots = new Map<string, { bucket: GridBucket; items: Values[] }>();
  for (const b of primary.series.buckets)
    slots.set(hourly ? b.start : b.key, { bucket: b, items: [] });
  for (const s of series) {
    for (const b of s.series.buckets) {
      const slot = slots.get(hourly ? b.start : b.key);
      // A bucket outside our grid (e.g. Rocket.Chat's UTC hour before our first hour) is dropped.
      if (slot) slot.items.push(b);
    }
  }
  let unweighted = false;
  const buckets = [...slots.values()].map(({ bucket, items }) => {
    const c = combine(metric, items);
    if (c.unweighted) unweighted = true;
    return {
      key: bucket.key,
      start: bucket.start,
      value: c.value,
      count: c.count,
      ...(c.parts ? { parts: c.parts } : {}),
    };
  });
  const total = combine(
    metric,
    series.map((s) => s.series.total),
  );
  const notes = series.flatMap((s) => s.series.notes ?? []);
  if (unweighted || total.unweighted) notes.push(UNWEIGHTED_NOTE(METRICS[metric].label));
  if (!hourly && series.some((s) => s.series.timezone !== window.timezone))
    notes.push(UTC_DAYS_NOTE);
  return { buckets, total, notes };
}

/**
 * One metric's answer, stamped with its age: `fetchedAt` is the oldest upstream answer used
 * (cached answers keep their real age) and `stale` marks a last good answer served because
 * an upstream failed (`lib/upstream/freshness.ts`).
 * @throws ApiHttpError 400/422 for requests that cannot be answered (nothing sent upstream
 *   except, at most, the cached team and agent lists); UpstreamError when a vendor fails and
 *   no earlier answer is held.
 */
export async function getMetricReport(params: MetricParams): Promise<MetricResponse> {
  const key = JSON.stringify(params);
  const known = reports.get(key);
  if (known) return known;
  const { value, freshUntil } = await withFreshnessUntil(() => buildMetricReport(params));
  // Reused only while every upstream answer it was built from is fresh: until then the same
  // request would build exactly this from the same cached answers (a stale one never is).
  const ttl = Math.min(freshUntil, Date.now() + MAX_REUSE_MS) - Date.now();
  if (ttl >= 1 && !value.stale) reports.set(key, value, { ttl });
  return value;
}

/** A built report is reused at most this long, however long its upstream answers stay fresh. */
const MAX_REUSE_MS = 10 * 60_000;

/**
 * Built reports by request. Building one from cached upstream answers (bucket grids, time
 * zones, combining sources) cost more than everything else a warm request does; a dashboard
 * and its TV screens ask for the same few reports again and again. Bounded by JSON size.
 */
const reports = new LRUCache<string, MetricResponse>({
  maxSize: 16 * 1024 * 1024,
  sizeCalculation: (report) => JSON.stringify(report).length,
  ttlResolution: 0,
});

async function buildMetricReport(
  params: MetricParams,
): Promise<Omit<MetricResponse, keyof Freshness>> {
  const definition = METRICS[params.metric];
  const adapters = resolveAdapters(params.source, params.metric);
  const all = params.source === "all";
  if (all && (params.group !== null || params.agent !== null)) {
    throw new ApiHttpError(
      400,
      "invalid_parameter",
      "group and agent cannot be combined with source=all: teams and agents differ between sources",
    );
  }
  const single = adapters[0]!;
  if (!all) {
    if (!single.metrics.includes(params.metric)) {
      throw new ApiHttpError(
        422,
        "metric_unavailable",
        `${definition.label} is not available from ${single.name}: its API does not report it.`,
      );
    }
    if (params.agent !== null && !single.agentFilterMetrics.includes(params.metric)) {
      throw new ApiHttpError(
        400,
        "invalid_parameter",
        `${single.name} cannot filter ${definition.label} by agent (${definition.upstream[single.id]} has no agent filter)`,
      );
    }
    await Promise.all([validateGroup(single, params.group), validateAgent(single, params.agent)]);
  }

  const timezone = params.tz ?? getConfig().timezone;
  const window: MetricWindow = {
    from: params.from,
    to: params.to,
    granularity: params.granularity,
    timezone,
    group: params.group,
    agent: params.agent,
  };
  const previousWindow = params.compare ? previousPeriod(params.from, params.to) : null;

  const results = await Promise.all(
    adapters.map(async (adapter) => {
      if (previousWindow && adapter.fetchSeriesWithPrevious) {
        const both = await adapter.fetchSeriesWithPrevious(params.metric, window, previousWindow);
        return { id: adapter.id, ...both };
      }
      const [series, previousTotal] = await Promise.all([
        adapter.fetchSeries(params.metric, window),
        previousWindow ? adapter.fetchTotal(params.metric, { ...window, ...previousWindow }) : null,
      ]);
      return { id: adapter.id, series, previousTotal };
    }),
  );

  let buckets: GridBucket[];
  let total: Values;
  let notes: string[];
  let zone: string;
  if (results.length === 1) {
    const only = results[0]!.series;
    ({ buckets, total } = only);
    notes = only.notes ?? [];
    zone = only.timezone;
  } else {
    ({ buckets, total, notes } = combineSeries(params.metric, results, window));
    zone = timezone;
  }
  const previousTotal =
    previousWindow === null
      ? null
      : combine(
          params.metric,
          results.map((r) => r.previousTotal!),
        );

  return {
    metric: params.metric,
    source: params.source ?? single.id,
    sources: results.map((r) => r.id),
    unit: definition.unit,
    from: params.from,
    to: params.to,
    granularity: params.granularity,
    timezone: zone,
    group: params.group,
    agent: params.agent,
    buckets: buckets.map(publicBucket),
    total: publicValues(total),
    ...(results.length > 1
      ? {
          bySource: Object.fromEntries(results.map((r) => [r.id, publicValues(r.series.total)])),
        }
      : {}),
    ...(previousWindow && previousTotal
      ? { previous: { ...previousWindow, total: publicValues(previousTotal) } }
      : {}),
    ...(notes.length > 0 ? { notes: [...new Set(notes)] } : {}),
  };
}
