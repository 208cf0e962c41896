"use client";

import type { ReactNode } from "react";
import { InfoTip } from "@/components/ui/info-tip";

/**
 * The card every chart and table sits in: a heading with its ⓘ (definition + link), optional
 * actions (table toggle, Download CSV) and a line of context (granularity, sources).
 */
export function WidgetCard({
  testId,
  headingId,
  title,
  info,
  actions,
  meta,
  children,
  className = "",
}: {
  testId: string;
  headingId: string;
  title: string;
  info?: { text: string; href?: string };
  actions?: ReactNode;
  meta?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section
      data-testid={testId}
      aria-labelledby={headingId}
      className={`relative flex min-w-0 flex-col gap-3 rounded-xl border border-line bg-surface p-4 shadow-sm sm:p-5 ${className}`}
    >
      <header className="flex flex-col gap-1">
        <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2">
          <div className="flex min-w-0 items-center gap-1.5">
            <h2 id={headingId} className="text-base font-semibold tracking-tight">
              {title}
            </h2>
            {info && <InfoTip label={title} text={info.text} href={info.href} />}
          </div>
          {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
        </div>
        {meta && <div className="text-xs text-muted">{meta}</div>}
      </header>
      {children}
    </section>
  );
}

/** A DOM id from any string (metric ids carry dots). */
export function domId(prefix: string, value: string): string {
  return `${prefix}-${value.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/** A centred message filling a chart's place (empty, not available, not supported). */
export function WidgetPlaceholder({
  children,
  compact = false,
}: {
  children: ReactNode;
  /** Smaller box, for widgets that will never have data here (not available). */
  compact?: boolean;
}) {
  return (
    <div
      className={`flex items-center justify-center px-4 text-center ${compact ? "min-h-24" : "min-h-60"}`}
    >
      <p className="text-sm text-muted" data-testid="widget-message">
        {children}
      </p>
    </div>
  );
}
