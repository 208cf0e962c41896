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
import type { DehydratedState } from "@tanstack/react-query";
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
 * re-wrapped so it settles to the answer (or rejects with `ApiError`) only once `after` has
 * resolved — `PrefetchBoundary` resolves it when it has committed, i.e. after hydration.
 *
 * Why wait: `useQuery` reads the cache directly while rendering, and React hydrates in time
 * slices with microtasks running in between, so an answer that arrives during hydration (or
 * arrived before it: TanStack reads settled stream promises synchronously) would render data
 * in the browser over the server's skeleton — a hydration mismatch, and React re-creating the
 * page. Gated, the hydration render always matches the server's (pending) one, and the data
 * lands right after it, still without any request from the browser.
 */
export function reviveDehydratedState(
  state: DehydratedState,
  after: Promise<unknown> = Promise.resolve(),
): DehydratedState {
  return {
    ...state,
    queries: state.queries.flatMap((query) => {
      const serverPromise = query.promise;
      if (serverPromise) {
        // The gate comes first, so neither an answer nor a failure can land before it.
        const promise = after.then(() => serverPromise).then(unwrapPrefetched);
        // The query's retryer takes over this promise; this only silences the unhandled copy.
        promise.catch(() => undefined);
        return [{ ...query, promise }];
      }
      // Settled before dehydration (prefetches are not awaited, so only in theory).
      const data = query.state.data;
      if (!isPrefetched(data)) return [query];
      // A failure is left out: the browser then asks as if nothing had been prefetched.
      return data.ok ? [{ ...query, state: { ...query.state, data: data.data } }] : [];
    }),
  };
}
