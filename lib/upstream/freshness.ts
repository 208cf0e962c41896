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
  const recorder: Recorder = { oldest: null, reasons: new Set() };
  const value = await storage.run(recorder, work);
  const reasons = [...recorder.reasons];
  const shown = reasons.slice(0, MAX_REASONS).join("; ");
  const more = reasons.length > MAX_REASONS ? ` (and ${reasons.length - MAX_REASONS} more)` : "";
  return {
    ...value,
    fetchedAt: new Date(recorder.oldest ?? now()).toISOString(),
    ...(reasons.length > 0 ? { stale: true as const, staleReason: shown + more } : {}),
  };
}
