"use client";

import { KpiCard } from "@/components/kpi/kpi-card";
import {
  KpiGrid,
  ReportShell,
  WidgetGrid,
  type ReportPageProps,
} from "@/components/layout/report-shell";
import { RankingTable } from "@/components/reports/ranking-table";
import { MetricChart, PER } from "@/components/widgets/metric-chart";
import { PAGE_METRICS } from "@/lib/queries/pages";

/** Satisfaction: CSAT and its ratings over time, and the agents ranked by ratings. */
export function SatisfactionPage({ sources, sourcesError, share }: ReportPageProps) {
  return (
    <ReportShell
      title="Satisfaction"
      pageId="satisfaction"
      description="How customers rated their chats, and which agents earned the best ratings."
      sources={sources}
      sourcesError={sourcesError}
      share={share}
    >
      {({ filters, plan }) => {
        // The page's one metric (`PAGE_METRICS.satisfaction`), shown as a card and two charts.
        const [metric] = PAGE_METRICS.satisfaction;
        const csat = plan(metric);
        return (
          <>
            <KpiGrid>
              <KpiCard metric={metric} plan={csat} />
            </KpiGrid>
            <WidgetGrid label="Satisfaction charts">
              <MetricChart
                metric={metric}
                plan={csat}
                scope={filters.scope}
                kind="stacked"
                parts={["good", "bad"]}
                title="Ratings over time"
                subtitle={(g) => `Good and bad ratings ${PER[g]}`}
              />
              <MetricChart
                metric={metric}
                plan={csat}
                scope={filters.scope}
                kind="line"
                title="CSAT"
                testId="chart-chats.csat-trend"
                csvSubject="chats.csat-trend"
                subtitle={(g) => `CSAT ${PER[g]}`}
              />
              <div className="lg:col-span-2">
                <RankingTable filters={filters} kind="chats" />
              </div>
            </WidgetGrid>
          </>
        );
      }}
    </ReportShell>
  );
}
