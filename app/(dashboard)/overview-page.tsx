"use client";

import { CHART_COLORS } from "@/components/charts/chart-shell";
import { KpiCard } from "@/components/kpi/kpi-card";
import { KpiGrid, ReportShell, WidgetGrid } from "@/components/layout/report-shell";
import { MetricChart, PER, type ChartSpec } from "@/components/widgets/metric-chart";
import type { SourcesResponse } from "@/lib/metrics/types";
import { PAGE_METRICS, type PageMetric } from "@/lib/queries/pages";

/** One chart per overview metric (the record's keys must match `PAGE_METRICS.overview`). */
const CHARTS: Record<PageMetric<"overview">, ChartSpec> = {
  "chats.total": { kind: "bars", title: "Chats over time", subtitle: (g) => `Chats ${PER[g]}` },
  "chats.csat": {
    kind: "stacked",
    parts: ["good", "bad"],
    title: "Good vs bad ratings",
    subtitle: (g) => `Rated chats ${PER[g]}`,
  },
  "chats.first_response_time": {
    kind: "line",
    title: "First response time",
    color: CHART_COLORS.primary,
  },
  "chats.response_time": { kind: "line", title: "Response time", color: CHART_COLORS.secondary },
  "chats.missed": {
    kind: "bars",
    title: "Missed chats",
    subtitle: (g) => `Missed chats ${PER[g]}`,
    color: CHART_COLORS.bad,
  },
};

/** The overview dashboard (client entry): the four headline metrics, plus missed chats. */
export function OverviewPage({
  sources,
  sourcesError,
}: {
  sources: SourcesResponse | null;
  sourcesError: string | null;
}) {
  return (
    <ReportShell title="Overview" pageId="overview" sources={sources} sourcesError={sourcesError}>
      {({ filters, plan }) => {
        // Missed chats only where a source in scope reports them (LiveChat); the rest always.
        const metrics = PAGE_METRICS.overview.filter(
          (id) => id !== "chats.missed" || plan(id).kind !== "unavailable",
        );
        return (
          <>
            <KpiGrid count={metrics.length}>
              {metrics.map((id) => (
                <KpiCard key={id} metric={id} plan={plan(id)} />
              ))}
            </KpiGrid>
            <WidgetGrid label="Trends">
              {metrics.map((id) => (
                <MetricChart
                  key={id}
                  metric={id}
                  plan={plan(id)}
                  scope={filters.scope}
                  {...CHARTS[id]}
                />
              ))}
            </WidgetGrid>
          </>
        );
      }}
    </ReportShell>
  );
}
