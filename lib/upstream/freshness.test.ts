/** withFreshness / recordUpstreamAnswer: the age and staleness stamp of a composed response. */
import { describe, expect, test } from "vitest";
import {
  recordFreshUntil,
  recordUpstreamAnswer,
  withFreshness,
  withFreshnessUntil,
} from "./freshness";

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
const iso = (ms: number) => new Date(ms).toISOString();

describe("withFreshness", () => {
  test("stamps the oldest recorded answer and keeps the work's fields", async () => {
    const result = await withFreshness(
      async () => {
        recordUpstreamAnswer(5_000);
        await delay(1);
        recordUpstreamAnswer(2_000);
        recordUpstreamAnswer(9_000);
        return { total: 3 };
      },
      () => 10_000,
    );
    expect(result).toEqual({ total: 3, fetchedAt: iso(2_000) });
  });

  test("without recorded answers fetchedAt is now", async () => {
    expect(
      await withFreshness(
        async () => ({}),
        () => 123_000,
      ),
    ).toEqual({
      fetchedAt: iso(123_000),
    });
  });

  test("stale reasons are collected, deduplicated and capped at 3", async () => {
    const result = await withFreshness(async () => {
      recordUpstreamAnswer(1_000, "LiveChat answered X with 500");
      recordUpstreamAnswer(1_000, "LiveChat answered X with 500");
      recordUpstreamAnswer(2_000, "b");
      recordUpstreamAnswer(3_000);
      return {};
    });
    expect(result).toMatchObject({
      stale: true,
      staleReason: "LiveChat answered X with 500; b",
      fetchedAt: iso(1_000),
    });
    const many = await withFreshness(async () => {
      for (const r of ["a", "b", "c", "d", "e"]) recordUpstreamAnswer(1_000, r);
      return {};
    });
    expect(many.staleReason).toBe("a; b; c (and 2 more)");
  });

  test("concurrent runs are kept apart (interleaved awaits)", async () => {
    const [a, b] = await Promise.all([
      withFreshness(async () => {
        await delay(10);
        recordUpstreamAnswer(1_000);
        await delay(20);
        recordUpstreamAnswer(4_000);
        return { run: "a" };
      }),
      withFreshness(async () => {
        recordUpstreamAnswer(3_000);
        await delay(15);
        recordUpstreamAnswer(500, "upstream down");
        await delay(20);
        return { run: "b" };
      }),
    ]);
    expect(a).toEqual({ run: "a", fetchedAt: iso(1_000) });
    expect(b).toEqual({
      run: "b",
      fetchedAt: iso(500),
      stale: true,
      staleReason: "upstream down",
    });
  });

  test("records from callbacks and timers started inside the run still count", async () => {
    const result = await withFreshness(async () => {
      await new Promise<void>((resolve) =>
        setTimeout(() => {
          recordUpstreamAnswer(7_000, "late");
          resolve();
        }, 5),
      );
      return {};
    });
    expect(result).toMatchObject({ fetchedAt: iso(7_000), stale: true, staleReason: "late" });
  });

  test("outside withFreshness recording does nothing", () => {
    expect(() => recordUpstreamAnswer(1, "x")).not.toThrow();
  });

  test("a failing run rejects with its own error", async () => {
    await expect(
      withFreshness(async () => {
        recordUpstreamAnswer(1);
        throw new Error("nope");
      }),
    ).rejects.toThrow("nope");
  });

  test("withFreshnessUntil: the earliest freshUntil; Infinity without upstream answers; past when stale", async () => {
    const fresh = await withFreshnessUntil(
      async () => {
        recordFreshUntil(9_000);
        recordUpstreamAnswer(1_000);
        recordFreshUntil(7_000);
        return {};
      },
      () => 5_000,
    );
    expect(fresh.freshUntil).toBe(7_000);
    expect((await withFreshnessUntil(async () => ({}))).freshUntil).toBe(Infinity);
    const stale = await withFreshnessUntil(
      async () => {
        recordUpstreamAnswer(1_000, "down");
        recordFreshUntil(9_000);
        return {};
      },
      () => 5_000,
    );
    expect(stale.freshUntil).toBeLessThanOrEqual(5_000);
    expect(stale.value.stale).toBe(true);
  });
});
