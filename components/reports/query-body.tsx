"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Skeleton, WidgetError } from "@/components/ui/widget-states";
import { WidgetPlaceholder } from "@/components/widgets/widget-card";

/** Loading, error + Retry, empty, then the content: the states every table widget has. */
export function QueryBody<T>({
  result,
  isEmpty,
  emptyText = "No data for this period",
  children,
}: {
  result: UseQueryResult<T>;
  isEmpty: (data: T) => boolean;
  emptyText?: string;
  children: (data: T) => ReactNode;
}) {
  if (result.isPending) {
    return (
      <div aria-busy="true">
        <span className="sr-only">Loading…</span>
        <Skeleton className="h-60 w-full" />
      </div>
    );
  }
  // Only when there is nothing to show: a failed background refresh keeps the data on screen
  // (the widget's <Freshness> marks it stale).
  if (result.isLoadingError) {
    return (
      <div className="flex min-h-40 items-center">
        <WidgetError
          error={result.error}
          onRetry={() => void result.refetch()}
          retrying={result.isFetching}
        />
      </div>
    );
  }
  if (isEmpty(result.data)) return <WidgetPlaceholder>{emptyText}</WidgetPlaceholder>;
  return (
    <div
      aria-busy={result.isPlaceholderData}
      className={`transition-opacity ${result.isPlaceholderData ? "opacity-60" : ""}`}
    >
      {children(result.data)}
    </div>
  );
}
