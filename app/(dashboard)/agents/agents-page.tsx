"use client";

import { CHART_COLORS } from "@/components/charts/chart-shell";
import { ReportShell, WidgetGrid, type ReportPageProps } from "@/components/layout/report-shell";
import { KpiCards, MetricCharts } from "@/components/widgets/page-widgets";
import { AgentsTable } from "@/components/reports/agents-table";
import { RankingTable } from "@/components/reports/ranking-table";
import { PER, type ChartSpec } from "@/components/widgets/metric-chart";
import { PAGE_METRICS, type PageMetric } from "@/lib/queries/pages";

/** One chart per metric of the page (the record's keys must match `PAGE_METRICS.agents`). */
const CHARTS: Record<PageMetric<"agents">, ChartSpec> = {
  "agents.availability": {
    kind: "bars",
    title: "Availability",
    subtitle: (g) => `Time agents were accepting chats, ${PER[g]}`,
    color: CHART_COLORS.tertiary,
  },
  "agents.chatting_time": {
    kind: "bars",
    title: "Chatting time",
    subtitle: (g) => `Time agents spent in chats, ${PER[g]}`,
    color: CHART_COLORS.secondary,
  },
};

/** Agents: the per-agent table, the ranking, and availability and chatting time over time. */
export function AgentsPage({ sources, sourcesError, share }: ReportPageProps) {
  return (
    <ReportShell
      title="Agents"
      pageId="agents"
      description="Each agent's figures for the period, their ranking by ratings, and the team's time online and in chats."
      sources={sources}
      sourcesError={sourcesError}
      share={share}
    >
      {({ filters, plan, shows }) => {
        const metrics = PAGE_METRICS.agents.filter(shows);
        return (
          <>
            <KpiCards metrics={metrics} plan={plan} />
            <WidgetGrid label="Agent reports">
              <AgentsTable filters={filters} />
              <div className="lg:col-span-2">
                <RankingTable filters={filters} kind="chats" />
              </div>
              <MetricCharts metrics={metrics} plan={plan} scope={filters.scope} charts={CHARTS} />
            </WidgetGrid>
          </>
        );
      }}
    </ReportShell>
  );
}
