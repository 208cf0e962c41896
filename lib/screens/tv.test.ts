import { describe, expect, test } from "vitest";
import { ApiError } from "@/lib/queries/metrics";
import {
  classifyFailure,
  formatAge,
  keepError,
  MIN_UPTIME_BEFORE_RELOAD_MS,
  reloadReason,
  tileDelta,
  tileGrid,
  type ReloadInput,
  type TileAnswer,
} from "./tv";

const MIN = 60_000;
const HOUR = 60 * MIN;

describe("data age", () => {
  const t = Date.parse("2026-11-21T10:00:00Z");
  test.each([
    [0, "just now"],
    [59_999, "just now"],
    [60_000, "1 min ago"],
    [2 * MIN + 30_000, "2 min ago"],
    [59 * MIN, "59 min ago"],
    [HOUR + 5 * MIN, "1 h 05 min ago"],
    [47 * HOUR, "47 h 00 min ago"],
    [72 * HOUR, "3 d ago"],
    [-5 * MIN, "just now"], // a TV clock behind the server's
  ])("%d ms → %s", (ms, text) => {
    expect(formatAge(t, t + ms)).toBe(text);
  });
});

describe("tile grid", () => {
  test("fills a 16:9 screen without scrolling", () => {
    const shapes = [1, 2, 3, 4, 5, 6, 7, 9, 10, 12].map((n) => [n, tileGrid(n)] as const);
    for (const [n, { columns, rows }] of shapes) {
      expect(columns * rows, `${n} tiles`).toBeGreaterThanOrEqual(n);
      expect(columns, `${n} tiles`).toBeGreaterThanOrEqual(rows);
      // No empty row.
      expect(columns * (rows - 1), `${n} tiles`).toBeLessThan(n);
    }
    expect(tileGrid(4)).toEqual({ columns: 2, rows: 2 });
    expect(tileGrid(12)).toEqual({ columns: 4, rows: 3 });
    expect(tileGrid(0)).toEqual({ columns: 1, rows: 1 });
    expect(tileGrid(99)).toEqual({ columns: 4, rows: 3 });
  });
});

describe("what a failure means for the screen", () => {
  test.each([
    [new ApiError(410, "screen_revoked", "x"), "switched_off"],
    [new ApiError(410, "screen_token_replaced", "x"), "switched_off"],
    [new ApiError(401, "invalid_screen_token", "x"), "invalid"],
    [new ApiError(503, "upstream_unreachable", "x"), "upstream"],
    [new ApiError(504, "upstream_timeout", "x"), "upstream"],
    [new ApiError(502, "http_error", "x"), "app_unreachable"],
    [new ApiError(503, "storage_unavailable", "x"), "app_unreachable"],
    [new TypeError("Failed to fetch"), "app_unreachable"],
    [new ApiError(500, "internal_error", "x"), "other"],
    [new ApiError(403, "not_allowed_by_screen", "x"), "other"],
  ])("%s → %s", (error, kind) => {
    expect(classifyFailure(error)).toBe(kind);
  });
});

function answer(partial: Partial<TileAnswer>): TileAnswer {
  return {
    metric: "chats.total",
    source: "livechat",
    sources: ["livechat"],
    unit: "count",
    from: "2026-11-21",
    to: "2026-11-21",
    granularity: "hour",
    timezone: "UTC",
    group: null,
    agent: null,
    buckets: [],
    total: { value: 120, count: null },
    fetchedAt: "2026-11-21T10:00:00Z",
    status: null,
    ...partial,
  } as TileAnswer;
}

describe("tile delta", () => {
  test("today compares the same hours of last week's same day", () => {
    const d = tileDelta(
      answer({
        todaySoFar: {
          cutoff: "11:00",
          value: 110,
          previousValue: 100,
          previousFrom: "2026-11-14",
          previousTo: "2026-11-14",
        },
      }),
      "today",
      "count",
    );
    expect(d.change?.kind).toBe("relative");
    expect(d.change?.delta).toBeCloseTo(0.1);
    expect(d).toMatchObject({ previous: 100, label: "until 11:00 vs last Sat" });
  });

  test("before the first complete hour there is nothing to compare", () => {
    const d = tileDelta(
      answer({
        todaySoFar: {
          cutoff: "00:00",
          value: null,
          previousValue: null,
          previousFrom: "2026-11-14",
          previousTo: "2026-11-14",
        },
      }),
      "today",
      "count",
    );
    expect(d.change).toBeNull();
  });

  test("longer ranges compare with the previous period; percentages in points; null stays null", () => {
    const week = tileDelta(
      answer({ previous: { from: "a", to: "b", total: { value: 100, count: null } } }),
      "last7",
      "count",
    );
    expect(week).toMatchObject({
      change: { kind: "relative", delta: 0.2 },
      label: "vs previous 7 days",
    });
    const csat = tileDelta(
      answer({
        total: { value: 82, count: 10 },
        previous: { from: "a", to: "b", total: { value: 80, count: 10 } },
      }),
      "last30",
      "percent",
    );
    expect(csat.change).toEqual({ kind: "points", delta: 2 });
    const none = tileDelta(
      answer({ previous: { from: "a", to: "b", total: { value: null, count: null } } }),
      "last7",
      "count",
    );
    expect(none).toMatchObject({ change: null, previous: null });
  });
});

describe("when a TV reloads itself", () => {
  const base: ReloadInput = {
    uptimeMs: 2 * HOUR,
    heapUsedBytes: 40e6,
    heapLimitBytes: 256 * 1024 * 1024,
    hasQuietHours: true,
    quietNow: false,
    quietBefore: false,
    serverVersion: "1.0+a",
    ownVersion: "1.0+a",
    reloadedForVersion: null,
  };

  test("a healthy screen stays", () => {
    expect(reloadReason(base)).toBeNull();
    expect(reloadReason({ ...base, heapUsedBytes: null })).toBeNull();
  });

  test("the heap bound, a new server build (once), the start of quiet hours", () => {
    expect(reloadReason({ ...base, heapUsedBytes: 300 * 1024 * 1024 })).toBe("heap");
    expect(reloadReason({ ...base, serverVersion: "1.1+b" })).toBe("new_version");
    expect(
      reloadReason({ ...base, serverVersion: "1.1+b", reloadedForVersion: "1.1+b" }),
    ).toBeNull();
    expect(reloadReason({ ...base, quietNow: true, quietBefore: false })).toBe("daily");
    // Inside the quiet period, it already happened.
    expect(reloadReason({ ...base, quietNow: true, quietBefore: true })).toBeNull();
  });

  test("daily without quiet hours, and after 26 h in any case", () => {
    expect(reloadReason({ ...base, hasQuietHours: false, uptimeMs: 23 * HOUR })).toBeNull();
    expect(reloadReason({ ...base, hasQuietHours: false, uptimeMs: 24 * HOUR })).toBe("daily");
    expect(reloadReason({ ...base, uptimeMs: 25 * HOUR })).toBeNull();
    expect(reloadReason({ ...base, uptimeMs: 26 * HOUR })).toBe("daily");
  });

  test("never within minutes of the last load, whatever the bound (no reload loop)", () => {
    const early = { ...base, uptimeMs: MIN_UPTIME_BEFORE_RELOAD_MS - 1 };
    expect(reloadReason({ ...early, heapUsedBytes: 1e12, serverVersion: "x" })).toBeNull();
    expect(reloadReason({ ...early, quietNow: true })).toBeNull();
  });
});

describe("errors kept for the heartbeat", () => {
  test("newest last, at most 20, repeats folded, long messages cut", () => {
    let kept: string[] = [];
    for (let i = 0; i < 30; i++) kept = keepError(kept, `e${i}`);
    expect(kept).toHaveLength(20);
    expect(kept[0]).toBe("e10");
    expect(keepError(kept, "e29")).toEqual(kept);
    const long = keepError([], "x".repeat(500));
    expect(long[0]).toHaveLength(300);
  });
});
