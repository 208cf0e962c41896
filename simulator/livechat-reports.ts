/**
 * LiveChat Reports API v2 (`shared/seeds/000_…`, notes in `shared/reference/livechat-api.md`
 * §3.2–3.5), computed from the simulator dataset and its extras. Every body is a bare object keyed
 * by bucket (`HH:00` for one day, `YYYY-MM-DD HH:00` for hours over several days, `YYYY-MM-DD`,
 * `YYYY-MM` with `begin`/`end` on ratings, goals, greetings and ticket ratings), every bucket of
 * the range present, zeros included; each body is validated against `lib/livechat/schemas.ts`.
 *
 * Units: chat times in seconds (2 decimals); ticket times in decimal hours (2 decimals); averages
 * `null` when their count is 0; availability and chatting time `{minutes}` per `HH:00` for a
 * one-day range, else `{hours}` per `YYYY-MM-DD` (2 decimals; these two take no `group_by`).
 *
 * Semantics (our reading where LiveChat does not say):
 * - chats are bucketed by `startedAt`; "agent" means chats whose agents include that login;
 *   `tag[]` keeps items carrying any of the tags; group 0 means every group;
 * - engagement parts sum to total_chats; not_replied = chats without an agent reply (`groups[]`,
 *   `agents[]` instead of `group`/`agent`);
 * - queued visitors are bucketed when they leave the queue (entered_chat: the chat's start;
 *   left_queue: when they gave up); queued = entered_chat + left_queue;
 * - ranking: `name` = agent login, `total` = good + bad, `score` = lower bound of the 95 % Wilson
 *   score interval of good/total (our assumption: LiveChat does not document its formula), only
 *   agents with ratings, by score descending;
 * - goals: `sales_tracker=0` counts plain goals, `=1` tracked sales with `value` per currency;
 * - greetings: displayed ≥ accepted (= auto-invite chats from that greeting); goals = accepted
 *   chats that reached a goal; with `tag[]` only accepted displays can match (others have no chat);
 * - availability: union of an agent's logged-in intervals, summed over the selected agents (a
 *   group selects its members);
 *   chatting time: union of the intervals an agent spent in at least one answered chat, summed;
 * - agents_occupancy: per hour, the most chats in progress (missed ones included) at any instant
 *   of it, keyed `YYYY-MM-DD HH:00` for every hour of every matching date; `weekday`
 *   required; `date_from`/`date_to`/`timezone`/`group` are our extension (default: the 4 weeks
 *   ending today);
 * - tickets: new and sources by creation, first response time by first reply, solved and
 *   resolution time by solution, ratings by rating time (= solution); spam counts as created;
 *   "agent" = assignee.
 */
import type { z } from "zod";
import { LIVECHAT_AGENTS } from "./accounts";
import { chatsBetween, MAX_CHAT_MS, type Dataset, type SimChat } from "./dataset";
import { chatExtras, livechatDayExtras, mergeIntervals, type Interval } from "./extras";
import { respond, type SimResponse } from "./http";
import {
  bucketLocator,
  buildBuckets,
  chatFilter,
  errors,
  hourBuckets,
  keyed,
  mean2,
  monthBounds,
  parseReportParams,
  rangeOf,
  round2,
  type Bucket,
  type ReportArgs,
  type ReportParams,
} from "./livechat-params";
import { TICKET_LOOKBACK_MS, ticketsCreatedBetween, type SimTicket } from "./tickets";
import {
  DAY_MS,
  addDays,
  compareDates,
  parseYmd,
  utcDate,
  weekdayOf,
  type CalendarDate,
} from "./time";
import {
  agentsOccupancyReport,
  engagementReport,
  firstResponseTimeReport,
  goalsReport,
  greetingsReport,
  hoursOrMinutesReport,
  newTicketsReport,
  notRepliedChatsReport,
  queuedVisitorsReport,
  rankingReport,
  ratingsReport,
  responseTimeReport,
  solvedTicketsReport,
  ticketHoursReport,
  ticketRatingsReport,
  ticketSourcesReport,
  totalChatsReport,
  waitingTimesReport,
} from "../lib/livechat/schemas";

export type ReportHandler = (query: URLSearchParams, dataset: Dataset) => SimResponse;

interface ReportContext {
  dataset: Dataset;
  params: ReportParams;
  /** First instant of the range. */
  start: number;
  /** End of the range (exclusive). */
  end: number;
}

/** A report keyed by `group_by` buckets, with one aggregate per bucket. */
interface BucketedReport<A> {
  args: ReportArgs;
  schema: z.ZodType;
  empty: () => A;
  /** Feeds items in: `at(t)` is the aggregate of the bucket holding instant t (undefined outside the range or after now). */
  collect: (ctx: ReportContext, at: (t: number) => A | undefined) => void;
  render: (bucket: Bucket, agg: A, params: ReportParams) => unknown;
}

function bucketed<A>(report: BucketedReport<A>): ReportHandler {
  return (query, dataset) => {
    const params = parseReportParams(query, report.args, dataset.now, dataset.firstDay);
    if ("status" in params) return params;
    const buckets = buildBuckets(params);
    const { start, end } = rangeOf(params);
    const aggregates = buckets.map(report.empty);
    const locate = bucketLocator(buckets, end);
    const at = (t: number): A | undefined => (t > dataset.now ? undefined : aggregates[locate(t)]);
    report.collect({ dataset, params, start, end }, at);
    const body = keyed(buckets, aggregates, (bucket, agg) => report.render(bucket, agg, params));
    return respond(200, report.schema, body);
  };
}

/** Chats started in the range that pass the report's filters, with their bucket's aggregate. */
function eachChat<A>(
  ctx: ReportContext,
  at: (t: number) => A | undefined,
  fn: (chat: SimChat, agg: A) => void,
): void {
  const keep = chatFilter(ctx.params);
  for (const chat of chatsBetween(ctx.dataset.livechat, ctx.start, ctx.end)) {
    if (!keep(chat)) continue;
    const agg = at(chat.startedAt);
    if (agg !== undefined) fn(chat, agg);
  }
}

/** UTC days of the dataset's history overlapping `[start − lookbackMs, end)`. */
function historyDays(dataset: Dataset, start: number, end: number, lookbackMs = 0): CalendarDate[] {
  const first = parseYmd(dataset.firstDay);
  const last = parseYmd(dataset.lastDay);
  if (!first || !last || end <= start) return [];
  let date = utcDate(start - lookbackMs);
  if (compareDates(date, first) < 0) date = first;
  let lastDate = utcDate(end - 1);
  if (compareDates(lastDate, last) > 0) lastDate = last;
  const days: CalendarDate[] = [];
  for (; compareDates(date, lastDate) <= 0; date = addDays(date, 1)) days.push(date);
  return days;
}

const CHAT_ARGS: ReportArgs = { group: true, agent: true, groupBy: true, tags: true };

// ---------------------------------------------------------------------------------------------
// Chat reports

interface ChatAggregate {
  chats: number;
  good: number;
  bad: number;
  frtCount: number;
  frtSum: number;
  responseCount: number;
  responseSum: number;
}

/** The four original reports share one aggregate (behaviour unchanged). */
function chatReport(schema: z.ZodType, render: BucketedReport<ChatAggregate>["render"]) {
  return bucketed<ChatAggregate>({
    args: CHAT_ARGS,
    schema,
    empty: () => ({
      chats: 0,
      good: 0,
      bad: 0,
      frtCount: 0,
      frtSum: 0,
      responseCount: 0,
      responseSum: 0,
    }),
    collect: (ctx, at) =>
      eachChat(ctx, at, (chat, agg) => {
        agg.chats++;
        if (chat.rating === "good") agg.good++;
        else if (chat.rating === "bad") agg.bad++;
        if (chat.firstResponseSeconds !== null) {
          agg.frtCount++;
          agg.frtSum += chat.firstResponseSeconds;
        }
        agg.responseCount += chat.responseTimes.length;
        for (const t of chat.responseTimes) agg.responseSum += t;
      }),
    render,
  });
}

const engagement = bucketed({
  args: CHAT_ARGS,
  schema: engagementReport,
  empty: () => ({ auto_invite: 0, immediate_start: 0, manual_invite: 0 }),
  collect: (ctx, at) =>
    eachChat(ctx, at, (chat, agg) => {
      agg[chatExtras(chat).engagement]++;
    }),
  render: (_bucket, agg) => ({
    chats_from_auto_invite: agg.auto_invite,
    chats_from_immediate_start: agg.immediate_start,
    chats_from_manual_invite: agg.manual_invite,
  }),
});

const notReplied = bucketed({
  args: { multi: true, groupBy: true, tags: true },
  schema: notRepliedChatsReport,
  empty: () => ({ n: 0 }),
  collect: (ctx, at) =>
    eachChat(ctx, at, (chat, agg) => {
      if (chat.firstResponseSeconds === null) agg.n++;
    }),
  render: (_bucket, agg) => ({ not_replied: agg.n }),
});

interface GoalsAggregate {
  goals: number;
  sales: Map<string, { count: number; value: number }>;
}

const goals = bucketed<GoalsAggregate>({
  args: { ...CHAT_ARGS, goal: true, sales: true },
  schema: goalsReport,
  empty: () => ({ goals: 0, sales: new Map() }),
  collect: (ctx, at) => {
    const { goal: goalId, salesTracker, currency } = ctx.params;
    eachChat(ctx, at, (chat, agg) => {
      const goal = chatExtras(chat).goal;
      if (!goal || (goalId !== null && goal.id !== goalId)) return;
      const isSale = goal.currency !== undefined;
      if (isSale !== salesTracker) return;
      if (isSale && goal.currency !== undefined) {
        if (currency !== null && goal.currency !== currency) return;
        const entry = agg.sales.get(goal.currency) ?? { count: 0, value: 0 };
        entry.count++;
        entry.value += goal.value ?? 0;
        agg.sales.set(goal.currency, entry);
      }
      agg.goals++;
    });
  },
  // `value` (per currency, sorted) only with sales_tracker=1; `{}` when nothing was sold.
  render: (bucket, agg, params) => ({
    ...monthBounds(bucket),
    goals: agg.goals,
    ...(params.salesTracker ? { value: salesValue(agg) } : {}),
  }),
});

function salesValue(agg: GoalsAggregate): Record<string, { sales_count: number; value: number }> {
  const value: Record<string, { sales_count: number; value: number }> = {};
  for (const [currency, s] of [...agg.sales].sort(([a], [b]) => a.localeCompare(b)))
    value[currency] = { sales_count: s.count, value: round2(s.value) };
  return value;
}

const greetings = bucketed({
  args: { group: true, goal: true, greeting: true, groupBy: true, tags: true },
  schema: greetingsReport,
  empty: () => ({ displayed: 0, accepted: 0, goals: 0 }),
  collect: (ctx, at) => {
    const { teams, greeting, goal, tags } = ctx.params;
    // Accepted displays are the auto-invite chats themselves (displayed at the chat's start).
    eachChat(ctx, at, (chat, agg) => {
      const x = chatExtras(chat);
      if (x.engagement !== "auto_invite" || (greeting !== null && x.greetingId !== greeting))
        return;
      agg.displayed++;
      agg.accepted++;
      if (x.goal && (goal === null || x.goal.id === goal)) agg.goals++;
    });
    if (tags !== null) return; // displays nobody accepted have no chat, hence no tags
    for (const date of historyDays(ctx.dataset, ctx.start, ctx.end)) {
      for (const d of livechatDayExtras(date).greetings) {
        if (d.accepted || (teams !== null && !teams.has(d.team))) continue;
        if (greeting !== null && d.greetingId !== greeting) continue;
        const agg = at(d.at);
        if (agg) agg.displayed++;
      }
    }
  },
  render: (bucket, agg) => ({ ...monthBounds(bucket), ...agg }),
});

interface WaitStats {
  count: number;
  min: number;
  max: number;
  sum: number;
}
const emptyWait = (): WaitStats => ({ count: 0, min: Infinity, max: -Infinity, sum: 0 });
const addWait = (s: WaitStats, seconds: number): void => {
  s.count++;
  s.sum += seconds;
  s.min = Math.min(s.min, seconds);
  s.max = Math.max(s.max, seconds);
};

/** Feeds queue events: chats that entered from the queue, and visitors who left it. */
function collectQueue(
  ctx: ReportContext,
  at: (t: number) => { entered: WaitStats; left: WaitStats } | undefined,
): void {
  const { teams } = ctx.params;
  for (const chat of chatsBetween(ctx.dataset.livechat, ctx.start, ctx.end)) {
    if (teams !== null && !teams.has(chat.team)) continue;
    const waited = chatExtras(chat).queuedSeconds;
    if (waited === null) continue;
    const agg = at(chat.startedAt);
    if (agg) addWait(agg.entered, waited);
  }
  for (const date of historyDays(ctx.dataset, ctx.start, ctx.end)) {
    for (const v of livechatDayExtras(date).leftQueue) {
      if (teams !== null && !teams.has(v.team)) continue;
      const agg = at(v.at);
      if (agg) addWait(agg.left, v.waitedSeconds);
    }
  }
}

const QUEUE_ARGS: ReportArgs = { group: true, groupBy: true };

const queuedVisitors = bucketed({
  args: QUEUE_ARGS,
  schema: queuedVisitorsReport,
  empty: () => ({ entered: emptyWait(), left: emptyWait() }),
  collect: collectQueue,
  render: (_bucket, agg) => ({
    queued: { count: agg.entered.count + agg.left.count },
    left_queue: { count: agg.left.count },
    entered_chat: { count: agg.entered.count },
  }),
});

const waitStatsBody = (s: WaitStats) => ({
  count: s.count,
  min: { seconds: s.count === 0 ? null : s.min },
  max: { seconds: s.count === 0 ? null : s.max },
  average: { seconds: mean2(s.sum, s.count) },
});

const waitingTimes = bucketed({
  args: QUEUE_ARGS,
  schema: waitingTimesReport,
  empty: () => ({ entered: emptyWait(), left: emptyWait() }),
  collect: collectQueue,
  render: (_bucket, agg) => {
    const queued: WaitStats = {
      count: agg.entered.count + agg.left.count,
      min: Math.min(agg.entered.min, agg.left.min),
      max: Math.max(agg.entered.max, agg.left.max),
      sum: agg.entered.sum + agg.left.sum,
    };
    return {
      queued: waitStatsBody(queued),
      left_queue: waitStatsBody(agg.left),
      entered_chat: waitStatsBody(agg.entered),
    };
  },
});

// ---------------------------------------------------------------------------------------------
// Rankings

/** Lower bound of the Wilson score interval at 95 % (z = 1.96) for `good` out of `total`. */
export function wilsonLowerBound(good: number, total: number): number {
  if (total === 0) return 0;
  const z = 1.96;
  const p = good / total;
  const z2n = (z * z) / total;
  return (p + z2n / 2 - z * Math.sqrt((p * (1 - p)) / total + z2n / (4 * total))) / (1 + z2n);
}

function rankingBody(counts: Map<string, { good: number; bad: number }>) {
  const ranking = [...counts]
    .map(([name, c]) => ({
      good: c.good,
      bad: c.bad,
      total: c.good + c.bad,
      score: wilsonLowerBound(c.good, c.good + c.bad),
      name,
    }))
    .filter((r) => r.total > 0)
    .sort((a, b) => b.score - a.score || b.total - a.total || a.name.localeCompare(b.name));
  return { ranking };
}

const tally = (
  counts: Map<string, { good: number; bad: number }>,
  name: string,
  rating: "good" | "bad",
): void => {
  const c = counts.get(name) ?? { good: 0, bad: 0 };
  c[rating]++;
  counts.set(name, c);
};

const RANKING_ARGS: ReportArgs = { group: true, tags: true };

const chatRanking: ReportHandler = (query, dataset) => {
  const params = parseReportParams(query, RANKING_ARGS, dataset.now, dataset.firstDay);
  if ("status" in params) return params;
  const { start, end } = rangeOf(params);
  const keep = chatFilter(params);
  const counts = new Map<string, { good: number; bad: number }>();
  for (const chat of chatsBetween(dataset.livechat, start, end)) {
    if (chat.rating === null || !keep(chat)) continue;
    for (const agent of new Set(chat.agents)) tally(counts, agent, chat.rating);
  }
  return respond(200, rankingReport, rankingBody(counts));
};

// ---------------------------------------------------------------------------------------------
// Time reports: availability, chatting time, simultaneous chats

/** One day → minutes per `HH:00`; longer → hours per `YYYY-MM-DD` (no group_by, §3.3). */
function timeBuckets(params: ReportParams): { buckets: Bucket[]; unit: "minutes" | "hours" } {
  const singleDay = compareDates(params.from, params.to) === 0;
  return singleDay
    ? { buckets: hourBuckets(params.from, params.timeZone, false), unit: "minutes" }
    : { buckets: buildBuckets({ ...params, groupBy: "day" }), unit: "hours" };
}

/** Adds the length of each interval's overlap with each bucket (ms) to `totals`. */
function distribute(
  intervals: readonly Interval[],
  buckets: Bucket[],
  end: number,
  totals: number[],
): void {
  const locate = bucketLocator(buckets, end);
  const first = buckets[0];
  if (!first) return;
  for (const iv of intervals) {
    let t = Math.max(iv.start, first.start);
    const stop = Math.min(iv.end, end);
    while (t < stop) {
      const i = locate(t);
      if (i < 0) break;
      const bucketEnd = Math.min(buckets[i + 1]?.start ?? end, stop);
      totals[i] = (totals[i] ?? 0) + (bucketEnd - t);
      t = bucketEnd;
    }
  }
}

function timeReport(
  args: ReportArgs,
  intervalsByAgent: (ctx: ReportContext) => Map<string, Interval[]>,
): ReportHandler {
  return (query, dataset) => {
    const params = parseReportParams(query, args, dataset.now, dataset.firstDay);
    if ("status" in params) return params;
    const { buckets, unit } = timeBuckets(params);
    const { start, end } = rangeOf(params);
    const cutEnd = Math.min(end, dataset.now);
    const totals = buckets.map(() => 0);
    for (const intervals of intervalsByAgent({ dataset, params, start, end }).values())
      distribute(mergeIntervals(intervals), buckets, cutEnd, totals);
    const perUnit = unit === "minutes" ? 60_000 : 3_600_000;
    const body = keyed(buckets, totals, (_b, ms) => ({ [unit]: round2(ms / perUnit) }));
    return respond(200, hoursOrMinutesReport, body);
  };
}

/** Agents selected by `group` (membership) and `agent`. */
function selectedAgents(params: ReportParams): string[] {
  return LIVECHAT_AGENTS.filter(
    (a) =>
      (params.teams === null || a.groups.some((g) => params.teams?.has(String(g)))) &&
      (params.agents === null || params.agents.has(a.login)),
  ).map((a) => a.login);
}

const availability = timeReport({ group: true, agent: true }, (ctx) => {
  const agents = new Set(selectedAgents(ctx.params));
  const out = new Map<string, Interval[]>();
  // Sessions start on their own UTC day but may run past midnight: look one day back.
  for (const date of historyDays(ctx.dataset, ctx.start, ctx.end, DAY_MS)) {
    for (const [agent, intervals] of livechatDayExtras(date).availability) {
      if (!agents.has(agent)) continue;
      out.set(agent, [...(out.get(agent) ?? []), ...intervals]);
    }
  }
  return out;
});

const chattingTime = timeReport({ group: true, agent: true, tags: true }, (ctx) => {
  const { teams, agents, tags } = ctx.params;
  const out = new Map<string, Interval[]>();
  for (const chat of chatsBetween(ctx.dataset.livechat, ctx.start - MAX_CHAT_MS, ctx.end)) {
    if (chat.firstResponseSeconds === null || chat.endedAt <= ctx.start) continue;
    if (teams !== null && !teams.has(chat.team)) continue;
    if (tags !== null && !chatExtras(chat).tags.some((t) => tags.has(t))) continue;
    for (const agent of chat.agents) {
      if (agents !== null && !agents.has(agent)) continue;
      const list = out.get(agent) ?? [];
      list.push({ start: chat.startedAt, end: chat.endedAt });
      out.set(agent, list);
    }
  }
  return out;
});

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

const agentsOccupancy: ReportHandler = (query, dataset) => {
  const weekdayParam = query.get("weekday");
  const weekday = weekdayParam === null ? -1 : WEEKDAYS.indexOf(weekdayParam);
  const problems =
    weekday < 0 ? ["weekday: required, one of mon, tue, wed, thu, fri, sat, sun"] : [];
  const params = parseReportParams(
    query,
    { group: true },
    dataset.now,
    dataset.firstDay,
    { from: (today) => addDays(today, -27) },
    problems,
  );
  if ("status" in params) return params;
  if (weekday < 0) return errors(problems); // unreachable: parse reports the problem

  const body: Record<string, number> = {};
  const { teams } = params;
  for (let date = params.from; compareDates(date, params.to) <= 0; date = addDays(date, 1)) {
    if (weekdayOf(date) !== weekday) continue;
    const buckets = hourBuckets(date, params.timeZone, true);
    const { start, end } = rangeOf({ from: date, to: date, timeZone: params.timeZone });
    // Sweep the chats in progress during the day: +1 at start, −1 at end (ends first on ties).
    const events: [number, number][] = [];
    for (const chat of chatsBetween(dataset.livechat, start - MAX_CHAT_MS, end)) {
      if (teams !== null && !teams.has(chat.team)) continue;
      const stop = Math.min(chat.endedAt, dataset.now);
      if (stop <= start || stop <= chat.startedAt) continue;
      events.push([chat.startedAt, 1], [stop, -1]);
    }
    events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let current = 0;
    let e = 0;
    buckets.forEach((bucket, i) => {
      const bucketEnd = buckets[i + 1]?.start ?? end;
      while (e < events.length && (events[e]?.[0] ?? Infinity) <= bucket.start)
        current += events[e++]?.[1] ?? 0;
      let max = current;
      while (e < events.length && (events[e]?.[0] ?? Infinity) < bucketEnd) {
        current += events[e++]?.[1] ?? 0;
        max = Math.max(max, current);
      }
      body[bucket.key] = bucket.start > dataset.now ? 0 : max;
    });
  }
  return respond(200, agentsOccupancyReport, body);
};

// ---------------------------------------------------------------------------------------------
// Ticket reports

const TICKET_ARGS: ReportArgs = { group: true, agent: true, groupBy: true, tags: true };
const TICKET_ARGS_NO_AGENT: ReportArgs = { group: true, groupBy: true, tags: true };

function ticketFilter(params: ReportParams): (t: SimTicket) => boolean {
  const { teams, agents, tags } = params;
  return (t) =>
    (teams === null || teams.has(t.team)) &&
    (agents === null || (t.assignee !== null && agents.has(t.assignee))) &&
    (tags === null || t.tags.some((tag) => tags.has(tag)));
}

/** Tickets that may have an event in the range (created up to `TICKET_LOOKBACK_MS` before it). */
function eachTicket(ctx: ReportContext, fn: (t: SimTicket) => void): void {
  const keep = ticketFilter(ctx.params);
  for (const t of ticketsCreatedBetween(ctx.dataset, ctx.start - TICKET_LOOKBACK_MS, ctx.end))
    if (keep(t)) fn(t);
}

const newTickets = bucketed({
  args: TICKET_ARGS_NO_AGENT,
  schema: newTicketsReport,
  empty: () => ({ n: 0 }),
  collect: (ctx, at) =>
    eachTicket(ctx, (t) => {
      const agg = at(t.createdAt);
      if (agg) agg.n++;
    }),
  render: (_b, agg) => ({ new_tickets: agg.n }),
});

const ticketSources = bucketed({
  args: TICKET_ARGS_NO_AGENT,
  schema: ticketSourcesReport,
  empty: () => ({ chat_window: 0, mail: 0, chat: 0 }),
  collect: (ctx, at) =>
    eachTicket(ctx, (t) => {
      const agg = at(t.createdAt);
      if (agg) agg[t.source]++;
    }),
  render: (_b, agg) => ({
    tickets_from_chat_window: agg.chat_window,
    tickets_from_mail: agg.mail,
    tickets_from_chat: agg.chat,
  }),
});

/** Decimal hours from creation to `instant(t)`, bucketed by that instant. */
function ticketHours(instant: (t: SimTicket) => number | null): ReportHandler {
  return bucketed({
    args: TICKET_ARGS,
    schema: ticketHoursReport,
    empty: () => ({ count: 0, sum: 0 }),
    collect: (ctx, at) =>
      eachTicket(ctx, (t) => {
        const when = instant(t);
        if (when === null) return;
        const agg = at(when);
        if (!agg) return;
        agg.count++;
        agg.sum += (when - t.createdAt) / 3_600_000;
      }),
    render: (_b, agg) => ({ count: agg.count, hours: mean2(agg.sum, agg.count) }),
  });
}

const solvedTickets = bucketed({
  args: TICKET_ARGS,
  schema: solvedTicketsReport,
  empty: () => ({ n: 0 }),
  collect: (ctx, at) =>
    eachTicket(ctx, (t) => {
      const agg = t.solvedAt === null ? undefined : at(t.solvedAt);
      if (agg) agg.n++;
    }),
  render: (_b, agg) => ({ solved_tickets: agg.n }),
});

const ticketRatings = bucketed({
  args: TICKET_ARGS,
  schema: ticketRatingsReport,
  empty: () => ({ good: 0, bad: 0 }),
  collect: (ctx, at) =>
    eachTicket(ctx, (t) => {
      const agg = t.solvedAt === null || t.rating === null ? undefined : at(t.solvedAt);
      if (agg && t.rating) agg[t.rating]++;
    }),
  render: (bucket, agg) => ({ ...monthBounds(bucket), bad: agg.bad, good: agg.good }),
});

const ticketRanking: ReportHandler = (query, dataset) => {
  const params = parseReportParams(query, RANKING_ARGS, dataset.now, dataset.firstDay);
  if ("status" in params) return params;
  const { start, end } = rangeOf(params);
  const counts = new Map<string, { good: number; bad: number }>();
  eachTicket({ dataset, params, start, end }, (t) => {
    if (t.rating === null || t.assignee === null || t.solvedAt === null) return;
    if (t.solvedAt < start || t.solvedAt >= end || t.solvedAt > dataset.now) return;
    tally(counts, t.assignee, t.rating);
  });
  return respond(200, rankingReport, rankingBody(counts));
};

// ---------------------------------------------------------------------------------------------

/** Every Reports API v2 path (§3.2), below the `/livechat` mount. */
export const REPORTS: Record<string, ReportHandler> = {
  "/reports/chats/total_chats": chatReport(totalChatsReport, (_b, agg) => ({ chats: agg.chats })),
  "/reports/chats/engagement": engagement,
  "/reports/chats/not_replied_chats": notReplied,
  // `chats` is every chat in the bucket, rated or not (§3.5); monthly buckets carry begin/end.
  "/reports/chats/ratings": chatReport(ratingsReport, (bucket, agg) => ({
    ...monthBounds(bucket),
    bad: agg.bad,
    good: agg.good,
    chats: agg.chats,
  })),
  "/reports/chats/ratings/ranking": chatRanking,
  "/reports/chats/queued_visitors": queuedVisitors,
  "/reports/chats/queued_visitors/waiting_times": waitingTimes,
  "/reports/chats/chatting_time": chattingTime,
  "/reports/chats/first_response_time": chatReport(firstResponseTimeReport, (_b, agg) => ({
    first_response_time: { count: agg.frtCount, seconds: mean2(agg.frtSum, agg.frtCount) },
  })),
  // count = number of agent responses (not chats); seconds = mean over all of them.
  "/reports/chats/response_time": chatReport(responseTimeReport, (_b, agg) => ({
    avg_response_time: {
      count: agg.responseCount,
      seconds: mean2(agg.responseSum, agg.responseCount),
    },
  })),
  "/reports/chats/agents_occupancy": agentsOccupancy,
  "/reports/chats/goals": goals,
  "/reports/chats/greetings": greetings,
  "/reports/availability": availability,
  "/reports/tickets/new_tickets": newTickets,
  "/reports/tickets/first_response_time": ticketHours((t) => t.firstResponseAt),
  "/reports/tickets/solved_tickets": solvedTickets,
  "/reports/tickets/resolution_time": ticketHours((t) => t.solvedAt),
  "/reports/tickets/ticket_sources": ticketSources,
  "/reports/tickets/ratings": ticketRatings,
  "/reports/tickets/ratings/ranking": ticketRanking,
};
