/**
 * The hand-over of server-prefetched queries to the browser (client-safe).
 *
 * The server's prefetches are never awaited: their promises travel, still pending, inside the
 * dehydrated state and React streams each one's result into the page as it resolves. A
 * rejected promise would reach the browser with its message and status stripped (React
 * redacts server errors in production), so a server prefetch never rejects: it resolves to
 * `Prefetched`, the answer or the error envelope our API would have sent for the same request.
 * `reviveDehydratedState` turns that back into data or an `ApiError` before TanStack Query
 * sees it, so the client's retry policy treats a failed prefetch exactly like a failed first
 * request: a 4xx is shown at once, a 5xx is asked again once from the browser.
 */
import {
  hashKey,
  type DehydratedState,
  type QueryClient,
  type QueryKey,
} from "@tanstack/react-query";
import { ApiError } from "./metrics";

export interface PrefetchFailure {
  status: number;
  code: string;
  message: string;
  retryAfterSeconds?: number;
}

export type Prefetched<T = unknown> =
  { prefetched: true; ok: true; data: T } | { prefetched: true; ok: false; error: PrefetchFailure };

export function isPrefetched(value: unknown): value is Prefetched {
  return (
    typeof value === "object" &&
    value !== null &&
    "prefetched" in value &&
    value.prefetched === true
  );
}

/** The answer inside a `Prefetched`, or its failure as the `ApiError` a fetch would have thrown. */
export function unwrapPrefetched(value: unknown): unknown {
  if (!isPrefetched(value)) return value;
  if (value.ok) return value.data;
  const { status, code, message, retryAfterSeconds } = value.error;
  throw new ApiError(status, code, message, retryAfterSeconds);
}

/**
 * The server's dehydrated state as the browser's cache should take it: every pending promise
 * re-wrapped so it settles to the answer, or rejects with the `ApiError` a fetch would have
 * thrown. Settled queries (only in theory: prefetches are not awaited) are unwrapped the same
 * way; a settled failure is left out, so the browser asks as if nothing had been prefetched.
 *
 * Nothing here waits for hydration: the widgets that read these queries render inside
 * `PrefetchedWidget`, which holds each one's hydration until its answer is in the cache, so
 * the browser's first render of a widget always matches the server's.
 */
export function reviveDehydratedState(state: DehydratedState): DehydratedState {
  return {
    ...state,
    queries: state.queries.flatMap((query) => {
      const serverPromise = query.promise;
      if (serverPromise) {
        // React's stream thenables return nothing from `then`: adopt them into a real promise.
        const promise = Promise.resolve(serverPromise).then(unwrapPrefetched);
        // The query's retryer takes over this promise; this only silences the unhandled copy.
        promise.catch(() => undefined);
        return [{ ...query, promise }];
      }
      const data = query.state.data;
      if (!isPrefetched(data)) return [query];
      return data.ok ? [{ ...query, state: { ...query.state, data: data.data } }] : [];
    }),
  };
}

/**
 * Where each prefetched query of a page stands, for `PrefetchedWidget`: built from the
 * server's dehydrated state (the same object on the server render and in the browser).
 */
export class PrefetchRegistry {
  private readonly pending = new Map<string, Promise<unknown>>();
  private readonly ready = new Map<string, Promise<boolean>>();

  constructor(state: DehydratedState) {
    for (const query of state.queries) {
      if (query.promise) this.pending.set(query.queryHash, query.promise);
    }
  }

  /**
   * For a query the server prefetched while it was still pending: a promise (one per query,
   * so React can track it) that resolves `true` once the answer is in `client`'s cache — the
   * query's own fetch has settled, so a render reads the data — or `false` when the prefetch
   * failed. Never rejects. `undefined` for any other query.
   */
  whenReady(queryKey: QueryKey, client: QueryClient): Promise<boolean> | undefined {
    const hash = hashKey(queryKey);
    const known = this.ready.get(hash);
    if (known) return known;
    const serverPromise = this.pending.get(hash);
    if (!serverPromise) return undefined;
    const ready = Promise.resolve(serverPromise).then(
      async (value) => {
        if (isPrefetched(value) && !value.ok) return false;
        const query = client.getQueryCache().get(hash);
        if (query?.state.status === "pending") await query.promise?.catch(() => undefined);
        return query?.state.status === "success";
      },
      () => false,
    );
    this.ready.set(hash, ready);
    return ready;
  }
}
