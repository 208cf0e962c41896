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

/** GET /chats (archive): 25 per page, `page` from 1. Items are large; only what we use is checked. */
export const archiveChatsResponse = z.object({
  chats: z.array(
    z.looseObject({
      id: z.string(),
      type: z.string().optional(),
      agents: z.array(z.looseObject({ display_name: z.string(), email: z.string() })),
      rate: z.string().optional(),
      duration: z.number().optional(),
      group: z.array(z.number().int()).optional(),
      started_timestamp: z.number().optional(),
      ended_timestamp: z.number().optional(),
    }),
  ),
  total: count,
  pages: count,
});

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
