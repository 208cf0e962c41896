"use client";

import { CHART_COLORS } from "@/components/charts/chart-shell";
import { ReportShell, WidgetGrid, type ReportPageProps } from "@/components/layout/report-shell";
import { KpiCards, MetricCharts } from "@/components/widgets/page-widgets";
import { OccupancyHeatmap } from "@/components/reports/occupancy-heatmap";
import { PER, type ChartSpec } from "@/components/widgets/metric-chart";
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
export function ChatsPage({ sources, sourcesError, share }: ReportPageProps) {
  return (
    <ReportShell
      title="Chats"
      pageId="chats"
      description="How many chats came in, how they started, how long visitors queued and how busy agents were."
      sources={sources}
      sourcesError={sourcesError}
      share={share}
    >
      {({ filters, plan, shows }) => {
        const metrics = PAGE_METRICS.chats.filter(shows);
        return (
          <>
            <KpiCards metrics={metrics} plan={plan} />
            <WidgetGrid label="Chat charts">
              <MetricCharts metrics={metrics} plan={plan} scope={filters.scope} charts={CHARTS} />
              <OccupancyHeatmap filters={filters} />
            </WidgetGrid>
          </>
        );
      }}
    </ReportShell>
  );
}
