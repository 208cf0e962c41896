import { describe, expect, it } from "vitest";
import { ApiError, parseRetryAfter } from "./metrics";
import { isRetryable, retryDelay, shouldRetry } from "./retry";

describe("client retry policy", () => {
  it("never retries a 4xx", () => {
    for (const status of [400, 401, 404, 422, 429]) {
      expect(shouldRetry(0, new ApiError(status, "x", "m"))).toBe(false);
    }
  });

  it("retries a 5xx or a network failure exactly once", () => {
    for (const error of [
      new ApiError(503, "x", "m"),
      new ApiError(500, "x", "m"),
      new TypeError("Failed to fetch"),
    ]) {
      expect(shouldRetry(0, error)).toBe(true);
      expect(shouldRetry(1, error)).toBe(false);
    }
  });

  it("waits Retry-After when the answer carried one, else about a second", () => {
    expect(retryDelay(0, new ApiError(503, "x", "m", 3))).toBe(3_000);
    expect(retryDelay(0, new ApiError(503, "x", "m"))).toBe(1_000);
    expect(retryDelay(0, new TypeError("Failed to fetch"))).toBe(1_000);
  });

  it("leaves a long Retry-After to the user's Retry button", () => {
    expect(isRetryable(new ApiError(503, "x", "m", 30))).toBe(true);
    expect(isRetryable(new ApiError(503, "x", "m", 120))).toBe(false);
  });
});

describe("parseRetryAfter", () => {
  it("reads delta-seconds and HTTP dates", () => {
    const now = Date.parse("2026-10-05T10:00:00Z");
    expect(parseRetryAfter("5", now)).toBe(5);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("Mon, 05 Oct 2026 10:00:07 GMT", now)).toBe(7);
    expect(parseRetryAfter("Mon, 05 Oct 2026 09:00:00 GMT", now)).toBe(0);
  });

  it("ignores absent or unreadable values", () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("")).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});
