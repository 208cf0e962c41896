import { describe, expect, test } from "vitest";
import type { MetricBucket } from "@/lib/metrics/types";
import {
  checkScreenRequest,
  combineHours,
  headlineStatus,
  parseScreenQuery,
  previousHoursParams,
  tileParams,
  todaySoFarField,
} from "./data";
import type { BoardView } from "./service";
import { todaySoFarComparison } from "./today-so-far";

const WARSAW = "Europe/Warsaw";

const board: BoardView = {
  id: "B".repeat(22),
  name: "Floor",
  source: "livechat",
  group: "2",
  range: "last7",
  tiles: [
    { metric: "chats.total" },
    { metric: "chats.first_response_time", goal: { green: 30, amber: 60 } },
  ],
  createdAt: "2026-06-01T00:00:00.000Z",
  updatedAt: "2026-06-01T00:00:00.000Z",
};

const bucket = (
  key: string,
  value: number | null,
  count: number | null = null,
  parts?: Record<string, number | null>,
): MetricBucket => ({
  key,
  start: `${key}:00Z`,
  value,
  count,
  ...(parts ? { parts } : {}),
});

describe("screen query", () => {
  test("board and range, each once", () => {
    expect(parseScreenQuery(new URLSearchParams("board=x&range=today"))).toEqual({
      ok: true,
      value: { board: "x", range: "today" },
    });
  });

  test("unknown, repeated or missing parameters are malformed", () => {
    for (const q of [
      "board=x&range=today&group=1",
      "board=x&range=today&source=all",
      "board=x&board=y&range=today",
      "board=x",
      "range=today",
    ]) {
      expect(parseScreenQuery(new URLSearchParams(q)).ok, q).toBe(false);
    }
  });

  test("only the screen's boards, the board's tiles and the board's range", () => {
    const ok = checkScreenRequest([board], "chats.total", { board: board.id, range: "last7" });
    expect(ok).toMatchObject({ ok: true, metric: "chats.total", range: "last7" });
    const refused = [
      checkScreenRequest([board], "chats.total", { board: board.id, range: "last30" }),
      checkScreenRequest([board], "chats.total", { board: "C".repeat(22), range: "today" }),
      checkScreenRequest([board], "chats.csat", { board: board.id, range: "today" }),
      checkScreenRequest([board], "nope", { board: board.id, range: "today" }),
      checkScreenRequest([board], "chats.total", { board: board.id, range: "thisMonth" }),
      checkScreenRequest([], "chats.total", { board: board.id, range: "today" }),
    ];
    for (const r of refused) expect(r.ok).toBe(false);
  });
});

describe("tile params", () => {
  test("source and team from the board, compare previous, automatic granularity", () => {
    expect(tileParams(board, "chats.total", "today", "2026-06-17")).toEqual({
      metric: "chats.total",
      source: "livechat",
      from: "2026-06-17",
      to: "2026-06-17",
      granularity: "hour",
      group: "2",
      agent: null,
      tz: undefined,
      compare: true,
    });
    expect(tileParams(board, "chats.total", "last7", "2026-06-17")).toMatchObject({
      from: "2026-06-11",
      to: "2026-06-17",
      granularity: "day",
    });
    expect(tileParams(board, "chats.total", "last30", "2026-06-17")).toMatchObject({
      from: "2026-05-19",
      granularity: "day",
    });
  });

  test("no team under all sources", () => {
    expect(
      tileParams({ source: "all", group: "2" }, "chats.total", "today", "2026-06-17").group,
    ).toBeNull();
  });

  test("the comparison day's hourly report has no comparison of its own", () => {
    const now = Date.parse("2026-06-17T09:23:00Z"); // 11:23 CEST
    const params = tileParams(board, "chats.total", "today", "2026-06-17");
    const c = todaySoFarComparison(WARSAW, now, params)!;
    expect(previousHoursParams(params, c)).toMatchObject({
      from: "2026-06-10",
      to: "2026-06-10",
      granularity: "hour",
      compare: false,
      group: "2",
    });
  });
});

describe("combining hours", () => {
  const hours = ["2026-06-17T09:00", "2026-06-17T10:00"];

  test("counts are summed over the wanted hours only", () => {
    const buckets = [
      bucket("2026-06-17T09:00", 3),
      bucket("2026-06-17T10:00", 4),
      bucket("2026-06-17T11:00", 100),
    ];
    expect(combineHours("chats.total", buckets, hours)).toEqual({ value: 7 });
  });

  test("averages are weighted by their counts", () => {
    const buckets = [bucket("2026-06-17T09:00", 10, 1), bucket("2026-06-17T10:00", 40, 3)];
    expect(combineHours("chats.first_response_time", buckets, hours).value).toBe(32.5);
  });

  test("averages without counts are not blended: null with a note", () => {
    const buckets = [bucket("2026-06-17T09:00", 10), bucket("2026-06-17T10:00", 40)];
    const r = combineHours("chats.first_response_time", buckets, hours);
    expect(r.value).toBeNull();
    expect(r.note).toMatch(/without counts/);
  });

  test("CSAT is recomputed from its parts, not averaged", () => {
    const buckets = [
      bucket("2026-06-17T09:00", 100, 1, { good: 1, bad: 0 }),
      bucket("2026-06-17T10:00", 0, 3, { good: 0, bad: 3 }),
    ];
    expect(combineHours("chats.csat", buckets, hours).value).toBe(25);
  });

  test("CSAT without parts is no data", () => {
    const buckets = [bucket("2026-06-17T09:00", 100, 1), bucket("2026-06-17T10:00", 0, 3)];
    expect(combineHours("chats.csat", buckets, hours).value).toBeNull();
  });

  test("empty hours and no hours are null, never 0", () => {
    const empty = [bucket("2026-06-17T09:00", null), bucket("2026-06-17T10:00", null)];
    expect(combineHours("chats.total", empty, hours)).toEqual({ value: null });
    expect(combineHours("chats.total", [bucket("2026-06-17T09:00", 5)], [])).toEqual({
      value: null,
    });
    expect(combineHours("chats.first_response_time", empty, hours).value).toBeNull();
  });
});

describe("today so far field", () => {
  test("today until 11:00 against the same weekday last week until 11:00", () => {
    const now = Date.parse("2026-06-17T09:23:00Z"); // 11:23 CEST
    const c = todaySoFarComparison(WARSAW, now, { from: "2026-06-17", to: "2026-06-17" })!;
    const today = [
      bucket("2026-06-17T10:00", 2),
      bucket("2026-06-17T11:00", 50), // the hour in progress: not counted
    ];
    const lastWeek = [bucket("2026-06-10T08:00", 3), bucket("2026-06-10T12:00", 9)];
    expect(todaySoFarField("chats.total", c, today, lastWeek)).toEqual({
      cutoff: "11:00",
      value: 2,
      previousValue: 3,
      previousFrom: "2026-06-10",
      previousTo: "2026-06-10",
    });
  });

  test("across spring-forward the missing 02:00 simply has no bucket", () => {
    const now = Date.parse("2026-04-05T09:00:00Z"); // 11:00 CEST, a week after the change
    const c = todaySoFarComparison(WARSAW, now, { from: "2026-04-05", to: "2026-04-05" })!;
    const lastWeek = ["00", "01", "03", "04"].map((h) => bucket(`2026-03-29T${h}:00`, 1));
    const field = todaySoFarField("chats.total", c, [], lastWeek);
    expect(field).toMatchObject({ cutoff: "11:00", value: null, previousValue: 4 });
  });

  test("status follows the goal of the headline value (the number shown in large)", () => {
    const tile = board.tiles[1]!;
    expect(headlineStatus(tile, 20)).toBe("green");
    expect(headlineStatus(tile, 45)).toBe("amber");
    expect(headlineStatus(tile, 90)).toBe("red");
    expect(headlineStatus(tile, null)).toBeNull();
    expect(headlineStatus(board.tiles[0]!, 5)).toBeNull();
  });
});
