/**
 * The browser's retry policy for our API (client-safe, pure). The server already retries its
 * upstream calls (with backoff, rate limits and a circuit breaker), so the browser adds at most
 * one more try, and only where a second answer can differ:
 *
 * - a 4xx is our API's considered answer (bad parameters, signed out, metric not supported):
 *   asking again gives the same answer and only delays the message → never retried;
 * - a 5xx (an upstream hiccup the server could not absorb) or a failure without an HTTP answer
 *   (network down, the server's prefetch stream broken) → retried once;
 * - after `Retry-After` when the answer carried one, else after about a second. A server that
 *   asks for more than `MAX_RETRY_AFTER_SECONDS` is not retried automatically: the widget shows
 *   the error with its Retry button instead of a spinner that runs for minutes.
 */
import { ApiError } from "./metrics";

export const MAX_CLIENT_RETRIES = 1;
export const DEFAULT_RETRY_DELAY_MS = 1_000;
export const MAX_RETRY_AFTER_SECONDS = 30;

/** Whether a second try could get a different answer (5xx or no HTTP answer at all). */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  if (error.status < 500) return false;
  return (
    error.retryAfterSeconds === undefined || error.retryAfterSeconds <= MAX_RETRY_AFTER_SECONDS
  );
}

/** TanStack `retry`: `failureCount` is 0 after the first failure. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return failureCount < MAX_CLIENT_RETRIES && isRetryable(error);
}

/** TanStack `retryDelay`: the server's `Retry-After` when it sent one. */
export function retryDelay(_failureCount: number, error: unknown): number {
  if (error instanceof ApiError && error.retryAfterSeconds !== undefined) {
    return error.retryAfterSeconds * 1_000;
  }
  return DEFAULT_RETRY_DELAY_MS;
}
