/**
 * Typed client for the LiveChat Reports API v2 and REST API v2 (server only).
 *
 * Auth: HTTP Basic `login:API key` (or `email:personal access token`) plus the required
 * `X-API-Version: 2` header (`shared/reference/livechat-api.md` §3.1). Reports are GET with
 * `date_from`/`date_to` (inclusive `YYYY-MM-DD`), `timezone`, `group`, `agent`, `group_by`
 * (§3.3). We always send both dates (the default is "the beginning of time") and `timezone`
 * even where v2 does not document it, so every report is cut in the same zone.
 */
import "server-only";
import type { z } from "zod";
import type { UpstreamCaller } from "../upstream/gateway";
import { endpointOf, requestJson } from "../upstream/http";
import { LATEST_TODAY_ZONE, POLICIES, rangePolicy, type CachePolicy } from "../upstream/policy";
import * as s from "./schemas";
import type { Granularity } from "../metrics/types";

export interface LiveChatCredentials {
  apiUrl: string;
  login: string;
  apiKey: string;
}

export interface ReportQuery {
  dateFrom: string;
  dateTo: string;
  timezone: string;
  /** Omitted for reports without `group_by` (availability, chatting_time). */
  groupBy?: Granularity;
  /** LiveChat group id; omitted for all groups. */
  group?: number;
  /** Agent login. */
  agent?: string;
  /** `tag[]` filter. */
  tags?: string[];
}

/**
 * Every Reports API v2 report we read, with the parameters its documentation lists
 * (`shared/seeds/000_…`): `filters` = `single` (`group`, `agent`), `array` (`groups[]`,
 * `agents[]`: not_replied_chats only), `group` (no agent filter); `groupBy` false for
 * availability and chatting_time, which pick minutes-per-hour (one day) or hours-per-day
 * themselves.
 */
export const LIVECHAT_REPORTS = {
  total_chats: {
    path: "/reports/chats/total_chats",
    schema: s.totalChatsReport,
    filters: "single",
    groupBy: true,
  },
  engagement: {
    path: "/reports/chats/engagement",
    schema: s.engagementReport,
    filters: "single",
    groupBy: true,
  },
  not_replied_chats: {
    path: "/reports/chats/not_replied_chats",
    schema: s.notRepliedChatsReport,
    filters: "array",
    groupBy: true,
  },
  ratings: {
    path: "/reports/chats/ratings",
    schema: s.ratingsReport,
    filters: "single",
    groupBy: true,
  },
  queued_visitors: {
    path: "/reports/chats/queued_visitors",
    schema: s.queuedVisitorsReport,
    filters: "group",
    groupBy: true,
  },
  waiting_times: {
    path: "/reports/chats/queued_visitors/waiting_times",
    schema: s.waitingTimesReport,
    filters: "group",
    groupBy: true,
  },
  availability: {
    path: "/reports/availability",
    schema: s.hoursOrMinutesReport,
    filters: "single",
    groupBy: false,
  },
  chatting_time: {
    path: "/reports/chats/chatting_time",
    schema: s.hoursOrMinutesReport,
    filters: "single",
    groupBy: false,
  },
  first_response_time: {
    path: "/reports/chats/first_response_time",
    schema: s.firstResponseTimeReport,
    filters: "single",
    groupBy: true,
  },
  response_time: {
    path: "/reports/chats/response_time",
    schema: s.responseTimeReport,
    filters: "single",
    groupBy: true,
  },
  goals: { path: "/reports/chats/goals", schema: s.goalsReport, filters: "single", groupBy: true },
  greetings: {
    path: "/reports/chats/greetings",
    schema: s.greetingsReport,
    filters: "group",
    groupBy: true,
  },
  new_tickets: {
    path: "/reports/tickets/new_tickets",
    schema: s.newTicketsReport,
    filters: "group",
    groupBy: true,
  },
  ticket_first_response_time: {
    path: "/reports/tickets/first_response_time",
    schema: s.ticketHoursReport,
    filters: "single",
    groupBy: true,
  },
  solved_tickets: {
    path: "/reports/tickets/solved_tickets",
    schema: s.solvedTicketsReport,
    filters: "single",
    groupBy: true,
  },
  resolution_time: {
    path: "/reports/tickets/resolution_time",
    schema: s.ticketHoursReport,
    filters: "single",
    groupBy: true,
  },
  ticket_sources: {
    path: "/reports/tickets/ticket_sources",
    schema: s.ticketSourcesReport,
    filters: "group",
    groupBy: true,
  },
  ticket_ratings: {
    path: "/reports/tickets/ratings",
    schema: s.ticketRatingsReport,
    filters: "single",
    groupBy: true,
  },
} as const;
export type LiveChatReportName = keyof typeof LIVECHAT_REPORTS;
export type LiveChatReport<N extends LiveChatReportName> = z.infer<
  (typeof LIVECHAT_REPORTS)[N]["schema"]
>;

/** Archive filters of `GET /chats` (`shared/seeds/002_…`). */
export interface ArchiveQuery {
  dateFrom: string;
  dateTo: string;
  timezone: string;
  page: number;
  group?: number;
  agent?: string;
  type?: "chat" | "missed_chat";
  rate?: "rated" | "not_rated" | "rated_good" | "rated_bad";
}

/** Ticket list filters of `GET /tickets` (`livechat-api.md` §3.6). */
export interface TicketQuery {
  dateFrom: string;
  dateTo: string;
  timezone: string;
  page: number;
  group?: number;
  status?: "open" | "pending" | "solved" | "spam";
}

/** Reads `{"error": "…"}` or `{"errors": ["…"]}` (v2 error bodies). */
export function describeLiveChatError(body: unknown): string | undefined {
  const parsed = s.errorBody.safeParse(body);
  if (!parsed.success) return undefined;
  return "error" in parsed.data ? parsed.data.error : parsed.data.errors.join("; ");
}

export class LiveChatClient {
  /**
   * @param caller the upstream gateway (cache, coalescing, retries, breaker); without one
   *   every call goes straight to LiveChat (sign-in checks, tests).
   */
  constructor(
    private readonly credentials: LiveChatCredentials,
    private readonly timeoutMs: number,
    private readonly caller?: UpstreamCaller,
  ) {}

  private get<S extends z.ZodType>(
    path: string,
    schema: S,
    query: Record<string, string | string[] | undefined> | undefined,
    policy: CachePolicy | null,
  ): Promise<z.output<S>> {
    const token = Buffer.from(`${this.credentials.login}:${this.credentials.apiKey}`).toString(
      "base64",
    );
    const req = {
      vendor: "livechat" as const,
      method: "GET" as const,
      baseUrl: this.credentials.apiUrl,
      path,
      query,
      headers: { authorization: `Basic ${token}`, "x-api-version": "2" },
      schema,
      describeError: describeLiveChatError,
    };
    if (!this.caller) return requestJson({ ...req, timeoutMs: this.timeoutMs });
    return this.caller(req, { route: endpointOf("GET", path), policy });
  }

  /**
   * One Reports API v2 report. Sends only the parameters the report documents, plus
   * `timezone` everywhere so every report is cut in the same zone.
   * @throws UpstreamError
   */
  report<N extends LiveChatReportName>(name: N, q: ReportQuery): Promise<LiveChatReport<N>> {
    const spec = LIVECHAT_REPORTS[name];
    const query: Record<string, string | string[] | undefined> = {
      date_from: q.dateFrom,
      date_to: q.dateTo,
      timezone: q.timezone,
      group_by: spec.groupBy ? q.groupBy : undefined,
    };
    const group = q.group === undefined ? undefined : String(q.group);
    if (spec.filters === "array") {
      query["groups[]"] = group === undefined ? undefined : [group];
      query["agents[]"] = q.agent === undefined ? undefined : [q.agent];
    } else {
      query.group = group;
      if (spec.filters === "single") query.agent = q.agent;
    }
    if (q.tags?.length) query["tag[]"] = q.tags;
    return this.get(spec.path, spec.schema, query, rangePolicy(q.dateTo, q.timezone)) as Promise<
      LiveChatReport<N>
    >;
  }

  /** GET /reports/chats/ratings/ranking or /reports/tickets/ratings/ranking (no time buckets). */
  ranking(kind: "chats" | "tickets", q: { dateFrom: string; dateTo: string; group?: number }) {
    // No time zone parameter: the account's zone cuts the days, so "today" is judged late.
    return this.get(
      `/reports/${kind}/ratings/ranking`,
      s.rankingReport,
      {
        date_from: q.dateFrom,
        date_to: q.dateTo,
        group: q.group === undefined ? undefined : String(q.group),
      },
      rangePolicy(q.dateTo, LATEST_TODAY_ZONE),
    );
  }

  /**
   * GET /reports/chats/agents_occupancy: the most simultaneous chats per hour of every
   * `weekday` in the range → `{"YYYY-MM-DD HH:00": n}`. v2 documents only `weekday`; we also
   * send the range, zone and group so the answer matches the dashboard's filters.
   */
  occupancy(q: {
    weekday: "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
    dateFrom: string;
    dateTo: string;
    timezone: string;
    group?: number;
  }) {
    return this.get(
      "/reports/chats/agents_occupancy",
      s.agentsOccupancyReport,
      {
        weekday: q.weekday,
        date_from: q.dateFrom,
        date_to: q.dateTo,
        timezone: q.timezone,
        group: q.group === undefined ? undefined : String(q.group),
      },
      rangePolicy(q.dateTo, q.timezone),
    );
  }

  /** GET /chats: one page (25) of ended chats, newest first → `{chats, total, pages}`. */
  archive(q: ArchiveQuery) {
    return this.get(
      "/chats",
      s.archiveChatsResponse,
      {
        date_from: q.dateFrom,
        date_to: q.dateTo,
        timezone: q.timezone,
        page: String(q.page),
        group: q.group === undefined ? undefined : String(q.group),
        agent: q.agent,
        type: q.type,
        rate: q.rate,
      },
      rangePolicy(q.dateTo, q.timezone),
    );
  }

  /** GET /chats/<id>: one chat with its messages. @throws UpstreamError (not_found for unknown ids) */
  chat(id: string) {
    // An ended chat does not change.
    return this.get(
      `/chats/${encodeURIComponent(id)}`,
      s.archiveChatResponse,
      undefined,
      POLICIES.transcript(),
    );
  }

  /** GET /tickets: one page (25) of tickets with activity in the range → `{tickets, total, pages}`. */
  tickets(q: TicketQuery) {
    // Tickets of any range change status today: always the short window.
    return this.get(
      "/tickets",
      s.ticketsResponse,
      {
        date_from: q.dateFrom,
        date_to: q.dateTo,
        timezone: q.timezone,
        page: String(q.page),
        group: q.group === undefined ? undefined : String(q.group),
        status: q.status,
      },
      POLICIES.today(),
    );
  }

  /** GET /status?group=<id> → `{status: "online" | "offline"}`. */
  status(group?: number) {
    return this.get(
      "/status",
      s.statusResponse,
      { group: group === undefined ? undefined : String(group) },
      POLICIES.status(),
    );
  }

  /** GET /agents → every agent of the account. */
  agents() {
    return this.get("/agents", s.agentsResponse, undefined, POLICIES.list());
  }

  /** GET /groups → all groups, group 0 = "All operators". */
  groups() {
    return this.get("/groups", s.groupsResponse, undefined, POLICIES.list());
  }

  /** GET /agents/<login> → one agent with `permission` (owner | administrator | normal). */
  agent(login: string) {
    // A permission check: never answered from a cache.
    return this.get(`/agents/${encodeURIComponent(login)}`, s.agentResponse, undefined, null);
  }
}
