"use client";

import { StreamedWidget } from "@/components/layout/prefetch-boundary";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { CategoryBarChart } from "@/components/charts/time-series-charts";
import { DownloadCsvButton } from "@/components/ui/download-csv-button";
import { definitionHref } from "@/components/ui/definition-links";
import { Freshness } from "@/components/ui/freshness";
import { Skeleton, WidgetError } from "@/components/ui/widget-states";
import { CoverageLine } from "@/components/widgets/coverage";
import { WidgetCard, WidgetPlaceholder } from "@/components/widgets/widget-card";
import { csvFileName, headerWithUnit, tableCsv } from "@/lib/csv";
import { distribute, type RangeCount } from "@/lib/distribution";
import type { MetricPlan } from "@/lib/filters";
import { usePrefersReducedMotion } from "@/lib/hooks/use-prefers-reduced-motion";
import type { Granularity } from "@/lib/metrics/types";
import { useApiBase } from "@/lib/queries/api-base";
import { metricQueryOptions } from "@/lib/queries/metrics";

const METRIC = "chats.first_response_time";
const TEST_ID = `chart-${METRIC}-distribution`;
const HEADING_ID = "chart-heading-frt-distribution";
const TITLE = "Distribution by bucket";
const INFO =
  "How many buckets of the chosen granularity (hours, days or months) had an average first response time in each range. Each bar counts buckets, not chats: a busy day and a quiet day count once each. Computed in the browser from the first response time chart's buckets; buckets without chats are left out.";

const BUCKET_WORD: Record<Granularity, { one: string; other: string }> = {
  hour: { one: "hour", other: "hours" },
  day: { one: "day", other: "days" },
  month: { one: "month", other: "months" },
};

/**
 * First response time buckets sorted into ranges (under 30 s … over 5 min): "buckets by
 * average first response time". Uses the same query (and cache entry) as the FRT chart.
 */
export function ResponseDistribution({ plan }: { plan: MetricPlan }) {
  const base = useApiBase();
  const info = { text: INFO, href: definitionHref(METRIC) };
  if (plan.kind !== "ready") {
    return (
      <WidgetCard testId={TEST_ID} headingId={HEADING_ID} title={TITLE} info={info}>
        <WidgetPlaceholder compact>{plan.message}</WidgetPlaceholder>
      </WidgetCard>
    );
  }
  if (plan.query.source === "all" && plan.covered.length > 1) {
    // Bucket averages of several sources cannot be combined (Rocket.Chat gives no counts).
    return (
      <WidgetCard testId={TEST_ID} headingId={HEADING_ID} title={TITLE} info={info}>
        <WidgetPlaceholder compact>
          Pick one source: bucket averages cannot be combined across sources.
        </WidgetPlaceholder>
      </WidgetCard>
    );
  }
  return (
    <StreamedWidget queryKeys={[metricQueryOptions(plan.query, base).queryKey]}>
      <Distribution plan={plan} info={info} />
    </StreamedWidget>
  );
}

function Distribution({
  plan,
  info,
}: {
  plan: Extract<MetricPlan, { kind: "ready" }>;
  info: { text: string; href: string };
}) {
  const reducedMotion = usePrefersReducedMotion();
  const base = useApiBase();
  const result = useQuery({
    ...metricQueryOptions(plan.query, base),
    placeholderData: keepPreviousData,
  });
  const data = result.data;
  const words = BUCKET_WORD[data?.granularity ?? plan.query.granularity];
  const dist = data ? distribute(data.buckets.map((b) => b.value)) : null;
  const counted = dist ? dist.ranges.reduce((n, r) => n + r.buckets, 0) : 0;

  const build =
    data && dist && counted > 0
      ? () => ({
          filename: csvFileName(`${METRIC}-distribution`, data.source, data.from, data.to),
          csv: tableCsv(
            [
              { header: "Average first response time", value: (r: RangeCount) => r.label },
              {
                header: headerWithUnit(`Buckets (${words.other})`, "count"),
                value: (r: RangeCount) => r.buckets,
              },
            ],
            dist.ranges,
          ),
        })
      : null;

  let body;
  if (result.isPending) {
    body = (
      <div aria-busy="true">
        <span className="sr-only">Loading…</span>
        <Skeleton className="h-60 w-full sm:h-64" />
      </div>
    );
  } else if (result.isLoadingError) {
    body = (
      <div className="flex min-h-60 items-center">
        <WidgetError
          error={result.error}
          onRetry={() => void result.refetch()}
          retrying={result.isFetching}
        />
      </div>
    );
  } else if (!dist || counted === 0) {
    body = <WidgetPlaceholder>No data for this period</WidgetPlaceholder>;
  } else {
    body = (
      <div className="flex flex-col gap-2">
        <CategoryBarChart
          data={dist.ranges.map((r) => ({ label: r.label, value: r.buckets }))}
          label={`Number of ${words.other} by average first response time`}
          seriesName={`${words.other.charAt(0).toUpperCase()}${words.other.slice(1)}`}
          categoryHeader="Average first response time"
          animate={!reducedMotion}
        />
        <p className="text-xs text-muted" data-testid="distribution-summary">
          {counted} {counted === 1 ? words.one : words.other} with replies
          {dist.noData > 0 &&
            ` · ${dist.noData} ${dist.noData === 1 ? words.one : words.other} without data left out`}
        </p>
      </div>
    );
  }

  return (
    <WidgetCard
      testId={TEST_ID}
      headingId={HEADING_ID}
      title={TITLE}
      info={info}
      actions={<DownloadCsvButton build={build} subject="the first response time distribution" />}
      meta={
        <div className="flex flex-col gap-0.5">
          <span>
            Buckets by average first response time: how many {words.other} fell in each range
          </span>
          <CoverageLine
            covered={data?.sources ?? plan.covered.map((s) => s.id)}
            missing={plan.missing}
          />
          <Freshness answers={data} refreshError={result.isRefetchError ? result.error : null} />
        </div>
      }
    >
      {body}
    </WidgetCard>
  );
}
