"use client";

import { CHART_COLORS } from "@/components/charts/chart-shell";
import { ReportShell, WidgetGrid, type ReportPageProps } from "@/components/layout/report-shell";
import { KpiCards, MetricCharts } from "@/components/widgets/page-widgets";
import { RankingTable } from "@/components/reports/ranking-table";
import { TicketList } from "@/components/reports/ticket-list";
import { PER, type ChartSpec } from "@/components/widgets/metric-chart";
import { PAGE_METRICS, type PageMetric } from "@/lib/queries/pages";

/** Ticket sources are a breakdown, not a headline: chart only. */
const KPIS = PAGE_METRICS.tickets.filter((id) => id !== "tickets.sources");

/** One chart per metric of the page (the record's keys must match `PAGE_METRICS.tickets`). */
const CHARTS: Record<PageMetric<"tickets">, ChartSpec> = {
  "tickets.new": {
    kind: "bars",
    title: "New tickets",
    subtitle: (g) => `Tickets created ${PER[g]}`,
  },
  "tickets.solved": {
    kind: "bars",
    title: "Solved tickets",
    subtitle: (g) => `Tickets solved ${PER[g]}`,
    color: CHART_COLORS.good,
  },
  "tickets.first_response_time": { kind: "line", title: "Ticket first response time" },
  "tickets.resolution_time": {
    kind: "line",
    title: "Ticket resolution time",
    color: CHART_COLORS.secondary,
  },
  "tickets.sources": {
    kind: "stacked",
    parts: "all",
    title: "Ticket sources",
    subtitle: (g) => `New tickets ${PER[g]} by where they came from`,
  },
  "tickets.csat": {
    kind: "stacked",
    parts: ["good", "bad"],
    title: "Ticket ratings",
    subtitle: (g) => `Good and bad ticket ratings ${PER[g]}`,
  },
};

/** Tickets: volume, speed, where they come from, ratings, ranking and the list itself. */
export function TicketsPage({ sources, sourcesError, share }: ReportPageProps) {
  return (
    <ReportShell
      title="Tickets"
      pageId="tickets"
      description="Tickets created and solved, how fast they were answered and resolved, and how customers rated them."
      sources={sources}
      sourcesError={sourcesError}
      share={share}
    >
      {({ filters, plan, shows, sources: all }) => {
        const kpis = KPIS.filter(shows);
        return (
          <>
            <KpiCards metrics={kpis} plan={plan} />
            <WidgetGrid label="Ticket charts">
              <MetricCharts
                metrics={PAGE_METRICS.tickets.filter(shows)}
                plan={plan}
                scope={filters.scope}
                charts={CHARTS}
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
