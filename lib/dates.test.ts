import { describe, expect, test } from "vitest";
import fc from "fast-check";
import {
  addDays,
  daysInclusive,
  enumerateBuckets,
  isIsoDate,
  isValidTimeZone,
  previousPeriod,
  resolvePreset,
  startOfDayIn,
  todayIn,
} from "./dates";

describe("calendar dates", () => {
  test("accepts real dates only", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2024-13-01")).toBe(false);
    expect(isIsoDate("2024-1-01")).toBe(false);
    expect(isIsoDate("20240101")).toBe(false);
  });

  test("previous period is the same length, just before", () => {
    expect(previousPeriod("2024-03-01", "2024-03-07")).toEqual({
      from: "2024-02-23",
      to: "2024-02-29",
    });
    expect(previousPeriod("2024-03-10", "2024-03-10")).toEqual({
      from: "2024-03-09",
      to: "2024-03-09",
    });
    expect(previousPeriod("2024-03-01", "2024-03-31")).toEqual({
      from: "2024-01-30",
      to: "2024-02-29",
    });
  });

  test("previous period property: adjacent and equally long", () => {
    const day = fc.integer({ min: 0, max: 4000 }).map((n) => addDays("2020-01-01", n));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 366 }), (from, len) => {
        const to = addDays(from, len - 1);
        const prev = previousPeriod(from, to);
        return daysInclusive(prev.from, prev.to) === len && addDays(prev.to, 1) === from;
      }),
    );
  });

  test("presets resolve against today", () => {
    expect(resolvePreset("today", "2026-11-21")).toEqual({ from: "2026-11-21", to: "2026-11-21" });
    expect(resolvePreset("yesterday", "2026-03-01")).toEqual({
      from: "2026-02-28",
      to: "2026-02-28",
    });
    expect(resolvePreset("last7", "2026-11-21")).toEqual({ from: "2026-11-15", to: "2026-11-21" });
    expect(resolvePreset("last30", "2026-11-21")).toEqual({ from: "2026-10-23", to: "2026-11-21" });
    expect(resolvePreset("thisMonth", "2026-11-21")).toEqual({
      from: "2026-11-01",
      to: "2026-11-21",
    });
    expect(resolvePreset("lastMonth", "2026-01-15")).toEqual({
      from: "2025-12-01",
      to: "2025-12-31",
    });
  });

  test("today depends on the time zone", () => {
    const t = Date.parse("2026-11-21T02:30:00Z");
    expect(todayIn("UTC", t)).toBe("2026-11-21");
    expect(todayIn("America/Los_Angeles", t)).toBe("2026-11-20");
    expect(todayIn("Asia/Tokyo", t)).toBe("2026-11-21");
  });

  test("time zone names are validated", () => {
    expect(isValidTimeZone("Europe/Warsaw")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});

describe("buckets and DST", () => {
  test("day buckets start at local midnight, DST days are 23 or 25 hours long", () => {
    const days = enumerateBuckets("2025-03-08", "2025-03-10", "day", "America/New_York");
    expect(days.map((d) => d.key)).toEqual(["2025-03-08", "2025-03-09", "2025-03-10"]);
    expect(new Date(days[0]!.start).toISOString()).toBe("2025-03-08T05:00:00.000Z");
    expect(new Date(days[2]!.start).toISOString()).toBe("2025-03-10T04:00:00.000Z");
    expect(days[2]!.start - days[1]!.start).toBe(23 * 3_600_000);
    const fall = enumerateBuckets("2025-11-02", "2025-11-03", "day", "America/New_York");
    expect(fall[1]!.start - fall[0]!.start).toBe(25 * 3_600_000);
  });

  test("spring-forward day has 23 hourly buckets and no 02:00", () => {
    const hours = enumerateBuckets("2025-03-09", "2025-03-09", "hour", "America/New_York");
    expect(hours).toHaveLength(23);
    expect(hours.map((h) => h.key)).not.toContain("2025-03-09T02:00");
    expect(hours[2]!.key).toBe("2025-03-09T03:00");
  });

  test("fall-back day merges the repeated hour into one bucket", () => {
    const hours = enumerateBuckets("2025-11-02", "2025-11-02", "hour", "America/New_York");
    expect(hours).toHaveLength(24);
    const one = hours.find((h) => h.key === "2025-11-02T01:00")!;
    expect(new Date(one.start).toISOString()).toBe("2025-11-02T05:00:00.000Z");
    const two = hours.find((h) => h.key === "2025-11-02T02:00")!;
    expect(two.start - one.start).toBe(2 * 3_600_000);
  });

  test("month buckets are clipped to the range", () => {
    const months = enumerateBuckets("2024-01-29", "2024-03-02", "month", "UTC");
    expect(months.map((m) => m.key)).toEqual(["2024-01", "2024-02", "2024-03"]);
    expect(new Date(months[0]!.start).toISOString()).toBe("2024-01-29T00:00:00.000Z");
    expect(new Date(months[1]!.start).toISOString()).toBe("2024-02-01T00:00:00.000Z");
  });

  test("half-hour zones and UTC", () => {
    expect(new Date(startOfDayIn("2024-06-01", "Asia/Kolkata")).toISOString()).toBe(
      "2024-05-31T18:30:00.000Z",
    );
    expect(enumerateBuckets("2024-06-01", "2024-06-02", "hour", "UTC")).toHaveLength(48);
  });

  test("property: hourly buckets of any day cover exactly that day", () => {
    const zones = fc.constantFrom(
      "UTC",
      "America/New_York",
      "Europe/Berlin",
      "Australia/Lord_Howe",
      "Asia/Kolkata",
    );
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays("2019-01-01", n));
    fc.assert(
      fc.property(zones, day, (tz, d) => {
        const hours = enumerateBuckets(d, d, "hour", tz);
        const dayStart = startOfDayIn(d, tz);
        const dayEnd = startOfDayIn(addDays(d, 1), tz);
        const keysUnique = new Set(hours.map((h) => h.key)).size === hours.length;
        return (
          keysUnique &&
          hours[0]!.start === dayStart &&
          hours.every((h) => h.start < dayEnd && h.key.startsWith(d))
        );
      }),
    );
  });
});
