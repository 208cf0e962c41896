"use client";

import { formatValue } from "@/lib/format";
import { SOURCE_NAMES, unavailableText } from "@/lib/metrics/definitions";
import type { MetricResponse, MetricUnit, SourceId, SourceInfo } from "@/lib/metrics/types";

/** `LiveChat`, `LiveChat + Rocket.Chat`. */
export function sourceNames(ids: readonly SourceId[]): string {
  return ids.map((id) => SOURCE_NAMES[id]).join(" + ");
}

/**
 * Which sources a tile's numbers cover, and (under `all`) which lack the metric:
 * "Sources: LiveChat + Rocket.Chat", "Source: LiveChat · not available from Rocket.Chat".
 */
export function CoverageLine({
  covered,
  missing,
}: {
  covered: readonly SourceId[];
  missing: readonly SourceInfo[];
}) {
  return (
    <p className="text-xs text-muted" data-testid="sources">
      {covered.length === 1 ? "Source" : "Sources"}: {sourceNames(covered) || "none"}
      {missing.map((s) => (
        <span key={s.id}> · {unavailableText(s.id)}</span>
      ))}
    </p>
  );
}

/** "LiveChat 41s · Rocket.Chat 55s": each source's own total under `all`. */
export function bySourceText(data: MetricResponse, unit: MetricUnit): string | null {
  if (!data.bySource) return null;
  const parts = data.sources.flatMap((id) => {
    const total = data.bySource?.[id];
    return total ? [`${SOURCE_NAMES[id]} ${formatValue(total.value, unit)}`] : [];
  });
  return parts.length > 0 ? parts.join(" · ") : null;
}

/** Caveats from the API (e.g. an average that cannot be weighted), shown next to the numbers. */
export function Notes({ notes }: { notes: readonly string[] | undefined }) {
  if (!notes || notes.length === 0) return null;
  return (
    <ul className="flex flex-col gap-0.5 text-xs text-muted" data-testid="notes">
      {notes.map((note) => (
        <li key={note} className="flex gap-1">
          <span aria-hidden="true">※</span>
          <span>{note}</span>
        </li>
      ))}
    </ul>
  );
}
