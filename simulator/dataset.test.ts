import { describe, expect, it } from "vitest";
import { LIVECHAT_AGENTS, ROCKETCHAT_DEPARTMENTS, ROCKETCHAT_USERS } from "./accounts";
import {
  HISTORY_DAYS,
  chatsBetween,
  clearDatasetCaches,
  getDataset,
  reactionSeconds,
  type SimChat,
} from "./dataset";
import { TEST_NOW } from "./testing";

const DAY = 86_400_000;

function countsPerUtcDay(chats: SimChat[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const chat of chats) {
    const day = new Date(chat.startedAt).toISOString().slice(0, 10);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return counts;
}

describe("getDataset", () => {
  const dataset = getDataset(TEST_NOW);

  it("covers 400 UTC days ending today and cuts today at now", () => {
    expect(dataset.lastDay).toBe("2026-06-15");
    expect(dataset.firstDay).toBe("2025-05-12");
    const first = dataset.livechat[0];
    const last = dataset.livechat[dataset.livechat.length - 1];
    expect(first && first.startedAt >= Date.parse("2025-05-12T00:00:00Z")).toBe(true);
    expect(last && last.startedAt <= TEST_NOW).toBe(true);
    expect(countsPerUtcDay(dataset.rocketchat).size).toBe(HISTORY_DAYS);
  });

  it("is sorted by startedAt with unique, well-formed ids", () => {
    for (const [chats, idPattern] of [
      [dataset.livechat, /^[0-9A-Z]{10}$/],
      [dataset.rocketchat, /^[23456789A-HJ-NP-TW-Za-km-z]{17}$/],
    ] as const) {
      const unsorted = chats.filter(
        (c, i) => i > 0 && c.startedAt < (chats[i - 1]?.startedAt ?? 0),
      );
      expect(unsorted).toEqual([]);
      expect(new Set(chats.map((c) => c.id)).size).toBe(chats.length);
      expect(chats.filter((c) => !idPattern.test(c.id))).toEqual([]);
    }
  });

  it("keeps per-chat invariants", () => {
    const lcLogins = new Set(LIVECHAT_AGENTS.map((a) => a.login));
    const rcUsernames = new Set(ROCKETCHAT_USERS.map((u) => u.username));
    const rcDepartments = new Set(ROCKETCHAT_DEPARTMENTS.map((d) => d._id));
    // One expect per chat would take seconds; collect violations instead.
    const violations: string[] = [];
    for (const [chats, agents, teams] of [
      [dataset.livechat, lcLogins, new Set(["1", "2", "3", "4"])],
      [dataset.rocketchat, rcUsernames, rcDepartments],
    ] as const) {
      for (const c of chats) {
        const problems: boolean[] = [
          c.endedAt <= c.startedAt,
          c.visitorMessages < 1,
          !teams.has(c.team),
          !c.agents.every((a) => agents.has(a)),
        ];
        const frt = c.firstResponseSeconds;
        if (frt === null) {
          problems.push(
            c.responseTimes.length > 0,
            c.agentMessages !== 0,
            c.rating !== null,
            reactionSeconds(c) !== null,
          );
        } else {
          const reaction = reactionSeconds(c);
          problems.push(
            frt <= 0,
            c.responseTimes[0] !== frt,
            c.responseTimes.length > c.agentMessages,
            c.responseTimes.some((t) => t <= 0),
            c.agents.length < 1,
            reaction === null || reaction <= 0 || reaction > frt,
          );
        }
        if (problems.some(Boolean)) violations.push(JSON.stringify(c));
      }
    }
    expect(violations.slice(0, 5)).toEqual([]);
  });

  it("stays within the realism bands", () => {
    const bands = {
      livechat: { weekday: [250, 350], weekend: [80, 120] },
      rocketchat: { weekday: [120, 180], weekend: [40, 60] },
    } as const;
    for (const company of ["livechat", "rocketchat"] as const) {
      const counts = countsPerUtcDay(dataset[company]);
      counts.delete(dataset.lastDay); // partial
      for (const [day, count] of counts) {
        const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
        const [lo, hi] =
          weekday === 0 || weekday === 6 ? bands[company].weekend : bands[company].weekday;
        expect(count, `${company} ${day}`).toBeGreaterThanOrEqual(lo);
        expect(count, `${company} ${day}`).toBeLessThanOrEqual(hi);
      }
      const chats = dataset[company];
      const answered = chats.filter((c) => c.firstResponseSeconds !== null);
      const rated = answered.filter((c) => c.rating !== null);
      const missedRate = 1 - answered.length / chats.length;
      expect(missedRate).toBeGreaterThan(0.03);
      expect(missedRate).toBeLessThan(0.08);
      expect(rated.length / answered.length).toBeGreaterThan(0.25);
      expect(rated.length / answered.length).toBeLessThan(0.4);
      const goodRate = rated.filter((c) => c.rating === "good").length / rated.length;
      expect(goodRate).toBeGreaterThan(0.75);
      expect(goodRate).toBeLessThan(0.9);
      const transfers = answered.filter((c) => c.agents.length > 1).length / answered.length;
      expect(transfers).toBeGreaterThan(0.03);
      expect(transfers).toBeLessThan(0.07);
    }
  });

  it("follows local business hours (LiveChat, New York)", () => {
    // 2026-06-10 is a Wednesday; New York is UTC−4: 14:00–18:00 UTC is 10:00–14:00 local.
    const day = Date.parse("2026-06-10T00:00:00Z");
    const chats = chatsBetween(dataset.livechat, day, day + DAY);
    const inHours = (fromH: number, toH: number) =>
      chats.filter((c) => {
        const h = new Date(c.startedAt).getUTCHours();
        return h >= fromH && h < toH;
      }).length;
    expect(inHours(14, 18)).toBeGreaterThan(3 * inHours(6, 10)); // 02:00–06:00 local
    expect(inHours(6, 10)).toBeGreaterThan(0);
  });

  it("gives the same chats for a day whenever it is generated", () => {
    const fingerprint = (chats: SimChat[]) => JSON.stringify(chats);
    const endOfYesterday = Date.parse(`${dataset.lastDay}T00:00:00Z`);
    const laterNow = TEST_NOW + 37 * DAY + 5 * 3_600_000;

    // Regenerate from scratch at a later "now": days both datasets hold must be identical.
    clearDatasetCaches();
    const later = getDataset(laterNow);
    const overlapStart = Date.parse(`${later.firstDay}T00:00:00Z`);
    for (const company of ["livechat", "rocketchat"] as const) {
      const a = chatsBetween(dataset[company], overlapStart, endOfYesterday);
      const b = chatsBetween(later[company], overlapStart, endOfYesterday);
      expect(a.length).toBeGreaterThan(20_000);
      expect(fingerprint(b)).toBe(fingerprint(a));
      // Today's partial day is a prefix of the same day seen later.
      const todayA = chatsBetween(dataset[company], endOfYesterday, endOfYesterday + DAY);
      const todayB = chatsBetween(later[company], endOfYesterday, endOfYesterday + DAY);
      expect(todayA.length).toBeGreaterThan(0);
      expect(todayB.length).toBeGreaterThan(todayA.length);
      expect(fingerprint(todayB.slice(0, todayA.length))).toBe(fingerprint(todayA));
    }
  });

  it("memoises per minute", () => {
    expect(getDataset(TEST_NOW + 10_000)).toBe(getDataset(TEST_NOW + 20_000));
    expect(getDataset(TEST_NOW).now).toBe(Math.floor(TEST_NOW / 60_000) * 60_000);
  });
});

describe("chatsBetween", () => {
  it("is a half-open range on startedAt", () => {
    const { livechat } = getDataset(TEST_NOW);
    const pivot = livechat[1000];
    if (!pivot) throw new Error("dataset too small");
    const slice = chatsBetween(livechat, pivot.startedAt, pivot.startedAt + 3_600_000);
    expect(slice[0]?.startedAt).toBe(pivot.startedAt);
    expect(slice.every((c) => c.startedAt < pivot.startedAt + 3_600_000)).toBe(true);
    expect(chatsBetween(livechat, pivot.startedAt, pivot.startedAt)).toEqual([]);
    expect(
      livechat.filter(
        (c) => c.startedAt >= pivot.startedAt && c.startedAt < pivot.startedAt + 3_600_000,
      ),
    ).toEqual(slice);
  });
});
