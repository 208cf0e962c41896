import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { csat, parseHhMmSs, round2, sumCounts, weightedAverage } from "./aggregate";

describe("weighted averages", () => {
  test("weights each average by its count", () => {
    // LiveChat's own v3 sample: (9.667×3 + 8.133×8) / 11 = 8.5513…
    const r = weightedAverage([
      { value: 9.667, count: 3 },
      { value: 8.133, count: 8 },
    ]);
    expect(r.count).toBe(11);
    expect(r.value).toBeCloseTo(8.5513, 3);
  });

  test("skips buckets without data instead of averaging zeros", () => {
    const r = weightedAverage([
      { value: 30, count: 10 },
      { value: null, count: 0 },
      { value: 0, count: 0 },
      { value: 60, count: 10 },
    ]);
    expect(r).toEqual({ value: 45, count: 20 });
  });

  test("no data at all is null, not 0", () => {
    expect(weightedAverage([])).toEqual({ value: null, count: 0 });
    expect(weightedAverage([{ value: null, count: 0 }])).toEqual({ value: null, count: 0 });
  });

  test("refuses to weight a value whose count is unknown", () => {
    expect(() => weightedAverage([{ value: 3, count: null }])).toThrow();
  });

  test("property: equals the mean of the underlying events", () => {
    const bucket = fc.array(fc.integer({ min: 1, max: 600 }), { maxLength: 20 });
    fc.assert(
      fc.property(fc.array(bucket, { maxLength: 10 }), (buckets) => {
        const events = buckets.flat();
        const parts = buckets.map((b) => ({
          value: b.length ? b.reduce((a, c) => a + c, 0) / b.length : null,
          count: b.length,
        }));
        const r = weightedAverage(parts);
        if (events.length === 0) return r.value === null;
        const mean = events.reduce((a, c) => a + c, 0) / events.length;
        return Math.abs(r.value! - mean) < 1e-9 && r.count === events.length;
      }),
    );
  });
});

describe("CSAT and counts", () => {
  test("CSAT is good / (good + bad), unrated chats left out", () => {
    expect(csat(38, 4)).toBeCloseTo(90.476, 3);
    expect(csat(0, 0)).toBeNull();
    expect(csat(0, 5)).toBe(0);
  });

  test("sums known counts, null when nothing is known", () => {
    expect(sumCounts([1, 2, null, 3])).toBe(6);
    expect(sumCounts([null, null])).toBeNull();
    expect(sumCounts([])).toBeNull();
  });

  test("rounds to 2 decimals and keeps null", () => {
    expect(round2(29.8049)).toBe(29.8);
    expect(round2(null)).toBeNull();
  });
});

describe("Rocket.Chat HH:MM:SS", () => {
  test("parses durations, including 3-digit hours and the 00:00:60 quirk", () => {
    expect(parseHhMmSs("00:01:40")).toBe(100);
    expect(parseHhMmSs("25:01:01")).toBe(90061);
    expect(parseHhMmSs("100:00:00")).toBe(360000);
    expect(parseHhMmSs("00:00:60")).toBe(60);
    expect(parseHhMmSs("1:00")).toBeNull();
    expect(parseHhMmSs("71.43%")).toBeNull();
  });
});
