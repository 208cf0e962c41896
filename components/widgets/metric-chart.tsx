"use client";

import { keepPreviousData, useQueries, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { bucketTooltipLabel } from "@/components/format-dates";
import {
  ChartDataTable,
  chartTableRows,
  dataTableId,
  DataTableToggle,
} from "@/components/charts/chart-data-table";
import { CHART_COLORS, SERIES_PALETTE, type TimeAxis } from "@/components/charts/chart-shell";
import {
  TimeSeriesChart,
  type ChartSeries,
  type SeriesChartKind,
  type SeriesPoint,
} from "@/components/charts/time-series-charts";
import { PrefetchedWidget } from "@/components/layout/prefetch-boundary";
import { useReadOnly } from "@/components/layout/read-only";
import { DownloadCsvButton } from "@/components/ui/download-csv-button";
import { definitionHref } from "@/components/ui/definition-links";
import { Freshness } from "@/components/ui/freshness";
import { Skeleton, WidgetError } from "@/components/ui/widget-states";
import { CoverageLine, Notes } from "@/components/widgets/coverage";
import { domId, WidgetCard, WidgetPlaceholder } from "@/components/widgets/widget-card";
import { csvFileName, metricSeriesCsv, seriesValue, type SeriesColumn } from "@/lib/csv";
import { drillDownHref, type MetricPlan, type SourceScope } from "@/lib/filters";
import { usePrefersReducedMotion } from "@/lib/hooks/use-prefers-reduced-motion";
import { METRICS, SOURCE_NAMES } from "@/lib/metrics/definitions";
import type {
  Freshness as FreshnessStamp,
  Granularity,
  MetricBucket,
  MetricId,
  MetricResponse,
  MetricUnit,
  SourceId,
  SourceInfo,
  SourceSelector,
} from "@/lib/metrics/types";
import { useApiBase } from "@/lib/queries/api-base";
import { metricQueryOptions, type MetricQuery } from "@/lib/queries/metrics";
import { chartPlan } from "@/lib/queries/pages";

/**
 * A chart of one metric over time, in its own card: loading, empty, error + Retry,
 * not-available and agent-not-supported states; a chart/table toggle; Download CSV of exactly
 * the rows shown; and drill-down into the chat archive when the metric and source allow it
 * (never on a read-only copy: a share page leads nowhere into the app).
 * Shares its query (and request) with the metric's KPI card.
 */

export const PER: Record<Granularity, string> = {
  hour: "per hour",
  day: "per day",
  month: "per month",
};

/** Part colours with meaning: good is green, bad is red; the rest take the palette. */
const PART_COLORS: Record<string, string> = { good: CHART_COLORS.good, bad: CHART_COLORS.bad };

export interface MetricChartProps {
  metric: MetricId;
  plan: MetricPlan;
  scope: SourceScope;
  kind: SeriesChartKind;
  title: string;
  /** Part ids to draw (stacked/grouped/line), or `all` of the definition's parts; default: the bucket value. */
  parts?: readonly string[] | "all";
  /** "Average per day" — what one bucket is. */
  subtitle?: (granularity: Granularity) => string;
  /** Defaults to `chart-<metric>`. */
  testId?: string;
  /** CSV subject (file name); defaults to the metric id. */
  csvSubject?: string;
  color?: string;
}

/** A chart's presentation; the page supplies metric, plan and scope. */
export type ChartSpec = Omit<MetricChartProps, "metric" | "plan" | "scope">;

interface SeriesSpec extends ChartSeries {
  column: SeriesColumn;
}

function seriesSpecs(
  metric: MetricId,
  wanted: readonly string[] | "all" | undefined,
  color?: string,
) {
  const def = METRICS[metric];
  const parts = wanted === "all" ? (def.parts ?? []).map((p) => p.id) : wanted;
  if (!parts || parts.length === 0) {
    return [
      {
        key: "value",
        name: def.label,
        color: color ?? CHART_COLORS.primary,
        column: { label: def.label, unit: def.unit },
      },
    ] satisfies SeriesSpec[];
  }
  return parts.map((id, i): SeriesSpec => {
    const part = def.parts?.find((p) => p.id === id);
    const label = part?.label ?? id;
    return {
      key: `part_${id}`,
      name: label,
      color: PART_COLORS[id] ?? SERIES_PALETTE[i % SERIES_PALETTE.length] ?? CHART_COLORS.primary,
      column: { label, unit: part?.unit ?? def.unit, part: id },
    };
  });
}

function chartUnit(metric: MetricId, specs: readonly SeriesSpec[]): MetricUnit {
  return specs[0]?.column.unit ?? METRICS[metric].unit;
}

export function MetricChart(props: MetricChartProps) {
  const { metric, plan, title, testId = `chart-${metric}` } = props;
  const def = METRICS[metric];
  const headingId = domId("chart-heading", testId);
  const info = { text: def.definition, href: definitionHref(metric) };

  if (plan.kind !== "ready") {
    return (
      <WidgetCard testId={testId} headingId={headingId} title={title} info={info}>
        <WidgetPlaceholder compact>{plan.message}</WidgetPlaceholder>
      </WidgetCard>
    );
  }
  return (
    <ReadyChart
      {...props}
      query={plan.query}
      covered={plan.covered}
      missing={plan.missing}
      testId={testId}
      headingId={headingId}
      info={info}
    />
  );
}

/** What a chart draws, whether it comes from one combined answer or from one per source. */
interface ChartView {
  buckets: Pick<MetricBucket, "key" | "value" | "parts">[];
  timezone: string;
  granularity: Granularity;
  from: string;
  to: string;
  source: SourceSelector;
  sources: SourceId[];
  notes?: string[];
}

interface ChartState {
  view: ChartView | undefined;
  /** The answers on screen, for the freshness badge. */
  answers: FreshnessStamp[];
  /** The error of a failed background refetch while data is on screen, else null. */
  refreshError: unknown;
  pending: boolean;
  error: unknown;
  fetching: boolean;
  placeholder: boolean;
  refetch: () => void;
}

type ReadyProps = MetricChartProps & {
  testId: string;
  headingId: string;
  info: { text: string; href: string };
  query: MetricQuery;
  covered: SourceInfo[];
  missing: SourceInfo[];
};

/**
 * Averages that cannot be weighted across sources (Rocket.Chat reports no count) have no
 * combined buckets under `all`: such charts draw one line per source instead of a blank
 * (`chartPlan`, shared with the server prefetch).
 */
function ReadyChart(props: ReadyProps) {
  const base = useApiBase();
  const chart = chartPlan(
    { kind: "ready", query: props.query, covered: props.covered, missing: props.missing },
    props.scope,
  );
  const queries = chart.kind === "per_source" ? chart.queries.map((q) => q.query) : [props.query];
  const loading: ChartState = {
    view: undefined,
    answers: [],
    refreshError: null,
    pending: true,
    error: null,
    fetching: true,
    placeholder: false,
    refetch: () => undefined,
  };
  return (
    <PrefetchedWidget
      queryKeys={queries.map((q) => metricQueryOptions(q, base).queryKey)}
      fallback={
        <ChartCard
          {...props}
          kind={chart.kind === "per_source" ? "line" : props.kind}
          // Only the unit matters while loading (the subtitle): the same as the loaded card's.
          specs={
            chart.kind === "per_source" ? [] : seriesSpecs(props.metric, props.parts, props.color)
          }
          state={loading}
        />
      }
    >
      {chart.kind === "per_source" ? (
        <PerSourceChart {...props} queries={chart.queries} />
      ) : (
        <CombinedChart {...props} />
      )}
    </PrefetchedWidget>
  );
}

function CombinedChart(props: ReadyProps) {
  const base = useApiBase();
  const result = useQuery({
    ...metricQueryOptions(props.query, base),
    placeholderData: keepPreviousData,
  });
  const specs = seriesSpecs(props.metric, props.parts, props.color);
  const state: ChartState = {
    view: result.data,
    answers: result.data ? [result.data] : [],
    refreshError: result.isRefetchError ? result.error : null,
    pending: result.isPending,
    // A failed background refresh keeps the chart (marked stale); only a first load errors.
    error: result.isLoadingError ? result.error : null,
    fetching: result.isFetching,
    placeholder: result.isPlaceholderData,
    refetch: () => void result.refetch(),
  };
  return <ChartCard {...props} specs={specs} state={state} />;
}

function PerSourceChart({
  queries,
  ...props
}: ReadyProps & { queries: { source: SourceInfo; query: MetricQuery }[] }) {
  const def = METRICS[props.metric];
  const base = useApiBase();
  const results = useQueries({
    queries: queries.map(({ query }) => ({
      ...metricQueryOptions(query, base),
      placeholderData: keepPreviousData,
    })),
  });
  const specs = queries.map(({ source: s }, i): SeriesSpec => ({
    key: `source_${s.id}`,
    name: s.name,
    color: SERIES_PALETTE[i % SERIES_PALETTE.length] ?? CHART_COLORS.primary,
    column: { label: `${def.label}, ${s.name}`, unit: def.unit, part: s.id },
  }));
  const answers = results.map((r) => r.data);
  let view: ChartView | undefined;
  if (answers.every((a): a is MetricResponse => a !== undefined)) {
    const keys = [...new Set(answers.flatMap((a) => a.buckets.map((b) => b.key)))].sort();
    const first = answers[0];
    const zones = [...new Set(answers.map((a) => a.timezone))];
    view = first && {
      buckets: keys.map((key) => ({
        key,
        value: null,
        parts: Object.fromEntries(
          answers.map((a) => [a.source, a.buckets.find((b) => b.key === key)?.value ?? null]),
        ),
      })),
      timezone:
        zones.length === 1
          ? (zones[0] ?? first.timezone)
          : answers.map((a) => `${SOURCE_NAMES[a.source as SourceId]}: ${a.timezone}`).join("; "),
      granularity: first.granularity,
      from: first.from,
      to: first.to,
      source: "all",
      sources: answers.map((a) => a.source as SourceId),
      notes: [
        "The sources' averages cannot be combined bucket by bucket (Rocket.Chat gives no count), so each source has its own line.",
      ],
    };
  }
  const failed = results.find((r) => r.isLoadingError);
  const refreshFailed = results.find((r) => r.isRefetchError);
  const state: ChartState = {
    view,
    answers: answers.filter((a): a is MetricResponse => a !== undefined),
    refreshError: refreshFailed ? refreshFailed.error : null,
    pending: results.some((r) => r.isPending),
    error: failed ? failed.error : null,
    fetching: results.some((r) => r.isFetching),
    placeholder: results.some((r) => r.isPlaceholderData),
    refetch: () => {
      for (const r of results) if (r.isLoadingError) void r.refetch();
    },
  };
  return <ChartCard {...props} kind="line" specs={specs} state={state} />;
}

function ChartCard({
  metric,
  scope,
  kind,
  title,
  subtitle,
  testId,
  headingId,
  info,
  query,
  missing,
  csvSubject,
  specs,
  state,
}: ReadyProps & { specs: SeriesSpec[]; state: ChartState }) {
  const reducedMotion = usePrefersReducedMotion();
  const router = useRouter();
  const readOnly = useReadOnly();
  // Closed on the server and at hydration alike: the table is only ever opened by a press.
  const [asTable, setAsTable] = useState(false);
  const tableId = dataTableId(headingId);
  const unit = chartUnit(metric, specs);
  const data = state.view;
  const empty = data ? isEmpty(data, specs, kind) : true;

  const drill = (key: string): string | null =>
    data && !readOnly ? drillDownHref(query, key, data.granularity, scope.single) : null;
  const drillable = data !== undefined && drill(data.buckets[0]?.key ?? "") !== null;

  const build =
    data && !empty
      ? () => ({
          filename: csvFileName(csvSubject ?? metric, data.source, data.from, data.to),
          csv: metricSeriesCsv(
            data,
            specs.map((s) => s.column),
          ),
        })
      : null;

  const meta: ReactNode = (
    <div className="flex flex-col gap-0.5">
      <span>
        {(subtitle ?? defaultSubtitle(unit))(data?.granularity ?? query.granularity)}
        {drillable && " · click a bucket to list its chats"}
      </span>
      <CoverageLine covered={data?.sources ?? scopeCovered(scope, metric)} missing={missing} />
      {data && <Freshness answers={state.answers} refreshError={state.refreshError} />}
    </div>
  );

  let body: ReactNode;
  if (state.pending) {
    body = (
      <div aria-busy="true">
        <span className="sr-only">Loading…</span>
        <Skeleton className="h-60 w-full sm:h-64 min-[2560px]:h-80" />
      </div>
    );
  } else if (state.error) {
    body = (
      <div className="flex min-h-60 items-center">
        <WidgetError error={state.error} onRetry={state.refetch} retrying={state.fetching} />
      </div>
    );
  } else if (!data || empty) {
    body = <WidgetPlaceholder>No data for this period</WidgetPlaceholder>;
  } else {
    const points = toPoints(data, specs);
    const columns = specs.map((sp) => ({ key: sp.key, name: sp.name, unit: sp.column.unit }));
    const axis: TimeAxis = {
      granularity: data.granularity,
      multiDay: data.from !== data.to,
      animate: !reducedMotion,
    };
    body = (
      <div
        aria-busy={state.placeholder}
        className={`flex flex-col gap-2 transition-opacity ${state.placeholder ? "opacity-60" : ""}`}
      >
        <TimeSeriesChart
          kind={kind}
          points={points}
          series={specs}
          unit={unit}
          axis={axis}
          // "Chats over time" already says it; "First response time" gets it added.
          label={/over time$/i.test(title) ? title : `${title} over time`}
          onBucketClick={
            drillable
              ? (key) => {
                  const href = drill(key);
                  if (href) router.push(href);
                }
              : undefined
          }
        />
        {asTable && (
          <ChartDataTable
            id={tableId}
            caption={`${title}: data behind the chart`}
            rowHeader={`Bucket (${data.timezone})`}
            columns={columns}
            rows={chartTableRows(points, columns, (key) =>
              bucketTooltipLabel(key, data.granularity),
            )}
            action={
              drillable
                ? {
                    header: "Chats",
                    cell: (key) => {
                      const href = drill(key);
                      return (
                        href && (
                          <Link
                            href={href}
                            className="text-accent underline-offset-2 hover:underline"
                          >
                            Chats
                          </Link>
                        )
                      );
                    },
                  }
                : undefined
            }
          />
        )}
        <Notes notes={data.notes} />
      </div>
    );
  }

  return (
    <WidgetCard
      testId={testId}
      headingId={headingId}
      title={title}
      info={info}
      meta={meta}
      actions={
        <>
          <DataTableToggle
            open={asTable}
            onToggle={() => setAsTable((t) => !t)}
            controls={tableId}
            disabled={!data || empty}
          />
          <DownloadCsvButton build={build} subject={title} />
        </>
      }
    >
      {body}
    </WidgetCard>
  );
}

function defaultSubtitle(unit: MetricUnit): (g: Granularity) => string {
  return (g) => (unit === "count" ? `Total ${PER[g]}` : `Average ${PER[g]}`);
}

function scopeCovered(scope: SourceScope, metric: MetricId) {
  return scope.sources.filter((s) => s.metrics.includes(metric)).map((s) => s.id);
}

function toPoints(data: ChartView, specs: readonly SeriesSpec[]): SeriesPoint[] {
  return data.buckets.map((b) => {
    const point: SeriesPoint = { key: b.key };
    for (const s of specs) point[s.key] = seriesValue(b, s.column);
    return point;
  });
}

function isEmpty(data: ChartView, specs: readonly SeriesSpec[], kind: SeriesChartKind) {
  const values = data.buckets.flatMap((b) => specs.map((s) => seriesValue(b, s.column)));
  if (values.every((v) => v === null)) return true;
  // Parts charts of counts (ratings, sources): all zero means nothing happened.
  return (
    (kind === "stacked" || kind === "grouped") &&
    specs.every((s) => s.column.unit === "count") &&
    values.every((v) => v === null || v === 0)
  );
}
