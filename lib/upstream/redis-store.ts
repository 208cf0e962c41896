/**
 * The shared cache for several app instances (`REDIS_URL`, ioredis), server only.
 *
 * - Entries: `chatlens:v1:up:<key>` → JSON `CacheEntry`, expiring after their retention.
 * - Cross-instance coalescing: a `redis-semaphore` Mutex on `chatlens:v1:lock:<key>` (SET NX
 *   PX with a refreshed lease), held while one instance calls the upstream; the others wait
 *   for it and then read its answer.
 *
 * Redis trouble never takes the dashboard down: while it is away (logged once per outage) the
 * store falls back to an in-process memory cache (as without `REDIS_URL`), so an outage does
 * not send every view to the upstream; a lock that cannot be taken lets the caller go ahead
 * alone. Once Redis is back it is used again and the fallback is emptied (Redis is the truth).
 */
import "server-only";
import { Redis } from "ioredis";
import { Mutex, TimeoutError } from "redis-semaphore";
import { MemoryCacheStore, type CacheEntry, type CacheStore } from "./store";

const PREFIX = "chatlens:v1:";
/** A lock outlives a crashed holder by at most this long (the holder refreshes it meanwhile). */
const LOCK_LEASE_MS = 30_000;

export class RedisCacheStore implements CacheStore {
  readonly kind = "redis";
  readonly trusted = false;
  private readonly redis: Redis;
  private failing = false;
  /** This process's cache while Redis is away. */
  private readonly fallback = new MemoryCacheStore();

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
      if (this.failing) console.warn("[cache] Redis is back; using the shared cache again");
      this.failing = false;
      // Answers kept during the outage may be older than Redis' own: drop them.
      void this.fallback.close();
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
    if (this.down) return this.fallback.get(key);
    try {
      const text = await this.redis.get(PREFIX + "up:" + key);
      return text === null ? undefined : (JSON.parse(text) as CacheEntry);
    } catch (error) {
      this.trouble("read", error);
      return this.fallback.get(key);
    }
  }

  async set(key: string, entry: CacheEntry, retainMs: number): Promise<void> {
    if (this.down) return this.fallback.set(key, entry, retainMs);
    try {
      await this.redis.set(
        PREFIX + "up:" + key,
        JSON.stringify(entry),
        "PX",
        Math.max(1, Math.round(retainMs)),
      );
    } catch (error) {
      this.trouble("write", error);
      await this.fallback.set(key, entry, retainMs);
    }
  }

  async withLock<T>(
    key: string,
    waitMs: number,
    work: () => Promise<T>,
  ): Promise<{ acquired: true; value: T } | { acquired: false }> {
    // Alone in the outage: this process's in-flight coalescing is all there is.
    if (this.down) return this.fallback.withLock(key, waitMs, work);
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
    await this.fallback.close();
  }
}
