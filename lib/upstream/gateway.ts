/**
 * The upstream gateway: every call of the LiveChat and Rocket.Chat clients goes through here.
 *
 * Per call (see `CachePolicy` for the freshness rules):
 * - key = hash(cache version, vendor, method, base URL, path, sorted query, hash of the
 *   request headers) — the credentials are part of it, so two accounts never share an entry;
 * - fresh entry → served, no upstream call;
 * - entry within its stale-while-revalidate window → served at once, one background refresh;
 * - otherwise the caller waits for the upstream. Identical concurrent calls share one upstream
 *   call: in-process through a promise map (singleflight), across instances through the
 *   store's lock (Redis). If the call fails and an older answer is still held, that answer is
 *   served and recorded as stale with the error's message (`lib/upstream/freshness.ts`).
 * Calls without a policy (sign-in checks) go straight to the scheduler.
 */
import "server-only";
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { z } from "zod";
import { UpstreamError } from "./errors";
import { recordFreshUntil, recordUpstreamAnswer } from "./freshness";
import { fetchUpstream, type UpstreamRequest } from "./http";
import type { CachePolicy } from "./policy";
import type { SourceScheduler } from "./scheduler";
import type { CacheEntry, CacheStore } from "./store";

/** Bump when a schema changes shape, so no instance reads another version's entries. */
const CACHE_VERSION = 1;
/** A stale fallback is kept this long after its freshness window. */
const RETAIN_AFTER_SWR_MS = 7 * 24 * 60 * 60_000;
/** A failed request with nothing cached is answered with its error this long, ms. */
const FAILURE_HOLD_MS = 1_000;
/** How long an instance waits for another instance's call to the same request. */
const LOCK_WAIT_MS = 15_000;

/** What a client passes with each request. */
export interface CallOptions {
  /** Scheduling route, e.g. `GET /reports/chats/total_chats` (ids masked). */
  route: string;
  /** Cache policy; `null` = never cached (answers that must be live, e.g. sign-in checks). */
  policy: CachePolicy | null;
}

/** Performs one upstream request for a client. @throws UpstreamError */
export type UpstreamCaller = <S extends z.ZodType>(
  req: Omit<UpstreamRequest<S>, "timeoutMs" | "observe">,
  options: CallOptions,
) => Promise<z.output<S>>;

/** Counters for tests and the benchmark. */
export interface GatewayStats {
  hits: number;
  staleWhileRevalidate: number;
  misses: number;
  coalesced: number;
  staleOnError: number;
  upstreamCalls: number;
}

const hash = (text: string) => createHash("sha256").update(text).digest("hex");

/** The cache key of a request (exported for tests: it must differ across credentials). */
export function cacheKey(
  req: Omit<UpstreamRequest<z.ZodType>, "timeoutMs" | "schema" | "describeError">,
): string {
  const query = Object.entries(req.query ?? {})
    .filter((e): e is [string, string | readonly string[]] => e[1] !== undefined)
    .map(([k, v]) => [k, typeof v === "string" ? [v] : [...v]] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const headers = Object.entries(req.headers)
    .map(([k, v]) => [k.toLowerCase(), v])
    .sort(([a], [b]) => (a! < b! ? -1 : 1));
  return hash(
    JSON.stringify([
      CACHE_VERSION,
      req.vendor,
      req.method,
      req.baseUrl,
      req.path,
      query,
      hash(JSON.stringify(headers)),
      req.jsonBody ?? null,
    ]),
  );
}

export interface GatewayOptions {
  store: CacheStore;
  timeoutMs: number;
  now?: () => number;
}

export class UpstreamGateway {
  readonly stats: GatewayStats = {
    hits: 0,
    staleWhileRevalidate: 0,
    misses: 0,
    coalesced: 0,
    staleOnError: 0,
    upstreamCalls: 0,
  };
  private readonly inflight = new Map<string, Promise<CacheEntry>>();
  /** Recent failures of requests with no cached answer (see FAILURE_HOLD_MS). */
  private readonly failures = new LRUCache<string, UpstreamError>({ max: 1_000, ttl: 1 });
  private readonly now: () => number;

  constructor(private readonly options: GatewayOptions) {
    this.now = options.now ?? Date.now;
  }

  get store(): CacheStore {
    return this.options.store;
  }

  /** A caller bound to one source's scheduler. */
  caller(scheduler: SourceScheduler): UpstreamCaller {
    return (req, opts) => this.call(scheduler, req, opts);
  }

  private async call<S extends z.ZodType>(
    scheduler: SourceScheduler,
    req: Omit<UpstreamRequest<S>, "timeoutMs" | "observe">,
    { route, policy }: CallOptions,
  ): Promise<z.output<S>> {
    const fetchNow = () => {
      this.stats.upstreamCalls++;
      return scheduler.run(route, ({ observe }) =>
        fetchUpstream({ ...req, timeoutMs: this.options.timeoutMs, observe }),
      );
    };
    if (policy === null) return (await fetchNow()).value;

    const key = cacheKey(req);
    const store = this.options.store;
    const retainMs = policy.freshMs + policy.swrMs + RETAIN_AFTER_SWR_MS;
    const read = (entry: CacheEntry) => entry.value as z.output<S>;
    // Entries from a shared store are re-validated: another version may have written them.
    const load = async (): Promise<CacheEntry | undefined> => {
      const entry = await store.get(key);
      if (!entry || store.trusted) return entry;
      const parsed = req.schema.safeParse(entry.value);
      return parsed.success ? { ...entry, value: parsed.data } : undefined;
    };
    const record = (entry: CacheEntry, staleReason?: string) => {
      if (policy.record) recordUpstreamAnswer(entry.fetchedAt, staleReason);
      // Every answer, lists included, bounds how long a result built from it may be reused.
      recordFreshUntil(staleReason ? 0 : entry.fetchedAt + policy.freshMs);
    };

    /** One upstream call for `key`, shared by everyone asking meanwhile; stores its answer. */
    const refresh = (): Promise<CacheEntry> => {
      const pending = this.inflight.get(key);
      if (pending) {
        this.stats.coalesced++;
        return pending;
      }
      const fetchAndStore = async (): Promise<CacheEntry> => {
        const answer = await fetchNow();
        const entry: CacheEntry = {
          value: answer.value,
          fetchedAt: this.now(),
          bytes: answer.bytes,
        };
        await store.set(key, entry, retainMs);
        return entry;
      };
      const run = (async () => {
        const locked = await store.withLock(key, LOCK_WAIT_MS, async () => {
          // Another instance may have answered while we waited for the lock.
          const current = await load();
          if (current && this.age(current) < policy.freshMs) return current;
          return fetchAndStore();
        });
        // The lock stayed taken too long (a stuck instance): call alone rather than wait more.
        return locked.acquired ? locked.value : fetchAndStore();
      })().finally(() => this.inflight.delete(key));
      this.inflight.set(key, run);
      return run;
    };

    const remember = async (entry: CacheEntry, error: unknown) => {
      const message = error instanceof Error ? error.message : "the upstream call failed";
      // Retention counts from the answer's fetch, not from this failure: re-storing it with the
      // full `retainMs` would keep a fallback alive for as long as the upstream keeps failing.
      const left = Math.max(1, retainMs - this.age(entry));
      await store.set(key, { ...entry, failure: { message, at: this.now() } }, left);
      return message;
    };

    const cached = await load();
    if (cached) {
      const age = this.age(cached);
      if (age < policy.freshMs) {
        this.stats.hits++;
        record(cached);
        return read(cached);
      }
      // A refresh that failed makes the answer stale, not merely old; and the upstream is not
      // asked again for the same thing until a freshness window later (no request storm).
      const failure =
        cached.failure && cached.failure.at >= cached.fetchedAt ? cached.failure : undefined;
      const holding =
        failure !== undefined && this.now() - failure.at < Math.max(1_000, policy.freshMs);
      if (holding) {
        this.stats.staleOnError++;
        record(cached, failure.message);
        return read(cached);
      }
      if (age < policy.freshMs + policy.swrMs) {
        this.stats.staleWhileRevalidate++;
        const entry = cached;
        refresh().catch((error: unknown) => remember(entry, error));
        record(entry, failure?.message);
        return read(entry);
      }
    }

    // With nothing to fall back on, a failure just seen is answered again for a moment
    // instead of asking the upstream once more for every viewer (no request storm).
    const recent = this.failures.get(key);
    if (!cached && recent) throw recent;

    this.stats.misses++;
    try {
      const entry = await refresh();
      record(entry);
      return read(entry);
    } catch (error) {
      if (!cached && error instanceof UpstreamError) {
        // At least 1 ms: lru-cache reads a ttl of 0 as "never expires".
        this.failures.set(key, error, {
          ttl: Math.max(1, Math.min(FAILURE_HOLD_MS, policy.freshMs)),
        });
      }
      if (!cached || !(error instanceof UpstreamError)) throw error;
      this.stats.staleOnError++;
      const message = await remember(cached, error);
      record(cached, message);
      return read(cached);
    }
  }

  private age(entry: CacheEntry): number {
    return this.now() - entry.fetchedAt;
  }
}
