/**
 * LiveChat v2 wire emulation (mounted under `/livechat`): Reports API v2 chat reports and the
 * REST API v2 `groups`/`agents` resources, computed from the simulator dataset.
 *
 * Mirrors `shared/reference/livechat-api.md`:
 * - §3.1 auth (HTTP Basic `login:apiKey`, `X-API-Version: 2` required);
 * - §3.2–3.3 `GET /reports/chats/{total_chats,ratings,first_response_time,response_time}` with
 *   `date_from`/`date_to` (inclusive local days), `timezone`, `group`, `agent`, `group_by`;
 * - §3.4 bare objects keyed by bucket (`HH:00`, `YYYY-MM-DD HH:00`, `YYYY-MM-DD`, `YYYY-MM`),
 *   averages in seconds (2 decimals) and `null` when their count is 0;
 * - §3.6 `GET /groups`, `GET /agents`, `GET /agents/<login>`; §3.7 error bodies.
 * Every body is checked against `lib/livechat/schemas.ts` before it is sent.
 */
import type { z } from "zod";
import {
  LIVECHAT_AGENTS,
  LIVECHAT_GROUPS,
  LIVECHAT_LICENSE_TIMEZONE,
  type LiveChatAgentAccount,
} from "./accounts";
import { chatsBetween, getDataset, type SimChat } from "./dataset";
import { header, respond, type SimRequest, type SimResponse } from "./http";
import {
  addDays,
  compareDates,
  formatYmd,
  HOUR_MS,
  isValidTimeZone,
  localParts,
  pad2Hour,
  parseYmd,
  zonedMidnight,
  type CalendarDate,
} from "./time";
import {
  agentResponse,
  agentsResponse,
  errorBody,
  firstResponseTimeReport,
  groupsResponse,
  ratingsReport,
  responseTimeReport,
  totalChatsReport,
} from "../lib/livechat/schemas";

export interface LiveChatContext {
  now: () => number;
}

const error = (status: number, message: string): SimResponse =>
  respond(status, errorBody, { error: message });
const errors = (messages: string[]): SimResponse => respond(400, errorBody, { errors: messages });

export function handleLiveChat(req: SimRequest, ctx: LiveChatContext): SimResponse {
  // Order matters and is observable: credentials first, then the version header, then routing.
  const agent = authenticate(header(req.headers, "authorization"));
  if (!agent) return error(401, "Authentication failed: invalid login or API key");
  if (header(req.headers, "x-api-version")?.trim() !== "2")
    return error(400, "X-API-Version header is required (2)");

  if (req.method !== "GET") return error(404, "Not found");
  const report = REPORTS[req.path];
  if (report) return handleReport(req, ctx, report);
  if (req.path === "/groups") return groups();
  if (req.path === "/agents") return agents();
  const agentMatch = /^\/agents\/([^/]+)$/.exec(req.path);
  if (agentMatch?.[1] !== undefined) return agentDetails(agentMatch[1]);
  return error(404, "Not found");
}

/** HTTP Basic `login:apiKey` against the simulated account's agents (any permission). */
function authenticate(authorization: string | undefined): LiveChatAgentAccount | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? "");
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  const login = decoded.slice(0, colon);
  const apiKey = decoded.slice(colon + 1);
  return LIVECHAT_AGENTS.find((a) => a.login === login && a.apiKey === apiKey);
}

// ---------------------------------------------------------------------------------------------
// Reports

type GroupBy = "hour" | "day" | "month";

interface Bucket {
  key: string;
  /** First instant of the bucket; the bucket ends where the next one starts. */
  start: number;
  /** Monthly buckets: the requested range clipped to the month (`YYYY-MM-DD`). */
  begin?: string;
  end?: string;
}

interface BucketAggregate {
  chats: number;
  good: number;
  bad: number;
  frtCount: number;
  frtSum: number;
  responseCount: number;
  responseSum: number;
}

interface ReportDefinition {
  render: (bucket: Bucket, agg: BucketAggregate) => unknown;
  schema: z.ZodType;
}

/** Mean in seconds rounded to 2 decimals; `null` when nothing was counted (§3.4 "Nulls"). */
const mean2 = (sum: number, count: number): number | null =>
  count === 0 ? null : Math.round((sum / count) * 100) / 100;

const REPORTS: Record<string, ReportDefinition> = {
  "/reports/chats/total_chats": {
    schema: totalChatsReport,
    render: (_bucket, agg) => ({ chats: agg.chats }),
  },
  "/reports/chats/ratings": {
    schema: ratingsReport,
    // `chats` is every chat in the bucket, rated or not (§3.5); monthly buckets carry begin/end.
    render: (bucket, agg) => ({
      ...(bucket.begin !== undefined ? { begin: bucket.begin, end: bucket.end } : {}),
      bad: agg.bad,
      good: agg.good,
      chats: agg.chats,
    }),
  },
  "/reports/chats/first_response_time": {
    schema: firstResponseTimeReport,
    render: (_bucket, agg) => ({
      first_response_time: { count: agg.frtCount, seconds: mean2(agg.frtSum, agg.frtCount) },
    }),
  },
  "/reports/chats/response_time": {
    schema: responseTimeReport,
    // count = number of agent responses (not chats); seconds = mean over all of them.
    render: (_bucket, agg) => ({
      avg_response_time: {
        count: agg.responseCount,
        seconds: mean2(agg.responseSum, agg.responseCount),
      },
    }),
  },
};

interface ReportParams {
  from: CalendarDate;
  to: CalendarDate;
  groupBy: GroupBy;
  timeZone: string;
  group: number;
  agent: string | undefined;
}

function parseReportParams(
  query: URLSearchParams,
  now: number,
  firstDay: string,
): ReportParams | SimResponse {
  const problems: string[] = [];

  const tzParam = query.get("timezone");
  let timeZone = LIVECHAT_LICENSE_TIMEZONE;
  if (tzParam !== null) {
    if (isValidTimeZone(tzParam)) timeZone = tzParam;
    else problems.push("timezone: must be a valid IANA time zone name");
  }

  // Defaults (§3.3): from the beginning of the account's history to today in the report zone.
  const readDate = (name: "date_from" | "date_to", fallback: CalendarDate): CalendarDate | null => {
    const raw = query.get(name);
    if (raw === null) return fallback;
    const parsed = parseYmd(raw);
    if (!parsed) problems.push(`${name}: must be a date in YYYY-MM-DD format`);
    return parsed;
  };
  const from = readDate("date_from", parseYmd(firstDay) ?? localParts(now, timeZone));
  const to = readDate("date_to", localParts(now, timeZone));
  if (from && to && compareDates(from, to) > 0)
    problems.push("date_from: must not be later than date_to");

  const groupByParam = query.get("group_by");
  let groupBy: GroupBy = from && to && compareDates(from, to) === 0 ? "hour" : "day";
  if (groupByParam !== null) {
    if (groupByParam === "hour" || groupByParam === "day" || groupByParam === "month")
      groupBy = groupByParam;
    else problems.push("group_by: must be one of hour, day, month");
  }

  const groupParam = query.get("group");
  let group = 0;
  if (groupParam !== null) {
    if (/^\d+$/.test(groupParam)) group = Number(groupParam);
    else problems.push("group: must be a non-negative integer");
  }

  if (problems.length > 0 || !from || !to) return errors(problems);

  if (!LIVECHAT_GROUPS.some((g) => g.id === group)) return error(400, "Group not found");
  const agent = query.get("agent") ?? undefined;
  if (agent !== undefined && !LIVECHAT_AGENTS.some((a) => a.login === agent))
    return error(400, "Agent not found");

  return { from, to, groupBy, timeZone, group, agent };
}

function handleReport(
  req: SimRequest,
  ctx: LiveChatContext,
  report: ReportDefinition,
): SimResponse {
  const dataset = getDataset(ctx.now());
  const params = parseReportParams(req.query, dataset.now, dataset.firstDay);
  if ("status" in params) return params;

  const buckets = buildBuckets(params);
  const end = zonedMidnight(addDays(params.to, 1), params.timeZone);
  const aggregates = aggregate(dataset.livechat, buckets, end, chatFilter(params));

  const body: Record<string, unknown> = {};
  buckets.forEach((bucket, i) => {
    body[bucket.key] = report.render(bucket, aggregates[i] ?? emptyAggregate());
  });
  return respond(200, report.schema, body);
}

function chatFilter({ group, agent }: ReportParams): (chat: SimChat) => boolean {
  const team = String(group);
  return (chat) =>
    (group === 0 || chat.team === team) && (agent === undefined || chat.agents.includes(agent));
}

/**
 * Buckets of the inclusive local-day range in `timeZone`, chronological, none omitted.
 * Hourly buckets step one real hour from each local midnight and are keyed by the wall-clock
 * hour, so a spring-forward day has 23 keys and the repeated fall-back hour merges into one.
 */
function buildBuckets({ from, to, groupBy, timeZone }: ReportParams): Bucket[] {
  const buckets: Bucket[] = [];
  if (groupBy === "month") {
    let monthStart: CalendarDate = { y: from.y, m: from.m, d: 1 };
    while (compareDates(monthStart, to) <= 0) {
      const nextMonth: CalendarDate =
        monthStart.m === 12
          ? { y: monthStart.y + 1, m: 1, d: 1 }
          : { ...monthStart, m: monthStart.m + 1 };
      const begin = compareDates(monthStart, from) < 0 ? from : monthStart;
      const lastOfMonth = addDays(nextMonth, -1);
      const end = compareDates(lastOfMonth, to) > 0 ? to : lastOfMonth;
      buckets.push({
        key: formatYmd(monthStart).slice(0, 7),
        start: zonedMidnight(begin, timeZone),
        begin: formatYmd(begin),
        end: formatYmd(end),
      });
      monthStart = nextMonth;
    }
    return buckets;
  }

  const singleDay = compareDates(from, to) === 0;
  for (let date = from; compareDates(date, to) <= 0; date = addDays(date, 1)) {
    const dayStart = zonedMidnight(date, timeZone);
    if (groupBy === "day") {
      buckets.push({ key: formatYmd(date), start: dayStart });
      continue;
    }
    const nextDay = zonedMidnight(addDays(date, 1), timeZone);
    for (let t = dayStart; t < nextDay; t += HOUR_MS) {
      const hour = `${pad2Hour(localParts(t, timeZone).h)}:00`;
      const key = singleDay ? hour : `${formatYmd(date)} ${hour}`;
      // Fall-back: the second 01:00 hour joins the first one's bucket.
      if (buckets[buckets.length - 1]?.key === key) continue;
      buckets.push({ key, start: t });
    }
  }
  return buckets;
}

const emptyAggregate = (): BucketAggregate => ({
  chats: 0,
  good: 0,
  bad: 0,
  frtCount: 0,
  frtSum: 0,
  responseCount: 0,
  responseSum: 0,
});

/** One pass over the sorted chats of the range, advancing a bucket cursor. */
function aggregate(
  all: SimChat[],
  buckets: Bucket[],
  end: number,
  keep: (chat: SimChat) => boolean,
): BucketAggregate[] {
  const result = buckets.map(emptyAggregate);
  const first = buckets[0];
  if (!first) return result;
  let index = 0;
  for (const chat of chatsBetween(all, first.start, end)) {
    if (!keep(chat)) continue;
    while (index + 1 < buckets.length && chat.startedAt >= (buckets[index + 1]?.start ?? Infinity))
      index++;
    const agg = result[index];
    if (!agg) continue;
    agg.chats++;
    if (chat.rating === "good") agg.good++;
    else if (chat.rating === "bad") agg.bad++;
    if (chat.firstResponseSeconds !== null) {
      agg.frtCount++;
      agg.frtSum += chat.firstResponseSeconds;
    }
    agg.responseCount += chat.responseTimes.length;
    for (const t of chat.responseTimes) agg.responseSum += t;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// REST API v2 resources (§3.6)

const STATUS = "accepting chats";

function groups(): SimResponse {
  const body = LIVECHAT_GROUPS.map((g) =>
    g.id === 0
      ? // Group 0 ("All operators") has no agents list.
        { id: g.id, name: g.name, language: "en", status: STATUS }
      : {
          id: g.id,
          name: g.name,
          language: "en",
          agents: LIVECHAT_AGENTS.filter((a) => a.groups.includes(g.id)).map((a) => a.login),
          status: STATUS,
        },
  );
  return respond(200, groupsResponse, body);
}

/** LiveChat serves avatars as scheme-less CDN paths; these are placeholders, never fetched by the app. */
const avatarFor = (agent: LiveChatAgentAccount): string =>
  `livechat.s3.amazonaws.com/default/avatars/${agent.login.split("@")[0] ?? "agent"}.png`;

function agents(): SimResponse {
  const body = LIVECHAT_AGENTS.map((a) => ({
    name: a.name,
    permission: a.permission,
    avatar: avatarFor(a),
    login: a.login,
    status: STATUS,
  }));
  return respond(200, agentsResponse, body);
}

function agentDetails(encodedLogin: string): SimResponse {
  let login: string;
  try {
    login = decodeURIComponent(encodedLogin);
  } catch {
    return error(404, "Agent not found");
  }
  const agent = LIVECHAT_AGENTS.find((a) => a.login === login);
  if (!agent) return error(404, "Agent not found");
  const body = {
    login: agent.login,
    name: agent.name,
    permission: agent.permission,
    avatar: avatarFor(agent),
    status: STATUS,
    groups: agent.groups.map((id) => ({
      id,
      name: LIVECHAT_GROUPS.find((g) => g.id === id)?.name ?? `Group ${id}`,
    })),
    max_chats_count: 6,
    last_logout: 0,
  };
  return respond(200, agentResponse, body);
}
