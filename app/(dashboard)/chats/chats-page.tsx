"use client";

import { CHART_COLORS } from "@/components/charts/chart-shell";
import { KpiCard } from "@/components/kpi/kpi-card";
import { KpiGrid, ReportShell, WidgetGrid } from "@/components/layout/report-shell";
import { OccupancyHeatmap } from "@/components/reports/occupancy-heatmap";
import { MetricChart, PER } from "@/components/widgets/metric-chart";
import type { MetricId, SourcesResponse } from "@/lib/metrics/types";

const KPIS: MetricId[] = [
  "chats.total",
  "chats.missed",
  "chats.engagement",
  "chats.queued",
  "chats.queue_waiting_time",
  "chats.duration",
  "chats.messages",
  "chats.goals",
  "chats.greeting_conversion",
];

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
      {({ filters, plan }) => {
        const scope = filters.scope;
        return (
          <>
            <KpiGrid>
              {KPIS.map((id) => (
                <KpiCard key={id} metric={id} plan={plan(id)} />
              ))}
            </KpiGrid>
            <WidgetGrid label="Chat charts">
              <MetricChart
                metric="chats.total"
                plan={plan("chats.total")}
                scope={scope}
                kind="bars"
                title="Total chats"
                subtitle={(g) => `Chats ${PER[g]}`}
              />
              <MetricChart
                metric="chats.missed"
                plan={plan("chats.missed")}
                scope={scope}
                kind="bars"
                title="Missed chats"
                subtitle={(g) => `Missed chats ${PER[g]}`}
                color={CHART_COLORS.bad}
              />
              <MetricChart
                metric="chats.engagement"
                plan={plan("chats.engagement")}
                scope={scope}
                kind="stacked"
                parts="all"
                title="Engagement sources"
                subtitle={(g) => `Chats ${PER[g]} by how they started`}
              />
              <MetricChart
                metric="chats.queued"
                plan={plan("chats.queued")}
                scope={scope}
                kind="stacked"
                parts="all"
                title="Queued visitors"
                subtitle={(g) => `Queued visitors ${PER[g]}`}
              />
              <MetricChart
                metric="chats.queue_waiting_time"
                plan={plan("chats.queue_waiting_time")}
                scope={scope}
                kind="line"
                title="Queue waiting time"
              />
              <MetricChart
                metric="chats.duration"
                plan={plan("chats.duration")}
                scope={scope}
                kind="line"
                title="Chat duration"
                color={CHART_COLORS.tertiary}
              />
              <MetricChart
                metric="chats.messages"
                plan={plan("chats.messages")}
                scope={scope}
                kind="bars"
                title="Agent messages"
                subtitle={(g) => `Messages ${PER[g]}`}
                color={CHART_COLORS.secondary}
              />
              <MetricChart
                metric="chats.goals"
                plan={plan("chats.goals")}
                scope={scope}
                kind="bars"
                title="Goals reached"
                subtitle={(g) => `Goals ${PER[g]}`}
                color={CHART_COLORS.good}
              />
              <MetricChart
                metric="chats.greeting_conversion"
                plan={plan("chats.greeting_conversion")}
                scope={scope}
                kind="grouped"
                parts="all"
                title="Greeting conversion"
                subtitle={(g) => `Greetings displayed, accepted and goals ${PER[g]}`}
              />
              <OccupancyHeatmap filters={filters} />
            </WidgetGrid>
          </>
        );
      }}
    </ReportShell>
  );
}
