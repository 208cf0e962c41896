/** Contract tests for the LiveChat REST v2 archive (`/chats`), tickets and status emulation. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  archiveChatResponse,
  archiveChatsResponse,
  errorBody,
  statusResponse,
  ticket as ticketSchema,
  ticketsResponse,
  type ArchiveChat,
} from "../lib/livechat/schemas";
import { chatsBetween, getDataset } from "./dataset";
import { chatExtras, livechatDayExtras } from "./extras";
import { TEST_NOW, asRecord, livechatGet, startSimulator, type RunningSimulator } from "./testing";
import { utcDate } from "./time";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});

const get = (path: string) => livechatGet(sim.url, path);
async function archive(query: string) {
  const res = await get(`/chats?${query}`);
  expect(res.status, `${query}: ${JSON.stringify(res.body)}`).toBe(200);
  return archiveChatsResponse.parse(res.body);
}
async function tickets(query: string) {
  const res = await get(`/tickets?${query}`);
  expect(res.status, `${query}: ${JSON.stringify(res.body)}`).toBe(200);
  return ticketsResponse.parse(res.body);
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const DAY = "date_from=2026-06-10&date_to=2026-06-10";
const SOFIA = "sofia.sales@northwind.example";
const STARTED =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d\/\d\d\/\d\d (0\d|1[0-2]):[0-5]\d:[0-5]\d (am|pm)$/;

describe("GET /chats (archive)", () => {
  it("pages 25 at a time, from 1, newest first", async () => {
    const p1 = await archive(DAY);
    expect(p1.total).toBeGreaterThan(200);
    expect(p1.pages).toBe(Math.ceil(p1.total / 25));
    expect(p1.chats).toHaveLength(25);
    const last = await archive(`${DAY}&page=${p1.pages}`);
    expect(last.chats).toHaveLength(p1.total - 25 * (p1.pages - 1));
    expect((await archive(`${DAY}&page=${p1.pages + 1}`)).chats).toEqual([]);
    const p2 = await archive(`${DAY}&page=2`);
    const starts = [...p1.chats, ...p2.chats].map((c) => c.started_timestamp ?? 0);
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    expect(new Set([...p1.chats, ...p2.chats].map((c) => c.id)).size).toBe(50);
  });

  it("counts, per day, exactly the chats total_chats counts (chat + missed_chat)", async () => {
    for (const [query, report] of [
      [DAY, "date_from=2026-06-10&date_to=2026-06-10&group_by=day"],
      [`${DAY}&timezone=UTC`, "date_from=2026-06-10&date_to=2026-06-10&group_by=day&timezone=UTC"],
      [`${DAY}&group=3`, "date_from=2026-06-10&date_to=2026-06-10&group_by=day&group=3"],
      [
        `${DAY}&agent=${SOFIA}`,
        `date_from=2026-06-10&date_to=2026-06-10&group_by=day&agent=${SOFIA}`,
      ],
      [
        `${DAY}&tag[]=billing`,
        "date_from=2026-06-10&date_to=2026-06-10&group_by=day&tag[]=billing",
      ],
    ]) {
      const chats = (await archive(`${query}&type=chat`)).total;
      const missed = (await archive(`${query}&type=missed_chat`)).total;
      expect(chats + missed).toBe((await archive(query ?? "")).total);
      const total = asRecord((await get(`/reports/chats/total_chats?${report}`)).body);
      expect(asRecord(total["2026-06-10"]).chats, query).toBe(chats + missed);
      const notReplied = asRecord(
        (
          await get(
            `/reports/chats/not_replied_chats?${report?.replace("group=", "groups[]=").replace("agent=", "agents[]=")}`,
          )
        ).body,
      );
      expect(asRecord(notReplied["2026-06-10"]).not_replied, query).toBe(missed);
    }
  });

  it("lists only ended chats", async () => {
    const today = await archive("date_from=2026-06-15&date_to=2026-06-15");
    const { livechat, now } = getDataset(TEST_NOW);
    const started = chatsBetween(livechat, Date.parse("2026-06-15T04:00:00Z"), now + 1);
    const running = started.filter((c) => c.endedAt > now);
    expect(running.length).toBeGreaterThan(0);
    expect(today.total).toBe(started.length - running.length);
    expect((await get(`/chats/${running[0]?.id}`)).status).toBe(404);
  });

  it("items carry the documented fields, consistent with the chat", async () => {
    const { chats } = await archive(`${DAY}&page=3`);
    const { livechat } = getDataset(TEST_NOW);
    for (const item of chats) {
      const chat = livechat.find((c) => c.id === item.id);
      if (!chat) throw new Error(item.id);
      const x = chatExtras(chat);
      expect(item).toMatchObject({
        type: chat.firstResponseSeconds === null ? "missed_chat" : "chat",
        visitor_name: x.visitorName,
        visitor_id: x.visitorId,
        supervisors: [],
        duration: Math.round((chat.endedAt - chat.startedAt) / 1000),
        group: [Number(chat.team)],
        tags: x.tags,
        engagement: x.engagement,
        started_timestamp: Math.floor(chat.startedAt / 1000),
        ended_timestamp: Math.floor(chat.endedAt / 1000),
      });
      expect(item.agents.map((a) => a.email)).toEqual(chat.agents);
      expect(item.rate).toBe(chat.rating === null ? "not_rated" : `rated_${chat.rating}`);
      expect(item.started).toMatch(STARTED);
      expect(item.ended).toMatch(STARTED);
      expect(item.goals === undefined).toBe(x.goal === null);
      expect(item.queue === undefined).toBe(x.queuedSeconds === null);
      const messages = item.messages ?? [];
      expect(messages).toHaveLength(chat.agentMessages + chat.visitorMessages);
      expect(messages.filter((m) => m.user_type === "agent")).toHaveLength(chat.agentMessages);
      expect(messages.every((m) => m.date.match(STARTED) !== null)).toBe(true);
      expect(messages[0]?.timestamp).toBe(item.started_timestamp);
      for (const m of messages)
        if (m.user_type === "agent") expect(chat.agents).toContain(m.agent_id);
    }
  });

  it("formats started in the account zone (America/New_York), 12-hour clock", async () => {
    const { livechat } = getDataset(TEST_NOW);
    const chat = livechat.find((c) => c.startedAt >= Date.parse("2026-06-10T16:05:07Z"));
    const res = await get(`/chats/${chat?.id}`);
    expect(res.status).toBe(200);
    const item = archiveChatResponse.parse(res.body);
    const d = new Date((item.started_timestamp ?? 0) * 1000);
    expect(d.getUTCHours()).toBe(16);
    expect(item.started).toMatch(/^Wed, 06\/10\/26 12:\d\d:\d\d pm$/);
  });

  it("filters by type, rate, goal, has_goal, visitor_id, query and tag[]", async () => {
    const all = (await archive(DAY)).total;
    const totals = async (q: string) => (await archive(`${DAY}&${q}`)).total;
    expect((await totals("rate=rated")) + (await totals("rate=not_rated"))).toBe(all);
    expect(await totals("rate=rated")).toBe(
      (await totals("rate=rated_good")) + (await totals("rate=rated_bad")),
    );
    const good = await archive(`${DAY}&rate=rated_good`);
    expect(good.chats.every((c) => c.rate === "rated_good")).toBe(true);
    const missed = await archive(`${DAY}&type=missed_chat`);
    expect(missed.chats.every((c) => c.type === "missed_chat")).toBe(true);
    expect(
      missed.chats.every((c) => (c.messages ?? []).every((m) => m.user_type === "visitor")),
    ).toBe(true);

    const withGoal = await archive(`${DAY}&has_goal=1`);
    expect(withGoal.total).toBeGreaterThan(0);
    expect(withGoal.chats.every((c) => (c.goals ?? []).length === 1)).toBe(true);
    expect(withGoal.total + (await totals("has_goal=0"))).toBe(all);
    const byGoal = sum(await Promise.all([71, 72, 73].map((g) => totals(`goal=${g}`))));
    expect(byGoal).toBe(withGoal.total);

    const someone = withGoal.chats[0] as ArchiveChat;
    const visitor = await archive(`date_from=2026-04-01&visitor_id=${someone.visitor_id}`);
    expect(visitor.total).toBeGreaterThanOrEqual(1);
    expect(visitor.chats.every((c) => c.visitor_id === someone.visitor_id)).toBe(true);

    const refund = await archive(`${DAY}&query=REFUND`);
    expect(refund.total).toBeGreaterThan(0);
    expect(refund.total).toBeLessThan(all);
    expect(
      refund.chats.every((c) =>
        (c.messages ?? []).some((m) => m.text.toLowerCase().includes("refund")),
      ),
    ).toBe(true);

    const tagged = await archive(`${DAY}&tag[]=billing&tag[]=bug`);
    expect(
      tagged.chats.every((c) => (c.tags ?? []).some((t) => t === "billing" || t === "bug")),
    ).toBe(true);
    const sales = await archive(`${DAY}&agent=${SOFIA}&group=1`);
    expect(
      sales.chats.every((c) => c.agents.some((a) => a.email === SOFIA) && c.group?.[0] === 1),
    ).toBe(true);
  });

  it("validates parameters", async () => {
    const cases: [string, unknown][] = [
      ["type=offline", { errors: ["type: must be one of chat, missed_chat"] }],
      ["page=0", { errors: ["page: must be a positive integer"] }],
      ["rate=great", { errors: ["rate: must be one of rated, not_rated, rated_good, rated_bad"] }],
      ["has_goal=yes", { errors: ["has_goal: must be one of 0, 1"] }],
      ["date_from=2026-13-01", { errors: ["date_from: must be a date in YYYY-MM-DD format"] }],
      ["group=9", { error: "Group not found" }],
      ["agent=ghost%40northwind.example", { error: "Agent not found" }],
      ["goal=5", { error: "Goal not found" }],
    ];
    for (const [query, expected] of cases) {
      const res = await get(`/chats?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body, query).toEqual(expected);
      expect(errorBody.safeParse(res.body).success).toBe(true);
    }
  });

  it("GET /chats/<id> returns the same item; 404 otherwise", async () => {
    const { chats } = await archive(DAY);
    const first = chats[0] as ArchiveChat;
    const res = await get(`/chats/${first.id}`);
    expect(res.status).toBe(200);
    expect(archiveChatResponse.safeParse(res.body).success).toBe(true);
    expect(res.body).toEqual(first);
    const rocketId = getDataset(TEST_NOW).rocketchat[0]?.id ?? "";
    for (const id of ["NOSUCHCHAT", rocketId, "%E0%A4%A"]) {
      const missing = await get(`/chats/${id}`);
      expect(missing.status, id).toBe(404);
      expect(missing.body).toEqual({ error: "Chat not found" });
    }
  });
});

describe("GET /tickets", () => {
  it("pages 25 at a time with tickets active on the requested days", async () => {
    const p1 = await tickets(DAY);
    expect(p1.total).toBeGreaterThan(25);
    expect(p1.pages).toBe(Math.ceil(p1.total / 25));
    expect(p1.tickets).toHaveLength(25);
    const dayStart = Date.parse("2026-06-10T04:00:00Z");
    const dayEnd = Date.parse("2026-06-11T04:00:00Z");
    const all = [...p1.tickets];
    for (let page = 2; page <= p1.pages; page++)
      all.push(...(await tickets(`${DAY}&page=${page}`)).tickets);
    expect(all).toHaveLength(p1.total);
    for (const t of all) {
      const instants = [t.date, t.firstResponse?.date, t.resolutionDate]
        .filter((v): v is string => typeof v === "string")
        .map((v) => Date.parse(v));
      expect(
        instants.some((i) => i >= dayStart && i < dayEnd),
        t.id,
      ).toBe(true);
    }
    // Created earlier, answered or solved that day: listed too.
    expect(all.some((t) => Date.parse(String(t.date)) < dayStart)).toBe(true);
    // Default order: last modification, newest first.
    const modified = all.map((t) => Date.parse(String(t.modified)));
    expect(modified).toEqual([...modified].sort((a, b) => b - a));
    const asc = await tickets(`${DAY}&order=asc`);
    expect(asc.tickets[0]?.modified).toBe(all.at(-1)?.modified);
  });

  it("items have the classic v2 shape", async () => {
    const { tickets: list } = await tickets(`${DAY}&status=solved`);
    for (const t of list) {
      expect(ticketSchema.safeParse(t).success).toBe(true);
      expect(t.id).toMatch(/^[0-9A-Z]{5}$/);
      expect(t.status).toBe("solved");
      expect(t.resolutionDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(t.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(t.modified).toBe(t.resolutionDate);
      expect(t.firstResponse?.date).toBeDefined();
      expect(t.assignee?.id).toMatch(/@northwind\.example$/);
      expect(t.groups).toHaveLength(1);
      expect(["rated_good", "rated_bad", "not_rated"]).toContain(t.rate);
      expect(["lc2", "mail", "chat-window"]).toContain(t.source.type);
      expect(t.source.url === undefined).toBe(t.source.type !== "chat-window");
      expect(t.events[0]).toMatchObject({ type: "message", date: t.date });
    }
    const open = await tickets("status=open");
    expect(
      open.tickets.every(
        (t) => t.status === "open" && Object.keys(t.firstResponse ?? {}).length === 0,
      ),
    ).toBe(true);
  });

  it("filters by status, assignee, assigned, group, source, tag and tagged", async () => {
    const q = "date_from=2026-06-01&date_to=2026-06-14";
    const all = (await tickets(q)).total;
    const byStatus = await Promise.all(
      ["open", "pending", "solved", "spam"].map(
        async (s) => (await tickets(`${q}&status=${s}`)).total,
      ),
    );
    expect(sum(byStatus)).toBe(all);
    expect(byStatus.every((n) => n > 0)).toBe(true);
    const bySource = await Promise.all(
      ["lc2", "mail", "chat-window", "facebook", "agent-app-manual"].map(
        async (s) => (await tickets(`${q}&source=${s}`)).total,
      ),
    );
    expect(sum(bySource)).toBe(all);
    expect(bySource.slice(3)).toEqual([0, 0]);
    const byGroup = await Promise.all(
      [1, 2, 3, 4].map(async (g) => (await tickets(`${q}&group=${g}`)).total),
    );
    expect(sum(byGroup)).toBe(all);
    const assigned = (await tickets(`${q}&assigned=1`)).total;
    expect(assigned + (await tickets(`${q}&assigned=0`)).total).toBe(all);
    const sofia = await tickets(`${q}&assignee=${SOFIA}`);
    expect(sofia.total).toBeGreaterThan(0);
    expect(sofia.tickets.every((t) => t.assignee?.id === SOFIA)).toBe(true);
    const billing = await tickets(`${q}&tag=billing`);
    expect(billing.tickets.every((t) => (t.tags ?? []).includes("billing"))).toBe(true);
    const untagged = await tickets(`${q}&tagged=0`);
    expect(untagged.tickets.every((t) => (t.tags ?? []).length === 0)).toBe(true);
  });

  it("agrees with the ticket reports", async () => {
    // Tickets created that day = new_tickets that day (the list also holds older active ones).
    const all = [] as { date?: unknown; source: { type: string } }[];
    const first = await tickets(DAY);
    all.push(...first.tickets);
    for (let page = 2; page <= first.pages; page++)
      all.push(...(await tickets(`${DAY}&page=${page}`)).tickets);
    const created = all.filter((t) => {
      const d = Date.parse(String(t.date));
      return d >= Date.parse("2026-06-10T04:00:00Z") && d < Date.parse("2026-06-11T04:00:00Z");
    });
    const report = asRecord(
      (
        await get(
          "/reports/tickets/ticket_sources?date_from=2026-06-10&date_to=2026-06-10&group_by=day",
        )
      ).body,
    );
    const day = asRecord(report["2026-06-10"]);
    expect(created.filter((t) => t.source.type === "lc2")).toHaveLength(
      Number(day.tickets_from_chat),
    );
    expect(created.filter((t) => t.source.type === "mail")).toHaveLength(
      Number(day.tickets_from_mail),
    );
    expect(created.filter((t) => t.source.type === "chat-window")).toHaveLength(
      Number(day.tickets_from_chat_window),
    );
  });

  it("validates parameters; GET /tickets/<id> returns one ticket or 404", async () => {
    for (const [query, expected] of [
      ["status=closed", { errors: ["status: must be one of open, pending, solved, spam"] }],
      ["order=up", { errors: ["order: must be one of desc, asc"] }],
      [
        "source=phone",
        { errors: ["source: must be one of lc2, mail, facebook, agent-app-manual, chat-window"] },
      ],
      ["page=-1", { errors: ["page: must be a positive integer"] }],
      ["assignee=ghost%40x", { error: "Agent not found" }],
      ["group=12", { error: "Group not found" }],
    ] as const) {
      const res = await get(`/tickets?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body, query).toEqual(expected);
    }
    const one = (await tickets(DAY)).tickets[0];
    const res = await get(`/tickets/${one?.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(one);
    expect(await get("/tickets/ZZZZZ")).toMatchObject({
      status: 404,
      body: { error: "Ticket not found" },
    });
  });
});

describe("GET /status", () => {
  it("is online when an agent of the group is available now", async () => {
    for (const path of ["/status", "/status?group=0", "/status?group=2", "/status/1"]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(statusResponse.parse(res.body)).toEqual({ status: "online" });
    }
    expect(await get("/status?group=9")).toMatchObject({
      status: 400,
      body: { error: "Group not found" },
    });
    expect((await get("/status?group=x")).status).toBe(400);
  });

  it("is offline when nobody of the group is available", async () => {
    // Find a night hour when no VIP agent (group 4) is logged in.
    const vip = [
      "nora.sales@northwind.example",
      "ava.support@northwind.example",
      "james.vip@northwind.example",
    ];
    const available = (t: number) =>
      [utcDate(t - 86_400_000), utcDate(t)].some((d) =>
        vip.some((a) =>
          (livechatDayExtras(d).availability.get(a) ?? []).some(
            (iv) => iv.start <= t && t < iv.end,
          ),
        ),
      );
    let t = Date.parse("2026-06-14T07:00:00Z"); // Sunday 03:00 in New York
    const limit = t + 7 * 86_400_000;
    while (available(t) && t < limit) t += 600_000;
    expect(t).toBeLessThan(limit);
    const night = await startSimulator(t);
    try {
      const res = await livechatGet(night.url, "/status?group=4");
      expect(res.body).toEqual({ status: "offline" });
    } finally {
      await night.close();
    }
  });
});
