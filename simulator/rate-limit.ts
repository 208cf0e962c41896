/**
 * Rocket.Chat's REST rate limiter (`shared/reference/rocketchat-analytics.md` §1.4): a fixed
 * window per key (client IP × route+method) that starts at the key's first call, like Meteor's
 * `RateLimiter`; default 10 calls per 60 000 ms. Runs on real time (`Date.now`), never on the
 * simulator clock, which tests may freeze.
 */

export interface RateLimitConfig {
  enabled: boolean;
  /** Calls allowed per window (≥ 1). */
  limit: number;
  /** Window length in ms (≥ 1). */
  windowMs: number;
}

/** Rocket.Chat's defaults: `API_Enable_Rate_Limiter_Limit_Calls_Default` / `…_Time_Default`. */
export const DEFAULT_RATE_LIMIT: RateLimitConfig = { enabled: true, limit: 10, windowMs: 60_000 };

/** The verdict for one call; `resetAt` is an absolute epoch in ms. */
export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  /** Calls left in the window after this one (never negative). */
  remaining: number;
  resetAt: number;
  /** ms until the window ends (> 0). */
  msToReset: number;
}

interface Window {
  startedAt: number;
  count: number;
}

/** Above this many keys, expired windows are swept on the next call (keeps memory bounded). */
const SWEEP_THRESHOLD = 1_000;

export class RateLimiter {
  private cfg: RateLimitConfig;
  private readonly windows = new Map<string, Window>();

  constructor(
    config: RateLimitConfig = DEFAULT_RATE_LIMIT,
    private readonly clock: () => number = Date.now,
  ) {
    this.cfg = { ...config };
  }

  get config(): RateLimitConfig {
    return { ...this.cfg };
  }

  /** Updates any part of the configuration and resets every window. */
  configure(patch: Partial<RateLimitConfig>): RateLimitConfig {
    this.cfg = { ...this.cfg, ...patch };
    this.windows.clear();
    return this.config;
  }

  /** Forgets every window (the counters), keeping the configuration. */
  resetWindows(): void {
    this.windows.clear();
  }

  /**
   * Counts one call for `key` and judges it (Meteor increments, then checks). Returns
   * `undefined` while the limiter is disabled: nothing is counted and no headers are due.
   */
  hit(key: string): RateLimitVerdict | undefined {
    if (!this.cfg.enabled) return undefined;
    const t = this.clock();
    if (this.windows.size > SWEEP_THRESHOLD) this.sweep(t);
    let window = this.windows.get(key);
    if (!window || t - window.startedAt >= this.cfg.windowMs) {
      window = { startedAt: t, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    const resetAt = window.startedAt + this.cfg.windowMs;
    return {
      allowed: window.count <= this.cfg.limit,
      limit: this.cfg.limit,
      remaining: Math.max(0, this.cfg.limit - window.count),
      resetAt,
      msToReset: Math.max(1, resetAt - t),
    };
  }

  private sweep(t: number): void {
    for (const [key, window] of this.windows) {
      if (t - window.startedAt >= this.cfg.windowMs) this.windows.delete(key);
    }
  }
}

/**
 * Parses `SIMULATOR_RC_RATE_LIMIT`: `off`, `on`, or `<limit>/<windowMs>` (e.g. `10/60000`);
 * unset or empty = the default (on, 10/60000). Throws naming the variable when malformed.
 */
export function parseRateLimitEnv(raw: string | undefined): RateLimitConfig {
  const value = raw?.trim().toLowerCase() ?? "";
  if (value === "" || value === "on") return { ...DEFAULT_RATE_LIMIT };
  if (value === "off") return { ...DEFAULT_RATE_LIMIT, enabled: false };
  const match = /^(\d+)\s*\/\s*(\d+)$/.exec(value);
  const limit = Number(match?.[1]);
  const windowMs = Number(match?.[2]);
  if (
    !match ||
    !Number.isSafeInteger(limit) ||
    !Number.isSafeInteger(windowMs) ||
    limit < 1 ||
    windowMs < 1
  ) {
    throw new Error(
      `SIMULATOR_RC_RATE_LIMIT must be "off" or "<limit>/<windowMs>" (e.g. "10/60000"), got: ${raw}`,
    );
  }
  return { enabled: true, limit, windowMs };
}

/** The HTTP headers Rocket.Chat sets whenever the limiter ran for a call. */
export function rateLimitHeaders(verdict: RateLimitVerdict): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(verdict.limit),
    "X-RateLimit-Remaining": String(verdict.remaining),
    "X-RateLimit-Reset": String(verdict.resetAt),
  };
}

/** Rocket.Chat's 429 message (`Meteor.Error` "reason [error]"), N = whole seconds to the reset, rounded up. */
export function tooManyRequestsMessage(verdict: RateLimitVerdict): string {
  const seconds = Math.ceil(verdict.msToReset / 1000);
  return `Error, too many requests. Please slow down. You must wait ${seconds} seconds before trying this endpoint again. [error-too-many-requests]`;
}
