"use client";

import { CHART_COLORS } from "@/components/charts/chart-shell";
import { ReportShell, WidgetGrid, type ReportPageProps } from "@/components/layout/report-shell";
import { KpiCards } from "@/components/widgets/page-widgets";
import { ResponseDistribution } from "@/components/reports/response-distribution";
import { MetricChart, PER } from "@/components/widgets/metric-chart";
import { METRICS } from "@/lib/metrics/definitions";
import { PAGE_METRICS, type PageMetric } from "@/lib/queries/pages";

const METRIC_IDS = PAGE_METRICS["response-times"];

const COLORS: Record<PageMetric<"response-times">, string> = {
  "chats.first_response_time": CHART_COLORS.primary,
  "chats.response_time": CHART_COLORS.secondary,
  "chats.conversation_response_time": CHART_COLORS.tertiary,
  "chats.reaction_time": CHART_COLORS.primary,
  "chats.best_first_response_time": CHART_COLORS.good,
};

/** Response times: first response, per reply, per conversation, reaction, best first. */
export function ResponseTimesPage({ sources, sourcesError, share }: ReportPageProps) {
  return (
    <ReportShell
      title="Response times"
      pageId="response-times"
      description="How quickly agents answered. LiveChat averages per reply; Rocket.Chat averages per conversation — they are kept apart."
      sources={sources}
      sourcesError={sourcesError}
      share={share}
    >
      {({ filters, plan, shows }) => {
        const metrics = METRIC_IDS.filter(shows);
        return (
          <>
            <KpiCards metrics={metrics} plan={plan} />
            <WidgetGrid label="Response time charts">
              {metrics.flatMap((id) => [
                <MetricChart
                  key={id}
                  metric={id}
                  plan={plan(id)}
                  scope={filters.scope}
                  kind="line"
                  title={METRICS[id].label}
                  color={COLORS[id]}
                  subtitle={(g) =>
                    id === "chats.best_first_response_time"
                      ? `Fastest ${PER[g]}`
                      : `Average ${PER[g]}`
                  }
                />,
                // The distribution sits next to the chart its buckets come from.
                ...(id === "chats.first_response_time"
                  ? [<ResponseDistribution key="distribution" plan={plan(id)} />]
                  : []),
              ])}
            </WidgetGrid>
          </>
        );
      }}
    </ReportShell>
  );
}
