/** MemoryCacheStore: bounded by body bytes, least recently used out first, per-entry retention. */
import { describe, expect, test } from "vitest";
import { MemoryCacheStore, cacheMaxBytes, type CacheEntry } from "./store";

const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;
const entry = (bytes: number, value: unknown = "x"): CacheEntry => ({
  value,
  fetchedAt: Date.now(),
  bytes,
});
const DAY = 86_400_000;

describe("MemoryCacheStore", () => {
  test("a small maxBytes evicts old entries; the size stays within the bound", async () => {
    const maxBytes = 10_000;
    const store = new MemoryCacheStore(maxBytes);
    for (let i = 0; i < 50; i++) {
      await store.set(`k${i}`, entry(1_000, i), DAY);
      expect(store.size.bytes).toBeLessThanOrEqual(maxBytes);
    }
    // 1 000 bytes + 256 overhead each → at most 7 fit.
    expect(store.size.entries).toBe(7);
    expect(await store.get("k0")).toBeUndefined();
    expect(await store.get("k42")).toBeUndefined();
    expect((await store.get("k49"))?.value).toBe(49);
    expect((await store.get("k43"))?.value).toBe(43);
  });

  test("recently read entries survive eviction (LRU)", async () => {
    const store = new MemoryCacheStore(5_000);
    for (let i = 0; i < 3; i++) await store.set(`k${i}`, entry(1_000, i), DAY);
    await store.get("k0");
    // Room for 3 (1 256 bytes each): k1 is now the least recently used.
    await store.set("k3", entry(1_000, 3), DAY);
    expect(store.size.bytes).toBeLessThanOrEqual(5_000);
    expect((await store.get("k0"))?.value).toBe(0);
    expect(await store.get("k1")).toBeUndefined();
    expect((await store.get("k2"))?.value).toBe(2);
  });

  test("an entry larger than the whole bound is not kept (and evicts nothing)", async () => {
    const store = new MemoryCacheStore(5_000);
    await store.set("small", entry(100), DAY);
    await store.set("huge", entry(50_000), DAY);
    expect(await store.get("huge")).toBeUndefined();
    expect(await store.get("small")).toBeDefined();
    expect(store.size.bytes).toBeLessThanOrEqual(5_000);
  });

  test("zero-byte entries are accepted (overhead counted)", async () => {
    const store = new MemoryCacheStore(1_000);
    await store.set("empty", entry(0), DAY);
    expect(store.size).toEqual({ entries: 1, bytes: 256 });
  });

  test("replacing an entry updates the byte count", async () => {
    const store = new MemoryCacheStore(100_000);
    await store.set("k", entry(10_000), DAY);
    await store.set("k", entry(1_000), DAY);
    expect(store.size).toEqual({ entries: 1, bytes: 1_256 });
  });

  test("an entry is gone after its retention", async () => {
    const store = new MemoryCacheStore(100_000);
    await store.set("short", entry(10), 30);
    await store.set("long", entry(10), DAY);
    expect(await store.get("short")).toBeDefined();
    await new Promise((r) => setTimeout(r, 60));
    expect(await store.get("short")).toBeUndefined();
    expect(await store.get("long")).toBeDefined();
  });

  test("withLock runs the work at once; close empties the store", async () => {
    const store = new MemoryCacheStore();
    expect(await store.withLock("k", 10, async () => 42)).toEqual({ acquired: true, value: 42 });
    await store.set("k", entry(10), DAY);
    await store.close();
    expect(store.size.entries).toBe(0);
  });
});

test("cacheMaxBytes: CHATLENS_CACHE_MAX_MB within 1–4096, else 64 MB", () => {
  const MB = 1024 * 1024;
  expect(cacheMaxBytes(env({}))).toBe(64 * MB);
  expect(cacheMaxBytes(env({ CHATLENS_CACHE_MAX_MB: "8" }))).toBe(8 * MB);
  expect(cacheMaxBytes(env({ CHATLENS_CACHE_MAX_MB: "0" }))).toBe(64 * MB);
  expect(cacheMaxBytes(env({ CHATLENS_CACHE_MAX_MB: "5000" }))).toBe(64 * MB);
  expect(cacheMaxBytes(env({ CHATLENS_CACHE_MAX_MB: "lots" }))).toBe(64 * MB);
});
