/**
 * The share-scoped API (server only): `app/api/share/[token]/…` and the share page's server
 * prefetch answer through here, so both serve exactly the same data under the same checks.
 *
 * Every request: the token is verified and its link read fresh (`openShareLink`: a revoked or
 * expired link stops at once), a link with a password needs a valid unlock cookie, then the
 * query string goes through the app's own parsers (unknown or repeated parameters: 400) and
 * must stay within the link (`lib/share/access.ts`: 403 `not_allowed_by_link`, and nothing is
 * sent upstream). Answers come from the app's services, with agent names removed when the link
 * hides them (`lib/share/redact.ts`), and carry `Cache-Control: private, no-store` and
 * `Referrer-Policy: no-referrer`.
 *
 * The token is a credential: it is never logged, and never put into an error message.
 */
import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { ApiHttpError, errorJson, NO_STORE, toErrorResponse } from "@/lib/api/errors";
import { parseMetricParams } from "@/lib/api/metric-params";
import {
  parseQuery,
  rankingQuery,
  ticketListQuery,
  viewQuery,
  type ParsedQuery,
} from "@/lib/api/view-params";
import { addDays, todayIn } from "@/lib/dates";
import { getConfig } from "@/lib/env";
import { getMetricReport } from "@/lib/metrics/service";
import type { ApiErrorBody, SourcesResponse } from "@/lib/metrics/types";
import { getSourcesInfo } from "@/lib/sources";
import { getAgentTable, getOccupancy, getRanking, getTicketList } from "@/lib/views/service";
import { checkShareMetricRequest, checkShareViewRequest, type ShareCheck } from "./access";
import {
  openShareLink,
  unlockCookieName,
  verifyUnlock,
  type OpenShareLinkResult,
  type ShareLinkView,
} from "./links";
import {
  AgentPseudonyms,
  linkAgents,
  redactAgentTable,
  redactMetric,
  redactOccupancy,
  redactRanking,
  redactTicketList,
} from "./redact";
import type { ShareScope } from "./scope";

/** Headers of every share-scoped answer: never cached, never sent on as a Referer. */
export const SHARE_HEADERS = { ...NO_STORE, "referrer-policy": "no-referrer" } as const;

/** Longer tokens are refused unread (ours are about 250 characters). */
const MAX_TOKEN_LENGTH = 2048;

/** What one viewer of one link may see, resolved once per request. */
export interface ShareAccess {
  link: ShareLinkView;
  scope: ShareScope;
  /** Today and yesterday in the reporting time zone: the days rolling ranges resolve against. */
  todays: string[];
  /** Set when the link hides agent names. */
  pseudonyms: AgentPseudonyms | null;
}

/** What a share-scoped endpoint serves. The archive and transcripts are never shared. */
export type ShareResource =
  | { kind: "metric"; metric: string }
  | { kind: "ranking" }
  | { kind: "agents" }
  | { kind: "occupancy" }
  | { kind: "tickets" }
  | { kind: "archive" }
  | { kind: "transcript" };

type Unavailable = Extract<OpenShareLinkResult, { ok: false }>["reason"];

/** The API's answer to a link that cannot be opened: 404 not valid, 410 expired or revoked. */
export function unavailableError(reason: Unavailable): ApiHttpError {
  switch (reason) {
    case "expired":
      return new ApiHttpError(410, "link_expired", "This share link has expired.");
    case "revoked":
      return new ApiHttpError(410, "link_revoked", "This share link was revoked by its owner.");
    default:
      return new ApiHttpError(404, "not_found", "This share link is not valid.");
  }
}

/**
 * Opens the link behind `token` for an API request.
 * @throws ApiHttpError 404/410 when the link cannot be opened, 401 `password_required` when it
 *   has a password and `unlockCookie` is not a valid proof for it.
 */
export async function openForRequest(
  token: string,
  unlockCookie: (name: string) => string | undefined,
): Promise<{ link: ShareLinkView; scope: ShareScope }> {
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) throw unavailableError("invalid");
  const opened = await openShareLink(token);
  if (!opened.ok) throw unavailableError(opened.reason);
  if (opened.needsPassword) {
    const proof = unlockCookie(unlockCookieName(opened.link.id));
    if (!(await verifyUnlock(proof, opened.link.id))) {
      throw new ApiHttpError(
        401,
        "password_required",
        "This share link has a password: open the link and enter it first.",
      );
    }
  }
  return { link: opened.link, scope: opened.scope };
}

/** The configured sources, or null when they cannot be listed right now. */
async function sourcesOrNull(): Promise<SourcesResponse | null> {
  try {
    return await getSourcesInfo();
  } catch {
    return null;
  }
}

/**
 * Resolves what the viewer may see. With hidden agent names the pseudonyms are numbered over
 * the sources' agent lists (`sources`, else listed now), so every table of the link agrees.
 */
export async function shareAccessFor(
  link: ShareLinkView,
  scope: ShareScope,
  sources?: SourcesResponse | null,
): Promise<ShareAccess> {
  const today = todayIn(getConfig().timezone);
  let pseudonyms: AgentPseudonyms | null = null;
  if (scope.hideAgentNames) {
    const listed = sources === undefined ? await sourcesOrNull() : sources;
    pseudonyms = new AgentPseudonyms(link.id, linkAgents(scope, listed?.sources ?? []));
  }
  return { link, scope, todays: [today, addDays(today, -1)], pseudonyms };
}

function valid<T>(parsed: ParsedQuery<T>): T {
  if (!parsed.ok) throw new ApiHttpError(400, "invalid_parameter", parsed.message);
  return parsed.value;
}

function allow(check: ShareCheck): void {
  if (!check.ok)
    throw new ApiHttpError(403, "not_allowed_by_link", `Not shared: ${check.message}.`);
}

/** The real agent id behind the `agent` a viewer sent (a pseudonym when names are hidden). */
function realAgent(agent: string | null, pseudonyms: AgentPseudonyms | null): string | null {
  if (agent === null || pseudonyms === null) return agent;
  const real = pseudonyms.realId(agent);
  if (real === null) allow({ ok: false, message: "this link shows one agent only" });
  return real;
}

/**
 * Answers one share-scoped request: validated as the app's endpoint validates it, refused
 * unless within the link, then served by the app's service and redacted as the link says.
 * @throws ApiHttpError 400 (malformed), 403 (`not_allowed_by_link`), or what the service throws
 */
export async function answerShare(
  access: ShareAccess,
  resource: ShareResource,
  search: URLSearchParams,
): Promise<unknown> {
  const { scope, todays, pseudonyms: p } = access;
  switch (resource.kind) {
    case "metric": {
      const parsed = parseMetricParams(resource.metric, search);
      if (!parsed.ok) throw new ApiHttpError(400, "invalid_parameter", parsed.message);
      const params = { ...parsed.value, agent: realAgent(parsed.value.agent, p) };
      allow(checkShareMetricRequest(scope, params, todays));
      const report = await getMetricReport(params);
      return p ? redactMetric(report, p) : report;
    }
    case "ranking": {
      const q = valid(parseQuery(rankingQuery, search));
      const view = q.kind === "chats" ? "ranking-chats" : "ranking-tickets";
      allow(checkShareViewRequest(scope, { ...q, view }, todays));
      const ranking = await getRanking(q);
      return p ? redactRanking(ranking, p) : ranking;
    }
    case "agents": {
      const q = valid(parseQuery(viewQuery, search));
      allow(checkShareViewRequest(scope, { ...q, view: "agents" }, todays));
      const table = await getAgentTable(q);
      return p ? redactAgentTable(table, p) : table;
    }
    case "occupancy": {
      const q = valid(parseQuery(viewQuery, search));
      allow(checkShareViewRequest(scope, { ...q, view: "occupancy" }, todays));
      const occupancy = await getOccupancy(q);
      return p ? redactOccupancy(occupancy, p) : occupancy;
    }
    case "tickets": {
      const q = valid(parseQuery(ticketListQuery, search));
      allow(checkShareViewRequest(scope, { ...q, view: "tickets" }, todays));
      const tickets = await getTicketList(q);
      return p ? redactTicketList(tickets, p) : tickets;
    }
    case "archive":
    case "transcript":
      throw new ApiHttpError(
        403,
        "not_allowed_by_link",
        "Not shared: share links never show the chat archive or transcripts.",
      );
  }
}

/**
 * The error envelope for a failed share request, with agent names removed from the message
 * when the link hides them, and the share headers.
 */
export async function shareErrorResponse(
  error: unknown,
  pseudonyms: AgentPseudonyms | null,
): Promise<Response> {
  const res = toErrorResponse(error);
  let body: Partial<ApiErrorBody> = {};
  try {
    body = (await res.json()) as Partial<ApiErrorBody>;
  } catch {
    // Not our envelope: the generic text below.
  }
  const code = body.error?.code ?? "internal_error";
  const message = body.error?.message ?? "Something went wrong on our side.";
  const retryAfter = res.headers.get("retry-after");
  return errorJson(res.status, code, pseudonyms ? pseudonyms.text(message) : message, {
    ...SHARE_HEADERS,
    ...(retryAfter !== null && { "retry-after": retryAfter }),
  });
}

/**
 * A share-scoped GET route: no session; the token from the route, the resource from
 * `resource(params)`. Every failure becomes the error envelope (404/410 link, 401 password,
 * 400 parameters, 403 outside the link, 422/5xx from the service).
 */
export function shareEndpoint<P extends { token: string }>(resource: (params: P) => ShareResource) {
  return async (request: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    let pseudonyms: AgentPseudonyms | null = null;
    try {
      const params = await context.params;
      const { link, scope } = await openForRequest(
        params.token,
        (name) => request.cookies.get(name)?.value,
      );
      const access = await shareAccessFor(link, scope);
      pseudonyms = access.pseudonyms;
      const body = await answerShare(access, resource(params), request.nextUrl.searchParams);
      return NextResponse.json(body, { headers: SHARE_HEADERS });
    } catch (error) {
      return shareErrorResponse(error, pseudonyms);
    }
  };
}
