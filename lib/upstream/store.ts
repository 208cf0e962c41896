/**
 * Where validated upstream answers are kept between requests.
 *
 * - `MemoryCacheStore` (default): an lru-cache bounded by total body bytes, one per process.
 * - `RedisCacheStore` (`lib/upstream/redis-store.ts`, when `REDIS_URL` is set): shared by every
 *   app instance, with a Redis lock so that instances coalesce their calls too.
 *
 * Keys are opaque hashes built by the gateway (they include a hash of the upstream
 * credentials, so two accounts never share an entry).
 */
import { LRUCache } from "lru-cache";

export interface CacheEntry {
  /** The validated body. */
  value: unknown;
  /** When the upstream produced it, epoch ms. */
  fetchedAt: number;
  /** Body size, bytes (bounds the memory cache). */
  bytes: number;
  /** The latest failed refresh after `fetchedAt`: its readable cause and when, epoch ms. */
  failure?: { message: string; at: number };
}

export interface CacheStore {
  /** `memory` or `redis`, for logs and the benchmark. */
  readonly kind: "memory" | "redis";
  /** Whether values come back as stored objects (memory) or must be re-validated (redis). */
  readonly trusted: boolean;
  get(key: string): Promise<CacheEntry | undefined>;
  /** Keeps `entry` for `retainMs` (after that even a stale fallback is gone). */
  set(key: string, entry: CacheEntry, retainMs: number): Promise<void>;
  /**
   * Runs `work` while holding the cross-instance lock of `key`; `{ acquired: false }` when the
   * lock stayed taken for `waitMs`. A single-instance store runs `work` at once.
   */
  withLock<T>(
    key: string,
    waitMs: number,
    work: () => Promise<T>,
  ): Promise<{ acquired: true; value: T } | { acquired: false }>;
  close(): Promise<void>;
}

/** Default memory bound: `CHATLENS_CACHE_MAX_MB` (default 64 MB of bodies). */
export function cacheMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.CHATLENS_CACHE_MAX_MB);
  return (Number.isFinite(mb) && mb >= 1 && mb <= 4096 ? mb : 64) * 1024 * 1024;
}

export class MemoryCacheStore implements CacheStore {
  readonly kind = "memory";
  readonly trusted = true;
  private readonly lru: LRUCache<string, CacheEntry>;

  constructor(maxBytes: number = cacheMaxBytes()) {
    this.lru = new LRUCache<string, CacheEntry>({
      maxSize: maxBytes,
      // Object overhead on top of the JSON text; never 0 (lru-cache refuses that).
      sizeCalculation: (entry) => entry.bytes + 256,
      // Entries expire by their own retention; reading one does not extend it.
      ttlAutopurge: false,
    });
  }

  async get(key: string) {
    return this.lru.get(key);
  }

  async set(key: string, entry: CacheEntry, retainMs: number) {
    this.lru.set(key, entry, { ttl: retainMs });
  }

  async withLock<T>(_key: string, _waitMs: number, work: () => Promise<T>) {
    return { acquired: true as const, value: await work() };
  }

  async close() {
    this.lru.clear();
  }

  /** Entries and bytes held (for the benchmark and tests). */
  get size() {
    return { entries: this.lru.size, bytes: this.lru.calculatedSize };
  }
}
