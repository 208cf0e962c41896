/** Cache policies: which freshness a report gets from the last day it covers. */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { todayIn } from "../dates";
import { LATEST_TODAY_ZONE, POLICIES, rangePolicy, todayFreshSeconds } from "./policy";

const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

const at = (iso: string) => Date.parse(iso);

describe("rangePolicy", () => {
  const noon = at("2024-03-10T12:00:00Z");

  test.each([
    ["2024-03-10", "today"],
    ["2024-03-11", "today"], // a future end is still open
    ["2024-03-09", "recent"],
    ["2024-03-08", "closed"],
    ["2023-12-31", "closed"],
  ])("to %s (now 2024-03-10 12:00 in UTC) → %s", (to, name) => {
    expect(rangePolicy(to, "UTC", noon).name).toBe(name);
  });

  test("today is the zone's calendar day, not UTC's", () => {
    // 23:30 UTC on the 10th is already the 11th in Berlin (UTC+1) and still the 10th in New York.
    const late = at("2024-03-10T23:30:00Z");
    expect(rangePolicy("2024-03-10", "Europe/Berlin", late).name).toBe("recent");
    expect(rangePolicy("2024-03-11", "Europe/Berlin", late).name).toBe("today");
    expect(rangePolicy("2024-03-09", "Europe/Berlin", late).name).toBe("closed");
    expect(rangePolicy("2024-03-10", "America/New_York", late).name).toBe("today");
    expect(rangePolicy("2024-03-09", "America/New_York", late).name).toBe("recent");
    // 02:00 UTC on the 10th is still the 9th in Los Angeles.
    const early = at("2024-03-10T02:00:00Z");
    expect(rangePolicy("2024-03-09", "America/Los_Angeles", early).name).toBe("today");
    expect(rangePolicy("2024-03-08", "America/Los_Angeles", early).name).toBe("recent");
    expect(rangePolicy("2024-03-07", "America/Los_Angeles", early).name).toBe("closed");
  });

  test("LATEST_TODAY_ZONE treats the UTC day of today as today", () => {
    const early = at("2024-03-10T05:00:00Z"); // 2024-03-09 17:00 in UTC−12
    expect(rangePolicy("2024-03-10", LATEST_TODAY_ZONE, early).name).toBe("today");
    expect(rangePolicy("2024-03-09", LATEST_TODAY_ZONE, early).name).toBe("today");
    expect(rangePolicy("2024-03-08", LATEST_TODAY_ZONE, early).name).toBe("recent");
    const late = at("2024-03-10T23:59:59Z"); // 2024-03-10 11:59:59 in UTC−12
    expect(rangePolicy("2024-03-10", LATEST_TODAY_ZONE, late).name).toBe("today");
    expect(rangePolicy("2024-03-09", LATEST_TODAY_ZONE, late).name).toBe("recent");
  });

  test("property: under LATEST_TODAY_ZONE, a day that is today anywhere is never recent or closed", () => {
    const zones = [
      "UTC",
      "Pacific/Kiritimati",
      "Pacific/Auckland",
      "Asia/Tokyo",
      "Europe/Berlin",
      "America/New_York",
      "Pacific/Honolulu",
      "Pacific/Pago_Pago",
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: at("2000-01-01T00:00:00Z"), max: at("2100-01-01T00:00:00Z") }),
        fc.constantFrom(...zones),
        (now, zone) => {
          expect(rangePolicy(todayIn("UTC", now), LATEST_TODAY_ZONE, now).name).toBe("today");
          expect(rangePolicy(todayIn(zone, now), LATEST_TODAY_ZONE, now).name).toBe("today");
        },
      ),
    );
  });

  test("property: today ⊂ open, yesterday → recent, older → closed, in any zone", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: at("2000-01-01T00:00:00Z"), max: at("2100-01-01T00:00:00Z") }),
        fc.constantFrom("UTC", "Europe/Berlin", "Asia/Kolkata", "America/Sao_Paulo"),
        (now, zone) => {
          const today = todayIn(zone, now);
          const dayMs = 86_400_000;
          const yesterday = todayIn("UTC", Date.parse(today + "T12:00:00Z") - dayMs);
          const older = todayIn("UTC", Date.parse(today + "T12:00:00Z") - 2 * dayMs);
          expect(rangePolicy(today, zone, now).name).toBe("today");
          expect(rangePolicy(yesterday, zone, now).name).toBe("recent");
          expect(rangePolicy(older, zone, now).name).toBe("closed");
        },
      ),
    );
  });
});

describe("POLICIES", () => {
  test("today follows CHATLENS_CACHE_TODAY_SECONDS (1–3600, default 60)", () => {
    expect(todayFreshSeconds(env({}))).toBe(60);
    expect(todayFreshSeconds(env({ CHATLENS_CACHE_TODAY_SECONDS: "15" }))).toBe(15);
    expect(todayFreshSeconds(env({ CHATLENS_CACHE_TODAY_SECONDS: "0" }))).toBe(60);
    expect(todayFreshSeconds(env({ CHATLENS_CACHE_TODAY_SECONDS: "7200" }))).toBe(60);
    expect(todayFreshSeconds(env({ CHATLENS_CACHE_TODAY_SECONDS: "soon" }))).toBe(60);
  });

  test("freshness grows with how settled the data is; lists do not count towards fetchedAt", () => {
    const today = POLICIES.today();
    const recent = POLICIES.recent();
    const closed = POLICIES.closed();
    expect(today.freshMs).toBeLessThan(recent.freshMs);
    expect(recent.freshMs).toBeLessThan(closed.freshMs);
    for (const p of [today, recent, closed, POLICIES.transcript(), POLICIES.status()]) {
      expect(p.record).toBe(true);
      expect(p.freshMs).toBeGreaterThan(0);
      expect(p.swrMs).toBeGreaterThanOrEqual(0);
    }
    expect(POLICIES.list().record).toBe(false);
    expect(POLICIES.status().swrMs).toBe(0);
  });
});
