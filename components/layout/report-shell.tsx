"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo, type ReactNode } from "react";
import { FilterBar, TimezoneNote } from "@/components/filters/filter-bar";
import { formatDateRange } from "@/components/format-dates";
import { ShareButton } from "@/components/share/share-dialog";
import { ReportingTimeZoneProvider } from "@/components/ui/freshness";
import { errorMessage, Skeleton } from "@/components/ui/widget-states";
import { DATE_PRESETS } from "@/lib/dates";
import { planMetric, showsMetric, type MetricPlan, type ScopedFilters } from "@/lib/filters";
import { useReportFilters } from "@/lib/hooks/use-report-filters";
import type { Granularity, MetricId, SourcesResponse } from "@/lib/metrics/types";
import { sourcesQueryOptions } from "@/lib/queries/metrics";
import { REPORT_PAGES } from "@/lib/queries/pages";

/** What a report page renders from: the resolved filters and a metric planner. */
export interface ReportContext {
  filters: ScopedFilters;
  sources: SourcesResponse;
  plan: (metric: MetricId) => MetricPlan;
  /** Whether the page shows `metric` (a share link may show only some of the page's). */
  shows: (metric: MetricId) => boolean;
}

/**
 * A read-only copy of a report page (a share link): fixed filters instead of the URL's, no
 * filter controls, and who shared it until when. Built on the server from the link's scope.
 */
export interface SharedReportView {
  filters: ScopedFilters;
  /** The link creator's name. */
  sharedBy: string;
  /** When the link stops working, as text in the reporting time zone. */
  validUntil: string;
}

/** What every report page component takes from its server page (or from a share page). */
export interface ReportPageProps {
  sources: SourcesResponse | null;
  sourcesError: string | null;
  /** Set on a share page (read-only, the link's filters). */
  share?: SharedReportView;
}

export interface ReportShellProps {
  title: string;
  /** `overview` → `data-testid="overview-subtitle"`. */
  pageId: string;
  /** A sentence under the title saying what the page answers. */
  description?: string;
  sources: SourcesResponse | null;
  sourcesError: string | null;
  /** Set on a share page: render read-only with the link's filters. */
  share?: SharedReportView;
  children: (ctx: ReportContext) => ReactNode;
}

/**
 * The frame of every report page: title, the filters, then the page's widgets. `sources`
 * comes from the server render; when the server could not list them (an upstream was down) it
 * is `null` and the page falls back to `/api/sources`, with a notice and a Retry button
 * instead of a crash.
 */
export function ReportShell(props: ReportShellProps) {
  if (props.share && props.sources !== null) {
    return <SharedReport {...props} sources={props.sources} share={props.share} />;
  }
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
  actions,
}: {
  title: string;
  pageId: string;
  subtitle: string | null;
  description?: string;
  /** Buttons at the end of the title row (Share). */
  actions?: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <h1 className="text-2xl font-semibold tracking-tight min-[2560px]:text-3xl">{title}</h1>
        {actions}
      </div>
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
  // The widgets get the very same elements while the filters are the same. Were this shell to
  // render again while widgets are still streaming in, new props would reach their Suspense
  // boundaries before they hydrated — and React then renders such a boundary in the browser,
  // throwing the server's finished HTML away (see `Providers` for the case that happened).
  const filtersKey = JSON.stringify(filters);
  const scoped = useMemo<ScopedFilters | null>(
    () => (scope === null ? null : { ...filters, scope }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the filters' value
    [filtersKey],
  );
  const content = useMemo(
    () => (scoped === null ? null : children(contextOf(scoped, sources))),
    [children, scoped, sources],
  );

  if (scoped === null) {
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

  const reportPage = REPORT_PAGES.find((p) => p === pageId);

  return (
    <ReportingTimeZoneProvider timeZone={sources.timezone}>
      <div className="flex flex-col gap-6">
        <PageTitle
          title={title}
          pageId={pageId}
          subtitle={subtitleOf(scoped)}
          description={description}
          actions={
            reportPage && (
              <ShareButton
                page={reportPage}
                title={title}
                filters={scoped}
                timeZone={sources.timezone}
              />
            )
          }
        />
        <FilterBar sources={sources} />
        {content}
      </div>
    </ReportingTimeZoneProvider>
  );
}

function contextOf(filters: ScopedFilters, sources: SourcesResponse): ReportContext {
  return {
    filters,
    sources,
    plan: (metric) => planMetric(metric, filters),
    shows: (metric) => showsMetric(metric, filters),
  };
}

/** "LiveChat · Billing · Agent Ava · Oct 5 – Oct 11, 2026". */
function subtitleOf(filters: ScopedFilters): string {
  const { scope } = filters;
  const team = scope.single?.teams.find((t) => t.id === filters.group);
  const agent = scope.single?.agents.find((a) => a.id === filters.agent);
  return [
    scope.name,
    team?.name,
    // A share link hiding names already calls the agent "Agent 3".
    agent ? (/^Agent \d+$/.test(agent.name) ? agent.name : `Agent ${agent.name}`) : filters.agent,
    formatDateRange(filters.from, filters.to),
  ]
    .filter(Boolean)
    .join(" · ");
}

const PRESET_LABELS = new Map<string, string>(DATE_PRESETS.map((p) => [p.id, p.label]));
const GRANULARITY_TEXT: Record<Granularity, string> = {
  hour: "By hour",
  day: "By day",
  month: "By month",
};

/**
 * A share link's page: the same widgets over the link's fixed filters, with who shared it and
 * until when, and the locked filters as plain text (nothing to change, nothing leading into
 * the app).
 */
function SharedReport({
  title,
  pageId,
  description,
  sources,
  share,
  children,
}: ReportShellProps & { sources: SourcesResponse; share: SharedReportView }) {
  const { filters } = share;
  const { scope } = filters;
  const team = scope.single?.teams.find((t) => t.id === filters.group);
  const agent = scope.single?.agents.find((a) => a.id === filters.agent);
  const rolling = filters.range !== "custom" ? PRESET_LABELS.get(filters.range) : undefined;
  const facts: { label: string; value: string }[] = [
    { label: "Source", value: scope.name },
    {
      label: scope.single ? capitalize(scope.single.teamLabel) : "Team",
      value:
        filters.group === null
          ? `All ${scope.single?.teamLabel ?? "team"}s`
          : (team?.name ?? filters.group),
    },
    ...(filters.agent !== null ? [{ label: "Agent", value: agent?.name ?? filters.agent }] : []),
    {
      label: "Dates",
      value: rolling
        ? `${rolling} (${formatDateRange(filters.from, filters.to)}, moves with time)`
        : formatDateRange(filters.from, filters.to),
    },
    { label: "Granularity", value: GRANULARITY_TEXT[filters.granularity] },
  ];

  return (
    <ReportingTimeZoneProvider timeZone={sources.timezone}>
      <div className="flex flex-col gap-6">
        <div className="flex flex-col gap-1">
          <PageTitle
            title={title}
            pageId={pageId}
            subtitle={subtitleOf(filters)}
            description={description}
          />
          <p className="text-sm text-muted" data-testid="share-byline">
            Shared by {share.sharedBy} · valid until {share.validUntil}
          </p>
        </div>
        <section
          aria-label="Shown for"
          className="rounded-xl border border-line bg-surface p-4 shadow-sm"
          data-testid="share-scope"
        >
          <dl className="flex flex-wrap gap-x-6 gap-y-3 text-sm">
            {facts.map((f) => (
              <div key={f.label} className="flex flex-col gap-1">
                <dt className="text-xs font-medium text-muted">{f.label}</dt>
                <dd className="font-medium">{f.value}</dd>
              </div>
            ))}
          </dl>
          <TimezoneNote timezone={sources.timezone} scope={scope} prefix="Read-only report · " />
        </section>
        {children(contextOf(filters, sources))}
      </div>
    </ReportingTimeZoneProvider>
  );
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
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
