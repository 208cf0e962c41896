"use client";

import { useQuery } from "@tanstack/react-query";
import { FilterBar } from "@/components/filters/filter-bar";
import { formatDateRange } from "@/components/format-dates";
import { KpiCard } from "@/components/kpi/kpi-card";
import {
  ChatsOverTimeWidget,
  FirstResponseTimeWidget,
  RatingsOverTimeWidget,
  ResponseTimeWidget,
} from "@/components/overview/chart-widgets";
import { errorMessage, Skeleton } from "@/components/ui/widget-states";
import { metricQueryFor } from "@/lib/filters";
import { useOverviewFilters } from "@/lib/hooks/use-overview-filters";
import { METRIC_IDS, type MetricId, type SourcesResponse } from "@/lib/metrics/types";
import { sourcesQueryOptions } from "@/lib/queries/metrics";

/**
 * The overview dashboard (client entry). `sources` comes from the server render; when the
 * server could not list them (an upstream was down) it is `null` and the page falls back to
 * `/api/sources`, with a notice and a Retry button instead of a crash.
 */
export function OverviewPage({
  sources,
  sourcesError,
}: {
  sources: SourcesResponse | null;
  sourcesError: string | null;
}) {
  if (sources !== null) return <Overview sources={sources} />;
  return <OverviewWithoutSources serverError={sourcesError} />;
}

function OverviewWithoutSources({ serverError }: { serverError: string | null }) {
  const result = useQuery(sourcesQueryOptions());
  if (result.data) return <Overview sources={result.data} />;

  const message = result.isError ? errorMessage(result.error) : serverError;
  return (
    <div className="flex flex-col gap-6">
      <PageTitle subtitle={null} />
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
        {METRIC_IDS.map((id) => (
          <Skeleton key={id} className="h-40" />
        ))}
      </div>
    </div>
  );
}

function PageTitle({ subtitle }: { subtitle: string | null }) {
  return (
    <div className="flex flex-col gap-1">
      <h1 className="text-2xl font-semibold tracking-tight min-[2560px]:text-3xl">Overview</h1>
      {subtitle && (
        <p className="text-sm text-muted" data-testid="overview-subtitle">
          {subtitle}
        </p>
      )}
    </div>
  );
}

function Overview({ sources }: { sources: SourcesResponse }) {
  const { filters } = useOverviewFilters(sources);
  const source = filters.source;

  if (source === null) {
    return (
      <div className="flex flex-col gap-6">
        <PageTitle subtitle={null} />
        <p className="rounded-xl border border-line bg-surface p-6 text-sm text-muted">
          No chat source is configured. Set up LiveChat or Rocket.Chat in the server configuration
          to see metrics here.
        </p>
      </div>
    );
  }

  const team = source.teams.find((t) => t.id === filters.group);
  const subtitle = [source.name, team?.name, formatDateRange(filters.from, filters.to)]
    .filter(Boolean)
    .join(" · ");
  // One query per metric, shared by its card and its chart (same key, one request).
  const q = (id: MetricId) => metricQueryFor(id, { ...filters, source });

  return (
    <div className="flex flex-col gap-6">
      <PageTitle subtitle={subtitle} />
      <FilterBar sources={sources} />

      <section
        aria-label="Key metrics"
        className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4"
      >
        {METRIC_IDS.map((id) => (
          <KpiCard key={id} metric={id} source={source} query={q(id)} />
        ))}
      </section>

      <section aria-label="Trends" className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <ChatsOverTimeWidget source={source} query={q("chats.total")} />
        <RatingsOverTimeWidget source={source} query={q("chats.csat")} />
        <FirstResponseTimeWidget source={source} query={q("chats.first_response_time")} />
        <ResponseTimeWidget source={source} query={q("chats.response_time")} />
      </section>
    </div>
  );
}
