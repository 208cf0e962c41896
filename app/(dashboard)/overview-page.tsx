"use client";

import { KpiCard } from "@/components/kpi/kpi-card";
import { KpiGrid, ReportShell, WidgetGrid } from "@/components/layout/report-shell";
import { MetricChart, PER } from "@/components/widgets/metric-chart";
import { CHART_COLORS } from "@/components/charts/chart-shell";
import type { MetricId, SourcesResponse } from "@/lib/metrics/types";

const HEADLINE: MetricId[] = [
  "chats.total",
  "chats.csat",
  "chats.first_response_time",
  "chats.response_time",
];

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
        // Missed chats only where a source in scope reports them (LiveChat).
        const missed = plan("chats.missed");
        const kpis =
          missed.kind === "unavailable" ? HEADLINE : [...HEADLINE, "chats.missed" as const];
        return (
          <>
            <KpiGrid count={kpis.length}>
              {kpis.map((id) => (
                <KpiCard key={id} metric={id} plan={plan(id)} />
              ))}
            </KpiGrid>
            <WidgetGrid label="Trends">
              <MetricChart
                metric="chats.total"
                plan={plan("chats.total")}
                scope={filters.scope}
                kind="bars"
                title="Chats over time"
                subtitle={(g) => `Chats ${PER[g]}`}
              />
              <MetricChart
                metric="chats.csat"
                plan={plan("chats.csat")}
                scope={filters.scope}
                kind="stacked"
                parts={["good", "bad"]}
                title="Good vs bad ratings"
                subtitle={(g) => `Rated chats ${PER[g]}`}
              />
              <MetricChart
                metric="chats.first_response_time"
                plan={plan("chats.first_response_time")}
                scope={filters.scope}
                kind="line"
                title="First response time"
                color={CHART_COLORS.primary}
              />
              <MetricChart
                metric="chats.response_time"
                plan={plan("chats.response_time")}
                scope={filters.scope}
                kind="line"
                title="Response time"
                color={CHART_COLORS.secondary}
              />
              {missed.kind !== "unavailable" && (
                <MetricChart
                  metric="chats.missed"
                  plan={missed}
                  scope={filters.scope}
                  kind="bars"
                  title="Missed chats"
                  subtitle={(g) => `Missed chats ${PER[g]}`}
                  color={CHART_COLORS.bad}
                />
              )}
            </WidgetGrid>
          </>
        );
      }}
    </ReportShell>
  );
}
