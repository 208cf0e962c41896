/** Invariants of the derived dataset layers: chat extras, transcripts, LiveChat day extras, tickets. */
import { describe, expect, it } from "vitest";
import { LIVECHAT_AGENTS } from "./accounts";
import { MAX_CHAT_MS, chatsBetween, clearDatasetCaches, getDataset, type SimChat } from "./dataset";
import {
  CHAT_TAGS,
  LIVECHAT_GOALS,
  LIVECHAT_GREETINGS,
  chatExtras,
  livechatDayExtras,
  mergeIntervals,
  transcriptOf,
} from "./extras";
import { TEST_NOW } from "./testing";
import {
  TICKET_LOOKBACK_MS,
  ticketAsOf,
  ticketDayPrefix,
  ticketStatus,
  ticketsCreatedBetween,
  ticketsOfDay,
} from "./tickets";
import { parseYmd } from "./time";

const DAY = 86_400_000;
const dataset = getDataset(TEST_NOW);
/** Two weeks of both companies: enough variety, fast enough to check every chat. */
const sampleStart = Date.parse("2026-05-25T00:00:00Z");
const sampleEnd = Date.parse("2026-06-08T00:00:00Z");
const livechatSample = chatsBetween(dataset.livechat, sampleStart, sampleEnd);
const rocketchatSample = chatsBetween(dataset.rocketchat, sampleStart, sampleEnd);
const date = (ymd: string) => {
  const d = parseYmd(ymd);
  if (!d) throw new Error(ymd);
  return d;
};

describe("chat extras", () => {
  it("keep per-chat invariants", () => {
    const greetingIds = new Set(LIVECHAT_GREETINGS.map((g) => g.id));
    const violations: string[] = [];
    for (const chat of [...livechatSample, ...rocketchatSample]) {
      const x = chatExtras(chat);
      const livechat = chat.id.length === 10;
      const problems = [
        (x.engagement === "auto_invite") !== (x.greetingId !== null),
        x.greetingId !== null && !greetingIds.has(x.greetingId),
        x.greetingId !== null &&
          LIVECHAT_GREETINGS.find((g) => g.id === x.greetingId)?.group !== Number(chat.team),
        x.goal !== null && (chat.firstResponseSeconds === null || !livechat),
        x.goal !== null && !LIVECHAT_GOALS.some((g) => g.id === x.goal?.id),
        x.goal?.value !== undefined && x.goal.currency === undefined,
        x.tags.length > 2 || new Set(x.tags).size !== x.tags.length,
        x.tags.some((t) => !(CHAT_TAGS as readonly string[]).includes(t)),
        !/^S\d{10}\.[0-9a-f]{10}$/.test(x.visitorId),
        x.visitorName.split(" ").length !== 2,
        x.queuedSeconds !== null && (chat.agents.length === 0 || x.queuedSeconds <= 0),
        x.queuedSeconds !== null && !Number.isInteger(x.queuedSeconds),
      ];
      if (problems.some(Boolean)) violations.push(`${JSON.stringify(chat)} ${JSON.stringify(x)}`);
    }
    expect(violations.slice(0, 3)).toEqual([]);
  });

  it("have realistic shares: engagement mix, goals favour good chats, queues at peak hours", () => {
    const xs = livechatSample.map((c) => ({ c, x: chatExtras(c) }));
    const share = (f: (v: (typeof xs)[number]) => boolean, of = xs) =>
      of.filter(f).length / of.length;
    expect(share((v) => v.x.engagement === "auto_invite")).toBeGreaterThan(0.12);
    expect(share((v) => v.x.engagement === "immediate_start")).toBeGreaterThan(0.5);
    expect(share((v) => v.x.engagement === "manual_invite")).toBeGreaterThan(0.05);
    const good = xs.filter((v) => v.c.rating === "good");
    const unrated = xs.filter((v) => v.c.rating === null && v.c.firstResponseSeconds !== null);
    expect(share((v) => v.x.goal !== null, good)).toBeGreaterThan(
      1.5 * share((v) => v.x.goal !== null, unrated),
    );
    const queued = share((v) => v.x.queuedSeconds !== null);
    expect(queued).toBeGreaterThan(0.02);
    expect(queued).toBeLessThan(0.25);
    // New York business hours (14–20 UTC in June) queue more than the night (04–10 UTC).
    const hour = (c: SimChat) => new Date(c.startedAt).getUTCHours();
    const peak = xs.filter((v) => hour(v.c) >= 14 && hour(v.c) < 20);
    const night = xs.filter((v) => hour(v.c) >= 4 && hour(v.c) < 10);
    expect(share((v) => v.x.queuedSeconds !== null, peak)).toBeGreaterThan(
      2 * share((v) => v.x.queuedSeconds !== null, night),
    );
    // Some visitors come back.
    const ids = xs.map((v) => v.x.visitorId);
    expect(new Set(ids).size).toBeLessThan(ids.length);
  });

  it("are deterministic and leave the chats untouched", () => {
    const chats = livechatSample.slice(0, 300);
    const before = JSON.stringify(chats);
    const extras = JSON.stringify(chats.map(chatExtras));
    const transcripts = JSON.stringify(chats.slice(0, 50).map(transcriptOf));
    clearDatasetCaches();
    const again = chatsBetween(getDataset(TEST_NOW).livechat, sampleStart, sampleEnd).slice(0, 300);
    expect(JSON.stringify(again)).toBe(before);
    expect(JSON.stringify(again.map(chatExtras))).toBe(extras);
    expect(JSON.stringify(again.slice(0, 50).map(transcriptOf))).toBe(transcripts);
  });
});

describe("transcriptOf", () => {
  it("matches the chat: counts, alternation, first response, bounds", () => {
    const violations: string[] = [];
    for (const chat of [...livechatSample, ...rocketchatSample]) {
      const m = transcriptOf(chat);
      const agentMsgs = m.filter((x) => x.author === "agent");
      let responses = 0;
      for (let i = 1; i < m.length; i++)
        if (m[i]?.author === "agent" && m[i - 1]?.author === "visitor") responses++;
      const problems = [
        m.length - agentMsgs.length !== chat.visitorMessages,
        agentMsgs.length !== chat.agentMessages,
        m[0]?.author !== "visitor" || m[0].at !== chat.startedAt,
        m.some((x, i) => i > 0 && x.at < (m[i - 1]?.at ?? 0)),
        m.some((x) => x.at < chat.startedAt || x.at > chat.endedAt),
        agentMsgs.some((x) => x.agent === undefined || !chat.agents.includes(x.agent)),
        chat.firstResponseSeconds === null
          ? agentMsgs.length > 0
          : agentMsgs[0]?.at !== chat.startedAt + Math.round(chat.firstResponseSeconds * 1000) ||
            responses !== chat.responseTimes.length,
      ];
      if (problems.some(Boolean)) violations.push(JSON.stringify(chat));
    }
    expect(violations.slice(0, 3)).toEqual([]);
  });
});

describe("LiveChat day extras", () => {
  it("bounds chat durations by MAX_CHAT_MS", () => {
    let longest = 0;
    for (const c of dataset.livechat) longest = Math.max(longest, c.endedAt - c.startedAt);
    for (const c of dataset.rocketchat) longest = Math.max(longest, c.endedAt - c.startedAt);
    expect(longest).toBeLessThanOrEqual(MAX_CHAT_MS);
  });

  it("accepted greetings are exactly the auto-invite chats; displayed ≥ accepted", () => {
    const day = date("2026-06-03");
    const start = Date.parse("2026-06-03T00:00:00Z");
    const chats = chatsBetween(dataset.livechat, start, start + DAY);
    const { greetings } = livechatDayExtras(day);
    const accepted = greetings.filter((g) => g.accepted);
    const auto = chats.filter((c) => chatExtras(c).engagement === "auto_invite");
    expect(accepted.map((g) => g.chatId).sort()).toEqual(auto.map((c) => c.id).sort());
    for (const g of accepted) {
      const chat = chats.find((c) => c.id === g.chatId);
      expect(g).toMatchObject({
        at: chat?.startedAt,
        team: chat?.team,
        greetingId: chat ? chatExtras(chat).greetingId : -1,
      });
    }
    expect(greetings.length).toBeGreaterThan(2 * accepted.length);
    expect(greetings.every((g) => g.at >= start && g.at < start + DAY)).toBe(true);
  });

  it("left-queue visitors follow the queued chats", () => {
    const { leftQueue } = livechatDayExtras(date("2026-06-03"));
    expect(leftQueue.length).toBeGreaterThan(5);
    expect(
      leftQueue.every((v) => v.waitedSeconds > 0 && ["1", "2", "3", "4"].includes(v.team)),
    ).toBe(true);
  });

  it("agents are available whenever they are in a chat, and work shifts", () => {
    const day = date("2026-06-03");
    const start = Date.parse("2026-06-03T00:00:00Z");
    const { availability } = livechatDayExtras(day);
    const chats = chatsBetween(dataset.livechat, start, start + DAY);
    for (const chat of chats) {
      for (const agent of chat.agents) {
        const covered = (availability.get(agent) ?? []).some(
          (iv) => iv.start <= chat.startedAt && chat.endedAt <= iv.end,
        );
        expect(covered, `${agent} in ${chat.id}`).toBe(true);
      }
    }
    // A Wednesday: most front-line agents log ≥ 6 h.
    const long = LIVECHAT_AGENTS.filter((a) => {
      const total = (availability.get(a.login) ?? []).reduce((s, iv) => s + iv.end - iv.start, 0);
      return total >= 6 * 3_600_000;
    });
    expect(long.length).toBeGreaterThanOrEqual(7);
  });

  it("mergeIntervals merges overlapping and touching intervals", () => {
    expect(
      mergeIntervals([
        { start: 5, end: 9 },
        { start: 1, end: 3 },
        { start: 3, end: 4 },
        { start: 8, end: 12 },
        { start: 20, end: 20 },
      ]),
    ).toEqual([
      { start: 1, end: 4 },
      { start: 5, end: 12 },
    ]);
  });
});

describe("tickets", () => {
  const all = ticketsCreatedBetween(dataset, Date.parse("2025-05-12T00:00:00Z"), TEST_NOW + DAY);

  it("keep per-ticket invariants", () => {
    expect(all.length).toBeGreaterThan(10_000);
    expect(new Set(all.map((t) => t.id)).size).toBe(all.length);
    const violations = all.filter((t) => {
      const problems = [
        !/^[0-9A-Z]{5}$/.test(t.id),
        t.createdAt > dataset.now,
        t.firstResponseAt !== null && t.firstResponseAt <= t.createdAt,
        t.solvedAt !== null && (t.firstResponseAt === null || t.solvedAt < t.firstResponseAt),
        t.rating !== null && t.solvedAt === null,
        t.spam && (t.assignee !== null || t.firstResponseAt !== null),
        t.firstResponseAt !== null && t.assignee === null,
        Math.max(t.firstResponseAt ?? 0, t.solvedAt ?? 0) > t.createdAt + TICKET_LOOKBACK_MS,
        (t.source === "chat") !== (t.chatId !== null),
        (t.source === "chat_window") !== (t.url !== null),
      ];
      return problems.some(Boolean);
    });
    expect(violations.slice(0, 3)).toEqual([]);
    const sources = new Set(all.map((t) => t.source));
    expect([...sources].sort()).toEqual(["chat", "chat_window", "mail"]);
  });

  it("derive the status at now and hide later events", () => {
    const statuses = new Set(all.map((t) => ticketStatus(t, dataset.now)));
    expect([...statuses].sort()).toEqual(["open", "pending", "solved", "spam"]);
    const recent = all.filter((t) => t.solvedAt !== null && t.solvedAt > dataset.now);
    expect(recent.length).toBeGreaterThan(0);
    for (const t of recent) {
      const seen = ticketAsOf(t, dataset.now);
      expect(seen.solvedAt).toBeNull();
      expect(seen.rating).toBeNull();
      expect(ticketStatus(seen, dataset.now)).not.toBe("solved");
    }
  });

  it("encode the creation day in the id prefix, and are deterministic", () => {
    const day = date("2026-06-03");
    const tickets = ticketsOfDay(day);
    expect(tickets.every((t) => t.id.startsWith(ticketDayPrefix(day)))).toBe(true);
    expect(ticketDayPrefix(date("2026-06-04"))).not.toBe(ticketDayPrefix(day));
    const before = JSON.stringify(tickets);
    clearDatasetCaches();
    getDataset(TEST_NOW);
    expect(JSON.stringify(ticketsOfDay(day))).toBe(before);
  });
});
