"use client";

import {
  HydrationBoundary,
  QueryClient,
  QueryClientProvider,
  useQueryClient,
  type DehydratedState,
  type QueryKey,
} from "@tanstack/react-query";
import { createContext, Suspense, use, useContext, useMemo, useState, type ReactNode } from "react";
import { useHydrating } from "@/lib/hooks/use-hydrating";
import { PrefetchRegistry, reviveDehydratedState } from "@/lib/queries/prefetched";

const Registry = createContext<PrefetchRegistry | null>(null);

/**
 * Puts a page's server-prefetched queries (still pending, streaming in) into the cache before
 * the widgets render, so they pick up the server's answers instead of fetching. `state` is
 * `null` when nothing was prefetched: the widgets then fetch as usual.
 */
export function PrefetchBoundary({
  state,
  children,
}: {
  state: DehydratedState | null;
  children: ReactNode;
}) {
  // One revived copy per server state: a re-render must not wrap the promises (and hydrate) again.
  const value = useMemo(
    () =>
      state === null
        ? null
        : { hydrated: reviveDehydratedState(state), registry: new PrefetchRegistry(state) },
    [state],
  );
  if (value === null) return children;
  return (
    <Registry value={value.registry}>
      <HydrationBoundary state={value.hydrated}>{children}</HydrationBoundary>
    </Registry>
  );
}

/**
 * A widget that streams in on its own. On the server it waits (in its own Suspense boundary)
 * for the prefetched answers of `queryKeys`, so React streams the widget's finished HTML —
 * numbers and all — as soon as they arrive, before any script has run. In the browser it
 * holds the hydration of that HTML until the same answers are in the cache, so the first
 * browser render matches the server's. A failed prefetch renders `fallback` on both sides
 * (the browser then shows the error or retries, right after hydration). After hydration, and
 * for widgets mounted in the browser, it is a plain wrapper: changing filters never suspends.
 */
export function PrefetchedWidget({
  queryKeys,
  fallback,
  children,
}: {
  queryKeys: readonly QueryKey[];
  /** Exactly what the widget renders while loading. */
  fallback: ReactNode;
  children: ReactNode;
}) {
  return (
    <Suspense fallback={fallback}>
      <AwaitPrefetched queryKeys={queryKeys} fallback={fallback}>
        {children}
      </AwaitPrefetched>
    </Suspense>
  );
}

/**
 * `PrefetchedWidget` for a widget that runs its own queries: while loading it looks exactly
 * like `children` before any answer (rendered under `AsLoading`).
 */
export function StreamedWidget({
  queryKeys,
  children,
}: {
  queryKeys: readonly QueryKey[];
  children: ReactNode;
}) {
  return (
    <PrefetchedWidget queryKeys={queryKeys} fallback={<AsLoading>{children}</AsLoading>}>
      {children}
    </PrefetchedWidget>
  );
}

/** Renders `children` as they look before any answer: over a cache that is empty and never fetches. */
function AsLoading({ children }: { children: ReactNode }) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { enabled: false, retry: false } } }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

function AwaitPrefetched({
  queryKeys,
  fallback,
  children,
}: {
  queryKeys: readonly QueryKey[];
  fallback: ReactNode;
  children: ReactNode;
}) {
  const hydrating = useHydrating();
  const registry = useContext(Registry);
  const client = useQueryClient();
  if (hydrating && registry !== null) {
    for (const key of queryKeys) {
      const ready = registry.whenReady(key, client);
      if (ready !== undefined && !use(ready)) return fallback;
    }
  }
  return children;
}
