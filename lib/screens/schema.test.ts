import { describe, expect, test } from "vitest";
import { checkInput } from "@/lib/share/scope";
import {
  boardInputSchema,
  boardPatchSchema,
  goalStatus,
  heartbeatInputSchema,
  isQuietTime,
  MIN_REFRESH_SECONDS,
  screenInputSchema,
  tileStatus,
} from "./schema";

const ID = "A".repeat(22);
const ID2 = "B".repeat(22);

describe("goalStatus", () => {
  const lower = { green: 30, amber: 60 }; // e.g. first response time, seconds
  const higher = { green: 90, amber: 80 }; // e.g. CSAT, percent

  test.each([
    [0, "green"],
    [29.9, "green"],
    [30, "green"],
    [30.1, "amber"],
    [60, "amber"],
    [60.1, "red"],
    [1e9, "red"],
    [-5, "green"],
  ] as const)("lower_is_better %s → %s", (value, status) => {
    expect(goalStatus(value, lower, "lower_is_better")).toBe(status);
  });

  test.each([
    [100, "green"],
    [90, "green"],
    [89.99, "amber"],
    [80, "amber"],
    [79.99, "red"],
    [0, "red"],
  ] as const)("higher_is_better %s → %s", (value, status) => {
    expect(goalStatus(value, higher, "higher_is_better")).toBe(status);
  });

  test("green = amber: the boundary is green, anything worse red", () => {
    const g = { green: 50, amber: 50 };
    expect(goalStatus(50, g, "lower_is_better")).toBe("green");
    expect(goalStatus(51, g, "lower_is_better")).toBe("red");
    expect(goalStatus(50, g, "higher_is_better")).toBe("green");
    expect(goalStatus(49, g, "higher_is_better")).toBe("red");
  });

  test("no colour: neutral metric, no goal, no data, non-finite", () => {
    expect(goalStatus(10, lower, "neutral")).toBeNull();
    expect(goalStatus(10, undefined, "lower_is_better")).toBeNull();
    expect(goalStatus(10, null, "higher_is_better")).toBeNull();
    expect(goalStatus(null, lower, "lower_is_better")).toBeNull();
    expect(goalStatus(undefined, higher, "higher_is_better")).toBeNull();
    expect(goalStatus(Number.NaN, lower, "lower_is_better")).toBeNull();
    expect(goalStatus(Number.POSITIVE_INFINITY, lower, "lower_is_better")).toBeNull();
    // 0 is a value, not "no data".
    expect(goalStatus(0, higher, "higher_is_better")).toBe("red");
  });

  test("tileStatus reads the direction from the dictionary", () => {
    const tile = { metric: "chats.first_response_time" as const, goal: lower };
    expect(tileStatus(tile, 45)).toBe("amber");
    expect(tileStatus({ metric: "chats.total" }, 45)).toBeNull();
  });
});

describe("board input", () => {
  const board = {
    name: "  Support floor ",
    source: "livechat",
    tiles: [
      { metric: "chats.total" },
      { metric: "chats.first_response_time", goal: { green: 30, amber: 60 } },
    ],
  };

  test("every tile must be one the source can provide (dictionary's upstream report)", () => {
    const csatOnRc = boardInputSchema.safeParse({
      ...board,
      source: "rocketchat",
      tiles: [{ metric: "chats.total" }, { metric: "chats.csat" }],
    });
    expect(csatOnRc.success).toBe(false);
    expect(csatOnRc.error?.issues).toEqual([
      expect.objectContaining({
        path: ["tiles", 1],
        message: "CSAT is not available from Rocket.Chat",
      }),
    ]);
    // Under all sources, one source providing it is enough.
    expect(
      boardInputSchema.safeParse({ ...board, source: "all", tiles: [{ metric: "chats.csat" }] })
        .success,
    ).toBe(true);
  });

  test("valid: trimmed name, group defaults to null, range to today", () => {
    expect(boardInputSchema.parse(board)).toEqual({
      ...board,
      range: "today",
      name: "Support floor",
      group: null,
    });
  });

  test("shape errors are malformed (400), value errors invalid (422)", () => {
    expect(checkInput(boardInputSchema, { ...board, tiles: "x" })).toMatchObject({
      kind: "malformed",
    });
    expect(checkInput(boardInputSchema, { ...board, extra: 1 })).toMatchObject({
      kind: "malformed",
    });
    expect(checkInput(boardInputSchema, { ...board, tiles: [{ metric: "nope" }] })).toMatchObject({
      kind: "malformed",
      message: expect.stringContaining("metric of the dictionary"),
    });
    expect(checkInput(boardInputSchema, { ...board, tiles: [] })).toEqual({
      ok: false,
      kind: "invalid",
      message: "tiles: a board needs at least one tile",
    });
    const thirteen = Array.from({ length: 13 }, () => ({ metric: "chats.total" }));
    expect(checkInput(boardInputSchema, { ...board, tiles: thirteen })).toMatchObject({
      kind: "invalid",
      message: expect.stringContaining("at most 12 tiles"),
    });
    expect(
      checkInput(boardInputSchema, {
        ...board,
        tiles: [{ metric: "chats.total" }, { metric: "chats.total" }],
      }),
    ).toMatchObject({ kind: "invalid", message: expect.stringContaining("once per board") });
    expect(checkInput(boardInputSchema, { ...board, name: "   " })).toMatchObject({
      kind: "invalid",
    });
  });

  test("goals must point the metric's way; neutral metrics have none", () => {
    const wrongWay = { metric: "chats.first_response_time", goal: { green: 60, amber: 30 } };
    expect(checkInput(boardInputSchema, { ...board, tiles: [wrongWay] })).toMatchObject({
      kind: "invalid",
      message: expect.stringContaining("green must be at most amber"),
    });
    const csatWrong = { metric: "chats.csat", goal: { green: 80, amber: 90 } };
    expect(checkInput(boardInputSchema, { ...board, tiles: [csatWrong] })).toMatchObject({
      kind: "invalid",
      message: expect.stringContaining("green must be at least amber"),
    });
    const neutral = { metric: "chats.total", goal: { green: 1, amber: 2 } };
    expect(checkInput(boardInputSchema, { ...board, tiles: [neutral] })).toMatchObject({
      kind: "invalid",
      message: expect.stringContaining("cannot have a goal"),
    });
  });

  test("a team only with a single source", () => {
    expect(boardInputSchema.parse({ ...board, group: "2" }).group).toBe("2");
    expect(checkInput(boardInputSchema, { ...board, source: "all", group: "2" })).toMatchObject({
      kind: "invalid",
      message: "group: a team can only be chosen for a single source",
    });
  });

  test("patch: at least one field, same rules", () => {
    expect(boardPatchSchema.parse({ name: "x" })).toEqual({ name: "x" });
    expect(checkInput(boardPatchSchema, {})).toMatchObject({ kind: "invalid" });
    expect(checkInput(boardPatchSchema, { tiles: [] })).toMatchObject({ kind: "invalid" });
    expect(boardPatchSchema.parse({ group: null })).toEqual({ group: null });
  });
});

describe("screen input", () => {
  const screen = { name: "Lobby TV", boardIds: [ID, ID2] };

  test("defaults", () => {
    expect(screenInputSchema().parse(screen)).toEqual({
      ...screen,
      rotationSeconds: 60,
      refreshSeconds: 60,
      theme: "dark",
      quietHours: null,
    });
  });

  test("intervals below the minimum are clamped up to it, not refused", () => {
    const s = screenInputSchema().parse({ ...screen, rotationSeconds: 5, refreshSeconds: 1 });
    expect(s.rotationSeconds).toBe(MIN_REFRESH_SECONDS);
    expect(s.refreshSeconds).toBe(MIN_REFRESH_SECONDS);
    const custom = screenInputSchema(120).parse({
      ...screen,
      refreshSeconds: 90,
      rotationSeconds: 300,
    });
    expect(custom.refreshSeconds).toBe(120);
    expect(custom.rotationSeconds).toBe(300);
    // The default itself is raised when the minimum is above it.
    expect(screenInputSchema(120).parse(screen).refreshSeconds).toBe(120);
  });

  test("absurd intervals are refused (422)", () => {
    for (const bad of [0, -30, 86_401]) {
      expect(checkInput(screenInputSchema(), { ...screen, refreshSeconds: bad })).toMatchObject({
        ok: false,
        kind: "invalid",
      });
    }
    // Not a whole number / not a number: a shape error (400).
    expect(checkInput(screenInputSchema(), { ...screen, refreshSeconds: 30.5 })).toMatchObject({
      kind: "malformed",
      message: expect.stringContaining("whole seconds"),
    });
    expect(checkInput(screenInputSchema(), { ...screen, refreshSeconds: "30" })).toMatchObject({
      kind: "malformed",
    });
  });

  test("boards: 1–10, distinct, ids", () => {
    const schema = screenInputSchema();
    expect(checkInput(schema, { ...screen, boardIds: [] })).toMatchObject({ kind: "invalid" });
    expect(checkInput(schema, { ...screen, boardIds: [ID, ID] })).toMatchObject({
      kind: "invalid",
      message: expect.stringContaining("once per screen"),
    });
    const eleven = Array.from(
      { length: 11 },
      (_, i) => `${"C".repeat(20)}${String(i).padStart(2, "0")}`,
    );
    expect(checkInput(schema, { ...screen, boardIds: eleven })).toMatchObject({ kind: "invalid" });
    expect(checkInput(schema, { ...screen, boardIds: ["short"] })).toMatchObject({
      kind: "malformed",
    });
  });

  test("theme and quiet hours", () => {
    const schema = screenInputSchema();
    const quietHours = { from: "22:00", to: "06:30", tz: "Europe/Warsaw" };
    expect(schema.parse({ ...screen, theme: "light", quietHours })).toMatchObject({
      theme: "light",
      quietHours,
    });
    expect(checkInput(schema, { ...screen, theme: "blue" })).toMatchObject({ kind: "malformed" });
    expect(
      checkInput(schema, { ...screen, quietHours: { ...quietHours, from: "24:00" } }),
    ).toMatchObject({
      kind: "malformed",
      message: expect.stringContaining("HH:MM"),
    });
    expect(
      checkInput(schema, { ...screen, quietHours: { ...quietHours, tz: "Mars/Base" } }),
    ).toMatchObject({
      kind: "invalid",
    });
    expect(
      checkInput(schema, { ...screen, quietHours: { ...quietHours, to: "22:00" } }),
    ).toMatchObject({
      kind: "invalid",
    });
  });
});

describe("heartbeat input", () => {
  test("version and up to 20 errors of up to 300 characters", () => {
    expect(heartbeatInputSchema.parse({ version: "1.2.3" })).toEqual({
      version: "1.2.3",
      errors: [],
    });
    expect(
      checkInput(heartbeatInputSchema, { version: "1", errors: ["x".repeat(301)] }),
    ).toMatchObject({
      kind: "invalid",
    });
    const many = Array.from({ length: 21 }, () => "e");
    expect(checkInput(heartbeatInputSchema, { version: "1", errors: many })).toMatchObject({
      kind: "invalid",
    });
    expect(checkInput(heartbeatInputSchema, { errors: [] })).toMatchObject({ kind: "malformed" });
  });
});

describe("quiet hours", () => {
  const at = (iso: string) => Date.parse(iso);
  test("overnight range in the screen's time zone, from inclusive, to exclusive", () => {
    const q = { from: "22:00", to: "06:30", tz: "Europe/Warsaw" };
    expect(isQuietTime(q, at("2026-06-17T19:59:00Z"))).toBe(false); // 21:59 CEST
    expect(isQuietTime(q, at("2026-06-17T20:00:00Z"))).toBe(true); // 22:00
    expect(isQuietTime(q, at("2026-06-17T02:00:00Z"))).toBe(true); // 04:00
    expect(isQuietTime(q, at("2026-06-17T04:29:00Z"))).toBe(true); // 06:29
    expect(isQuietTime(q, at("2026-06-17T04:30:00Z"))).toBe(false); // 06:30
  });
  test("same-day range and none", () => {
    const q = { from: "12:00", to: "13:00", tz: "UTC" };
    expect(isQuietTime(q, at("2026-06-17T12:30:00Z"))).toBe(true);
    expect(isQuietTime(q, at("2026-06-17T13:00:00Z"))).toBe(false);
    expect(isQuietTime(q, at("2026-06-17T11:59:00Z"))).toBe(false);
    expect(isQuietTime(null, at("2026-06-17T12:30:00Z"))).toBe(false);
  });
});
