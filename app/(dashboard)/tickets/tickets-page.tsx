"use client";

import { CHART_COLORS } from "@/components/charts/chart-shell";
import { KpiCard } from "@/components/kpi/kpi-card";
import { KpiGrid, ReportShell, WidgetGrid } from "@/components/layout/report-shell";
import { RankingTable } from "@/components/reports/ranking-table";
import { TicketList } from "@/components/reports/ticket-list";
import { MetricChart, PER } from "@/components/widgets/metric-chart";
import type { MetricId, SourcesResponse } from "@/lib/metrics/types";

const KPIS: MetricId[] = [
  "tickets.new",
  "tickets.solved",
  "tickets.first_response_time",
  "tickets.resolution_time",
  "tickets.csat",
];

/** Tickets: volume, speed, where they come from, ratings, ranking and the list itself. */
export function TicketsPage({
  sources,
  sourcesError,
}: {
  sources: SourcesResponse | null;
  sourcesError: string | null;
}) {
  return (
    <ReportShell
      title="Tickets"
      pageId="tickets"
      description="Tickets created and solved, how fast they were answered and resolved, and how customers rated them."
      sources={sources}
      sourcesError={sourcesError}
    >
      {({ filters, plan, sources: all }) => {
        const scope = filters.scope;
        return (
          <>
            <KpiGrid count={KPIS.length}>
              {KPIS.map((id) => (
                <KpiCard key={id} metric={id} plan={plan(id)} />
              ))}
            </KpiGrid>
            <WidgetGrid label="Ticket charts">
              <MetricChart
                metric="tickets.new"
                plan={plan("tickets.new")}
                scope={scope}
                kind="bars"
                title="New tickets"
                subtitle={(g) => `Tickets created ${PER[g]}`}
              />
              <MetricChart
                metric="tickets.solved"
                plan={plan("tickets.solved")}
                scope={scope}
                kind="bars"
                title="Solved tickets"
                subtitle={(g) => `Tickets solved ${PER[g]}`}
                color={CHART_COLORS.good}
              />
              <MetricChart
                metric="tickets.first_response_time"
                plan={plan("tickets.first_response_time")}
                scope={scope}
                kind="line"
                title="Ticket first response time"
              />
              <MetricChart
                metric="tickets.resolution_time"
                plan={plan("tickets.resolution_time")}
                scope={scope}
                kind="line"
                title="Ticket resolution time"
                color={CHART_COLORS.secondary}
              />
              <MetricChart
                metric="tickets.sources"
                plan={plan("tickets.sources")}
                scope={scope}
                kind="stacked"
                parts="all"
                title="Ticket sources"
                subtitle={(g) => `New tickets ${PER[g]} by where they came from`}
              />
              <MetricChart
                metric="tickets.csat"
                plan={plan("tickets.csat")}
                scope={scope}
                kind="stacked"
                parts={["good", "bad"]}
                title="Ticket ratings"
                subtitle={(g) => `Good and bad ticket ratings ${PER[g]}`}
              />
              <div className="lg:col-span-2">
                <RankingTable filters={filters} kind="tickets" />
              </div>
              <TicketList filters={filters} timezone={all.timezone} />
            </WidgetGrid>
          </>
        );
      }}
    </ReportShell>
  );
}
