/**
 * Shared request handling of the LiveChat v2 emulation: error bodies (§3.7 of
 * `shared/reference/livechat-api.md`), report arguments (§3.3) and buckets (§3.4).
 *
 * Each report declares which documented optional arguments it honours (`ReportArgs`, from
 * `shared/seeds/000_…`); arguments a report does not document are ignored, as LiveChat ignores
 * unknown query keys. `date_from`/`date_to` (inclusive local days) and `timezone` (IANA name,
 * default: the license zone) are accepted everywhere, including the reports whose `timezone` is
 * undocumented (our extension, so day boundaries can match the caller's).
 */
import { LIVECHAT_AGENTS, LIVECHAT_GROUPS, LIVECHAT_LICENSE_TIMEZONE } from "./accounts";
import { chatExtras, LIVECHAT_GOALS, LIVECHAT_GREETINGS } from "./extras";
import type { SimChat } from "./dataset";
import { respond, type SimResponse } from "./http";
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
import { errorBody } from "../lib/livechat/schemas";

/** `{"error": message}` with the given status. */
export const error = (status: number, message: string): SimResponse =>
  respond(status, errorBody, { error: message });
/** 400 `{"errors": [...]}` (several argument problems at once). */
export const errors = (messages: string[]): SimResponse =>
  respond(400, errorBody, { errors: messages });

export type GroupBy = "hour" | "day" | "month";

export interface Bucket {
  key: string;
  /** First instant of the bucket; the bucket ends where the next one starts. */
  start: number;
  /** Monthly buckets: the requested range clipped to the month (`YYYY-MM-DD`). */
  begin?: string;
  end?: string;
}

/** The documented optional arguments a report honours, besides the dates and `timezone`. */
export interface ReportArgs {
  /** `group=<id>` (0 = all). */
  group?: boolean;
  /** `agent=<login>`. */
  agent?: boolean;
  /** `groups[]=<id>` and `agents[]=<login>`, repeatable (not_replied_chats only). */
  multi?: boolean;
  /** `group_by=hour|day|month`. */
  groupBy?: boolean;
  /** `tag[]=<tag>`, repeatable: chats (tickets) with any of the tags. */
  tags?: boolean;
  /** `goal=<id>`. */
  goal?: boolean;
  /** `greeting=<id>`. */
  greeting?: boolean;
  /** `sales_tracker=0|1` and `currency=<ISO 4217>`. */
  sales?: boolean;
}

export interface ReportParams {
  from: CalendarDate;
  to: CalendarDate;
  groupBy: GroupBy;
  timeZone: string;
  /** Group ids as `SimChat.team` strings; null = every group. */
  teams: ReadonlySet<string> | null;
  /** Agent logins: items involving any of them; null = no agent filter. */
  agents: ReadonlySet<string> | null;
  /** Tags: items carrying any of them; null = no tag filter. */
  tags: ReadonlySet<string> | null;
  goal: number | null;
  greeting: number | null;
  /** `sales_tracker=1`: tracked sales instead of plain goals. */
  salesTracker: boolean;
  /** Upper-case ISO 4217 code, or null for every currency. */
  currency: string | null;
}

/**
 * Parses and validates a report's arguments. Malformed values → 400 `{"errors": [...]}` (all of
 * them, after `problems` found by the caller); unknown group, agent, goal or greeting → 400
 * `{"error": "… not found"}`. `defaults.from` overrides the "beginning of time" default.
 */
export function parseReportParams(
  query: URLSearchParams,
  args: ReportArgs,
  now: number,
  firstDay: string,
  defaults: { from?: (today: CalendarDate) => CalendarDate } = {},
  problems: string[] = [],
): ReportParams | SimResponse {
  const tzParam = query.get("timezone");
  let timeZone = LIVECHAT_LICENSE_TIMEZONE;
  if (tzParam !== null) {
    if (isValidTimeZone(tzParam)) timeZone = tzParam;
    else problems.push("timezone: must be a valid IANA time zone name");
  }

  // Defaults (§3.3): from the beginning of the account's history to today in the report zone.
  const today = localParts(now, timeZone);
  const readDate = (name: "date_from" | "date_to", fallback: CalendarDate): CalendarDate | null => {
    const raw = query.get(name);
    if (raw === null) return fallback;
    const parsed = parseYmd(raw);
    if (!parsed) problems.push(`${name}: must be a date in YYYY-MM-DD format`);
    return parsed;
  };
  const from = readDate(
    "date_from",
    defaults.from ? defaults.from(today) : (parseYmd(firstDay) ?? today),
  );
  const to = readDate("date_to", today);
  if (from && to && compareDates(from, to) > 0)
    problems.push("date_from: must not be later than date_to");

  let groupBy: GroupBy = from && to && compareDates(from, to) === 0 ? "hour" : "day";
  const groupByParam = args.groupBy ? query.get("group_by") : null;
  if (groupByParam !== null) {
    if (groupByParam === "hour" || groupByParam === "day" || groupByParam === "month")
      groupBy = groupByParam;
    else problems.push("group_by: must be one of hour, day, month");
  }

  const groupIds: number[] = [];
  const readGroup = (name: string, raw: string): void => {
    if (/^\d+$/.test(raw)) groupIds.push(Number(raw));
    else problems.push(`${name}: must be a non-negative integer`);
  };
  if (args.group) {
    const raw = query.get("group");
    if (raw !== null) readGroup("group", raw);
  }
  const agentLogins: string[] = [];
  if (args.agent) {
    const raw = query.get("agent");
    if (raw !== null) agentLogins.push(raw);
  }
  if (args.multi) {
    for (const raw of query.getAll("groups[]")) readGroup("groups[]", raw);
    agentLogins.push(...query.getAll("agents[]"));
  }

  let tags: Set<string> | null = null;
  if (args.tags) {
    const raw = query.getAll("tag[]");
    if (raw.some((t) => t.trim() === "")) problems.push("tag[]: must not be empty");
    if (raw.length > 0) tags = new Set(raw);
  }

  const readId = (name: string): number | null => {
    const raw = query.get(name);
    if (raw === null) return null;
    if (/^\d+$/.test(raw) && Number(raw) > 0) return Number(raw);
    problems.push(`${name}: must be a positive integer`);
    return null;
  };
  const goal = args.goal ? readId("goal") : null;
  const greeting = args.greeting ? readId("greeting") : null;

  let salesTracker = false;
  let currency: string | null = null;
  if (args.sales) {
    const raw = query.get("sales_tracker");
    if (raw !== null) {
      if (raw === "0" || raw === "1") salesTracker = raw === "1";
      else problems.push("sales_tracker: must be 0 or 1");
    }
    const cur = query.get("currency");
    if (cur !== null) {
      if (/^[A-Za-z]{3}$/.test(cur)) currency = cur.toUpperCase();
      else problems.push("currency: must be a 3-letter ISO 4217 code");
    }
  }

  if (problems.length > 0 || !from || !to) return errors(problems);

  if (groupIds.some((id) => !LIVECHAT_GROUPS.some((g) => g.id === id)))
    return error(400, "Group not found");
  if (agentLogins.some((login) => !LIVECHAT_AGENTS.some((a) => a.login === login)))
    return error(400, "Agent not found");
  if (goal !== null && !LIVECHAT_GOALS.some((g) => g.id === goal))
    return error(400, "Goal not found");
  if (greeting !== null && !LIVECHAT_GREETINGS.some((g) => g.id === greeting))
    return error(400, "Greeting not found");

  // Group 0 ("All operators") means no group filter.
  const teams =
    groupIds.length === 0 || groupIds.includes(0) ? null : new Set(groupIds.map(String));
  const agents = agentLogins.length === 0 ? null : new Set(agentLogins);
  return {
    from,
    to,
    groupBy,
    timeZone,
    teams,
    agents,
    tags,
    goal,
    greeting,
    salesTracker,
    currency,
  };
}

/** Keeps chats of the selected groups, involving any selected agent, carrying any selected tag. */
export function chatFilter(params: ReportParams): (chat: SimChat) => boolean {
  const { teams, agents, tags } = params;
  return (chat) =>
    (teams === null || teams.has(chat.team)) &&
    (agents === null || chat.agents.some((a) => agents.has(a))) &&
    (tags === null || chatExtras(chat).tags.some((t) => tags.has(t)));
}

/** Start of the first local day and end (exclusive) of the last one. */
export function rangeOf(params: { from: CalendarDate; to: CalendarDate; timeZone: string }): {
  start: number;
  end: number;
} {
  return {
    start: zonedMidnight(params.from, params.timeZone),
    end: zonedMidnight(addDays(params.to, 1), params.timeZone),
  };
}

/** Hourly buckets of one local day: keyed `HH:00`, or `YYYY-MM-DD HH:00` when `withDate`. */
export function hourBuckets(date: CalendarDate, timeZone: string, withDate: boolean): Bucket[] {
  const buckets: Bucket[] = [];
  const dayStart = zonedMidnight(date, timeZone);
  const nextDay = zonedMidnight(addDays(date, 1), timeZone);
  for (let t = dayStart; t < nextDay; t += HOUR_MS) {
    const hour = `${pad2Hour(localParts(t, timeZone).h)}:00`;
    const key = withDate ? `${formatYmd(date)} ${hour}` : hour;
    // Fall-back: the second 01:00 hour joins the first one's bucket.
    if (buckets[buckets.length - 1]?.key === key) continue;
    buckets.push({ key, start: t });
  }
  return buckets;
}

/**
 * Buckets of the inclusive local-day range in `timeZone`, chronological, none omitted.
 * Hourly buckets step one real hour from each local midnight and are keyed by the wall-clock
 * hour, so a spring-forward day has 23 keys and the repeated fall-back hour merges into one.
 */
export function buildBuckets({
  from,
  to,
  groupBy,
  timeZone,
}: {
  from: CalendarDate;
  to: CalendarDate;
  groupBy: GroupBy;
  timeZone: string;
}): Bucket[] {
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
    if (groupBy === "day")
      buckets.push({ key: formatYmd(date), start: zonedMidnight(date, timeZone) });
    else buckets.push(...hourBuckets(date, timeZone, !singleDay));
  }
  return buckets;
}

/**
 * Index of the bucket holding instant `t`, or −1 outside `[buckets[0].start, end)`. Buckets are
 * contiguous and sorted; a binary search keeps it O(log n) for any arrival order.
 */
export function bucketLocator(buckets: Bucket[], end: number): (t: number) => number {
  const first = buckets[0];
  return (t) => {
    if (!first || t < first.start || t >= end) return -1;
    let lo = 0;
    let hi = buckets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((buckets[mid]?.start ?? Infinity) <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}

/** Mean rounded to 2 decimals; `null` when nothing was counted (§3.4 "Nulls"). */
export const mean2 = (sum: number, count: number): number | null =>
  count === 0 ? null : Math.round((sum / count) * 100) / 100;

export const round2 = (v: number): number => Math.round(v * 100) / 100;

/** Wraps a body keyed by bucket, in bucket order. */
export function keyed<A>(
  buckets: Bucket[],
  aggregates: A[],
  render: (bucket: Bucket, agg: A) => unknown,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  buckets.forEach((bucket, i) => {
    const agg = aggregates[i];
    if (agg !== undefined) body[bucket.key] = render(bucket, agg);
  });
  return body;
}

/** Monthly buckets carry `begin`/`end` first, as in the documented examples. */
export const monthBounds = (bucket: Bucket): { begin?: string; end?: string } =>
  bucket.begin !== undefined ? { begin: bucket.begin, end: bucket.end } : {};
