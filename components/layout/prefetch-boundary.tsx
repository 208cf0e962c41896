"use client";

import { HydrationBoundary, type DehydratedState } from "@tanstack/react-query";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { reviveDehydratedState } from "@/lib/queries/prefetched";

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Puts a page's server-prefetched queries (still pending, streaming in) into the browser's
 * cache before the widgets render, so they pick up the server's answers instead of fetching.
 * The answers are let through only once this boundary has committed — after hydration — so
 * the hydration render matches the server's (see `reviveDehydratedState`). `state` is `null`
 * when nothing was prefetched: the widgets then fetch as usual.
 */
export function PrefetchBoundary({
  state,
  children,
}: {
  state: DehydratedState | null;
  children: ReactNode;
}) {
  const [committed] = useState(deferred);
  useEffect(() => committed.resolve(), [committed]);
  // One revived copy per server state: a re-render must not wrap the promises (and hydrate) again.
  const hydrated = useMemo(
    () => (state === null ? null : reviveDehydratedState(state, committed.promise)),
    [state, committed],
  );
  if (hydrated === null) return children;
  return <HydrationBoundary state={hydrated}>{children}</HydrationBoundary>;
}
