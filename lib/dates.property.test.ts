/**
 * Property-based tests (fast-check, fixed seed) of the calendar and bucket maths in lib/dates:
 * - `isIsoDate` agrees with the Gregorian calendar for every year 0100–9999;
 * - `addDays`/`daysInclusive` are inverse; `eachDay` is sorted, unique, gap-free, from..to;
 * - `previousPeriod` has the same length and ends the day before `from`;
 * - `enumerateBuckets` keys are sorted and unique and cover from..to at every granularity,
 *   starts strictly increase from the first instant of `from`; in Europe/Warsaw a day lasts
 *   23 h on the last Sunday of March, 25 h on the last Sunday of October, 24 h otherwise, and
 *   has 23 hourly buckets on the spring day, 24 on every other (the repeated hour is one);
 * - `resolvePreset` ranges end today (or before) and have the preset's length;
 * - `todayIn` is within a day of the UTC date.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  addDays,
  daysInclusive,
  DATE_PRESETS,
  eachDay,
  enumerateBuckets,
  isIsoDate,
  previousPeriod,
  resolvePreset,
  startOfDayIn,
  todayIn,
} from "./dates";

const PARAMS = { seed: 20260329, numRuns: 200 } as const;
/** Fewer runs where one run enumerates up to a week of hours or a year of days. */
const HEAVY = { ...PARAMS, numRuns: 60 } as const;
const SLOW_MS = 30_000;
const HOUR = 3_600_000;
const TZ = "Europe/Warsaw";

const day = fc
  .date({
    min: new Date("1971-01-01T00:00:00Z"),
    max: new Date("2099-12-31T00:00:00Z"),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

/** A range of 1…`max` days. */
const rangeOf = (max: number) =>
  fc
    .tuple(day, fc.integer({ min: 0, max: max - 1 }))
    .map(([from, n]) => ({ from, to: addDays(from, n), days: n + 1 }));

const zone = fc.constantFrom(TZ, "UTC", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata");

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The last Sunday of `month` (1-12) in `year`, `YYYY-MM-DD`. */
function lastSunday(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0));
  last.setUTCDate(last.getUTCDate() - last.getUTCDay());
  return last.toISOString().slice(0, 10);
}

function expectSortedUnique(keys: string[]): void {
  for (let i = 1; i < keys.length; i++) expect(keys[i - 1]! < keys[i]!).toBe(true);
}

describe("isIsoDate", () => {
  test("agrees with the Gregorian calendar", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const text = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          const real = m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
          expect(isIsoDate(text)).toBe(real);
          // Any other spelling of the same day is refused.
          expect(isIsoDate(`${y}-${m}-${d}`)).toBe(real && m >= 10 && d >= 10 && y >= 1000);
        },
      ),
      PARAMS,
    );
  });
});

describe("day arithmetic", () => {
  test("addDays and daysInclusive are inverse", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -4000, max: 4000 }), (d, n) => {
        const moved = addDays(d, n);
        expect(isIsoDate(moved)).toBe(true);
        expect(addDays(moved, -n)).toBe(d);
        expect(daysInclusive(d, moved)).toBe(n + 1);
      }),
      PARAMS,
    );
  });

  test(
    "eachDay is sorted, unique, gap-free and spans from..to",
    () => {
      fc.assert(
        fc.property(rangeOf(400), ({ from, to, days }) => {
          const all = eachDay(from, to);
          expect(all).toHaveLength(days);
          expect(all[0]).toBe(from);
          expect(all.at(-1)).toBe(to);
          for (let i = 1; i < all.length; i++) expect(all[i]).toBe(addDays(all[i - 1]!, 1));
        }),
        HEAVY,
      );
    },
    SLOW_MS,
  );

  test("previousPeriod has the same length and ends the day before from", () => {
    fc.assert(
      fc.property(rangeOf(400), ({ from, to, days }) => {
        const prev = previousPeriod(from, to);
        expect(daysInclusive(prev.from, prev.to)).toBe(days);
        expect(prev.to).toBe(addDays(from, -1));
        expect(prev.from <= prev.to).toBe(true);
      }),
      PARAMS,
    );
  });
});

describe("enumerateBuckets", () => {
  test(
    "day buckets: one per day, from midnight, increasing",
    () => {
      fc.assert(
        fc.property(rangeOf(120), zone, ({ from, to }, tz) => {
          const slots = enumerateBuckets(from, to, "day", tz);
          expect(slots.map((s) => s.key)).toEqual(eachDay(from, to));
          expect(slots[0]!.start).toBe(startOfDayIn(from, tz));
          for (let i = 1; i < slots.length; i++) {
            const length = slots[i]!.start - slots[i - 1]!.start;
            // 23–25 h (Lord Howe shifts by 30 min).
            expect(length).toBeGreaterThanOrEqual(23 * HOUR);
            expect(length).toBeLessThanOrEqual(25 * HOUR);
          }
        }),
        HEAVY,
      );
    },
    SLOW_MS,
  );

  test(
    "month buckets: the months of the range, sorted, the first starting at from",
    () => {
      fc.assert(
        fc.property(rangeOf(400), zone, ({ from, to }, tz) => {
          const slots = enumerateBuckets(from, to, "month", tz);
          const keys = slots.map((s) => s.key);
          expectSortedUnique(keys);
          expect(keys).toEqual([...new Set(eachDay(from, to).map((d) => d.slice(0, 7)))]);
          expect(slots[0]!.start).toBe(startOfDayIn(from, tz));
          for (const slot of slots.slice(1))
            expect(slot.start).toBe(startOfDayIn(`${slot.key}-01`, tz));
        }),
        HEAVY,
      );
    },
    SLOW_MS,
  );

  test(
    "hour buckets: sorted, unique, every day covered, starts an hour or more apart",
    () => {
      fc.assert(
        fc.property(rangeOf(7), zone, ({ from, to }, tz) => {
          const slots = enumerateBuckets(from, to, "hour", tz);
          const keys = slots.map((s) => s.key);
          expectSortedUnique(keys);
          expect([...new Set(keys.map((k) => k.slice(0, 10)))]).toEqual(eachDay(from, to));
          expect(slots[0]!.start).toBe(startOfDayIn(from, tz));
          expect(slots.at(-1)!.start).toBeLessThan(startOfDayIn(addDays(to, 1), tz));
          for (let i = 1; i < slots.length; i++) {
            expect(slots[i]!.start - slots[i - 1]!.start).toBeGreaterThanOrEqual(HOUR / 2);
          }
        }),
        HEAVY,
      );
    },
    SLOW_MS,
  );

  test(
    "Europe/Warsaw: 23 h / 25 h on the DST Sundays, 24 h otherwise; 23 or 24 hour buckets",
    () => {
      const year = fc.integer({ min: 1996, max: 2099 });
      // Bias towards the two DST Sundays and their neighbours.
      const warsawDay = fc.oneof(
        day,
        fc
          .tuple(year, fc.constantFrom(3, 10), fc.integer({ min: -1, max: 1 }))
          .map(([y, m, shift]) => addDays(lastSunday(y, m), shift)),
      );
      fc.assert(
        fc.property(warsawDay, (d) => {
          const year = Number(d.slice(0, 4));
          // EU rules (last Sundays of March and October) apply in Poland since 1996.
          fc.pre(year >= 1996);
          const length = startOfDayIn(addDays(d, 1), TZ) - startOfDayIn(d, TZ);
          const hours = enumerateBuckets(d, d, "hour", TZ);
          if (d === lastSunday(year, 3)) {
            expect(length).toBe(23 * HOUR);
            expect(hours).toHaveLength(23);
            expect(hours.map((h) => h.key)).not.toContain(`${d}T02:00`);
          } else if (d === lastSunday(year, 10)) {
            expect(length).toBe(25 * HOUR);
            expect(hours).toHaveLength(24);
            const repeated = hours.find((h) => h.key === `${d}T02:00`)!;
            expect(hours.find((h) => h.key === `${d}T03:00`)!.start - repeated.start).toBe(
              2 * HOUR,
            );
          } else {
            expect(length).toBe(24 * HOUR);
            expect(hours).toHaveLength(24);
          }
        }),
        PARAMS,
      );
    },
    SLOW_MS,
  );
});

describe("presets and today", () => {
  test("resolvePreset: ordered ranges ending today or before, with the preset's length", () => {
    const lengths: Record<string, number> = { today: 1, yesterday: 1, last7: 7, last30: 30 };
    fc.assert(
      fc.property(day, fc.constantFrom(...DATE_PRESETS.map((p) => p.id)), (today, preset) => {
        const { from, to } = resolvePreset(preset, today);
        expect(isIsoDate(from) && isIsoDate(to)).toBe(true);
        expect(from <= to && to <= today).toBe(true);
        if (preset in lengths) expect(daysInclusive(from, to)).toBe(lengths[preset]);
        if (preset === "thisMonth")
          expect([from.slice(0, 7), to]).toEqual([today.slice(0, 7), today]);
        if (preset === "lastMonth") {
          expect(from.slice(8)).toBe("01");
          expect(addDays(to, 1)).toBe(`${today.slice(0, 7)}-01`);
        }
      }),
      PARAMS,
    );
  });

  test("todayIn is the UTC date or a neighbour", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), zone, (now, tz) => {
        const utc = new Date(now).toISOString().slice(0, 10);
        expect([addDays(utc, -1), utc, addDays(utc, 1)]).toContain(todayIn(tz, now));
      }),
      PARAMS,
    );
  });
});
