"use client";

import { CHART_COLORS } from "@/components/charts/chart-shell";
import { ReportShell, WidgetGrid, type ReportPageProps } from "@/components/layout/report-shell";
import { KpiCards, MetricCharts } from "@/components/widgets/page-widgets";
import { PER, type ChartSpec } from "@/components/widgets/metric-chart";
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
export function OverviewPage({ sources, sourcesError, share }: ReportPageProps) {
  return (
    <ReportShell
      title="Overview"
      pageId="overview"
      sources={sources}
      sourcesError={sourcesError}
      share={share}
    >
      {({ filters, plan, shows }) => {
        // Missed chats only where a source in scope reports them (LiveChat); the rest always
        // (unless a share link leaves them out).
        const metrics = PAGE_METRICS.overview.filter(
          (id) => shows(id) && (id !== "chats.missed" || plan(id).kind !== "unavailable"),
        );
        return (
          <>
            <KpiCards metrics={metrics} plan={plan} />
            <WidgetGrid label="Trends">
              <MetricCharts metrics={metrics} plan={plan} scope={filters.scope} charts={CHARTS} />
            </WidgetGrid>
          </>
        );
      }}
    </ReportShell>
  );
}
