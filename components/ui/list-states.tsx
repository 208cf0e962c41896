"use client";

import type { ReactNode } from "react";
import { BUTTON } from "./button-styles";
import { errorMessage, Skeleton, WidgetError } from "./widget-states";

/** What `ListStates` needs of a list's query (a TanStack `useQuery` result fits). */
export interface ListQuery {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  refetch: () => Promise<unknown>;
}

/**
 * A list's states in turn: loading (two placeholder rows), failed (the error with Retry), empty
 * (`empty` as a centred note with `emptyTestId`; nothing when `empty` is null or false), and
 * otherwise `children` with the items.
 */
export function ListStates<T>({
  query,
  items,
  empty,
  emptyTestId,
  children,
}: {
  query: ListQuery;
  items: readonly T[] | undefined;
  empty: ReactNode;
  emptyTestId: string;
  children: (items: readonly T[]) => ReactNode;
}) {
  if (query.isPending) {
    return (
      <div aria-busy="true" className="flex flex-col gap-2">
        <span className="sr-only">Loading…</span>
        <Skeleton className="h-10" />
        <Skeleton className="h-10" />
      </div>
    );
  }
  if (query.isError) {
    return (
      <WidgetError
        error={query.error}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  }
  if (items === undefined || items.length === 0) {
    if (empty === null || empty === false) return null;
    return (
      <p className="py-6 text-center text-sm text-muted" data-testid={emptyTestId}>
        {empty}
      </p>
    );
  }
  return children(items);
}

/**
 * The table of a list: scrolls sideways when narrow, a screen-reader caption, the column
 * headings and a last, unnamed-on-screen "Actions" column; `children` are the body's rows.
 */
export function ListTable({
  testId,
  caption,
  columns,
  children,
}: {
  testId: string;
  caption: ReactNode;
  columns: readonly string[];
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-surface-2 text-xs text-muted">
          <tr>
            {columns.map((h) => (
              <th key={h} scope="col" className="px-3 py-2 text-left font-medium">
                {h}
              </th>
            ))}
            <th scope="col" className="px-3 py-2 text-left font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** The full-width row under a list row that holds its open action (confirm, form, result). */
export function ListRowPanel({
  id,
  colSpan,
  children,
}: {
  /** Named by the row's buttons in `aria-controls`. */
  id: string;
  colSpan: number;
  children: ReactNode;
}) {
  return (
    <tr className="bg-surface-2/50">
      <td colSpan={colSpan} className="px-3 pb-3" id={id}>
        {children}
      </td>
    </tr>
  );
}

/** A row's button that opens and closes its panel (`ListRowPanel` with id `controls`). */
export function ListRowToggle({
  expanded,
  controls,
  onClick,
  children,
}: {
  expanded: boolean;
  controls: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={BUTTON}
      aria-expanded={expanded}
      aria-controls={controls}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/** A row action's failure in its panel, announced; `prefix` goes before the API's message. */
export function ListRowError({
  error,
  prefix = "",
  testId,
}: {
  error: unknown;
  prefix?: string;
  testId?: string;
}) {
  return (
    <p role="alert" className="pt-2 text-sm text-negative" data-testid={testId}>
      {prefix}
      {errorMessage(error)}
    </p>
  );
}
