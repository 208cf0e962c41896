/**
 * Answers one metric request: resolves the source, validates the team against the source's
 * list, asks the source adapter for the series (and the previous period in parallel), and
 * shapes the public `MetricResponse`. Server only.
 */
import "server-only";
import { ApiHttpError } from "../api/errors";
import type { MetricParams } from "../api/metric-params";
import { previousPeriod } from "../dates";
import { getConfig } from "../env";
import { getAdapters, listTeams } from "../sources";
import type { SourceAdapter } from "../sources/types";
import { round2 } from "./aggregate";
import { METRICS } from "./definitions";
import type { MetricBucket, MetricResponse, MetricTotal, SourceId } from "./types";

function resolveSource(requested: SourceId | undefined): SourceAdapter {
  const adapters = getAdapters();
  if (requested === undefined) {
    if (adapters.size > 1) {
      throw new ApiHttpError(
        400,
        "invalid_parameter",
        `source is required when several sources are configured: ${[...adapters.keys()].join(", ")}`,
      );
    }
    const only = [...adapters.values()][0];
    if (!only) throw new ApiHttpError(400, "invalid_parameter", "no source is configured");
    return only;
  }
  const adapter = adapters.get(requested);
  if (!adapter)
    throw new ApiHttpError(400, "invalid_parameter", `source "${requested}" is not configured`);
  return adapter;
}

function roundTotal<T extends MetricTotal>(t: T): T {
  return { ...t, value: round2(t.value) };
}

function roundBucket(b: MetricBucket): MetricBucket {
  return { ...b, value: round2(b.value) };
}

/**
 * @throws ApiHttpError 400/422 for requests that cannot be answered (nothing sent upstream
 *   except, at most, the cached team list); UpstreamError when the vendor fails.
 */
export async function getMetricReport(params: MetricParams): Promise<MetricResponse> {
  const adapter = resolveSource(params.source);
  const definition = METRICS[params.metric];
  if (!adapter.metrics.includes(params.metric)) {
    throw new ApiHttpError(
      422,
      "metric_unavailable",
      `${definition.label} is not available from ${adapter.name}: its API does not report it.`,
    );
  }
  if (params.group !== null) {
    if (adapter.id === "livechat" && !/^\d{1,9}$/.test(params.group)) {
      throw new ApiHttpError(
        400,
        "invalid_parameter",
        "group must be a LiveChat group id (a number)",
      );
    }
    const teams = await listTeams(adapter);
    if (!teams.some((t) => t.id === params.group)) {
      throw new ApiHttpError(
        400,
        "invalid_parameter",
        `unknown ${adapter.teamLabel} "${params.group}" for ${adapter.name}`,
      );
    }
  }

  const timezone = params.tz ?? getConfig().timezone;
  const window = {
    from: params.from,
    to: params.to,
    granularity: params.granularity,
    timezone,
    group: params.group,
  };
  const previousWindow = params.compare ? previousPeriod(params.from, params.to) : null;

  const [series, previousTotal] = await Promise.all([
    adapter.fetchSeries(params.metric, window),
    previousWindow
      ? adapter.fetchTotal(params.metric, { ...previousWindow, timezone, group: params.group })
      : null,
  ]);

  return {
    metric: params.metric,
    source: adapter.id,
    unit: definition.unit,
    from: params.from,
    to: params.to,
    granularity: params.granularity,
    timezone: series.timezone,
    group: params.group,
    buckets: series.buckets.map(roundBucket),
    total: roundTotal(series.total),
    ...(previousWindow && previousTotal
      ? { previous: { ...previousWindow, total: roundTotal(previousTotal) } }
      : {}),
    fetchedAt: new Date().toISOString(),
  };
}
