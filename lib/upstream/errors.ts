/**
 * Typed failures of calls to upstream vendor APIs (LiveChat, Rocket.Chat).
 *
 * Every client maps transport problems, HTTP error statuses and malformed bodies to one
 * `UpstreamError` so route handlers can answer with a stable envelope and status
 * (see `lib/api/errors.ts`). Messages never contain credentials.
 */

export type UpstreamVendor = "livechat" | "rocketchat";

export type UpstreamErrorKind =
  | "unauthorized" // 401: credentials rejected
  | "forbidden" // 403: credentials valid, permission missing
  | "not_found" // 404
  | "bad_request" // 400/422: the upstream refused our parameters
  | "rate_limited" // 429 (retryAfterSeconds when the upstream said)
  | "upstream_5xx" // any 5xx
  | "timeout" // no answer within the client's timeout
  | "network" // connection refused/reset, DNS, TLS…
  | "invalid_json" // body is not JSON
  | "unexpected_shape" // JSON that does not match the documented schema
  | "unavailable"; // not called: the circuit breaker is open after repeated failures

export interface UpstreamErrorInit {
  vendor: UpstreamVendor;
  kind: UpstreamErrorKind;
  /** Upstream endpoint, e.g. `GET /reports/chats/total_chats` (no query string, no secrets). */
  endpoint: string;
  message: string;
  status?: number;
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** Marks UpstreamErrors across copies of this module (see `Symbol.hasInstance` below). */
const BRAND = Symbol.for("chatlens.UpstreamError");

export class UpstreamError extends Error {
  /**
   * Next.js may bundle this module more than once (one copy per route), while the source
   * runtime is shared by the whole process: an error thrown by one copy must still be an
   * `UpstreamError` to another copy's `instanceof`.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && BRAND in value;
  }

  readonly [BRAND] = true;
  readonly vendor: UpstreamVendor;
  readonly kind: UpstreamErrorKind;
  readonly endpoint: string;
  readonly status: number | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(init: UpstreamErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "UpstreamError";
    this.vendor = init.vendor;
    this.kind = init.kind;
    this.endpoint = init.endpoint;
    this.status = init.status;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

/** Maps an upstream HTTP status to the error kind a client raises for it. */
export function kindForStatus(status: number): UpstreamErrorKind {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "upstream_5xx";
  return "bad_request";
}

/**
 * Parses a `Retry-After` header (RFC 9110 §10.2.3: delta-seconds or an HTTP date).
 * Returns whole seconds ≥ 0, or undefined when absent or unparseable.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
