/**
 * TanStack Query options for the report tables and lists: agent ranking, the per-agent table,
 * occupancy, the chat archive, one transcript and the ticket list. Keys carry every parameter,
 * so a change of filters or page is a new cache entry, and lead with the API base the query is
 * fetched from (`DEFAULT_API_BASE` or a share link's), so share and app caches never mix.
 */
import { queryOptions } from "@tanstack/react-query";
import type {
  AgentTableResponse,
  ChatListResponse,
  ChatTranscriptResponse,
  OccupancyResponse,
  RankingResponse,
  SourceId,
  TicketListResponse,
} from "@/lib/metrics/types";
import { DEFAULT_API_BASE, getJson } from "./metrics";

/** Builds a query string, leaving out null and undefined values. */
export function queryString(params: Record<string, string | number | null | undefined>): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined) qs.set(key, String(value));
  }
  return qs.toString();
}

/** The window every report takes: one source, inclusive days, optional team. */
export interface ReportWindow {
  source: SourceId;
  from: string;
  to: string;
  group: string | null;
}

export type RankingKind = RankingResponse["kind"];

export type RankingQuery = ReportWindow & { kind: RankingKind };

export function rankingQueryOptions(q: RankingQuery, base: string = DEFAULT_API_BASE) {
  return queryOptions({
    queryKey: [base, "reports", "ranking", q] as const,
    queryFn: ({ signal }) =>
      getJson<RankingResponse>(`${base}/reports/ranking?${queryString({ ...q })}`, signal),
  });
}

export function agentTableQueryOptions(q: ReportWindow, base: string = DEFAULT_API_BASE) {
  return queryOptions({
    queryKey: [base, "reports", "agents", q] as const,
    queryFn: ({ signal }) =>
      getJson<AgentTableResponse>(`${base}/reports/agents?${queryString({ ...q })}`, signal),
  });
}

export function occupancyQueryOptions(q: ReportWindow, base: string = DEFAULT_API_BASE) {
  return queryOptions({
    queryKey: [base, "reports", "occupancy", q] as const,
    queryFn: ({ signal }) =>
      getJson<OccupancyResponse>(`${base}/reports/occupancy?${queryString({ ...q })}`, signal),
  });
}

export const CHAT_RATE_FILTERS = ["rated", "not_rated", "rated_good", "rated_bad"] as const;
export type ChatRateFilter = (typeof CHAT_RATE_FILTERS)[number];
export const CHAT_TYPE_FILTERS = ["chat", "missed_chat"] as const;
export type ChatTypeFilter = (typeof CHAT_TYPE_FILTERS)[number];

export interface ChatListQuery extends ReportWindow {
  /** 0–23, only with a one-day range. */
  hour: number | null;
  agent: string | null;
  rate: ChatRateFilter | null;
  type: ChatTypeFilter | null;
  page: number;
}

export function chatListQueryOptions(q: ChatListQuery, base: string = DEFAULT_API_BASE) {
  return queryOptions({
    queryKey: [base, "chats", "list", q] as const,
    queryFn: ({ signal }) =>
      getJson<ChatListResponse>(`${base}/chats?${queryString({ ...q })}`, signal),
  });
}

export interface TranscriptQuery {
  source: SourceId;
  id: string;
}

export function chatTranscriptQueryOptions(q: TranscriptQuery, base: string = DEFAULT_API_BASE) {
  return queryOptions({
    queryKey: [base, "chats", "transcript", q] as const,
    queryFn: ({ signal }) =>
      getJson<ChatTranscriptResponse>(
        `${base}/chats/${encodeURIComponent(q.id)}?${queryString({ source: q.source })}`,
        signal,
      ),
  });
}

export const TICKET_STATUSES = ["open", "pending", "solved", "spam"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export interface TicketListQuery extends ReportWindow {
  status: TicketStatus | null;
  page: number;
}

export function ticketListQueryOptions(q: TicketListQuery, base: string = DEFAULT_API_BASE) {
  return queryOptions({
    queryKey: [base, "tickets", "list", q] as const,
    queryFn: ({ signal }) =>
      getJson<TicketListResponse>(`${base}/tickets?${queryString({ ...q })}`, signal),
  });
}
