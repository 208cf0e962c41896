/**
 * The table and list endpoints over real HTTP (app + simulator): chat archive and drill-down,
 * transcripts, rankings, per-agent tables, occupancy and tickets — compared with the dataset
 * where it holds the ground truth, and with the metric endpoints where both must agree.
 */
import { beforeAll, describe, expect, inject, test } from "vitest";
import { getDataset } from "../../simulator/dataset";
import {
  LIVECHAT_AGENTS,
  LIVECHAT_SERVICE_API_KEY,
  LIVECHAT_SERVICE_LOGIN,
} from "../../simulator/accounts";
import type {
  AgentTableResponse,
  ChatListResponse,
  ChatTranscriptResponse,
  MetricResponse,
  OccupancyResponse,
  RankingResponse,
  TicketListResponse,
} from "../../lib/metrics/types";
import { signIn } from "../support/app-server";
import { chatsIn, keyOf } from "../support/expected";

const appUrl = inject("appUrl");
const now = Date.parse(inject("now"));
const dataset = getDataset(now);
const TZ = "Europe/Warsaw";
let cookie = "";

beforeAll(async () => {
  const result = await signIn(appUrl, "livechat", {
    login: LIVECHAT_SERVICE_LOGIN,
    apiKey: LIVECHAT_SERVICE_API_KEY,
  });
  cookie = result.cookie!;
});

async function get<T>(path: string): Promise<T> {
  const res = await fetch(`${appUrl}${path}`, { headers: { cookie } });
  const body = (await res.json()) as T;
  expect(res.status, `${path} → ${JSON.stringify(body).slice(0, 300)}`).toBe(200);
  return body;
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const day = addDays(dataset.lastDay, -3);

describe("chat archive (drill-down)", () => {
  test("a day's archive holds exactly that day's chats, 25 per page, newest first", async () => {
    const expected = chatsIn(dataset.livechat, day, day, TZ, null);
    const first = await get<ChatListResponse>(`/api/chats?source=livechat&from=${day}&to=${day}`);
    expect(first.total).toBe(expected.length);
    expect(first.pages).toBe(Math.ceil(expected.length / 25));
    expect(first.chats).toHaveLength(25);
    const starts = first.chats.map((c) => c.startedAt);
    expect([...starts].sort().reverse()).toEqual(starts);
    const byId = new Map(expected.map((c) => [c.id, c]));
    for (const chat of first.chats) {
      const truth = byId.get(chat.id);
      expect(truth, chat.id).toBeDefined();
      expect(chat.rating).toBe(truth!.rating ?? "not_rated");
      expect(chat.type).toBe(truth!.firstResponseSeconds === null ? "missed_chat" : "chat");
      expect(chat.agents.map((a) => a.id)).toEqual(truth!.agents);
      expect(chat.groups[0]?.id).toBe(truth!.team);
    }
    const last = await get<ChatListResponse>(
      `/api/chats?source=livechat&from=${day}&to=${day}&page=${first.pages}`,
    );
    expect(last.chats.length).toBe(expected.length - 25 * (first.pages - 1));
  });

  test("an hourly bucket drills down to the chats of that hour; filters narrow it", async () => {
    const hour = 14;
    const inHour = chatsIn(dataset.livechat, day, day, TZ, "2").filter(
      (c) => keyOf(c.startedAt, "hour", TZ) === `${day}T${hour}:00`,
    );
    const r = await get<ChatListResponse>(
      `/api/chats?source=livechat&from=${day}&to=${day}&hour=${hour}&group=2`,
    );
    expect(r.hour).toBe(hour);
    expect(r.total).toBe(inHour.length);
    expect(r.chats.length).toBe(Math.min(25, inHour.length));
    for (const c of r.chats) expect(inHour.some((t) => t.id === c.id)).toBe(true);

    const missed = await get<ChatListResponse>(
      `/api/chats?source=livechat&from=${day}&to=${day}&type=missed_chat`,
    );
    expect(missed.total).toBe(
      chatsIn(dataset.livechat, day, day, TZ, null).filter((c) => c.firstResponseSeconds === null)
        .length,
    );
    const good = await get<ChatListResponse>(
      `/api/chats?source=livechat&from=${day}&to=${day}&rate=rated_good`,
    );
    expect(good.chats.every((c) => c.rating === "good")).toBe(true);
  });

  test("archive totals agree with total_chats for the same day", async () => {
    const q = `source=livechat&from=${day}&to=${day}&granularity=day`;
    const metric = await get<MetricResponse>(`/api/metrics/chats.total?${q}`);
    const list = await get<ChatListResponse>(`/api/chats?source=livechat&from=${day}&to=${day}`);
    expect(list.total).toBe(metric.total.value);
  });

  test("a chat opens with its transcript; an unknown id is a clear 404", async () => {
    const list = await get<ChatListResponse>(`/api/chats?source=livechat&from=${day}&to=${day}`);
    const answered = list.chats.find((c) => c.type === "chat")!;
    const t = await get<ChatTranscriptResponse>(`/api/chats/${answered.id}?source=livechat`);
    expect(t.chat.id).toBe(answered.id);
    const truth = dataset.livechat.find((c) => c.id === answered.id)!;
    const roles = t.chat.messages.map((m) => m.role);
    expect(roles.filter((r) => r === "visitor")).toHaveLength(truth.visitorMessages);
    expect(roles.filter((r) => r === "agent")).toHaveLength(truth.agentMessages);
    const times = t.chat.messages.map((m) => m.at);
    expect([...times].sort()).toEqual(times);

    const res = await fetch(`${appUrl}/api/chats/NOSUCHCHAT?source=livechat`, {
      headers: { cookie },
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /no chat with id "NOSUCHCHAT"/,
    );
  });
});

describe("rankings and agent tables", () => {
  const from = addDays(dataset.lastDay, -9);
  const to = addDays(dataset.lastDay, -1);

  test("chat ranking: per agent good/bad agree with CSAT filtered by that agent; best score first", async () => {
    const r = await get<RankingResponse>(
      `/api/reports/ranking?source=livechat&kind=chats&from=${from}&to=${to}`,
    );
    expect(r.rows.length).toBeGreaterThan(3);
    const scores = r.rows.map((x) => x.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const top = r.rows[0]!;
    expect(top.total).toBe(top.good + top.bad);
    const csat = await get<MetricResponse>(
      `/api/metrics/chats.csat?source=livechat&from=${from}&to=${to}&agent=${encodeURIComponent(top.agent)}`,
    );
    expect([csat.total.parts?.good, csat.total.parts?.bad]).toEqual([top.good, top.bad]);
    expect(top.name).toBe(LIVECHAT_AGENTS.find((a) => a.login === top.agent)?.name);
  });

  test("LiveChat agent table: chats per agent match the dataset", async () => {
    const t = await get<AgentTableResponse>(
      `/api/reports/agents?source=livechat&from=${from}&to=${to}&group=1`,
    );
    expect(t.columns.map((c) => c.id)).toContain("availability");
    const window = chatsIn(dataset.livechat, from, to, TZ, "1");
    for (const row of t.rows) {
      expect(row.values.chats, row.agent).toBe(
        window.filter((c) => c.agents.includes(row.agent)).length,
      );
    }
  });

  test("Rocket.Chat agent table: the seven agent-overview columns, shares adding up to 100 %", async () => {
    const t = await get<AgentTableResponse>(
      `/api/reports/agents?source=rocketchat&from=${from}&to=${to}`,
    );
    expect(t.columns).toHaveLength(7);
    const share = t.rows.reduce((s, r) => s + (r.values.conversations_share ?? 0), 0);
    expect(Math.abs(share - 100)).toBeLessThan(0.1);
    for (const row of t.rows) {
      const avg = row.values.first_response_time ?? null;
      const best = row.values.best_first_response_time ?? null;
      if (avg !== null && best !== null) expect(best).toBeLessThanOrEqual(avg + 1);
    }
  });

  test("occupancy: 7 × 24 cells, each max at least its mean", async () => {
    const o = await get<OccupancyResponse>(
      `/api/reports/occupancy?source=livechat&from=${from}&to=${to}`,
    );
    expect(o.cells).toHaveLength(168);
    for (const c of o.cells) if (c.max !== null) expect(c.max).toBeGreaterThanOrEqual(c.mean!);
    const busiest = Math.max(...o.cells.map((c) => c.max ?? 0));
    expect(busiest).toBeGreaterThan(1);
  });

  test("tickets: 25 per page with a total; ticket reports from the same simulator agree on volume", async () => {
    const list = await get<TicketListResponse>(
      `/api/tickets?source=livechat&from=${from}&to=${to}`,
    );
    expect(list.total).toBeGreaterThan(0);
    expect(list.tickets.length).toBe(Math.min(25, list.total));
    const created = await get<MetricResponse>(
      `/api/metrics/tickets.new?source=livechat&from=${from}&to=${to}&granularity=day`,
    );
    expect(created.total.value).toBeGreaterThan(0);
    expect(list.total).toBeGreaterThanOrEqual(created.total.value!);
  });
});
