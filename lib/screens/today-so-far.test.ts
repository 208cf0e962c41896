import { describe, expect, test } from "vitest";
import { todaySoFarComparison } from "./today-so-far";

const WARSAW = "Europe/Warsaw";
const hours = (day: string, until: number, skip: number[] = []) =>
  Array.from({ length: until }, (_, h) => h)
    .filter((h) => !skip.includes(h))
    .map((h) => `${day}T${String(h).padStart(2, "0")}:00`);

describe("today so far", () => {
  test("today until 11:00 vs the same weekday last week until 11:00 (complete hours only)", () => {
    const now = Date.parse("2026-06-17T09:23:00Z"); // 11:23 CEST, a Wednesday
    const c = todaySoFarComparison(WARSAW, now, { from: "2026-06-17", to: "2026-06-17" });
    expect(c).toEqual({
      cutoff: "11:00",
      current: {
        from: "2026-06-17",
        to: "2026-06-17",
        endsAt: Date.parse("2026-06-17T09:00:00Z"),
        hours: hours("2026-06-17", 11),
      },
      previous: {
        from: "2026-06-10",
        to: "2026-06-10",
        endsAt: Date.parse("2026-06-10T09:00:00Z"),
        hours: hours("2026-06-10", 11),
      },
    });
  });

  test("across spring-forward: last week's day has no 02:00 bucket, still cut at 11:00 local", () => {
    // 2026-03-29 is the spring-forward Sunday in Warsaw (02:00 → 03:00).
    const now = Date.parse("2026-04-05T09:00:00Z"); // 11:00 CEST
    const c = todaySoFarComparison(WARSAW, now, { from: "2026-04-05", to: "2026-04-05" })!;
    expect(c.cutoff).toBe("11:00");
    expect(c.current.hours).toEqual(hours("2026-04-05", 11));
    expect(c.previous.hours).toEqual(hours("2026-03-29", 11, [2]));
    expect(c.previous.endsAt).toBe(Date.parse("2026-03-29T09:00:00Z"));
    expect(c.current.endsAt).toBe(Date.parse("2026-04-05T09:00:00Z"));
  });

  test("across fall-back: the repeated hour is one bucket, cut at 11:00 CET", () => {
    // 2026-10-25 is the fall-back Sunday in Warsaw (03:00 → 02:00).
    const now = Date.parse("2026-11-01T10:59:59Z"); // 11:59 CET
    const c = todaySoFarComparison(WARSAW, now, { from: "2026-11-01", to: "2026-11-01" })!;
    expect(c.cutoff).toBe("11:00");
    expect(c.previous.hours).toEqual(hours("2026-10-25", 11));
    expect(c.previous.endsAt).toBe(Date.parse("2026-10-25T10:00:00Z"));
    expect(c.current.endsAt).toBe(Date.parse("2026-11-01T10:00:00Z"));
  });

  test("a multi-day range ending today: the previous period of equal length, cut on its last day", () => {
    const now = Date.parse("2026-06-17T13:05:00Z"); // 15:05 CEST
    const c = todaySoFarComparison(WARSAW, now, { from: "2026-06-15", to: "2026-06-17" })!;
    expect(c.cutoff).toBe("15:00");
    expect(c.previous.from).toBe("2026-06-12");
    expect(c.previous.to).toBe("2026-06-14");
    expect(c.previous.hours).toEqual([
      ...hours("2026-06-12", 24),
      ...hours("2026-06-13", 24),
      ...hours("2026-06-14", 15),
    ]);
    expect(c.current.hours).toEqual([
      ...hours("2026-06-15", 24),
      ...hours("2026-06-16", 24),
      ...hours("2026-06-17", 15),
    ]);
    expect(c.previous.endsAt).toBe(Date.parse("2026-06-14T13:00:00Z"));
  });

  test("just after midnight: no complete hour yet, both windows empty", () => {
    const now = Date.parse("2026-06-16T22:20:00Z"); // 00:20 CEST on the 17th
    const c = todaySoFarComparison(WARSAW, now, { from: "2026-06-17", to: "2026-06-17" })!;
    expect(c.cutoff).toBe("00:00");
    expect(c.current.hours).toEqual([]);
    expect(c.previous.hours).toEqual([]);
  });

  test("the local day decides what today is (UTC vs Warsaw)", () => {
    const now = Date.parse("2026-06-16T22:20:00Z");
    expect(todaySoFarComparison("UTC", now, { from: "2026-06-17", to: "2026-06-17" })).toBeNull();
    expect(todaySoFarComparison("UTC", now, { from: "2026-06-16", to: "2026-06-16" })?.cutoff).toBe(
      "22:00",
    );
  });

  test("null for a range that does not end today or is reversed", () => {
    const now = Date.parse("2026-06-17T09:23:00Z");
    expect(todaySoFarComparison(WARSAW, now, { from: "2026-06-10", to: "2026-06-16" })).toBeNull();
    expect(todaySoFarComparison(WARSAW, now, { from: "2026-06-18", to: "2026-06-17" })).toBeNull();
  });
});
