import { describe, expect, it } from "vitest";
import { DEFAULT_STALE_REASON, formatAsOf, freshnessLabel, summarizeFreshness } from "./freshness";

const NOW = Date.parse("2026-10-05T12:00:00Z");

describe("formatAsOf", () => {
  it("shows HH:MM in the reporting zone for today", () => {
    expect(formatAsOf("2026-10-05T10:42:31Z", "UTC", NOW)).toBe("10:42");
    expect(formatAsOf("2026-10-05T00:05:00Z", "UTC", NOW)).toBe("00:05");
    expect(formatAsOf("2026-10-05T10:42:00Z", "Europe/Warsaw", NOW)).toBe("12:42");
  });

  it("adds the date when it is not today in the reporting zone", () => {
    expect(formatAsOf("2026-10-04T23:30:00Z", "UTC", NOW)).toBe("Oct 4, 23:30");
    // 23:30 UTC on Oct 4 is already Oct 5 in Warsaw: today there.
    expect(formatAsOf("2026-10-04T23:30:00Z", "Europe/Warsaw", NOW)).toBe("01:30");
    expect(formatAsOf("2025-12-30T08:00:00Z", "UTC", NOW)).toBe("Dec 30, 2025, 08:00");
  });

  it("refuses garbage", () => {
    expect(formatAsOf("yesterday", "UTC", NOW)).toBeNull();
  });
});

describe("summarizeFreshness", () => {
  it("is null without answers", () => {
    expect(summarizeFreshness([])).toBeNull();
  });

  it("takes the oldest answer and is fresh when none is stale", () => {
    const s = summarizeFreshness([
      { fetchedAt: "2026-10-05T10:45:00Z" },
      { fetchedAt: "2026-10-05T10:42:00Z" },
    ]);
    expect(s).toEqual({ fetchedAt: "2026-10-05T10:42:00Z", stale: false, reason: null });
    expect(freshnessLabel(s!, "UTC", NOW)).toBe("as of 10:42");
  });

  it("is stale when any answer is, with its reason (or a default one)", () => {
    const s = summarizeFreshness([
      { fetchedAt: "2026-10-05T10:42:00Z", stale: true, staleReason: "LiveChat answered 503" },
      { fetchedAt: "2026-10-05T10:50:00Z", stale: true },
    ]);
    expect(s?.stale).toBe(true);
    expect(s?.reason).toBe(`LiveChat answered 503 · ${DEFAULT_STALE_REASON}`);
    expect(freshnessLabel(s!, "UTC", NOW)).toBe("as of 10:42 · stale");
  });

  it("is stale when the latest background refresh failed", () => {
    const s = summarizeFreshness([{ fetchedAt: "2026-10-05T10:42:00Z" }], "Gateway timeout");
    expect(s).toMatchObject({ stale: true, reason: "Refresh failed: Gateway timeout" });
  });
});
