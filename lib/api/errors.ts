/**
 * Our API's one error envelope `{ "error": { "code", "message" } }` and the mapping from
 * failures to HTTP statuses: 400 invalid parameters, 401 unauthenticated, 422 a metric the
 * source cannot provide, 502/503/504 upstream failures (with the cause in the message), 503
 * `storage_unavailable` while the app's own database cannot be reached.
 */
import "server-only";
import { NextResponse } from "next/server";
import type { ApiErrorBody } from "../metrics/types";
import { isStorageUnavailable } from "../db";
import { UpstreamError, type UpstreamErrorKind } from "../upstream/errors";

const BRAND = Symbol.for("chatlens.ApiHttpError");

export class ApiHttpError extends Error {
  /** Recognised across copies of this module in different Next.js bundles (see UpstreamError). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && BRAND in value;
  }

  readonly [BRAND] = true;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiHttpError";
  }
}

/** Headers on every API answer: per-user data must never sit in a shared cache. */
export const NO_STORE = { "cache-control": "private, no-store" } as const;

export function errorJson(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  const body: ApiErrorBody = { error: { code, message } };
  return NextResponse.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

const UPSTREAM: Record<UpstreamErrorKind, { status: number; code: string }> = {
  unauthorized: { status: 502, code: "upstream_unauthorized" },
  forbidden: { status: 502, code: "upstream_forbidden" },
  not_found: { status: 502, code: "upstream_not_found" },
  bad_request: { status: 502, code: "upstream_rejected" },
  rate_limited: { status: 503, code: "upstream_rate_limited" },
  upstream_5xx: { status: 502, code: "upstream_error" },
  timeout: { status: 504, code: "upstream_timeout" },
  network: { status: 503, code: "upstream_unreachable" },
  invalid_json: { status: 502, code: "upstream_invalid_response" },
  unexpected_shape: { status: 502, code: "upstream_invalid_response" },
  unavailable: { status: 503, code: "upstream_unavailable" },
};

/** Turns any thrown value into an error response; unknown errors are logged and hidden. */
export function toErrorResponse(error: unknown) {
  if (error instanceof ApiHttpError) return errorJson(error.status, error.code, error.message);
  if (error instanceof UpstreamError) {
    const { status, code } = UPSTREAM[error.kind];
    console.warn(
      `[upstream] ${error.vendor} ${error.endpoint} ${error.kind}${error.status ? ` ${error.status}` : ""}`,
    );
    const headers: Record<string, string> =
      error.retryAfterSeconds !== undefined
        ? { "retry-after": String(error.retryAfterSeconds) }
        : {};
    return errorJson(status, code, error.message, headers);
  }
  if (isStorageUnavailable(error)) {
    // A passing outage, not a bug: no stack, and nothing that could name the server. Clients
    // (the TV, the dashboard's lists) retry on their own.
    console.warn("[api] the database is unavailable: answered 503 storage_unavailable");
    return errorJson(
      503,
      "storage_unavailable",
      "Chatlens cannot reach its database right now. Try again in a moment.",
      { "retry-after": "5" },
    );
  }
  console.error("[api] unexpected error", error instanceof Error ? error.stack : error);
  return errorJson(500, "internal_error", "Something went wrong on our side.");
}
