/**
 * LiveChat REST API v2 resources beyond groups and agents (`shared/reference/livechat-api.md`
 * §3.6, `shared/seeds/002_…` and the Postman collection `shared/seeds/004_…`):
 *
 * - `GET /chats`: the archive of ENDED chats (`endedAt ≤ now`), newest first (by start), 25 per
 *   page, `page` from 1. Filters: `date_from`/`date_to` (inclusive local days of the chat start in
 *   `timezone`, default the license zone), `type` (chat|missed_chat), `visitor_id`, `query`
 *   (case-insensitive text in the messages), `agent`, `group`, `goal`, `has_goal` (1: with a goal,
 *   0: without), `rate` (rated|not_rated|rated_good|rated_bad), `tag[]` (any). Items: see
 *   `archiveItem`; `started`/`ended`/message `date` use the account's zone
 *   (`Wed, 01/23/13 11:40:53 am`), `*_timestamp`/`timestamp` epoch seconds, `duration` seconds.
 * - `GET /chats/<id>`: one item, or 404 `{"error":"Chat not found"}` (also while still running).
 * - `GET /tickets`: `{pages, total, tickets}`, 25 per page, tickets with any activity (creation,
 *   first reply, solution) on the local days `date_from`…`date_to`; filters `status`, `assignee`,
 *   `assigned`, `group`, `source`, `tag`, `tagged`, `requester[mail]`, `query`; `order` by last
 *   modification (desc by default). `GET /tickets/<id>`: one ticket or 404.
 *   Sources map as: ticket form (`chat_window`) → `chat-window` (with `url`), `mail` → `mail`,
 *   created from a chat (`chat`) → `lc2`. Instants are ISO 8601 to the second (`…T22:24:20Z`).
 * - `GET /status` (`group`, default 0; also `/status/<group>`): `online` when at least one agent
 *   of the group (any agent for group 0) is available at `now`, else `offline`.
 */
import { LIVECHAT_AGENTS, LIVECHAT_GROUPS, LIVECHAT_LICENSE_TIMEZONE } from "./accounts";
import { chatsBetween, type Dataset, type SimChat } from "./dataset";
import {
  chatExtras,
  livechatDayExtras,
  transcriptOf,
  LIVECHAT_GOALS,
  type TranscriptMessage,
} from "./extras";
import { respond, type SimResponse } from "./http";
import { chatFilter, error, parseReportParams, rangeOf } from "./livechat-params";
import {
  TICKET_LOOKBACK_MS,
  ticketAsOf,
  ticketsCreatedBetween,
  ticketDayPrefix,
  ticketsOfDay,
  ticketStatus,
  type SimTicket,
} from "./tickets";
import {
  DAY_MS,
  addDays,
  compareDates,
  formatLiveChatDateTime,
  isoSeconds,
  parseYmd,
  utcDate,
} from "./time";
import {
  archiveChatResponse,
  archiveChatsResponse,
  statusResponse,
  ticket as ticketSchema,
  ticketsResponse,
} from "../lib/livechat/schemas";

export const PAGE_SIZE = 25;

const agentName = (login: string): string =>
  LIVECHAT_AGENTS.find((a) => a.login === login)?.name ?? login;
const groupName = (id: number): string =>
  LIVECHAT_GROUPS.find((g) => g.id === id)?.name ?? `Group ${id}`;
const seconds = (ms: number): number => Math.floor(ms / 1000);

/** `page` (default 1): a positive integer, else a problem is recorded. */
function readPage(query: URLSearchParams, problems: string[]): number {
  const raw = query.get("page");
  if (raw === null) return 1;
  if (/^\d+$/.test(raw) && Number(raw) >= 1) return Number(raw);
  problems.push("page: must be a positive integer");
  return 1;
}

/** Reads an enumerated argument; records a problem when the value is not allowed. */
function readEnum<T extends string>(
  query: URLSearchParams,
  name: string,
  allowed: readonly T[],
  problems: string[],
): T | null {
  const raw = query.get(name);
  if (raw === null) return null;
  const found = allowed.find((a) => a === raw);
  if (found === undefined) problems.push(`${name}: must be one of ${allowed.join(", ")}`);
  return found ?? null;
}

// ---------------------------------------------------------------------------------------------
// Archive

const RATE_OF = { good: "rated_good", bad: "rated_bad" } as const;

function messageItem(m: TranscriptMessage, chat: SimChat, visitorName: string) {
  const at = {
    date: formatLiveChatDateTime(m.at, LIVECHAT_LICENSE_TIMEZONE),
    timestamp: seconds(m.at),
  };
  if (m.author === "visitor")
    return { author_name: visitorName, text: m.text, ...at, user_type: "visitor" };
  const login = m.agent ?? chat.agents[0] ?? "";
  return {
    author_name: agentName(login),
    text: m.text,
    ...at,
    user_type: "agent",
    agent_id: login,
  };
}

/** One archive item with the documented fields (`shared/seeds/002_…`), in the documented order. */
export function archiveItem(chat: SimChat) {
  const x = chatExtras(chat);
  const tz = LIVECHAT_LICENSE_TIMEZONE;
  const goalDef = x.goal ? LIVECHAT_GOALS.find((g) => g.id === x.goal?.id) : undefined;
  const surveyId = (n: number): string => `${seconds(chat.startedAt)}${String(n).padStart(7, "0")}`;
  return {
    type: chat.firstResponseSeconds === null ? "missed_chat" : "chat",
    id: chat.id,
    visitor_name: x.visitorName,
    visitor_id: x.visitorId,
    agents: chat.agents.map((login) => ({ display_name: agentName(login), email: login })),
    supervisors: [],
    rate: chat.rating === null ? "not_rated" : RATE_OF[chat.rating],
    duration: Math.round((chat.endedAt - chat.startedAt) / 1000),
    group: [Number(chat.team)],
    started: formatLiveChatDateTime(chat.startedAt, tz),
    prechat_survey: [
      { key: "Name:", value: x.visitorName, id: surveyId(1) },
      { key: "E-mail:", value: x.visitorEmail, id: surveyId(2) },
    ],
    // Goals appear only when reached; sales trackers also carry the order (Postman sample).
    ...(x.goal
      ? {
          goals: [
            {
              id: x.goal.id,
              name: x.goal.name,
              ...(goalDef?.salesTracker && x.goal.value !== undefined
                ? {
                    type: "sales_tracker",
                    order: { price: x.goal.value.toFixed(2), currency: x.goal.currency ?? "" },
                  }
                : {}),
            },
          ],
        }
      : {}),
    tags: x.tags,
    engagement: x.engagement,
    ...(x.queuedSeconds !== null ? { queue: { duration: x.queuedSeconds } } : {}),
    messages: transcriptOf(chat).map((m) => messageItem(m, chat, x.visitorName)),
    started_timestamp: seconds(chat.startedAt),
    ended_timestamp: seconds(chat.endedAt),
    ended: formatLiveChatDateTime(chat.endedAt, tz),
  };
}

export function archive(query: URLSearchParams, dataset: Dataset): SimResponse {
  const problems: string[] = [];
  const type = readEnum(query, "type", ["chat", "missed_chat"], problems);
  const page = readPage(query, problems);
  const hasGoal = readEnum(query, "has_goal", ["0", "1"], problems);
  const rate = readEnum(query, "rate", ["rated", "not_rated", "rated_good", "rated_bad"], problems);
  const params = parseReportParams(
    query,
    { group: true, agent: true, tags: true, goal: true },
    dataset.now,
    dataset.firstDay,
    {},
    problems,
  );
  if ("status" in params) return params;
  const visitorId = query.get("visitor_id");
  const text = query.get("query")?.toLowerCase() ?? "";

  const { start, end } = rangeOf(params);
  const keep = chatFilter(params);
  const matches: SimChat[] = [];
  const chats = archiveChats(dataset, start, end);
  for (let i = chats.length - 1; i >= 0; i--) {
    const chat = chats[i];
    if (!chat || !keep(chat)) continue;
    const missed = chat.firstResponseSeconds === null;
    if (type !== null && (type === "missed_chat") !== missed) continue;
    if (rate === "rated" && chat.rating === null) continue;
    if (rate === "not_rated" && chat.rating !== null) continue;
    if (rate === "rated_good" && chat.rating !== "good") continue;
    if (rate === "rated_bad" && chat.rating !== "bad") continue;
    if (visitorId !== null || params.goal !== null || hasGoal !== null) {
      const x = chatExtras(chat);
      if (visitorId !== null && x.visitorId !== visitorId) continue;
      if (params.goal !== null && x.goal?.id !== params.goal) continue;
      if (hasGoal !== null && (x.goal !== null) !== (hasGoal === "1")) continue;
    }
    if (text !== "" && !transcriptOf(chat).some((m) => m.text.toLowerCase().includes(text)))
      continue;
    matches.push(chat);
  }

  const items = matches.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(archiveItem);
  return respond(200, archiveChatsResponse, {
    chats: items,
    total: matches.length,
    pages: Math.ceil(matches.length / PAGE_SIZE),
  });
}

/** Ended chats started in `[start, end)`, oldest first. */
function archiveChats(dataset: Dataset, start: number, end: number): SimChat[] {
  return chatsBetween(dataset.livechat, start, end).filter((c) => c.endedAt <= dataset.now);
}

export function archiveChat(encodedId: string, dataset: Dataset): SimResponse {
  let id: string;
  try {
    id = decodeURIComponent(encodedId);
  } catch {
    return error(404, "Chat not found");
  }
  const chat = dataset.livechat.find((c) => c.id === id);
  if (!chat || chat.endedAt > dataset.now) return error(404, "Chat not found");
  return respond(200, archiveChatResponse, archiveItem(chat));
}

// ---------------------------------------------------------------------------------------------
// Tickets

const SOURCE_TYPE: Record<SimTicket["source"], string> = {
  chat_window: "chat-window",
  mail: "mail",
  chat: "lc2",
};
const TICKET_SOURCES = ["lc2", "mail", "facebook", "agent-app-manual", "chat-window"] as const;
const TICKET_STATUSES = ["open", "pending", "solved", "spam"] as const;
const TICKET_RATE = { good: "rated_good", bad: "rated_bad" } as const;

const FIRST_REPLIES = [
  "Hi {name}, thanks for getting in touch! I'm looking into it now.",
  "Hello {name}, sorry for the trouble. Could you send us your order number?",
  "Hi {name}, thanks for your message. Here is what we can do:",
];

/** Instants of a ticket's activity as of `now` (creation, first reply, solution). */
const activities = (t: SimTicket): number[] =>
  [t.createdAt, t.firstResponseAt, t.solvedAt].filter((v): v is number => v !== null);

/** A ticket (as of `now`) in the classic REST v2 shape. */
export function ticketItem(t: SimTicket, now: number) {
  const status = ticketStatus(t, now);
  const source = SOURCE_TYPE[t.source];
  const modified = Math.max(...activities(t));
  const firstReply = FIRST_REPLIES[Math.abs(t.createdAt) % FIRST_REPLIES.length] ?? "";
  const requesterFirst = t.requester.name.split(" ")[0] ?? "";
  const events: Record<string, unknown>[] = [
    {
      author: { id: t.requester.mail, name: t.requester.name, type: "client" },
      date: isoSeconds(t.createdAt),
      is_private: false,
      message: t.subject,
      type: "message",
      source: { type: source },
    },
  ];
  if (t.firstResponseAt !== null && t.assignee !== null) {
    events.push({
      author: { id: t.assignee, name: agentName(t.assignee), type: "agent" },
      date: isoSeconds(t.firstResponseAt),
      is_private: false,
      message: firstReply.replace("{name}", requesterFirst),
      type: "message",
      source: { type: "lc2" },
    });
  }
  const group = Number(t.team);
  return {
    ...(t.assignee !== null ? { assignee: { id: t.assignee, name: agentName(t.assignee) } } : {}),
    events,
    id: t.id,
    requester: { mail: t.requester.mail, name: t.requester.name },
    groups: [{ id: group, name: groupName(group) }],
    status,
    subject: t.subject,
    modified: isoSeconds(modified),
    source: { type: source, ...(t.url !== null ? { url: t.url } : {}) },
    opened: [
      {
        from: isoSeconds(t.createdAt),
        ...(t.firstResponseAt !== null ? { to: isoSeconds(t.firstResponseAt) } : {}),
      },
    ],
    firstResponse:
      t.firstResponseAt !== null && t.assignee !== null
        ? {
            date: isoSeconds(t.firstResponseAt),
            agent: { id: t.assignee, name: agentName(t.assignee) },
          }
        : {},
    date: isoSeconds(t.createdAt),
    ...(t.solvedAt !== null ? { resolutionDate: isoSeconds(t.solvedAt) } : {}),
    tags: t.tags,
    rate: t.rating === null ? "not_rated" : TICKET_RATE[t.rating],
  };
}

export function tickets(query: URLSearchParams, dataset: Dataset): SimResponse {
  const problems: string[] = [];
  const page = readPage(query, problems);
  const status = readEnum(query, "status", TICKET_STATUSES, problems);
  const source = readEnum(query, "source", TICKET_SOURCES, problems);
  const order = readEnum(query, "order", ["desc", "asc"], problems) ?? "desc";
  const assigned = readEnum(query, "assigned", ["0", "1"], problems);
  const tagged = readEnum(query, "tagged", ["0", "1"], problems);
  const params = parseReportParams(
    query,
    { group: true },
    dataset.now,
    dataset.firstDay,
    {},
    problems,
  );
  if ("status" in params) return params;
  const assignee = query.get("assignee");
  if (assignee !== null && !LIVECHAT_AGENTS.some((a) => a.login === assignee))
    return error(400, "Agent not found");
  const tag = query.get("tag");
  const requesterMail = query.get("requester[mail]")?.toLowerCase() ?? null;
  const text = query.get("query")?.toLowerCase() ?? "";

  const { start, end } = rangeOf(params);
  const now = dataset.now;
  const found: SimTicket[] = [];
  for (const raw of ticketsCreatedBetween(dataset, start - TICKET_LOOKBACK_MS, end)) {
    const t = ticketAsOf(raw, now);
    if (!activities(t).some((a) => a >= start && a < end)) continue;
    if (params.teams !== null && !params.teams.has(t.team)) continue;
    if (status !== null && ticketStatus(t, now) !== status) continue;
    if (source !== null && SOURCE_TYPE[t.source] !== source) continue;
    if (assignee !== null && t.assignee !== assignee) continue;
    if (assigned !== null && (t.assignee !== null) !== (assigned === "1")) continue;
    if (tag !== null && !t.tags.includes(tag)) continue;
    const hasTags = t.tags.length > 0;
    if (tagged !== null && hasTags !== (tagged === "1")) continue;
    if (requesterMail !== null && t.requester.mail.toLowerCase() !== requesterMail) continue;
    if (text !== "" && !`${t.subject} ${t.requester.name}`.toLowerCase().includes(text)) continue;
    found.push(t);
  }
  const modified = (t: SimTicket): number => Math.max(...activities(t));
  found.sort((a, b) => {
    const diff = modified(a) - modified(b) || a.id.localeCompare(b.id);
    return order === "asc" ? diff : -diff;
  });
  return respond(200, ticketsResponse, {
    pages: Math.ceil(found.length / PAGE_SIZE),
    total: found.length,
    tickets: found.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((t) => ticketItem(t, now)),
  });
}

export function singleTicket(encodedId: string, dataset: Dataset): SimResponse {
  const id = encodedId.toUpperCase();
  const first = parseYmd(dataset.firstDay);
  const last = parseYmd(dataset.lastDay);
  if (/^[0-9A-Z]{5}$/.test(id) && first && last) {
    for (let date = first; compareDates(date, last) <= 0; date = addDays(date, 1)) {
      // The first two characters encode the creation day: only that day is generated.
      if (ticketDayPrefix(date) !== id.slice(0, 2)) continue;
      const t = ticketsOfDay(date).find((x) => x.id === id);
      if (t && t.createdAt <= dataset.now)
        return respond(200, ticketSchema, ticketItem(ticketAsOf(t, dataset.now), dataset.now));
    }
  }
  return error(404, "Ticket not found");
}

// ---------------------------------------------------------------------------------------------
// Status

export function status(groupParam: string | null, dataset: Dataset): SimResponse {
  let group = 0;
  if (groupParam !== null) {
    if (!/^\d+$/.test(groupParam)) return error(400, "group: must be a non-negative integer");
    group = Number(groupParam);
  }
  if (!LIVECHAT_GROUPS.some((g) => g.id === group)) return error(400, "Group not found");
  const members = new Set(
    LIVECHAT_AGENTS.filter((a) => group === 0 || a.groups.includes(group)).map((a) => a.login),
  );
  const now = dataset.now;
  const first = parseYmd(dataset.firstDay);
  let online = false;
  // Sessions belong to the UTC day they start on and may run past midnight: check yesterday too.
  for (const date of [utcDate(now - DAY_MS), utcDate(now)]) {
    if (first && compareDates(date, first) < 0) continue;
    for (const [agent, intervals] of livechatDayExtras(date).availability) {
      if (members.has(agent) && intervals.some((iv) => iv.start <= now && now < iv.end))
        online = true;
    }
  }
  return respond(200, statusResponse, { status: online ? "online" : "offline" });
}
