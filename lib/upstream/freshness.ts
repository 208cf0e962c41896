/**
 * How old an answer built from several upstream calls is.
 *
 * A service runs its work inside `withFreshness`; every cached upstream call made inside it
 * (however deep, and whether it waited for another request's call) records the age of the
 * answer it used and, when that answer is a stale fallback, why. The service's response then
 * carries `fetchedAt` = the oldest piece and `stale`/`staleReason` (see `Freshness`).
 * AsyncLocalStorage keeps concurrent requests apart without threading a context through
 * every adapter.
 */
import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Freshness } from "../metrics/types";

interface Recorder {
  oldest: number | null;
  reasons: Set<string>;
  /** Epoch ms until which every upstream answer used is fresh (Infinity: none used). */
  freshUntil: number;
}

const storage = new AsyncLocalStorage<Recorder>();

/**
 * Notes that the current answer uses upstream data fetched at `fetchedAt` (epoch ms);
 * `staleReason` when it is a last good answer served because the upstream failed.
 * Outside `withFreshness` it does nothing.
 */
export function recordUpstreamAnswer(fetchedAt: number, staleReason?: string): void {
  const recorder = storage.getStore();
  if (!recorder) return;
  if (recorder.oldest === null || fetchedAt < recorder.oldest) recorder.oldest = fetchedAt;
  if (staleReason) recorder.reasons.add(staleReason);
}

/**
 * Notes that the current answer depends on an upstream answer that stays fresh until
 * `freshUntil` (epoch ms; a time already past for an answer served stale). The composed
 * answer can be reused unchanged until the earliest of them (see `withFreshnessUntil`).
 */
export function recordFreshUntil(freshUntil: number): void {
  const recorder = storage.getStore();
  if (recorder && freshUntil < recorder.freshUntil) recorder.freshUntil = freshUntil;
}

/** At most this many distinct reasons are listed; the rest are counted. */
const MAX_REASONS = 3;

/**
 * Runs `work` and stamps its result with `fetchedAt` (the oldest upstream answer used, else
 * now) and, when any piece was stale, `stale: true` and `staleReason`.
 */
export async function withFreshness<T extends object>(
  work: () => Promise<T>,
  now: () => number = Date.now,
): Promise<T & Freshness> {
  return (await withFreshnessUntil(work, now)).value;
}

/**
 * `withFreshness`, plus `freshUntil`: the epoch ms until which every upstream answer the
 * result was built from stays fresh — until then the same work would build the same result
 * from the same cached answers. Infinity when no upstream answer was used; in the past when
 * one was served stale or while revalidating.
 */
export async function withFreshnessUntil<T extends object>(
  work: () => Promise<T>,
  now: () => number = Date.now,
): Promise<{ value: T & Freshness; freshUntil: number }> {
  const recorder: Recorder = { oldest: null, reasons: new Set(), freshUntil: Infinity };
  const value = await storage.run(recorder, work);
  const reasons = [...recorder.reasons];
  const shown = reasons.slice(0, MAX_REASONS).join("; ");
  const more = reasons.length > MAX_REASONS ? ` (and ${reasons.length - MAX_REASONS} more)` : "";
  return {
    value: {
      ...value,
      fetchedAt: new Date(recorder.oldest ?? now()).toISOString(),
      ...(reasons.length > 0 ? { stale: true as const, staleReason: shown + more } : {}),
    },
    freshUntil: reasons.length > 0 ? Math.min(recorder.freshUntil, now()) : recorder.freshUntil,
  };
}
