/**
 * The browser's changing requests to our API (POST, PATCH, DELETE with a JSON body). A failure
 * throws `ApiError` with our envelope's code and message (`{ error: { code, message } }`), so
 * the UI shows the server's own words; any other failure body keeps a generic message.
 */
import type { ApiErrorBody } from "@/lib/metrics/types";
import { ApiError, parseRetryAfter } from "./metrics";

/** The methods `requestJson` sends; reads go through `getJson`. */
export type WriteMethod = "POST" | "PATCH" | "DELETE";

/**
 * Sends `body` (when given) as JSON to `url` and returns the parsed answer (undefined on 204).
 * A non-2xx answer throws `ApiError` (status, code, message, `Retry-After` seconds).
 */
export async function requestJson<T>(method: WriteMethod, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: {
      accept: "application/json",
      ...(body !== undefined && { "content-type": "application/json" }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (!res.ok) {
    let code = "http_error";
    let message = `Request failed (${res.status})`;
    try {
      const parsed = (await res.json()) as Partial<ApiErrorBody>;
      if (parsed.error) ({ code, message } = parsed.error);
    } catch {
      // Not our envelope: keep the generic message.
    }
    throw new ApiError(res.status, code, message, parseRetryAfter(res.headers.get("retry-after")));
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** `url` (as the API returns it, maybe relative) made absolute against this page's origin. */
export function absoluteUrl(url: string): string {
  return new URL(url, window.location.origin).toString();
}
