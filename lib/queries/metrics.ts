/**
 * TanStack Query options for Chatlens' own API. One factory per resource, used by client
 * widgets; the server prefetch (`lib/prefetch/`) takes its query keys from the same factories,
 * so the keys never drift apart.
 */
import { queryOptions } from "@tanstack/react-query";
import type {
  ApiErrorBody,
  Granularity,
  MetricId,
  MetricResponse,
  SourceSelector,
  SourcesResponse,
} from "@/lib/metrics/types";

/** Where the app's widgets fetch from: the signed-in API. */
export const DEFAULT_API_BASE = "/api";

/**
 * Where the widgets of a share page fetch from: the share-scoped endpoints of one link
 * (`app/api/share/[token]/…`), which serve only what the link allows.
 */
export function shareApiBase(token: string): string {
  return `/api/share/${encodeURIComponent(token)}`;
}

/**
 * A failed call to our API, with the envelope's code, the HTTP status and, when the answer
 * carried one, `Retry-After` in seconds.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** `Retry-After` as whole seconds ≥ 0 (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * GET one of our API's JSON resources; a non-2xx answer becomes an `ApiError`. `onResponse`
 * sees every response first (its headers, e.g. the server's `Date`).
 */
export async function getJson<T>(
  url: string,
  signal: AbortSignal,
  onResponse?: (res: Response) => void,
): Promise<T> {
  const res = await fetch(url, { signal, headers: { accept: "application/json" } });
  onResponse?.(res);
  if (!res.ok) {
    let code = "http_error";
    let message = `Request failed (${res.status})`;
    try {
      const body = (await res.json()) as Partial<ApiErrorBody>;
      if (body.error) ({ code, message } = body.error);
    } catch {
      // Not our envelope (e.g. a proxy's HTML page): keep the generic message.
    }
    throw new ApiError(res.status, code, message, parseRetryAfter(res.headers.get("retry-after")));
  }
  return (await res.json()) as T;
}

export interface MetricQuery {
  metric: MetricId;
  /** One source, or `all` (then `group` and `agent` are always null). */
  source: SourceSelector;
  from: string;
  to: string;
  granularity: Granularity;
  group: string | null;
  /** Only set for metrics whose upstream report accepts an agent filter. */
  agent: string | null;
  compare: boolean;
}

export function metricQueryString(q: Omit<MetricQuery, "metric">): string {
  const params = new URLSearchParams({
    source: q.source,
    from: q.from,
    to: q.to,
    granularity: q.granularity,
  });
  if (q.group !== null) params.set("group", q.group);
  if (q.agent !== null) params.set("agent", q.agent);
  if (q.compare) params.set("compare", "previous");
  return params.toString();
}

/**
 * One metric's query. `base` is the API it is fetched from (`DEFAULT_API_BASE`, or a share
 * link's `shareApiBase`); it leads the key, so a share page's cache never mixes with the app's.
 */
export function metricQueryOptions(q: MetricQuery, base: string = DEFAULT_API_BASE) {
  return queryOptions({
    queryKey: [base, "metrics", q.metric, q] as const,
    queryFn: ({ signal }) =>
      getJson<MetricResponse>(
        `${base}/metrics/${encodeURIComponent(q.metric)}?${metricQueryString(q)}`,
        signal,
      ),
  });
}

/** The configured sources (the signed-in API only: share pages get theirs from the server). */
export function sourcesQueryOptions() {
  return queryOptions({
    queryKey: [DEFAULT_API_BASE, "sources"] as const,
    queryFn: ({ signal }) => getJson<SourcesResponse>(`${DEFAULT_API_BASE}/sources`, signal),
    staleTime: 5 * 60_000,
  });
}
