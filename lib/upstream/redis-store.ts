/**
 * The shared cache for several app instances (`REDIS_URL`, ioredis), server only.
 *
 * - Entries: `chatlens:v1:up:<key>` → JSON `CacheEntry`, expiring after their retention.
 * - Cross-instance coalescing: a `redis-semaphore` Mutex on `chatlens:v1:lock:<key>` (SET NX
 *   PX with a refreshed lease), held while one instance calls the upstream; the others wait
 *   for it and then read its answer.
 *
 * Redis trouble never takes the dashboard down: `get` answers a miss and `set` is skipped
 * (logged once per outage), and a lock that cannot be taken lets the caller go ahead alone.
 */
import "server-only";
import { Redis } from "ioredis";
import { Mutex, TimeoutError } from "redis-semaphore";
import type { CacheEntry, CacheStore } from "./store";

const PREFIX = "chatlens:v1:";
/** A lock outlives a crashed holder by at most this long (the holder refreshes it meanwhile). */
const LOCK_LEASE_MS = 30_000;

export class RedisCacheStore implements CacheStore {
  readonly kind = "redis";
  readonly trusted = false;
  private readonly redis: Redis;
  private failing = false;

  /** @param url `redis://host:port/db`; @param redis an existing client (tests). */
  constructor(url: string, redis?: Redis) {
    this.redis =
      redis ??
      new Redis(url, {
        // Commands issued while connecting wait for the connection, but a Redis that is away
        // fails them after one reconnect attempt: the cache is optional, the page is not.
        enableOfflineQueue: true,
        maxRetriesPerRequest: 1,
        // A Redis that accepts connections but never replies must not hang a page either.
        commandTimeout: 1_000,
        connectTimeout: 2_000,
        lazyConnect: false,
      });
    // Without a listener ioredis would print every reconnect error.
    this.redis.on("error", (error: Error) => this.trouble("connection", error));
    this.redis.on("ready", () => {
      if (this.failing) console.warn("[cache] Redis is back");
      this.failing = false;
    });
  }

  private trouble(what: string, error: unknown) {
    if (this.failing) return;
    this.failing = true;
    const message = error instanceof Error ? error.message : String(error);
    console.warn(`[cache] Redis ${what} failed (${message}); serving without the shared cache`);
  }

  /**
   * While the connection is known to be down, Redis is skipped at once: with the offline queue
   * every command would otherwise wait for reconnect attempts (seconds each, per command).
   */
  private get down(): boolean {
    return this.failing && this.redis.status !== "ready";
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    if (this.down) return undefined;
    try {
      const text = await this.redis.get(PREFIX + "up:" + key);
      return text === null ? undefined : (JSON.parse(text) as CacheEntry);
    } catch (error) {
      this.trouble("read", error);
      return undefined;
    }
  }

  async set(key: string, entry: CacheEntry, retainMs: number): Promise<void> {
    if (this.down) return;
    try {
      await this.redis.set(
        PREFIX + "up:" + key,
        JSON.stringify(entry),
        "PX",
        Math.max(1, Math.round(retainMs)),
      );
    } catch (error) {
      this.trouble("write", error);
    }
  }

  async withLock<T>(
    key: string,
    waitMs: number,
    work: () => Promise<T>,
  ): Promise<{ acquired: true; value: T } | { acquired: false }> {
    if (this.down) return { acquired: false };
    const mutex = new Mutex(this.redis, PREFIX + "lock:" + key, {
      lockTimeout: LOCK_LEASE_MS,
      acquireTimeout: Math.max(1, waitMs),
      retryInterval: 25,
      // A lease lost mid-call only means another instance may call too: not worth a crash.
      onLockLost: () => undefined,
    });
    try {
      await mutex.acquire();
    } catch (error) {
      if (!(error instanceof TimeoutError)) this.trouble("lock", error);
      return { acquired: false };
    }
    try {
      return { acquired: true, value: await work() };
    } finally {
      await mutex.release().catch((error: unknown) => this.trouble("unlock", error));
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
