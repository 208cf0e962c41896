/**
 * zod schemas for LiveChat Reports API v2 and REST API v2 responses.
 *
 * Source: LiveChat Reports API v2 (`shared/seeds/000_…`), REST API v2 archives
 * (`shared/seeds/002_…`) and the Postman collection (`shared/seeds/004_…`); notes in
 * `shared/reference/livechat-api.md` §3. Every v2 report is a bare JSON object keyed by
 * bucket: `"HH:00"` (one day, group_by=hour), `"YYYY-MM-DD"` (day) or `"YYYY-MM"` (month).
 * Averages are `null` when their count is 0. Units: chat times in seconds, ticket times in
 * hours, availability/chatting time in hours per day or minutes per hour (one-day range).
 *
 * REST API v2 resources: `GET /groups`, `/agents`, `/agents/<login>`; the archive
 * (`GET /chats`, `/chats/<id>`: `started`/`ended` as `Wed, 01/23/13 11:40:53 am` in the
 * account's zone, `*_timestamp` epoch seconds); tickets (`GET /tickets`, `/tickets/<id>`: ISO
 * 8601 instants); `GET /status`. Item schemas are loose: unknown upstream fields are kept.
 *
 * Both our clients and the simulator validate against these schemas, so the simulator can
 * never drift from what the clients accept.
 */
import { z } from "zod";

const count = z.number().int().nonnegative();
const nullableSeconds = z.number().nonnegative().nullable();

/** `begin`/`end` dates carried by monthly buckets of some reports (clipped to the range). */
const monthBounds = {
  begin: z.string().optional(),
  end: z.string().optional(),
};

/** Builds a "bare object keyed by bucket" report schema from one bucket schema. */
export function bucketReport<T extends z.ZodType>(bucket: T) {
  return z.record(z.string(), bucket);
}

/** GET /reports/chats/total_chats → `{ [bucket]: { chats } }` */
export const totalChatsReport = bucketReport(z.object({ chats: count }));

/** GET /reports/chats/ratings → `{ [bucket]: { good, bad, chats, begin?, end? } }`; `chats` = all chats, rated or not. */
export const ratingsReport = bucketReport(
  z.object({ good: count, bad: count, chats: count, ...monthBounds }),
);

/** GET /reports/chats/first_response_time → `{ [bucket]: { first_response_time: { count, seconds|null } } }` */
export const firstResponseTimeReport = bucketReport(
  z.object({ first_response_time: z.object({ count, seconds: nullableSeconds }) }),
);

/** GET /reports/chats/response_time → `{ [bucket]: { avg_response_time: { count, seconds|null } } }` */
export const responseTimeReport = bucketReport(
  z.object({ avg_response_time: z.object({ count, seconds: nullableSeconds }) }),
);

/** GET /reports/chats/engagement */
export const engagementReport = bucketReport(
  z.object({
    chats_from_auto_invite: count,
    chats_from_immediate_start: count,
    chats_from_manual_invite: count,
  }),
);

/** GET /reports/chats/not_replied_chats (uses `groups[]`/`agents[]` filters) */
export const notRepliedChatsReport = bucketReport(z.object({ not_replied: count }));

const queueCount = z.object({ count });
/** GET /reports/chats/queued_visitors */
export const queuedVisitorsReport = bucketReport(
  z.object({ queued: queueCount, left_queue: queueCount, entered_chat: queueCount }),
);

const waitStats = z.object({
  count,
  min: z.object({ seconds: nullableSeconds }),
  max: z.object({ seconds: nullableSeconds }),
  average: z.object({ seconds: nullableSeconds }),
});
/** GET /reports/chats/queued_visitors/waiting_times (seconds) */
export const waitingTimesReport = bucketReport(
  z.object({ queued: waitStats, left_queue: waitStats, entered_chat: waitStats }),
);

/** GET /reports/availability and /reports/chats/chatting_time: hours per day, or minutes per hour for one day. */
export const hoursOrMinutesReport = bucketReport(
  z.union([
    z.object({ hours: z.number().nonnegative() }),
    z.object({ minutes: z.number().nonnegative() }),
  ]),
);

/** GET /reports/chats/agents_occupancy?weekday=mon…sun → `{ "YYYY-MM-DD HH:00": n }` (simultaneous chats). */
export const agentsOccupancyReport = z.record(z.string(), z.number().nonnegative());

/** GET /reports/chats/goals */
export const goalsReport = bucketReport(
  z.object({
    goals: count,
    value: z.record(z.string(), z.object({ sales_count: count, value: z.number() })).optional(),
    ...monthBounds,
  }),
);

/** GET /reports/chats/greetings */
export const greetingsReport = bucketReport(
  z.object({ displayed: count, accepted: count, goals: count, ...monthBounds }),
);

/** GET /reports/chats/ratings/ranking and /reports/tickets/ratings/ranking */
export const rankingReport = z.object({
  ranking: z.array(
    z.object({ name: z.string(), good: count, bad: count, total: count, score: z.number() }),
  ),
});

/** GET /reports/tickets/new_tickets */
export const newTicketsReport = bucketReport(z.object({ new_tickets: count }));
/** GET /reports/tickets/solved_tickets */
export const solvedTicketsReport = bucketReport(z.object({ solved_tickets: count }));
/** GET /reports/tickets/first_response_time and /resolution_time (decimal hours, null when count is 0) */
export const ticketHoursReport = bucketReport(
  z.object({ count, hours: z.number().nonnegative().nullable() }),
);
/** GET /reports/tickets/ticket_sources */
export const ticketSourcesReport = bucketReport(
  z.object({
    tickets_from_chat_window: count,
    tickets_from_mail: count,
    tickets_from_chat: count,
  }),
);
/** GET /reports/tickets/ratings */
export const ticketRatingsReport = bucketReport(
  z.object({ good: count, bad: count, ...monthBounds }),
);

/** GET /groups → `[{ id, name, language, agents?, status }]`; group 0 ("All operators") has no agents list. */
export const groupsResponse = z.array(
  z.looseObject({
    id: z.number().int().nonnegative(),
    name: z.string(),
    language: z.string().optional(),
    agents: z.array(z.string()).optional(),
    status: z.string().optional(),
  }),
);

export const agentPermission = z.enum(["owner", "administrator", "normal"]);

/** GET /agents → `[{ name, permission, avatar, login, status }]` */
export const agentsResponse = z.array(
  z.looseObject({
    login: z.string(),
    name: z.string(),
    permission: agentPermission,
    avatar: z.string().optional(),
    status: z.string().optional(),
  }),
);

/** GET /agents/<login> → the agent with `groups[{id,name}]` and more. */
export const agentResponse = z.looseObject({
  login: z.string(),
  name: z.string(),
  permission: agentPermission,
  status: z.string().optional(),
  groups: z.array(z.object({ id: z.number().int(), name: z.string() })).optional(),
});

/** One archive message. `date` is the account-zone `Wed, 01/23/13 11:40:53 am` form, `timestamp` epoch seconds. */
export const archiveMessage = z.looseObject({
  author_name: z.string(),
  text: z.string(),
  date: z.string(),
  timestamp: z.number(),
  user_type: z.enum(["agent", "visitor", "supervisor"]),
  /** The agent's login, on agent and supervisor messages. */
  agent_id: z.string().optional(),
});

const keyValue = z.looseObject({ key: z.string(), value: z.string() });

/**
 * One archived (ended) chat, as in `GET /chats` and `GET /chats/<id>`. Dates: `started`/`ended`
 * in the account's time zone (`Wed, 01/23/13 11:40:53 am`), `*_timestamp` epoch seconds,
 * `duration` seconds. `goals` appears only when a goal was reached, `custom_variables` only when
 * defined, `queue` only when the chat started from the queue. Unknown fields are kept.
 */
export const archiveChat = z.looseObject({
  id: z.string(),
  /** `chat` or `missed_chat` (no agent reply). */
  type: z.string().optional(),
  visitor_name: z.string().optional(),
  visitor_id: z.string().optional(),
  agents: z.array(z.looseObject({ display_name: z.string(), email: z.string() })),
  supervisors: z.array(z.looseObject({ display_name: z.string(), email: z.string() })).optional(),
  /** `rated_good`, `rated_bad` or `not_rated`. */
  rate: z.string().optional(),
  duration: z.number().optional(),
  group: z.array(z.number().int()).optional(),
  started: z.string().optional(),
  ended: z.string().optional(),
  prechat_survey: z.array(keyValue).optional(),
  custom_variables: z.array(keyValue).optional(),
  goals: z.array(z.looseObject({ id: z.number().int(), name: z.string() })).optional(),
  tags: z.array(z.string()).optional(),
  /** `auto_invite`, `manual_invite` or `immediate_start`. */
  engagement: z.string().optional(),
  queue: z.looseObject({ duration: z.number().nonnegative() }).optional(),
  messages: z.array(archiveMessage).optional(),
  started_timestamp: z.number().optional(),
  ended_timestamp: z.number().optional(),
});

/** GET /chats (archive): ended chats, newest first, 25 per page, `page` from 1. */
export const archiveChatsResponse = z.object({
  chats: z.array(archiveChat),
  total: count,
  pages: count,
});

/** GET /chats/<id> → one archive item (404 `{"error":"Chat not found"}` otherwise). */
export const archiveChatResponse = archiveChat;

/** Instants in ticket payloads: ISO 8601 strings (`2013-11-15T22:24:20Z`); older samples use epoch seconds. */
const ticketInstant = z.union([z.string(), z.number()]);
const ticketPerson = z.looseObject({ id: z.string(), name: z.string().optional() });

/**
 * One ticket (REST API v2 `GET /tickets`, `GET /tickets/<id>`). `source.type` is `lc2` (created
 * from a chat), `mail`, `chat-window` (ticket form; carries `url`), `facebook` or
 * `agent-app-manual`. `groups` holds `{id, name}` objects (older samples: bare ids).
 * `firstResponse` is `{}` until an agent answered; `resolutionDate` appears once solved.
 */
export const ticket = z.looseObject({
  id: z.string(),
  subject: z.string().optional(),
  status: z.enum(["open", "pending", "solved", "spam"]),
  source: z.looseObject({ type: z.string(), url: z.string().optional() }),
  requester: z.looseObject({ mail: z.string(), name: z.string().optional() }),
  assignee: ticketPerson.optional(),
  groups: z.array(
    z.union([z.number().int(), z.looseObject({ id: z.number().int(), name: z.string() })]),
  ),
  tags: z.array(z.string()).optional(),
  rate: z.enum(["rated_good", "rated_bad", "not_rated"]).optional(),
  date: ticketInstant.optional(),
  modified: ticketInstant,
  resolutionDate: ticketInstant.optional(),
  firstResponse: z.looseObject({ date: ticketInstant.optional() }).optional(),
  opened: z.array(z.looseObject({ from: ticketInstant, to: ticketInstant.optional() })).optional(),
  events: z.array(z.looseObject({ type: z.string(), date: ticketInstant })),
});

/** GET /tickets → `{ pages, total, tickets }`, 25 per page, `page` from 1. */
export const ticketsResponse = z.object({
  pages: count,
  total: count,
  tickets: z.array(ticket),
});

/** GET /status (optional `group`, default 0) → `{ "status": "online" | "offline" }`. */
export const statusResponse = z.object({ status: z.enum(["online", "offline"]) });

/** v2 error bodies: `{"error": "text"}` or `{"errors": ["text", …]}`. */
export const errorBody = z.union([
  z.object({ error: z.string() }),
  z.object({ errors: z.array(z.string()) }),
]);

export type TotalChatsReport = z.infer<typeof totalChatsReport>;
export type RatingsReport = z.infer<typeof ratingsReport>;
export type FirstResponseTimeReport = z.infer<typeof firstResponseTimeReport>;
export type ResponseTimeReport = z.infer<typeof responseTimeReport>;
export type Groups = z.infer<typeof groupsResponse>;
export type Agent = z.infer<typeof agentResponse>;
export type ArchiveChat = z.infer<typeof archiveChat>;
export type ArchiveChatsResponse = z.infer<typeof archiveChatsResponse>;
export type Ticket = z.infer<typeof ticket>;
export type TicketsResponse = z.infer<typeof ticketsResponse>;
export type StatusResponse = z.infer<typeof statusResponse>;
