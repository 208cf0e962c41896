import { describe, expect, test } from "vitest";
import { computeChange, formatDuration, formatPercent, formatValue } from "./format";

describe("readable values", () => {
  test("durations", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(4.25)).toBe("4.3s");
    expect(formatDuration(42)).toBe("42s");
    expect(formatDuration(65)).toBe("1m 05s");
    expect(formatDuration(3599.6)).toBe("1h 00m");
    expect(formatDuration(7380)).toBe("2h 03m");
  });

  test("percent and counts", () => {
    expect(formatPercent(90.476)).toBe("90.5%");
    expect(formatValue(12345, "count")).toBe("12,345");
    expect(formatValue(null, "count")).toBe("—");
  });

  test("change against the previous period", () => {
    expect(computeChange(110, 100, "count")).toEqual({ kind: "relative", delta: 0.1 });
    expect(computeChange(91, 88.5, "percent")).toEqual({ kind: "points", delta: 2.5 });
    expect(computeChange(10, 0, "count")).toBeNull();
    expect(computeChange(null, 5, "seconds")).toBeNull();
  });
});

describe("instants", () => {
  test("date and time in a zone", async () => {
    const { formatDateTime, formatTimeOfDay } = await import("./format");
    expect(formatDateTime("2026-11-12T13:05:09Z", "Europe/Warsaw")).toBe("Nov 12, 2026, 14:05");
    expect(formatTimeOfDay("2026-11-12T13:05:09Z", "UTC")).toBe("13:05:09");
    expect(formatDateTime(null, "UTC")).toBe("—");
  });
});
