/**
 * Server prefetch of a page's queries (server only). A report page starts, in parallel and
 * without awaiting them, every query its widgets will run on arrival — the same queries under
 * the same keys (`lib/queries/pages.ts`), answered by the same services as our API, never over
 * HTTP — and hands the still-pending queries to the browser with `dehydrate`. The HTML streams
 * at once; each answer streams into the page as it resolves, and the browser sends no request
 * for it.
 *
 * Each query is validated exactly as its route handler validates the browser's request (same
 * query string, same parsers) and a failure becomes the error envelope the API would have sent
 * (`toErrorResponse`), wrapped in `Prefetched` (see `lib/queries/prefetched.ts`). Nothing here
 * throws into the page: a prefetch that cannot even start is left to the browser.
 */
import "server-only";
import {
  defaultShouldDehydrateQuery,
  dehydrate,
  QueryClient,
  queryOptions,
  type DehydratedState,
} from "@tanstack/react-query";
import { createLoader } from "nuqs/server";
import type { QueryKey } from "@tanstack/react-query";
import { ApiHttpError, toErrorResponse } from "@/lib/api/errors";
import { parseMetricParams } from "@/lib/api/metric-params";
import {
  chatId,
  chatListQuery,
  parseQuery,
  rankingQuery,
  ticketListQuery,
  transcriptQuery,
  viewQuery,
} from "@/lib/api/view-params";
import { todayIn } from "@/lib/dates";
import {
  archiveParsers,
  filterParsers,
  resolveArchive,
  resolveFilters,
  type ScopedFilters,
} from "@/lib/filters";
import { getMetricReport } from "@/lib/metrics/service";
import type { ApiErrorBody, SourcesResponse } from "@/lib/metrics/types";
import { metricQueryString, parseRetryAfter } from "@/lib/queries/metrics";
import {
  pageQueryKey,
  reportPageQueries,
  transcriptSource,
  type PageQuery,
  type ReportPageId,
} from "@/lib/queries/pages";
import type { Prefetched, PrefetchFailure } from "@/lib/queries/prefetched";
import { queryString } from "@/lib/queries/reports";
import { answerShare, type ShareAccess, type ShareResource } from "@/lib/share/serve";
import {
  getAgentTable,
  getChatList,
  getOccupancy,
  getRanking,
  getTicketList,
  getTranscript,
} from "@/lib/views/service";

/** A page's `searchParams`, as Next hands them to a page. */
export type PageSearchParams = Record<string, string | string[] | undefined>;

const loadFilters = createLoader(filterParsers);
const loadArchive = createLoader(archiveParsers);

/** The route handlers' validation: a request the API would refuse is refused the same way. */
function valid<T>(parsed: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!parsed.ok) throw new ApiHttpError(400, "invalid_parameter", parsed.message);
  return parsed.value;
}

/** Answers one query with the service behind its endpoint. */
async function answer(q: PageQuery): Promise<unknown> {
  switch (q.kind) {
    case "metric": {
      const qs = new URLSearchParams(metricQueryString(q.query));
      return getMetricReport(valid(parseMetricParams(q.query.metric, qs)));
    }
    case "ranking":
      return getRanking(valid(parseQuery(rankingQuery, search({ ...q.query }))));
    case "agents":
      return getAgentTable(valid(parseQuery(viewQuery, search({ ...q.query }))));
    case "occupancy":
      return getOccupancy(valid(parseQuery(viewQuery, search({ ...q.query }))));
    case "tickets":
      return getTicketList(valid(parseQuery(ticketListQuery, search({ ...q.query }))));
    case "chats":
      return getChatList(valid(parseQuery(chatListQuery, search({ ...q.query }))));
    case "transcript": {
      const id = chatId.safeParse(q.query.id);
      if (!id.success) {
        throw new ApiHttpError(400, "invalid_parameter", id.error.issues[0]?.message ?? "bad id");
      }
      const params = valid(parseQuery(transcriptQuery, search({ source: q.query.source })));
      return getTranscript(id.data, params);
    }
  }
}

/** The query string the browser's fetcher would send for `params`. */
function search(params: Record<string, string | number | null | undefined>): URLSearchParams {
  return new URLSearchParams(queryString(params));
}

/** What the API would have answered for a failure: status, envelope and `Retry-After`. */
async function failure(
  error: unknown,
  redact: (message: string) => string,
): Promise<PrefetchFailure> {
  const res = toErrorResponse(error);
  let body: Partial<ApiErrorBody> = {};
  try {
    body = (await res.json()) as Partial<ApiErrorBody>;
  } catch {
    // Not our envelope: keep the generic text below.
  }
  const retryAfterSeconds = parseRetryAfter(res.headers.get("retry-after"));
  return {
    status: res.status,
    code: body.error?.code ?? "internal_error",
    message: redact(body.error?.message ?? "Something went wrong on our side."),
    ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
  };
}

/**
 * How a page's queries are answered: by default the app's own API (keys for `/api`, the
 * services behind its endpoints); a share page answers through its link's scoped API.
 */
interface Answerer {
  key: (q: PageQuery) => QueryKey;
  answer: (q: PageQuery) => Promise<unknown>;
  /** Applied to failure messages (a share link hiding agent names). */
  redact: (message: string) => string;
}

const APP: Answerer = { key: (q) => pageQueryKey(q), answer, redact: (m) => m };

async function settle(q: PageQuery, by: Answerer): Promise<Prefetched> {
  try {
    return { prefetched: true, ok: true, data: await by.answer(q) };
  } catch (error) {
    return { prefetched: true, ok: false, error: await failure(error, by.redact) };
  }
}

/**
 * Starts every query at once on a QueryClient of this request only (users never share a
 * cache) and dehydrates them while still pending.
 */
export function prefetchQueries(
  queries: readonly PageQuery[],
  by: Answerer = APP,
): DehydratedState | null {
  if (queries.length === 0) return null;
  const client = new QueryClient({
    defaultOptions: {
      queries: { retry: false, staleTime: Infinity },
      dehydrate: {
        // Pending queries too: their promises stream to the browser as they resolve.
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
    },
  });
  for (const q of queries) {
    // Not awaited on purpose: the page streams while the answers come in.
    void client.prefetchQuery(queryOptions({ queryKey: by.key(q), queryFn: () => settle(q, by) }));
  }
  return dehydrate(client);
}

/** Runs `plan`, logging instead of throwing: a prefetch must never break the page. */
function safely(
  what: string,
  plan: () => readonly PageQuery[],
  by: Answerer = APP,
): DehydratedState | null {
  try {
    return prefetchQueries(plan(), by);
  } catch (error) {
    console.error(`[prefetch] ${what} not prefetched`, error);
    return null;
  }
}

/**
 * A report page's queries for the filters in its URL, resolved exactly as the browser resolves
 * them (same nuqs parsers, same defaults, same `today` in the reporting time zone).
 */
export function prefetchReportPage(
  page: ReportPageId,
  sources: SourcesResponse,
  searchParams: PageSearchParams,
): DehydratedState | null {
  return safely(page, () => {
    const filters = resolveFilters(
      loadFilters(searchParams),
      sources.sources,
      todayIn(sources.timezone),
    );
    const scope = filters.scope;
    return scope === null ? [] : reportPageQueries(page, { ...filters, scope });
  });
}

/** The chat archive's first list for the URL's filters. */
export function prefetchArchive(
  sources: SourcesResponse,
  searchParams: PageSearchParams,
): DehydratedState | null {
  return safely("archive", () => {
    const archive = resolveArchive(
      loadArchive(searchParams),
      sources.sources,
      todayIn(sources.timezone),
    );
    return archive === null ? [] : [{ kind: "chats", query: archive.query }];
  });
}

/** One chat's transcript (needs no source list: the browser falls back the same way). */
export function prefetchTranscript(
  id: string,
  sources: SourcesResponse | null,
  searchParams: PageSearchParams,
): DehydratedState | null {
  return safely("transcript", () => {
    const requested = searchParams.source;
    const source = transcriptSource(
      Array.isArray(requested) ? requested[0] : requested,
      sources?.sources,
    );
    return [{ kind: "transcript", query: { source, id } }];
  });
}

/** The share-scoped resource and query string the browser's widget would request for `q`. */
function shareRequest(q: PageQuery): { resource: ShareResource; search: URLSearchParams } {
  switch (q.kind) {
    case "metric":
      return {
        resource: { kind: "metric", metric: q.query.metric },
        search: new URLSearchParams(metricQueryString(q.query)),
      };
    case "ranking":
    case "agents":
    case "occupancy":
    case "tickets":
      return { resource: { kind: q.kind }, search: search({ ...q.query }) };
    case "chats":
      return { resource: { kind: "archive" }, search: search({ ...q.query }) };
    case "transcript":
      return { resource: { kind: "transcript" }, search: search({ source: q.query.source }) };
  }
}

/**
 * A share page's queries for its link's fixed `filters`, under the keys its widgets use with
 * the link's API `base`, answered exactly as the share-scoped endpoints answer the browser
 * (same checks, same redaction), so hidden agent names never reach the page either.
 */
export function prefetchSharePage(
  access: ShareAccess,
  filters: ScopedFilters,
  base: string,
): DehydratedState | null {
  const by: Answerer = {
    key: (q) => pageQueryKey(q, base),
    answer: (q) => {
      const { resource, search } = shareRequest(q);
      return answerShare(access, resource, search);
    },
    redact: (message) => access.pseudonyms?.text(message) ?? message,
  };
  return safely(
    `share ${access.scope.page}`,
    () => reportPageQueries(access.scope.page, filters),
    by,
  );
}
