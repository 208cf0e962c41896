/**
 * Share-link passwords (server only): a slow hash, and a limit on guessing.
 *
 * Hash: scrypt (N = 2^15, r = 8, p = 1, 16-byte salt, 32-byte key), about 32 MiB and ~100 ms
 * per attempt, stored self-describing as `scrypt$<log2 N>$<r>$<p>$<salt>$<key>` (base64url),
 * so parameters can be raised later without breaking stored links. Passwords are NFC-normalised
 * (the same word typed on two devices may arrive in two Unicode forms).
 *
 * Limit: failed attempts count per link and client (5 per 15 minutes) and per link overall
 * (50 per 15 minutes, which also caps guessing from many addresses). A correct password gives
 * its point back. In memory by default; in Redis when `REDIS_URL` is set so every instance
 * shares the counts (with an in-memory fallback while Redis is away).
 */
import "server-only";
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import type { Redis } from "ioredis";
import { limiterRedis } from "../limits/redis";
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { getConfig } from "../env";

const LOG2_N = 15;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Stored hashes with more work than this are refused rather than computed (DoS guard). */
const MAX_LOG2_N = 20;

function scryptAsync(
  password: string,
  salt: Buffer,
  keyLength: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** scrypt needs 128·N·r bytes; node's default cap (32 MiB) is exactly that at N=2^15, r=8. */
function options(log2N: number, r: number, p: number): ScryptOptions {
  const N = 2 ** log2N;
  return { N, r, p, maxmem: 128 * N * r * p + 16 * 1024 * 1024 };
}

/** Hashes `password` (a fresh random salt each time). ~100 ms. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password.normalize("NFC"), salt, KEY_BYTES, options(LOG2_N, R, P));
  return ["scrypt", LOG2_N, R, P, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/**
 * True when `password` matches `stored` (a `hashPassword` result). A malformed or unknown
 * stored value is false, never an exception. Compares in constant time.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [log2N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (
    !Number.isInteger(log2N) ||
    !Number.isInteger(r) ||
    !Number.isInteger(p) ||
    log2N < 10 ||
    log2N > MAX_LOG2_N ||
    r < 1 ||
    r > 32 ||
    p < 1 ||
    p > 16
  ) {
    return false;
  }
  const salt = Buffer.from(parts[4]!, "base64url");
  const expected = Buffer.from(parts[5]!, "base64url");
  if (salt.length < 8 || expected.length < 16) return false;
  const actual = await scryptAsync(
    password.normalize("NFC"),
    salt,
    expected.length,
    options(log2N, r, p),
  );
  return timingSafeEqual(actual, expected);
}

// ---------------------------------------------------------------------------------------------
// Attempts.

export interface AttemptLimits {
  /** Failed attempts per link and client within `windowSeconds` (default 5). */
  perClient: number;
  /** Failed attempts per link from all clients within `windowSeconds` (default 50). */
  perLink: number;
  /** Window length, seconds (default 900). */
  windowSeconds: number;
}

export const DEFAULT_ATTEMPT_LIMITS: AttemptLimits = {
  perClient: 5,
  perLink: 50,
  windowSeconds: 15 * 60,
};

export type AttemptResult =
  | { status: "ok" }
  | { status: "wrong"; remainingAttempts: number }
  | {
      status: "rate_limited";
      /** Seconds until another attempt is allowed (≥ 1). */
      retryAfterSeconds: number;
      /** True for the first refused attempt of a window (worth one audit event). */
      firstRefusal: boolean;
    };

type Limiter = RateLimiterAbstract;

function isLimiterRes(value: unknown): value is RateLimiterRes {
  return value instanceof RateLimiterRes;
}

/**
 * Counts password attempts on share links. `attempt` reserves a point in both buckets before
 * checking (so a burst of parallel guesses cannot slip through), gives it back when the
 * password was right, and refuses without checking while a bucket is exhausted.
 */
export class PasswordAttemptLimiter {
  private readonly perClient: Limiter;
  private readonly perLink: Limiter;

  constructor(
    readonly limits: AttemptLimits = DEFAULT_ATTEMPT_LIMITS,
    store: { redis: Redis; keyPrefix: string } | null = null,
  ) {
    const make = (name: string, points: number): Limiter => {
      const base = { points, duration: limits.windowSeconds };
      const memory = new RateLimiterMemory({ ...base, keyPrefix: `share-unlock:${name}` });
      if (store === null) return memory;
      return new RateLimiterRedis({
        ...base,
        storeClient: store.redis,
        keyPrefix: `${store.keyPrefix}share-unlock:${name}`,
        // Redis away: count in this process instead of failing open or failing the page.
        insuranceLimiter: memory,
        rejectIfRedisNotReady: true,
      });
    };
    this.perClient = make("client", limits.perClient);
    this.perLink = make("link", limits.perLink);
  }

  /**
   * One password attempt on link `linkId` from `clientKey` (an IP address or a constant when
   * the client cannot be told apart); `check` verifies the password and runs only when allowed.
   */
  async attempt(
    linkId: string,
    clientKey: string,
    check: () => Promise<boolean>,
  ): Promise<AttemptResult> {
    const clientBucket = `${linkId}:${clientKey}`;
    let clientRes: RateLimiterRes;
    try {
      clientRes = await this.perClient.consume(clientBucket);
    } catch (error) {
      return this.refusal(error, this.limits.perClient);
    }
    let linkRes: RateLimiterRes;
    try {
      linkRes = await this.perLink.consume(linkId);
    } catch (error) {
      // Not this client's fault: give its point back.
      await this.perClient.reward(clientBucket).catch(() => undefined);
      return this.refusal(error, this.limits.perLink);
    }
    let right: boolean;
    try {
      right = await check();
    } catch (error) {
      await this.giveBack(clientBucket, linkId);
      throw error;
    }
    if (right) {
      await this.giveBack(clientBucket, linkId);
      return { status: "ok" };
    }
    return {
      status: "wrong",
      remainingAttempts: Math.min(clientRes.remainingPoints, linkRes.remainingPoints),
    };
  }

  private async giveBack(clientBucket: string, linkId: string) {
    await Promise.all([
      this.perClient.reward(clientBucket).catch(() => undefined),
      this.perLink.reward(linkId).catch(() => undefined),
    ]);
  }

  private refusal(error: unknown, points: number): AttemptResult {
    if (!isLimiterRes(error)) throw error;
    return {
      status: "rate_limited",
      retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
      firstRefusal: error.consumedPoints === points + 1,
    };
  }
}

const SLOT = Symbol.for("chatlens.sharePasswordLimiter");
const holder = globalThis as typeof globalThis & { [SLOT]?: PasswordAttemptLimiter };

/**
 * The process-wide limiter (on `globalThis`: Next bundles this module once per route):
 * Redis-backed when `REDIS_URL` is set, else in memory.
 */
export function getPasswordAttemptLimiter(): PasswordAttemptLimiter {
  let limiter = holder[SLOT];
  if (!limiter) {
    const { redisUrl } = getConfig();
    let store: { redis: Redis; keyPrefix: string } | null = null;
    if (redisUrl !== null) {
      const redis = limiterRedis(redisUrl, "share-link password limits");
      store = { redis, keyPrefix: "chatlens:v1:" };
    }
    limiter = new PasswordAttemptLimiter(DEFAULT_ATTEMPT_LIMITS, store);
    holder[SLOT] = limiter;
  }
  return limiter;
}
