"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { CHART_COLORS, type TimeAxis } from "@/components/charts/chart-shell";
import {
  CountBarChart,
  DurationLineChart,
  RatingsStackedChart,
  type RatingsPoint,
  type ValuePoint,
} from "@/components/charts/time-series-charts";
import { InfoTip } from "@/components/ui/info-tip";
import { Skeleton, WidgetError, WidgetMessage } from "@/components/ui/widget-states";
import { usePrefersReducedMotion } from "@/lib/hooks/use-prefers-reduced-motion";
import { METRICS } from "@/lib/metrics/definitions";
import type { Granularity, MetricId, MetricResponse, SourceInfo } from "@/lib/metrics/types";
import { metricQueryOptions, type MetricQuery } from "@/lib/queries/metrics";

/**
 * Widget containers for the overview's charts. Each runs the same query as its metric's KPI
 * card (same key, so one request per metric) and owns the loading, empty, error and
 * not-available states; the charts themselves stay pure.
 */

const PER: Record<Granularity, string> = { hour: "per hour", day: "per day", month: "per month" };

interface WidgetProps {
  source: SourceInfo;
  query: MetricQuery;
}

interface ChartWidgetConfig {
  metric: MetricId;
  title: string;
  subtitle: (granularity: Granularity) => string;
  isEmpty: (data: MetricResponse) => boolean;
  render: (data: MetricResponse, axis: TimeAxis) => ReactNode;
}

function ChartWidget({ source, query, config }: WidgetProps & { config: ChartWidgetConfig }) {
  const def = METRICS[config.metric];
  const headingId = `chart-heading-${config.metric.replace(/\W/g, "-")}`;
  const available = source.metrics.includes(config.metric);
  return (
    <section
      data-testid={`chart-${config.metric}`}
      aria-labelledby={headingId}
      className="relative flex min-w-0 flex-col gap-3 rounded-xl border border-line bg-surface p-4 shadow-sm sm:p-5"
    >
      <header className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <div className="flex items-center gap-1.5">
          <h2 id={headingId} className="text-base font-semibold tracking-tight">
            {config.title}
          </h2>
          <InfoTip label={config.title} text={def.definition} />
        </div>
        {available && <p className="text-xs text-muted">{config.subtitle(query.granularity)}</p>}
      </header>
      {available ? (
        <ChartBody query={query} config={config} />
      ) : (
        <div className="flex min-h-60 items-center justify-center">
          <WidgetMessage>Not available from {source.name}</WidgetMessage>
        </div>
      )}
    </section>
  );
}

function ChartBody({ query, config }: { query: MetricQuery; config: ChartWidgetConfig }) {
  const reducedMotion = usePrefersReducedMotion();
  const result = useQuery({ ...metricQueryOptions(query), placeholderData: keepPreviousData });

  if (result.isPending) {
    return (
      <div aria-busy="true">
        <span className="sr-only">Loading…</span>
        <Skeleton className="h-60 w-full sm:h-64 min-[2560px]:h-80" />
      </div>
    );
  }
  if (result.isError) {
    return (
      <div className="flex min-h-60 items-center">
        <WidgetError
          error={result.error}
          onRetry={() => void result.refetch()}
          retrying={result.isFetching}
        />
      </div>
    );
  }

  const data = result.data;
  if (config.isEmpty(data)) {
    return (
      <div className="flex min-h-60 items-center justify-center">
        <WidgetMessage>No data for this period</WidgetMessage>
      </div>
    );
  }
  const axis: TimeAxis = {
    granularity: data.granularity,
    multiDay: data.from !== data.to,
    animate: !reducedMotion,
  };
  return (
    <div
      aria-busy={result.isPlaceholderData}
      className={`transition-opacity ${result.isPlaceholderData ? "opacity-60" : ""}`}
    >
      {config.render(data, axis)}
    </div>
  );
}

function valuePoints(data: MetricResponse): ValuePoint[] {
  return data.buckets.map((b) => ({ key: b.key, value: b.value }));
}

function ratingsPoints(data: MetricResponse): RatingsPoint[] {
  return data.buckets.map((b) => ({ key: b.key, good: b.good ?? null, bad: b.bad ?? null }));
}

const noValues = (data: MetricResponse) => data.buckets.every((b) => b.value === null);

const CHATS: ChartWidgetConfig = {
  metric: "chats.total",
  title: "Chats over time",
  subtitle: (g) => `Chats ${PER[g]}`,
  isEmpty: noValues,
  render: (data, axis) => (
    <CountBarChart
      points={valuePoints(data)}
      axis={axis}
      label="Chats over time"
      seriesName="Chats"
    />
  ),
};

const RATINGS: ChartWidgetConfig = {
  metric: "chats.csat",
  title: "Good vs bad ratings",
  subtitle: (g) => `Rated chats ${PER[g]}`,
  isEmpty: (data) => data.buckets.every((b) => (b.good ?? 0) + (b.bad ?? 0) === 0),
  render: (data, axis) => (
    <RatingsStackedChart
      points={ratingsPoints(data)}
      axis={axis}
      label="Good and bad ratings over time"
    />
  ),
};

const FIRST_RESPONSE: ChartWidgetConfig = {
  metric: "chats.first_response_time",
  title: "First response time",
  subtitle: (g) => `Average ${PER[g]}`,
  isEmpty: noValues,
  render: (data, axis) => (
    <DurationLineChart
      points={valuePoints(data)}
      axis={axis}
      label="First response time over time"
      seriesName="First response"
      color={CHART_COLORS.primary}
    />
  ),
};

const RESPONSE: ChartWidgetConfig = {
  metric: "chats.response_time",
  title: "Response time",
  subtitle: (g) => `Average ${PER[g]}`,
  isEmpty: noValues,
  render: (data, axis) => (
    <DurationLineChart
      points={valuePoints(data)}
      axis={axis}
      label="Response time over time"
      seriesName="Response time"
      color={CHART_COLORS.secondary}
    />
  ),
};

/** Chats per bucket (bars). */
export function ChatsOverTimeWidget(props: WidgetProps) {
  return <ChartWidget {...props} config={CHATS} />;
}

/** Good vs bad ratings per bucket (stacked bars), from the CSAT buckets. */
export function RatingsOverTimeWidget(props: WidgetProps) {
  return <ChartWidget {...props} config={RATINGS} />;
}

/** Average first response time per bucket (line). */
export function FirstResponseTimeWidget(props: WidgetProps) {
  return <ChartWidget {...props} config={FIRST_RESPONSE} />;
}

/** Average response time per bucket (line). */
export function ResponseTimeWidget(props: WidgetProps) {
  return <ChartWidget {...props} config={RESPONSE} />;
}
