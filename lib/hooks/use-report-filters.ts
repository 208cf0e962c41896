"use client";

import { useQueryStates } from "nuqs";
import { useCallback, useMemo, useState } from "react";
import { todayIn } from "@/lib/dates";
import {
  customDatesUpdate,
  filterParsers,
  rangeUpdate,
  resolveFilters,
  sourceUpdate,
  type RangeId,
  type ResolvedFilters,
} from "@/lib/filters";
import type { Granularity, SourceSelector, SourcesResponse } from "@/lib/metrics/types";

export interface ReportFilters {
  filters: ResolvedFilters;
  /** Today's date in the reporting time zone, fixed for the life of the page. */
  today: string;
  setSource: (source: SourceSelector) => void;
  setGroup: (group: string | null) => void;
  setAgent: (agent: string | null) => void;
  setRange: (range: RangeId) => void;
  setCustomDates: (edit: { from: string } | { to: string }) => void;
  setGranularity: (granularity: Granularity) => void;
}

/**
 * The report pages' filters, read from and written to the URL (see `lib/filters.ts` for the
 * contract). Every caller shares the same URL state, so the filter bar and the widgets stay in
 * step. Discrete choices push a history entry (Back undoes them); date typing replaces it.
 */
export function useReportFilters(sources: SourcesResponse): ReportFilters {
  const [state, setState] = useQueryStates(filterParsers, { history: "push" });
  // Computed once: re-reading the clock on every render could flip ranges at midnight mid-use.
  const [today] = useState(() => todayIn(sources.timezone));
  const filters = useMemo(
    () => resolveFilters(state, sources.sources, today),
    [state, sources.sources, today],
  );

  const setSource = useCallback(
    (source: SourceSelector) => void setState(sourceUpdate(source)),
    [setState],
  );
  const setGroup = useCallback((group: string | null) => void setState({ group }), [setState]);
  const setAgent = useCallback((agent: string | null) => void setState({ agent }), [setState]);
  const setRange = useCallback(
    (range: RangeId) => void setState(rangeUpdate(range, filters, state, today)),
    [setState, filters, state, today],
  );
  const setCustomDates = useCallback(
    (edit: { from: string } | { to: string }) =>
      void setState(customDatesUpdate(edit, filters, state), { history: "replace" }),
    [setState, filters, state],
  );
  const setGranularity = useCallback(
    (granularity: Granularity) => void setState({ granularity }),
    [setState],
  );

  return {
    filters,
    today,
    setSource,
    setGroup,
    setAgent,
    setRange,
    setCustomDates,
    setGranularity,
  };
}
