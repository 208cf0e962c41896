"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { FilterBar } from "@/components/filters/filter-bar";
import { formatDateRange } from "@/components/format-dates";
import { ReportingTimeZoneProvider } from "@/components/ui/freshness";
import { errorMessage, Skeleton } from "@/components/ui/widget-states";
import { planMetric, type MetricPlan, type ScopedFilters } from "@/lib/filters";
import { useReportFilters } from "@/lib/hooks/use-report-filters";
import type { MetricId, SourcesResponse } from "@/lib/metrics/types";
import { sourcesQueryOptions } from "@/lib/queries/metrics";

/** What a report page renders from: the resolved filters and a metric planner. */
export interface ReportContext {
  filters: ScopedFilters;
  sources: SourcesResponse;
  plan: (metric: MetricId) => MetricPlan;
}

export interface ReportShellProps {
  title: string;
  /** `overview` → `data-testid="overview-subtitle"`. */
  pageId: string;
  /** A sentence under the title saying what the page answers. */
  description?: string;
  sources: SourcesResponse | null;
  sourcesError: string | null;
  children: (ctx: ReportContext) => ReactNode;
}

/**
 * The frame of every report page: title, the filters, then the page's widgets. `sources`
 * comes from the server render; when the server could not list them (an upstream was down) it
 * is `null` and the page falls back to `/api/sources`, with a notice and a Retry button
 * instead of a crash.
 */
export function ReportShell(props: ReportShellProps) {
  if (props.sources !== null) return <Report {...props} sources={props.sources} />;
  return <ReportWithoutSources {...props} />;
}

function ReportWithoutSources(props: ReportShellProps) {
  const result = useQuery(sourcesQueryOptions());
  if (result.data) return <Report {...props} sources={result.data} />;

  const message = result.isError ? errorMessage(result.error) : props.sourcesError;
  return (
    <div className="flex flex-col gap-6">
      <PageTitle title={props.title} pageId={props.pageId} subtitle={null} />
      <div
        role="alert"
        className="flex flex-col items-start gap-3 rounded-xl border border-line bg-danger-soft p-4 text-sm sm:flex-row sm:items-center sm:justify-between"
      >
        <div>
          <p className="font-medium text-negative">Could not load your chat sources.</p>
          {message && <p className="mt-1 text-fg">{message}</p>}
        </div>
        <button
          type="button"
          onClick={() => void result.refetch()}
          disabled={result.isFetching}
          className="shrink-0 rounded-md border border-line-strong bg-surface px-3 py-1.5 font-medium hover:bg-surface-2 disabled:cursor-wait disabled:opacity-60"
        >
          {result.isFetching ? "Retrying…" : "Retry"}
        </button>
      </div>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4" aria-hidden="true">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-40" />
        ))}
      </div>
    </div>
  );
}

export function PageTitle({
  title,
  pageId,
  subtitle,
  description,
}: {
  title: string;
  pageId: string;
  subtitle: string | null;
  description?: string;
}) {
  return (
    <div className="flex flex-col gap-1">
      <h1 className="text-2xl font-semibold tracking-tight min-[2560px]:text-3xl">{title}</h1>
      {subtitle && (
        <p className="text-sm text-muted" data-testid={`${pageId}-subtitle`}>
          {subtitle}
        </p>
      )}
      {description && <p className="max-w-3xl text-sm text-muted">{description}</p>}
    </div>
  );
}

function Report({
  title,
  pageId,
  description,
  sources,
  children,
}: ReportShellProps & { sources: SourcesResponse }) {
  const { filters } = useReportFilters(sources);
  const scope = filters.scope;

  if (scope === null) {
    return (
      <div className="flex flex-col gap-6">
        <PageTitle title={title} pageId={pageId} subtitle={null} />
        <p className="rounded-xl border border-line bg-surface p-6 text-sm text-muted">
          No chat source is configured. Set up LiveChat or Rocket.Chat in the server configuration
          to see metrics here.
        </p>
      </div>
    );
  }

  const scoped: ScopedFilters = { ...filters, scope };
  const team = scope.single?.teams.find((t) => t.id === filters.group);
  const agent = scope.single?.agents.find((a) => a.id === filters.agent);
  const subtitle = [
    scope.name,
    team?.name,
    agent ? `Agent ${agent.name}` : filters.agent,
    formatDateRange(filters.from, filters.to),
  ]
    .filter(Boolean)
    .join(" · ");

  return (
    <ReportingTimeZoneProvider timeZone={sources.timezone}>
      <div className="flex flex-col gap-6">
        <PageTitle title={title} pageId={pageId} subtitle={subtitle} description={description} />
        <FilterBar sources={sources} />
        {children({ filters: scoped, sources, plan: (metric) => planMetric(metric, scoped) })}
      </div>
    </ReportingTimeZoneProvider>
  );
}

/** The KPI grid of a page: four a row on wide screens, five when there are exactly five. */
export function KpiGrid({ children, count }: { children: ReactNode; count?: number }) {
  return (
    <section
      aria-label="Key metrics"
      className={`grid grid-cols-1 gap-4 sm:grid-cols-2 ${count === 5 ? "lg:grid-cols-3 2xl:grid-cols-5" : "xl:grid-cols-4"}`}
    >
      {children}
    </section>
  );
}

/** The grid of charts and tables of a page. */
export function WidgetGrid({ label, children }: { label: string; children: ReactNode }) {
  return (
    <section aria-label={label} className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      {children}
    </section>
  );
}

/** A notice spanning the page (e.g. "pick one source to see the agents table"). */
export function PageNotice({ children }: { children: ReactNode }) {
  return (
    <p
      className="rounded-xl border border-line bg-surface p-4 text-sm text-muted lg:col-span-2"
      data-testid="page-notice"
    >
      {children}
    </p>
  );
}
