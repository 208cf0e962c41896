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
import { requestJson } from "../upstream/http";
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
  groupBy: Granularity;
  /** LiveChat group id; omitted for all groups. */
  group?: number;
  /** Agent login. */
  agent?: string;
}

/** Reads `{"error": "…"}` or `{"errors": ["…"]}` (v2 error bodies). */
export function describeLiveChatError(body: unknown): string | undefined {
  const parsed = s.errorBody.safeParse(body);
  if (!parsed.success) return undefined;
  return "error" in parsed.data ? parsed.data.error : parsed.data.errors.join("; ");
}

export class LiveChatClient {
  constructor(
    private readonly credentials: LiveChatCredentials,
    private readonly timeoutMs: number,
  ) {}

  private get<S extends z.ZodType>(
    path: string,
    schema: S,
    query?: Record<string, string | undefined>,
  ) {
    const token = Buffer.from(`${this.credentials.login}:${this.credentials.apiKey}`).toString(
      "base64",
    );
    return requestJson({
      vendor: "livechat",
      method: "GET",
      baseUrl: this.credentials.apiUrl,
      path,
      query,
      headers: { authorization: `Basic ${token}`, "x-api-version": "2" },
      timeoutMs: this.timeoutMs,
      schema,
      describeError: describeLiveChatError,
    });
  }

  private report<S extends z.ZodType>(path: string, schema: S, q: ReportQuery) {
    return this.get(path, schema, {
      date_from: q.dateFrom,
      date_to: q.dateTo,
      timezone: q.timezone,
      group_by: q.groupBy,
      group: q.group === undefined ? undefined : String(q.group),
      agent: q.agent,
    });
  }

  /** GET /reports/chats/total_chats → `{[bucket]: {chats}}` */
  totalChats(q: ReportQuery) {
    return this.report("/reports/chats/total_chats", s.totalChatsReport, q);
  }

  /** GET /reports/chats/ratings → `{[bucket]: {good, bad, chats}}` */
  ratings(q: ReportQuery) {
    return this.report("/reports/chats/ratings", s.ratingsReport, q);
  }

  /** GET /reports/chats/first_response_time → `{[bucket]: {first_response_time: {count, seconds|null}}}` */
  firstResponseTime(q: ReportQuery) {
    return this.report("/reports/chats/first_response_time", s.firstResponseTimeReport, q);
  }

  /** GET /reports/chats/response_time → `{[bucket]: {avg_response_time: {count, seconds|null}}}` */
  responseTime(q: ReportQuery) {
    return this.report("/reports/chats/response_time", s.responseTimeReport, q);
  }

  /** GET /groups → all groups, group 0 = "All operators". */
  groups() {
    return this.get("/groups", s.groupsResponse);
  }

  /** GET /agents/<login> → one agent with `permission` (owner | administrator | normal). */
  agent(login: string) {
    return this.get(`/agents/${encodeURIComponent(login)}`, s.agentResponse);
  }
}
