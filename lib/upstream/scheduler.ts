/**
 * Upstream call scheduling for one source (one vendor account): the single layer that
 * limits, paces, retries and breaks (`shared/reference/security-reliability-performance.md` B2).
 *
 * For every logical call on a route (e.g. `GET /api/v1/livechat/analytics/dashboards/charts-data`):
 * 1. Circuit breaker (opossum), one per source: after repeated outage-type failures (5xx,
 *    timeouts, network, the upstream's own 429s; never 400/401/403/404, see `countsAsOutage`)
 *    within a rolling window it opens and calls fail at once with
 *    `UpstreamError{kind: "unavailable"}` until a half-open probe succeeds.
 * 2. Retries, at most `maxRetries`, only for 429, 5xx, timeouts and network errors (never
 *    other 4xx, malformed JSON or a wrong shape), with full-jitter exponential backoff
 *    (`random(0, min(cap, base·2^n))`) — or exactly the upstream's `Retry-After` /
 *    Rocket.Chat `X-RateLimit-Reset` when it gave one — and never past the call's budget.
 * 3. A rate gate per route: after a 429 nothing is sent before the upstream's reset; with
 *    Rocket.Chat's `X-RateLimit-Remaining/Reset` headers, calls beyond the remaining budget
 *    wait for the window to reset instead of collecting 429s. A wait longer than the budget
 *    fails at once with `rate_limited` (the cache may then serve its last answer).
 * 4. Concurrency caps: per route, then per source (p-limit).
 */
import "server-only";
import CircuitBreaker from "opossum";
import pLimit, { type LimitFunction } from "p-limit";
import { UpstreamError, type UpstreamVendor } from "./errors";

export interface SchedulerOptions {
  vendor: UpstreamVendor;
  /** `LiveChat` / `Rocket.Chat`, for messages. */
  vendorName: string;
  routeConcurrency: number;
  sourceConcurrency: number;
  maxRetries: number;
  /** Backoff base and cap, ms. */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** Longest a logical call may take including waits and retries, ms. */
  budgetMs: number;
  /**
   * Longest a call waits for a rate limit to reset (Retry-After, X-RateLimit-Reset), ms. A
   * longer wait fails at once with `rate_limited`: a person is waiting for the page.
   */
  maxRateWaitMs: number;
  breaker: {
    /** Failures within the window before the circuit may open. */
    volumeThreshold: number;
    errorThresholdPercentage: number;
    rollingWindowMs: number;
    /** Open → half-open after this long, ms. */
    resetTimeoutMs: number;
  };
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** `CHATLENS_CIRCUIT_RESET_SECONDS` (1–600, default 15): how long an open circuit stays open. */
function circuitResetMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.CHATLENS_CIRCUIT_RESET_SECONDS);
  return (Number.isFinite(seconds) && seconds >= 1 && seconds <= 600 ? seconds : 15) * 1000;
}

/** Defaults per vendor: Rocket.Chat allows 10 calls per minute per route, so fewer in flight. */
export function defaultSchedulerOptions(
  vendor: UpstreamVendor,
  timeoutMs: number,
): SchedulerOptions {
  return {
    vendor,
    vendorName: vendor === "livechat" ? "LiveChat" : "Rocket.Chat",
    routeConcurrency: vendor === "livechat" ? 8 : 4,
    sourceConcurrency: vendor === "livechat" ? 16 : 8,
    maxRetries: 2,
    backoffBaseMs: 200,
    backoffCapMs: 2_000,
    budgetMs: Math.max(2 * timeoutMs, 5_000),
    maxRateWaitMs: 8_000,
    breaker: {
      volumeThreshold: 5,
      errorThresholdPercentage: 50,
      rollingWindowMs: 10_000,
      resetTimeoutMs: circuitResetMs(),
    },
  };
}

/** Kinds worth another attempt: the upstream may answer differently in a moment. */
const RETRYABLE = new Set(["rate_limited", "upstream_5xx", "timeout", "network"]);
/** Kinds that say the upstream is unhealthy, whatever it answered. */
const OUTAGE = new Set(["upstream_5xx", "timeout", "network"]);

/**
 * Whether a failed logical call counts against the upstream's health in the breaker.
 *
 * Counted: 5xx, timeouts, network failures, and a 429 the upstream actually sent (an `error.status`
 * of 429 after the retries): calls keep being refused, so pausing them sheds load the upstream
 * asked us to shed.
 *
 * Not counted: 400/401/403/404, malformed JSON and wrong shapes. They are the upstream's
 * considered answer about our request (wrong key, missing permission, unknown id): a healthy
 * upstream sends them, and opening the circuit would block every other, valid call of the source.
 * Neither is the scheduler's own rate-gate refusal (`rate_limited` without a status): nothing
 * was sent, and counting it would let one busy route open the whole source's circuit.
 *
 * opossum records an error its `errorFilter` lets through as a *success* (so a 401 answered to a
 * half-open probe closes the circuit): right for these, since the upstream did answer.
 */
export function countsAsOutage(error: unknown): boolean {
  if (!(error instanceof UpstreamError)) return false;
  return OUTAGE.has(error.kind) || (error.kind === "rate_limited" && error.status === 429);
}

interface RouteState {
  limit: LimitFunction;
  /** Nothing is sent before this instant (epoch ms) after a 429. */
  blockedUntil: number;
  /** Rocket.Chat's budget: calls left in the window and when it resets (epoch ms). */
  remaining: number | null;
  limitPerWindow: number | null;
  resetAt: number | null;
  inFlight: number;
}

export interface CallContext {
  /** Feed every answer's status and headers here (see `UpstreamRequest.observe`). */
  observe: (status: number, headers: Headers) => void;
}

export class SourceScheduler {
  private readonly routes = new Map<string, RouteState>();
  private readonly sourceLimit: LimitFunction;
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  private openedAt = 0;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(readonly options: SchedulerOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = options.random ?? Math.random;
    this.sourceLimit = pLimit(options.sourceConcurrency);
    this.breaker = new CircuitBreaker((attempt: () => Promise<unknown>) => attempt(), {
      timeout: false,
      volumeThreshold: options.breaker.volumeThreshold,
      errorThresholdPercentage: options.breaker.errorThresholdPercentage,
      rollingCountTimeout: options.breaker.rollingWindowMs,
      resetTimeout: options.breaker.resetTimeoutMs,
      // Only outages and the upstream's own 429s count as failures (see `countsAsOutage`).
      errorFilter: (error: unknown) => !countsAsOutage(error),
    });
    this.breaker.on("open", () => {
      this.openedAt = this.now();
      console.warn(`[upstream] ${options.vendorName}: circuit open after repeated failures`);
    });
    this.breaker.on("close", () =>
      console.warn(`[upstream] ${options.vendorName}: circuit closed`),
    );
  }

  /** `closed`, `open` or `halfOpen` (tests, health). */
  get circuit(): "closed" | "open" | "halfOpen" {
    if (this.breaker.halfOpen) return "halfOpen";
    return this.breaker.opened ? "open" : "closed";
  }

  private route(name: string): RouteState {
    let state = this.routes.get(name);
    if (!state) {
      state = {
        limit: pLimit(this.options.routeConcurrency),
        blockedUntil: 0,
        remaining: null,
        limitPerWindow: null,
        resetAt: null,
        inFlight: 0,
      };
      this.routes.set(name, state);
    }
    return state;
  }

  /** Rate-limit bookkeeping from one answer. */
  private observe(state: RouteState, status: number, headers: Headers) {
    const now = this.now();
    const limit = Number(headers.get("x-ratelimit-limit"));
    const remaining = Number(headers.get("x-ratelimit-remaining"));
    const reset = Number(headers.get("x-ratelimit-reset"));
    if (headers.has("x-ratelimit-remaining") && Number.isFinite(remaining)) {
      state.remaining = Math.max(0, remaining);
      if (Number.isFinite(limit) && limit > 0) state.limitPerWindow = limit;
      // Reset is an absolute epoch in ms (Rocket.Chat), not seconds. Without a usable one the
      // count is trusted for a second only: `remaining: 0` with no reset would hold the route
      // for good (`waitFor` would never see the window reset).
      if (Number.isFinite(reset) && reset > now) state.resetAt = reset;
      else if (state.resetAt === null || state.resetAt <= now) state.resetAt = now + 1_000;
    }
    if (status === 429) {
      const retryAfter = headers.get("retry-after");
      let until = now + 1_000;
      if (retryAfter !== null && /^\d+$/.test(retryAfter.trim()))
        until = now + Number(retryAfter) * 1000;
      else if (retryAfter !== null && !Number.isNaN(Date.parse(retryAfter)))
        until = Date.parse(retryAfter);
      else if (Number.isFinite(reset) && reset > now) until = reset;
      state.blockedUntil = Math.max(state.blockedUntil, until);
      state.remaining = 0;
      // The budget comes back when the block ends. (Without this, a 429 with only Retry-After
      // left `remaining` at 0 with no reset: every later call on the route waited until its
      // budget ran out and failed with `rate_limited`, for good.)
      state.resetAt = Math.max(state.resetAt ?? 0, state.blockedUntil);
    }
  }

  /** How long a new call on this route must wait before it may be sent, ms. */
  private waitFor(state: RouteState): number {
    const now = this.now();
    if (state.resetAt !== null && now >= state.resetAt) {
      // The window has reset: the full budget is back (unknown if never told).
      state.remaining = state.limitPerWindow;
      state.resetAt = null;
    }
    let wait = Math.max(0, state.blockedUntil - now);
    if (state.remaining !== null && state.remaining - state.inFlight <= 0) {
      wait = Math.max(wait, state.resetAt !== null ? state.resetAt - now : 1_000);
    }
    return wait;
  }

  private rateLimited(route: string, waitMs: number): UpstreamError {
    const seconds = Math.ceil(waitMs / 1000);
    return new UpstreamError({
      vendor: this.options.vendor,
      kind: "rate_limited",
      endpoint: route,
      retryAfterSeconds: seconds,
      message: `${this.options.vendorName}'s rate limit for ${route} is used up; it resets in ${seconds} s`,
    });
  }

  /** One attempt: route slot, rate gate, source slot, call. */
  private attempt<T>(
    route: string,
    state: RouteState,
    deadline: number,
    call: (ctx: CallContext) => Promise<T>,
  ): Promise<T> {
    return state.limit(async () => {
      for (;;) {
        const wait = this.waitFor(state);
        if (wait <= 0) break;
        if (wait > this.options.maxRateWaitMs || this.now() + wait > deadline)
          throw this.rateLimited(route, wait);
        await this.sleep(wait);
      }
      state.inFlight++;
      try {
        return await this.sourceLimit(() =>
          call({ observe: (status, headers) => this.observe(state, status, headers) }),
        );
      } finally {
        state.inFlight--;
      }
    });
  }

  /** Full jitter: random(0, min(cap, base·2^n)). */
  private backoff(retry: number): number {
    const { backoffBaseMs, backoffCapMs } = this.options;
    return this.random() * Math.min(backoffCapMs, backoffBaseMs * 2 ** retry);
  }

  /**
   * Runs one logical upstream call on `route` with retries, pacing and the breaker.
   * @throws UpstreamError (the last attempt's, `rate_limited` when the wait would exceed the
   *   budget, `unavailable` while the circuit is open)
   */
  async run<T>(route: string, call: (ctx: CallContext) => Promise<T>): Promise<T> {
    const state = this.route(route);
    const deadline = this.now() + this.options.budgetMs;
    const withRetries = async (): Promise<T> => {
      for (let retry = 0; ; retry++) {
        try {
          return await this.attempt(route, state, deadline, call);
        } catch (error) {
          if (!(error instanceof UpstreamError) || !RETRYABLE.has(error.kind)) throw error;
          if (retry >= this.options.maxRetries) throw error;
          // After a 429 the rate gate already holds the next attempt until the reset.
          const delay = error.kind === "rate_limited" ? this.waitFor(state) : this.backoff(retry);
          if (this.now() + delay >= deadline) throw error;
          if (error.kind === "rate_limited" && delay > this.options.maxRateWaitMs) throw error;
          if (error.kind !== "rate_limited") await this.sleep(delay);
        }
      }
    };
    try {
      return (await this.breaker.fire(withRetries)) as T;
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code === "EOPENBREAKER") {
        const until = new Date(this.openedAt + this.options.breaker.resetTimeoutMs);
        throw new UpstreamError({
          vendor: this.options.vendor,
          kind: "unavailable",
          endpoint: route,
          retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - this.now()) / 1000)),
          message: `${this.options.vendorName} is failing repeatedly; Chatlens pauses calls to it until ${until.toISOString().slice(11, 19)} UTC`,
        });
      }
      throw error;
    }
  }

  /** Stops the breaker's timers (tests, shutdown). */
  shutdown(): void {
    this.breaker.shutdown();
  }
}
