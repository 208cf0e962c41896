"use client";

import { KpiCard } from "@/components/kpi/kpi-card";
import { KpiGrid } from "@/components/layout/report-shell";
import { MetricChart, type ChartSpec } from "@/components/widgets/metric-chart";
import type { MetricPlan, SourceScope } from "@/lib/filters";
import type { MetricId } from "@/lib/metrics/types";

/** A report page's KPI cards, one per metric in `metrics`, in the page's KPI grid. */
export function KpiCards({
  metrics,
  plan,
}: {
  metrics: readonly MetricId[];
  plan: (metric: MetricId) => MetricPlan;
}) {
  return (
    <KpiGrid count={metrics.length}>
      {metrics.map((id) => (
        <KpiCard key={id} metric={id} plan={plan(id)} />
      ))}
    </KpiGrid>
  );
}

/** One chart per metric in `metrics`, each drawn as the page's `charts` entry says. */
export function MetricCharts<M extends MetricId>({
  metrics,
  plan,
  scope,
  charts,
}: {
  metrics: readonly M[];
  plan: (metric: MetricId) => MetricPlan;
  scope: SourceScope;
  charts: Record<M, ChartSpec>;
}) {
  return metrics.map((id) => (
    <MetricChart key={id} metric={id} plan={plan(id)} scope={scope} {...charts[id]} />
  ));
}
