/**
 * Brute-force limits on sign-in (server only), per account AND per client address.
 *
 * Defaults (see `lib/config.ts`, `CHATLENS_SIGNIN_*`): 5 failed sign-ins per account and
 * 20 per client address within a fixed 15-minute window. Without a trusted proxy the client
 * address is unknown (X-Forwarded-For is then whatever the client says), so every client
 * shares ONE bucket with 5× the per-address limit (100): rotating the header neither evades
 * the limit nor creates fresh buckets. A correct sign-in resets its account's count and gives
 * back the address's point. While a bucket is exhausted the sign-in is refused without
 * checking the password (no upstream call).
 *
 * Storage: in memory by default; in Redis when `REDIS_URL` is set so every instance shares
 * the counts. When Redis is away the counts continue in this process (the insurance limiter),
 * with one warning: never fail open silently, never lock everybody out.
 */
import "server-only";
import { createHash } from "node:crypto";
import { isIP } from "node:net";
import type { Redis } from "ioredis";
import { limiterRedis } from "../limits/redis";
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import type { SignInLimits } from "../config";
import { getConfig } from "../env";

export type { SignInLimits } from "../config";

/** Which bucket refused a sign-in. */
export type LimitScope = "account" | "client";

/** The client bucket used when the client's address cannot be trusted or parsed. */
export const UNKNOWN_CLIENT = "unknown";

export type SignInAttempt<T> =
  | { status: "checked"; value: T }
  | {
      status: "limited";
      scope: LimitScope;
      /** Seconds until the bucket accepts attempts again (≥ 1). */
      retryAfterSeconds: number;
    };

/** What a credentials check found: `success` false counts as a failed attempt. */
export interface CheckOutcome<T> {
  success: boolean;
  value: T;
}

/**
 * The bucket key of an account: provider plus the NFC-normalised, trimmed, lower-cased name,
 * hashed (SHA-256, hex) so e-mail addresses never sit in Redis keys and keys stay short.
 * "Demo", " demo" and "DEMO" are one account.
 */
export function accountKey(provider: string, accountName: string): string {
  const name = accountName.normalize("NFC").trim().toLowerCase();
  return createHash("sha256").update(`${provider}\u0000${name}`).digest("hex");
}

/**
 * The client bucket of a request: with `trustProxy` (CHATLENS_TRUST_PROXY=1) the first
 * `X-Forwarded-For` address when it is a valid IP, else `UNKNOWN_CLIENT` (one shared bucket).
 * `headers` is next-auth's plain object (lower-case names; a value may be a string or list).
 */
export function clientKeyOf(headers: Record<string, unknown> | undefined, trustProxy: boolean) {
  if (!trustProxy || headers === undefined) return UNKNOWN_CLIENT;
  const raw = headers["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string") return UNKNOWN_CLIENT;
  const first = value.split(",")[0]?.trim() ?? "";
  return first.length <= 64 && isIP(first) !== 0 ? first : UNKNOWN_CLIENT;
}

/**
 * Counts failed sign-ins. `attempt` reserves a point in the account and the client bucket
 * before checking (so a burst of parallel guesses cannot slip through), resets the account
 * and gives the client's point back on success, gives both back when the check throws (an
 * upstream outage is not the user's failure), and refuses without checking while either
 * bucket is exhausted.
 */
export class SignInLimiter {
  private readonly perAccount: RateLimiterAbstract;
  private readonly perClient: RateLimiterAbstract;
  private readonly perUnknownClient: RateLimiterAbstract;

  constructor(
    readonly limits: SignInLimits,
    store: { redis: Redis; keyPrefix: string } | null = null,
  ) {
    const make = (name: string, points: number): RateLimiterAbstract => {
      const base = { points, duration: limits.windowSeconds };
      const memory = new RateLimiterMemory({ ...base, keyPrefix: `signin:${name}` });
      if (store === null) return memory;
      return new RateLimiterRedis({
        ...base,
        storeClient: store.redis,
        keyPrefix: `${store.keyPrefix}signin:${name}`,
        // Redis away: count in this process instead of failing open or refusing everybody.
        insuranceLimiter: memory,
        rejectIfRedisNotReady: true,
      });
    };
    this.perAccount = make("account", limits.perAccount);
    this.perClient = make("client", limits.perClient);
    this.perUnknownClient = make("unknown-client", limits.perUnknownClient);
  }

  /**
   * One sign-in attempt for `account` (an `accountKey`) from `client` (a `clientKeyOf`);
   * `check` verifies the credentials and runs only when both buckets allow it.
   * @throws whatever `check` throws (after giving the points back).
   */
  async attempt<T>(
    account: string,
    client: string,
    check: () => Promise<CheckOutcome<T>>,
  ): Promise<SignInAttempt<T>> {
    const clientLimiter = client === UNKNOWN_CLIENT ? this.perUnknownClient : this.perClient;
    try {
      await this.perAccount.consume(account);
    } catch (error) {
      // Refused attempts on a locked account do not spend the client's points as well.
      return refusal(error, "account");
    }
    try {
      await clientLimiter.consume(client);
    } catch (error) {
      await this.perAccount.reward(account).catch(() => undefined);
      return refusal(error, "client");
    }
    let outcome: CheckOutcome<T>;
    try {
      outcome = await check();
    } catch (error) {
      await Promise.all([
        this.perAccount.reward(account).catch(() => undefined),
        clientLimiter.reward(client).catch(() => undefined),
      ]);
      throw error;
    }
    if (outcome.success) {
      await Promise.all([
        this.perAccount.delete(account).catch(() => undefined),
        clientLimiter.reward(client).catch(() => undefined),
      ]);
    }
    return { status: "checked", value: outcome.value };
  }
}

function refusal(error: unknown, scope: LimitScope): SignInAttempt<never> {
  if (!(error instanceof RateLimiterRes)) throw error;
  return {
    status: "limited",
    scope,
    retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
  };
}

const SLOT = Symbol.for("chatlens.signInLimiter");
const holder = globalThis as typeof globalThis & { [SLOT]?: SignInLimiter };

/** The limiter's Redis connection (lib/limits/redis.ts). */
export function signInLimiterRedis(redisUrl: string): Redis {
  return limiterRedis(redisUrl, "sign-in limits, counting in this process");
}

/**
 * The process-wide limiter (on `globalThis`: Next bundles this module once per route):
 * Redis-backed when `REDIS_URL` is set, else in memory.
 */
export function getSignInLimiter(): SignInLimiter {
  let limiter = holder[SLOT];
  if (!limiter) {
    const { redisUrl, signInLimits } = getConfig();
    const store =
      redisUrl === null ? null : { redis: signInLimiterRedis(redisUrl), keyPrefix: "chatlens:v1:" };
    limiter = new SignInLimiter(signInLimits, store);
    holder[SLOT] = limiter;
  }
  return limiter;
}
