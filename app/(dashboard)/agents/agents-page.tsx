"use client";

import { CHART_COLORS } from "@/components/charts/chart-shell";
import { KpiCard } from "@/components/kpi/kpi-card";
import { KpiGrid, ReportShell, WidgetGrid } from "@/components/layout/report-shell";
import { AgentsTable } from "@/components/reports/agents-table";
import { RankingTable } from "@/components/reports/ranking-table";
import { MetricChart, PER } from "@/components/widgets/metric-chart";
import type { SourcesResponse } from "@/lib/metrics/types";

/** Agents: the per-agent table, the ranking, and availability and chatting time over time. */
export function AgentsPage({
  sources,
  sourcesError,
}: {
  sources: SourcesResponse | null;
  sourcesError: string | null;
}) {
  return (
    <ReportShell
      title="Agents"
      pageId="agents"
      description="Each agent's figures for the period, their ranking by ratings, and the team's time online and in chats."
      sources={sources}
      sourcesError={sourcesError}
    >
      {({ filters, plan }) => (
        <>
          <KpiGrid>
            <KpiCard metric="agents.availability" plan={plan("agents.availability")} />
            <KpiCard metric="agents.chatting_time" plan={plan("agents.chatting_time")} />
          </KpiGrid>
          <WidgetGrid label="Agent reports">
            <AgentsTable filters={filters} />
            <div className="lg:col-span-2">
              <RankingTable filters={filters} kind="chats" />
            </div>
            <MetricChart
              metric="agents.availability"
              plan={plan("agents.availability")}
              scope={filters.scope}
              kind="bars"
              title="Availability"
              subtitle={(g) => `Time agents were accepting chats, ${PER[g]}`}
              color={CHART_COLORS.tertiary}
            />
            <MetricChart
              metric="agents.chatting_time"
              plan={plan("agents.chatting_time")}
              scope={filters.scope}
              kind="bars"
              title="Chatting time"
              subtitle={(g) => `Time agents spent in chats, ${PER[g]}`}
              color={CHART_COLORS.secondary}
            />
          </WidgetGrid>
        </>
      )}
    </ReportShell>
  );
}
