import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { combine, rollUp } from "./combine";

describe("combine", () => {
  test("counts add up; unknown stays unknown", () => {
    expect(
      combine("chats.total", [
        { value: 3, count: 3 },
        { value: null, count: null },
        { value: 4, count: 4 },
      ]),
    ).toEqual({ value: 7, count: 7 });
    expect(
      combine("chats.total", [
        { value: null, count: null },
        { value: null, count: null },
      ]),
    ).toEqual({
      value: null,
      count: null,
    });
  });

  test("averages are weighted by their counts; null and zero-count parts are skipped", () => {
    const r = combine("chats.first_response_time", [
      { value: 10, count: 1 },
      { value: 40, count: 3 },
      { value: null, count: 0 },
    ]);
    expect(r).toEqual({ value: 32.5, count: 4 });
  });

  test("averages without counts cannot be weighted: null and flagged, unless only one has data", () => {
    const r = combine("chats.first_response_time", [
      { value: 10, count: 5 },
      { value: 40, count: null },
    ]);
    expect(r).toMatchObject({ value: null, unweighted: true });
    expect(
      combine("chats.first_response_time", [
        { value: 40, count: null },
        { value: null, count: null },
      ]),
    ).toMatchObject({ value: 40 });
  });

  test("CSAT is recomputed from summed good and bad, never averaged", () => {
    const r = combine("chats.csat", [
      { value: 100, count: 1, parts: { good: 1, bad: 0, chats: 5 } },
      { value: 0, count: 3, parts: { good: 0, bad: 3, chats: 9 } },
    ]);
    expect(r).toEqual({ value: 25, count: 4, parts: { good: 1, bad: 3, chats: 14 } });
    expect(
      combine("chats.csat", [{ value: null, count: 0, parts: { good: 0, bad: 0 } }]).value,
    ).toBeNull();
  });

  test("greeting conversion = accepted ÷ displayed", () => {
    const r = combine("chats.greeting_conversion", [
      { value: 50, count: 4, parts: { displayed: 4, accepted: 2, goals: 0 } },
      { value: 0, count: 6, parts: { displayed: 6, accepted: 0, goals: 1 } },
    ]);
    expect(r).toEqual({ value: 20, count: 10, parts: { displayed: 10, accepted: 2, goals: 1 } });
  });

  test("best first response time is the minimum", () => {
    expect(
      combine("chats.best_first_response_time", [
        { value: 9, count: null },
        { value: null, count: null },
        { value: 4.5, count: null },
      ]).value,
    ).toBe(4.5);
  });

  test("queue waiting parts are weighted by their own visitors; max is the maximum", () => {
    const r = combine("chats.queue_waiting_time", [
      {
        value: 20,
        count: 2,
        parts: { entered_chat: 20, left_queue: null, max: 30 },
        weights: { entered_chat: 2, left_queue: 0 },
      },
      {
        value: 50,
        count: 2,
        parts: { entered_chat: 40, left_queue: 60, max: 70 },
        weights: { entered_chat: 1, left_queue: 1 },
      },
    ]);
    expect(r.value).toBe(35);
    expect(r.parts).toEqual({ entered_chat: (20 * 2 + 40) / 3, left_queue: 60, max: 70 });
  });

  test("property: a weighted average of one split equals the average of the whole", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 1, max: 600 }), { minLength: 0, maxLength: 8 }), {
          minLength: 1,
          maxLength: 8,
        }),
        (groups) => {
          const all = groups.flat();
          const parts = groups.map((g) => ({
            value: g.length ? g.reduce((a, b) => a + b, 0) / g.length : null,
            count: g.length,
          }));
          const r = combine("chats.first_response_time", parts);
          if (all.length === 0) return r.value === null;
          return Math.abs(r.value! - all.reduce((a, b) => a + b, 0) / all.length) < 1e-9;
        },
      ),
    );
  });

  test("rollUp groups hours into days and days into months", () => {
    const rows = new Map([
      ["2026-01-31T23:00", { value: 2, count: 2 }],
      ["2026-02-01T00:00", { value: 3, count: 3 }],
      ["2026-02-01T05:00", { value: 1, count: 1 }],
    ]);
    expect([...rollUp("chats.total", rows, 10)]).toEqual([
      ["2026-01-31", { value: 2, count: 2 }],
      ["2026-02-01", { value: 4, count: 4 }],
    ]);
    expect([...rollUp("chats.total", rows, 7)].map(([k, v]) => [k, v.value])).toEqual([
      ["2026-01", 2],
      ["2026-02", 4],
    ]);
  });
});
