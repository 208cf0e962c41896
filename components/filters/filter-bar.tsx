"use client";

import type { ReactNode } from "react";
import { formatDateRange } from "@/components/format-dates";
import { DATE_PRESETS } from "@/lib/dates";
import {
  ALL_SOURCES_NAME,
  canCombineSources,
  MAX_HOURLY_DAYS,
  MIN_MONTHLY_DAYS,
  RANGE_IDS,
  type RangeId,
  type SourceScope,
} from "@/lib/filters";
import { useReportFilters } from "@/lib/hooks/use-report-filters";
import {
  GRANULARITIES,
  SOURCE_SELECTORS,
  type Granularity,
  type SourceSelector,
  type SourcesResponse,
} from "@/lib/metrics/types";

const RANGE_LABELS: Record<RangeId, string> = {
  ...(Object.fromEntries(DATE_PRESETS.map((p) => [p.id, p.label])) as Record<
    (typeof DATE_PRESETS)[number]["id"],
    string
  >),
  custom: "Custom",
};

const GRANULARITY_LABELS: Record<Granularity, string> = {
  hour: "Hour",
  day: "Day",
  month: "Month",
};

const GRANULARITY_DISABLED_HINT: Record<Granularity, string> = {
  hour: `Hourly view is available for ranges of up to ${MAX_HOURLY_DAYS} days`,
  day: "",
  month: `Monthly view needs a range of at least ${MIN_MONTHLY_DAYS} days`,
};

const CONTROL =
  "h-9 rounded-md border border-line-strong bg-surface px-2.5 text-sm text-fg hover:border-muted disabled:opacity-60";

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function Field({
  label,
  htmlFor,
  children,
}: {
  label: string;
  htmlFor: string;
  children: ReactNode;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={htmlFor} className="text-xs font-medium text-muted">
        {label}
      </label>
      {children}
    </div>
  );
}

function isSourceSelector(value: string): value is SourceSelector {
  return (SOURCE_SELECTORS as readonly string[]).includes(value);
}

/**
 * The report pages' filters: source (or all sources), team, agent, date range and
 * granularity, all kept in the URL so reloads, shared links and page changes keep the same
 * view. Native controls keep it keyboard- and screen-reader-friendly.
 */
export function FilterBar({ sources }: { sources: SourcesResponse }) {
  const {
    filters,
    today,
    setSource,
    setGroup,
    setAgent,
    setRange,
    setCustomDates,
    setGranularity,
  } = useReportFilters(sources);
  const scope = filters.scope;
  if (scope === null) return null;
  const source = scope.single;
  const teamWord = source ? capitalize(source.teamLabel) : "Team";

  return (
    <section
      aria-label="Filters"
      className="rounded-xl border border-line bg-surface p-4 shadow-sm"
      data-testid="filter-bar"
    >
      <div className="flex flex-wrap items-end gap-x-4 gap-y-3">
        {sources.sources.length > 1 ? (
          <Field label="Source" htmlFor="filter-source">
            <select
              id="filter-source"
              className={CONTROL}
              value={scope.id}
              onChange={(e) => {
                if (isSourceSelector(e.target.value)) setSource(e.target.value);
              }}
            >
              {sources.sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
              {canCombineSources(sources.sources) && (
                <option value="all">{ALL_SOURCES_NAME}</option>
              )}
            </select>
          </Field>
        ) : (
          <div className="flex flex-col gap-1">
            <span className="text-xs font-medium text-muted">Source</span>
            <span className="flex h-9 items-center text-sm font-medium">{scope.name}</span>
          </div>
        )}

        {source ? (
          <Field label={teamWord} htmlFor="filter-group">
            <select
              id="filter-group"
              className={`${CONTROL} max-w-56`}
              value={filters.group ?? ""}
              onChange={(e) => setGroup(e.target.value === "" ? null : e.target.value)}
            >
              <option value="">All {source.teamLabel}s</option>
              {source.teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
              {filters.group !== null && !source.teams.some((t) => t.id === filters.group) && (
                // Teams failed to load but the link names one: keep it selectable and visible.
                <option value={filters.group}>
                  {teamWord} {filters.group}
                </option>
              )}
            </select>
          </Field>
        ) : (
          <div className="flex flex-col gap-1">
            <span className="text-xs font-medium text-muted">Team</span>
            <span className="flex h-9 items-center text-sm text-muted" data-testid="team-all-note">
              All teams (pick one source to filter)
            </span>
          </div>
        )}

        {source && (source.agents.length > 0 || filters.agent !== null) && (
          <Field label="Agent" htmlFor="filter-agent">
            <select
              id="filter-agent"
              className={`${CONTROL} max-w-56`}
              value={filters.agent ?? ""}
              onChange={(e) => setAgent(e.target.value === "" ? null : e.target.value)}
            >
              <option value="">All agents</option>
              {source.agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
              {filters.agent !== null && !source.agents.some((a) => a.id === filters.agent) && (
                <option value={filters.agent}>{filters.agent}</option>
              )}
            </select>
          </Field>
        )}

        <Field label="Date range" htmlFor="filter-range">
          <select
            id="filter-range"
            className={CONTROL}
            value={filters.range}
            onChange={(e) => {
              const range = RANGE_IDS.find((r) => r === e.target.value);
              if (range) setRange(range);
            }}
          >
            {RANGE_IDS.map((r) => (
              <option key={r} value={r}>
                {RANGE_LABELS[r]}
              </option>
            ))}
          </select>
        </Field>

        {filters.range === "custom" ? (
          <>
            <Field label="From" htmlFor="filter-from">
              <input
                id="filter-from"
                type="date"
                className={CONTROL}
                value={filters.from}
                max={today}
                required
                onChange={(e) => {
                  // Date inputs report "" while a date is incomplete: wait for a whole one.
                  if (e.target.value) setCustomDates({ from: e.target.value });
                }}
              />
            </Field>
            <Field label="To" htmlFor="filter-to">
              <input
                id="filter-to"
                type="date"
                className={CONTROL}
                value={filters.to}
                max={today}
                required
                onChange={(e) => {
                  if (e.target.value) setCustomDates({ to: e.target.value });
                }}
              />
            </Field>
          </>
        ) : (
          <p className="flex h-9 items-center text-sm text-muted" data-testid="range-summary">
            {formatDateRange(filters.from, filters.to)}
          </p>
        )}

        <fieldset className="flex min-w-0 flex-col gap-1">
          <legend className="mb-1 text-xs font-medium text-muted">Granularity</legend>
          <div className="inline-flex h-9 rounded-md border border-line-strong bg-surface p-0.5">
            {GRANULARITIES.map((g) => {
              const disabled = !filters.allowed[g];
              return (
                <label
                  key={g}
                  title={disabled ? GRANULARITY_DISABLED_HINT[g] : undefined}
                  className="relative flex cursor-pointer items-center rounded px-3 text-sm text-muted select-none hover:text-fg has-checked:bg-accent has-checked:font-medium has-checked:text-accent-fg has-focus-visible:outline-2 has-focus-visible:outline-offset-1 has-focus-visible:outline-accent has-disabled:cursor-not-allowed has-disabled:opacity-45 has-disabled:hover:text-muted"
                >
                  <input
                    type="radio"
                    name="granularity"
                    value={g}
                    checked={filters.granularity === g}
                    disabled={disabled}
                    onChange={() => setGranularity(g)}
                    // Transparent but on top of the label, so pointer, touch and automation
                    // all hit the real radio; the label paints its state via :has().
                    className="absolute inset-0 cursor-pointer appearance-none rounded opacity-0 disabled:cursor-not-allowed"
                  />
                  {GRANULARITY_LABELS[g]}
                </label>
              );
            })}
          </div>
        </fieldset>
      </div>

      {scope.sources.map((s) =>
        [s.teamsError, s.agentsError].map(
          (message) =>
            message !== undefined && (
              <p key={`${s.id}-${message}`} role="alert" className="mt-3 text-sm text-negative">
                {scope.sources.length > 1 ? `${s.name}: ` : ""}
                {message}
              </p>
            ),
        ),
      )}

      <TimezoneNote timezone={sources.timezone} scope={scope} />
    </section>
  );
}

/**
 * Which time zone the report's days and hours are cut in, and which sources always report in a
 * fixed one (Rocket.Chat: UTC days). `prefix` goes first (e.g. "Read-only report · ").
 */
export function TimezoneNote({
  timezone,
  scope,
  prefix = "",
}: {
  timezone: string;
  scope: SourceScope;
  prefix?: string;
}) {
  return (
    <p className="mt-3 text-xs text-muted" data-testid="timezone-note">
      {prefix}Reporting time zone: {timezone}
      {scope.sources
        .filter((s) => s.fixedTimezone !== null)
        .map((s) => (
          <span key={s.id}>
            {" · "}
            {s.name} reports in {s.fixedTimezone} days
          </span>
        ))}
    </p>
  );
}
