/**
 * (a) Upstream calls per distinct query: N viewers refresh the same overview R times.
 *
 * A "viewer refresh" is exactly the set of API requests the overview's widgets make
 * (`reportPageQueries("overview", …)` — the same planner the page and its server prefetch
 * use, so metrics a source lacks are never asked) plus `/api/sources`. All viewers of a round
 * refresh at once; the simulator's `/__simulator/stats` counts what reached the upstream.
 */
import { resolveFilters, type ScopedFilters } from "@/lib/filters";
import type { SourceSelector, SourcesResponse } from "@/lib/metrics/types";
import { metricQueryString } from "@/lib/queries/metrics";
import { PAGE_METRICS, reportPageQueries } from "@/lib/queries/pages";
import { control, getText, log, median, type SimulatorStats } from "./util";

/** The overview's API requests for `source` over [from, to], by day (what a viewer asks). */
export function overviewRequests(
  sources: SourcesResponse,
  source: SourceSelector,
  range: { from: string; to: string },
  today: string,
): { paths: string[]; skipped: string[] } {
  const filters = resolveFilters(
    {
      source,
      group: null,
      agent: null,
      range: "custom",
      from: range.from,
      to: range.to,
      granularity: "day",
    },
    sources.sources,
    today,
  );
  if (filters.scope === null || filters.scope.id !== source)
    throw new Error(`source=${source} is not configured in the app under test`);
  const metricPaths = new Set<string>();
  for (const q of reportPageQueries("overview", filters as ScopedFilters)) {
    if (q.kind !== "metric") continue;
    metricPaths.add(
      `/api/metrics/${encodeURIComponent(q.query.metric)}?${metricQueryString(q.query)}`,
    );
  }
  const asked = new Set(
    [...metricPaths].map((p) => decodeURIComponent(p.split("?")[0]!.slice(13))),
  );
  const skipped = PAGE_METRICS.overview.filter((m) => !asked.has(m));
  return { paths: ["/api/sources", ...metricPaths], skipped };
}

export interface AmplificationResult {
  source: SourceSelector;
  from: string;
  to: string;
  viewers: number;
  rounds: number;
  /** The API paths of one viewer refresh. */
  refresh: string[];
  /** Overview metrics not asked for this source (their API answers 422), with the status seen. */
  skipped: { metric: string; status: number }[];
  httpRequests: number;
  httpStatuses: Record<string, number>;
  non2xx: number;
  /** Wall time of round 1 (cold cache) and the median of the later rounds (warm), ms. */
  coldRoundMs: number;
  warmRoundMs: number;
  distinctQueries: number;
  upstreamCalls: number;
  callsPerDistinctQuery: number;
  maxCallsForOneQuery: number;
  /** Queries the upstream saw more than once (at most 10), with their counts. */
  repeated: Record<string, number>;
  upstreamByPath: Record<string, number>;
  upstreamResponses: Record<string, number> | null;
  rocketchat429: number;
  /** False when the simulator did not report `queries` (distinct = paths then). */
  queriesReported: boolean;
}

export async function runAmplification(opts: {
  appUrl: string;
  simulatorUrl: string;
  cookie: string;
  sources: SourcesResponse;
  source: SourceSelector;
  range: { from: string; to: string };
  today: string;
  viewers: number;
  rounds: number;
}): Promise<AmplificationResult> {
  const { appUrl, simulatorUrl, cookie, source, range, viewers, rounds } = opts;
  const { paths, skipped } = overviewRequests(opts.sources, source, range, opts.today);

  // The metrics the overview does not ask for this source: confirm they answer 422 (not counted).
  const skippedStatus: { metric: string; status: number }[] = [];
  for (const metric of skipped) {
    const qs = metricQueryString({
      source,
      ...range,
      granularity: "day",
      group: null,
      agent: null,
      compare: true,
    });
    const answer = await getText(`${appUrl}/api/metrics/${metric}?${qs}`, cookie);
    skippedStatus.push({ metric, status: answer.status });
  }

  await control(simulatorUrl, "DELETE", "/stats");
  const statuses: Record<string, number> = {};
  let httpRequests = 0;
  const roundMs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    const refreshes = Array.from({ length: viewers }, async () => {
      const answers = await Promise.all(
        paths.map((p) =>
          getText(`${appUrl}${p}`, cookie).catch((error: unknown) => ({
            status: 0,
            body: String(error),
            contentType: null,
            ms: 0,
          })),
        ),
      );
      for (const a of answers) {
        httpRequests++;
        statuses[a.status] = (statuses[a.status] ?? 0) + 1;
      }
    });
    await Promise.all(refreshes);
    roundMs.push(performance.now() - started);
  }
  const stats = await control<SimulatorStats>(simulatorUrl, "GET", "/stats");

  const queries = stats.queries ?? stats.requests;
  const counts = Object.values(queries);
  const upstreamCalls = stats.total;
  const distinct = Object.keys(queries).length;
  const repeated = Object.fromEntries(
    Object.entries(queries)
      .filter(([, n]) => n > 1)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10),
  );
  const responses = stats.responses ?? null;
  const rc429FromResponses = responses
    ? Object.entries(responses)
        .filter(([k]) => k.startsWith("rocketchat ") && k.endsWith(" 429"))
        .reduce((sum, [, n]) => sum + n, 0)
    : 0;
  const non2xx = Object.entries(statuses)
    .filter(([s]) => !(Number(s) >= 200 && Number(s) < 300))
    .reduce((sum, [, n]) => sum + n, 0);
  const result: AmplificationResult = {
    source,
    ...range,
    viewers,
    rounds,
    refresh: paths,
    skipped: skippedStatus,
    httpRequests,
    httpStatuses: statuses,
    non2xx,
    coldRoundMs: roundMs[0] ?? Number.NaN,
    warmRoundMs: roundMs.length > 1 ? median(roundMs.slice(1)) : Number.NaN,
    distinctQueries: distinct,
    upstreamCalls,
    callsPerDistinctQuery: distinct === 0 ? 0 : upstreamCalls / distinct,
    maxCallsForOneQuery: counts.length ? Math.max(...counts) : 0,
    repeated,
    upstreamByPath: stats.requests,
    upstreamResponses: responses,
    rocketchat429: Math.max(stats.rateLimited ?? 0, rc429FromResponses),
    queriesReported: stats.queries !== undefined,
  };
  log(
    `(a) source=${source}: ${httpRequests} requests, ${distinct} distinct upstream queries, ` +
      `${upstreamCalls} upstream calls, non-2xx ${non2xx}, RC 429 ${result.rocketchat429}`,
  );
  return result;
}
