"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { formatDateRange } from "@/components/format-dates";
import { definitionHref } from "@/components/ui/definition-links";
import { Freshness } from "@/components/ui/freshness";
import { PrefetchedWidget } from "@/components/layout/prefetch-boundary";
import { InfoTip } from "@/components/ui/info-tip";
import { Skeleton, WidgetError } from "@/components/ui/widget-states";
import { bySourceText, CoverageLine, Notes } from "@/components/widgets/coverage";
import { domId } from "@/components/widgets/widget-card";
import { daysInclusive } from "@/lib/dates";
import type { MetricPlan } from "@/lib/filters";
import { METRICS, SOURCE_NAMES, type MetricDefinition } from "@/lib/metrics/definitions";
import type { MetricId, MetricResponse, SourceInfo } from "@/lib/metrics/types";
import { computeChange, formatCount, formatValue } from "@/lib/format";
import { useApiBase } from "@/lib/queries/api-base";
import { metricQueryOptions, type MetricQuery } from "@/lib/queries/metrics";

type Tone = "better" | "worse" | "neutral";

const TONE_CLASS: Record<Tone, string> = {
  better: "text-positive",
  worse: "text-negative",
  neutral: "text-muted",
};

/**
 * A headline number for one metric over the selected period, with its change against the
 * previous period of equal length, the sources it covers and how old the numbers are. Runs its
 * own query (shared with the metric's chart), and has its own loading, empty, error, "not
 * available from this source" and "agent filter not supported" states, so one failing metric
 * never blanks the page.
 */
export function KpiCard({ metric, plan }: { metric: MetricId; plan: MetricPlan }) {
  const def = METRICS[metric];
  const headingId = domId("kpi-heading", metric);
  const base = useApiBase();
  return (
    <article
      data-testid={`kpi-${metric}`}
      aria-labelledby={headingId}
      className="relative flex min-h-40 flex-col gap-2 rounded-xl border border-line bg-surface p-4 shadow-sm sm:p-5"
    >
      <div className="flex items-center gap-1.5">
        <h2 id={headingId} className="text-sm font-medium text-muted">
          {def.label}
        </h2>
        <InfoTip label={def.label} text={def.definition} href={definitionHref(metric)} />
      </div>
      {plan.kind === "ready" ? (
        <PrefetchedWidget
          queryKeys={[metricQueryOptions(plan.query, base).queryKey]}
          fallback={<KpiSkeleton />}
        >
          <KpiBody def={def} query={plan.query} missing={plan.missing} />
        </PrefetchedWidget>
      ) : (
        // Never 0 and no request: the source has no such report, or cannot filter it by agent.
        <p
          data-testid="kpi-value"
          data-state={plan.kind}
          className="mt-1 text-base font-medium text-muted"
        >
          {plan.message}
        </p>
      )}
    </article>
  );
}

function KpiSkeleton() {
  return (
    <div aria-busy="true" className="flex flex-col gap-2.5 pt-1">
      <span className="sr-only">Loading…</span>
      <Skeleton className="h-9 w-32" />
      <Skeleton className="h-4 w-40" />
      <Skeleton className="h-4 w-28" />
    </div>
  );
}

function countText(def: MetricDefinition, data: MetricResponse): string {
  const count = data.total.count;
  if (count !== null) {
    return `based on ${formatCount(count)} ${count === 1 ? def.countNoun.one : def.countNoun.other}`;
  }
  // Say whose count is missing: under `all`, the sources whose own total has none.
  const silent = data.bySource
    ? data.sources.filter((id) => data.bySource?.[id]?.count === null)
    : data.sources;
  const names = (silent.length > 0 ? silent : data.sources).map((id) => SOURCE_NAMES[id]);
  return `count not reported by ${names.join(" and ")}`;
}

function KpiBody({
  def,
  query,
  missing,
}: {
  def: MetricDefinition;
  query: MetricQuery;
  missing: SourceInfo[];
}) {
  const base = useApiBase();
  const result = useQuery({
    ...metricQueryOptions(query, base),
    // While new filters load, keep the old numbers on screen (dimmed) instead of flashing.
    placeholderData: keepPreviousData,
  });

  if (result.isPending) return <KpiSkeleton />;
  // Only when there is nothing to show: a failed background refresh keeps the numbers on
  // screen and marks them stale instead (see <Freshness>).
  if (result.isLoadingError) {
    return (
      <WidgetError
        error={result.error}
        onRetry={() => void result.refetch()}
        retrying={result.isFetching}
      />
    );
  }

  const data = result.data;
  const stale = result.isPlaceholderData;
  const breakdown = bySourceText(data, def.unit);
  const combined = data.sources.length > 1;
  return (
    <div
      aria-busy={stale}
      className={`flex flex-1 flex-col gap-1.5 transition-opacity ${stale ? "opacity-60" : ""}`}
    >
      {data.total.value === null ? (
        breakdown !== null ? (
          // A combined figure that cannot be computed (e.g. an unweighted average): show each
          // source's own figure instead of a blank.
          <p
            data-testid="kpi-value"
            className="text-xl font-semibold tracking-tight tabular-nums min-[2560px]:text-2xl"
          >
            {breakdown}
          </p>
        ) : (
          <p data-testid="kpi-value" className="mt-1 text-base font-medium text-muted">
            No data for this period
          </p>
        )
      ) : (
        <>
          <p
            data-testid="kpi-value"
            className="text-3xl font-semibold tracking-tight tabular-nums min-[2560px]:text-4xl"
          >
            {formatValue(data.total.value, def.unit)}
          </p>
          <Change def={def} data={data} />
          <p className="text-xs text-muted" data-testid="kpi-count">
            {countText(def, data)}
          </p>
          {combined && breakdown !== null && (
            <p className="text-xs text-muted tabular-nums" data-testid="kpi-by-source">
              {breakdown}
            </p>
          )}
        </>
      )}
      <div className="mt-auto flex flex-col gap-1 pt-1">
        <Notes notes={data.notes} />
        <CoverageLine covered={data.sources} missing={missing} />
        <Freshness answers={data} refreshError={result.isRefetchError ? result.error : null} />
      </div>
    </div>
  );
}

function Change({ def, data }: { def: MetricDefinition; data: MetricResponse }) {
  const days = daysInclusive(data.from, data.to);
  const versus = days === 1 ? "vs previous day" : `vs previous ${days} days`;
  const previous = data.previous;
  const title = previous
    ? `Previous period: ${formatDateRange(previous.from, previous.to)}`
    : "No comparison period";
  const change = previous ? computeChange(data.total.value, previous.total.value, def.unit) : null;

  if (change === null) {
    return (
      <p className="text-sm text-muted" title={title} data-testid="kpi-change">
        No data to compare {versus.replace("vs ", "with ")}
      </p>
    );
  }

  // Decide on the rounded figure, so "+0.0%" is never painted green or red.
  const shown =
    change.kind === "points"
      ? Math.round(change.delta * 10) / 10
      : Math.round(change.delta * 1000) / 10;
  const sign = shown > 0 ? "+" : shown < 0 ? "-" : "";
  const text = `${sign}${Math.abs(shown).toFixed(1)}${change.kind === "points" ? " pts" : "%"}`;
  const tone: Tone =
    shown === 0 || def.direction === "neutral"
      ? "neutral"
      : shown > 0 === (def.direction === "higher_is_better")
        ? "better"
        : "worse";
  const arrow = shown > 0 ? "▲" : shown < 0 ? "▼" : "■";
  const toneWord = tone === "better" ? "improvement" : tone === "worse" ? "worse" : null;

  return (
    <p
      className="flex flex-wrap items-center gap-x-1.5 text-sm"
      title={title}
      data-testid="kpi-change"
    >
      <span
        className={`inline-flex items-center gap-1 font-medium tabular-nums ${TONE_CLASS[tone]}`}
        data-tone={tone}
      >
        <span aria-hidden="true" className="text-[0.7em]">
          {arrow}
        </span>
        {text}
        {toneWord && <span className="sr-only"> ({toneWord})</span>}
      </span>
      <span className="text-muted">{versus}</span>
    </p>
  );
}
