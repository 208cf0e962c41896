"use client";

import { CHART_COLORS } from "@/components/charts/chart-shell";
import { KpiCard } from "@/components/kpi/kpi-card";
import { KpiGrid, ReportShell, WidgetGrid } from "@/components/layout/report-shell";
import { OccupancyHeatmap } from "@/components/reports/occupancy-heatmap";
import { MetricChart, PER, type ChartSpec } from "@/components/widgets/metric-chart";
import type { SourcesResponse } from "@/lib/metrics/types";
import { PAGE_METRICS, type PageMetric } from "@/lib/queries/pages";

/** One chart per metric of the page (the record's keys must match `PAGE_METRICS.chats`). */
const CHARTS: Record<PageMetric<"chats">, ChartSpec> = {
  "chats.total": { kind: "bars", title: "Total chats", subtitle: (g) => `Chats ${PER[g]}` },
  "chats.missed": {
    kind: "bars",
    title: "Missed chats",
    subtitle: (g) => `Missed chats ${PER[g]}`,
    color: CHART_COLORS.bad,
  },
  "chats.engagement": {
    kind: "stacked",
    parts: "all",
    title: "Engagement sources",
    subtitle: (g) => `Chats ${PER[g]} by how they started`,
  },
  "chats.queued": {
    kind: "stacked",
    parts: "all",
    title: "Queued visitors",
    subtitle: (g) => `Queued visitors ${PER[g]}`,
  },
  "chats.queue_waiting_time": { kind: "line", title: "Queue waiting time" },
  "chats.duration": { kind: "line", title: "Chat duration", color: CHART_COLORS.tertiary },
  "chats.messages": {
    kind: "bars",
    title: "Agent messages",
    subtitle: (g) => `Messages ${PER[g]}`,
    color: CHART_COLORS.secondary,
  },
  "chats.goals": {
    kind: "bars",
    title: "Goals reached",
    subtitle: (g) => `Goals ${PER[g]}`,
    color: CHART_COLORS.good,
  },
  "chats.greeting_conversion": {
    kind: "grouped",
    parts: "all",
    title: "Greeting conversion",
    subtitle: (g) => `Greetings displayed, accepted and goals ${PER[g]}`,
  },
};

/** Chats: volume, misses, how chats start, the queue, length, goals, greetings, occupancy. */
export function ChatsPage({
  sources,
  sourcesError,
}: {
  sources: SourcesResponse | null;
  sourcesError: string | null;
}) {
  return (
    <ReportShell
      title="Chats"
      pageId="chats"
      description="How many chats came in, how they started, how long visitors queued and how busy agents were."
      sources={sources}
      sourcesError={sourcesError}
    >
      {({ filters, plan }) => (
        <>
          <KpiGrid>
            {PAGE_METRICS.chats.map((id) => (
              <KpiCard key={id} metric={id} plan={plan(id)} />
            ))}
          </KpiGrid>
          <WidgetGrid label="Chat charts">
            {PAGE_METRICS.chats.map((id) => (
              <MetricChart
                key={id}
                metric={id}
                plan={plan(id)}
                scope={filters.scope}
                {...CHARTS[id]}
              />
            ))}
            <OccupancyHeatmap filters={filters} />
          </WidgetGrid>
        </>
      )}
    </ReportShell>
  );
}
