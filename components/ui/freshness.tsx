"use client";

import { createContext, useContext, type ReactNode } from "react";
import { errorMessage } from "@/components/ui/widget-states";
import { formatDateTime } from "@/lib/format";
import type { Freshness as FreshnessStamp } from "@/lib/metrics/types";
import { freshnessLabel, summarizeFreshness } from "@/lib/queries/freshness";

const ReportingTimeZone = createContext("UTC");

/** The dashboard's reporting time zone (`sources.timezone`), in which "as of" times are told. */
export function ReportingTimeZoneProvider({
  timeZone,
  children,
}: {
  timeZone: string;
  children: ReactNode;
}) {
  return <ReportingTimeZone value={timeZone}>{children}</ReportingTimeZone>;
}

function isOne(answers: FreshnessStamp | readonly FreshnessStamp[]): answers is FreshnessStamp {
  return "fetchedAt" in answers;
}

/**
 * How old a widget's numbers are: a muted "as of 10:42" (with the date when not today), or,
 * when the server answered from its last good copy (`stale`) or the latest background refresh
 * failed, an amber "as of 10:42 · stale" whose reason shows on hover (title), on keyboard focus
 * (a bubble) and to screen readers (visually hidden text). The numbers stay on screen either
 * way. Renders nothing until there is an answer.
 *
 * `answers`: the widget's API answer(s) — per-source charts pass one per source and get one
 * badge, as old as the oldest. `refreshError`: the error of a failed background refetch
 * (TanStack's `isRefetchError`), else null.
 */
export function Freshness({
  answers,
  refreshError = null,
  className = "",
}: {
  answers: FreshnessStamp | readonly FreshnessStamp[] | undefined;
  refreshError?: unknown;
  className?: string;
}) {
  const timeZone = useContext(ReportingTimeZone);
  const list = answers === undefined ? [] : isOne(answers) ? [answers] : answers;
  const summary = summarizeFreshness(
    list,
    refreshError === null || refreshError === undefined ? null : errorMessage(refreshError),
  );
  if (summary === null) return null;
  const label = freshnessLabel(summary, timeZone);

  if (!summary.stale) {
    return (
      <p
        data-testid="freshness"
        className={`text-xs text-muted ${className}`}
        title={`Numbers as of ${formatDateTime(summary.fetchedAt, timeZone)} (${timeZone})`}
      >
        {/* The label depends on the clock ("today"); never worth a hydration warning. */}
        <time dateTime={summary.fetchedAt} suppressHydrationWarning>
          {label}
        </time>
      </p>
    );
  }

  return (
    <p
      data-testid="freshness"
      data-stale="true"
      // Focusable so keyboard users can reach the reason (shown in the bubble below).
      tabIndex={0}
      title={summary.reason ?? undefined}
      className={`group relative inline-flex w-fit items-center gap-1 rounded-sm text-xs font-medium text-amber-700 dark:text-amber-300 ${className}`}
    >
      <svg viewBox="0 0 16 16" aria-hidden="true" className="size-3.5 shrink-0">
        <path
          d="M8 1.75 15 14.25H1z"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinejoin="round"
        />
        <path d="M8 6.25v3.5" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        <circle cx="8" cy="11.9" r="0.9" fill="currentColor" />
      </svg>
      <time dateTime={summary.fetchedAt} data-testid="freshness-label" suppressHydrationWarning>
        {label}
      </time>
      <span className="sr-only" data-testid="freshness-reason">
        : {summary.reason}
      </span>
      <span
        aria-hidden="true"
        className="pointer-events-none absolute top-full left-0 z-20 mt-1 hidden w-64 max-w-[80vw] rounded-md border border-line bg-surface p-2 text-xs font-normal text-fg shadow-lg group-focus-visible:block"
      >
        {summary.reason}
      </span>
    </p>
  );
}
