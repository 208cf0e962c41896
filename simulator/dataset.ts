/**
 * The simulator's single source of truth: a deterministic history of individual chats for both
 * fictional companies (see `accounts.ts`). Every vendor report the simulator serves is an
 * aggregation of these chats, so LiveChat and Rocket.Chat numbers stay mutually consistent.
 *
 * Determinism: each UTC day is generated on its own from a xoroshiro128+ PRNG seeded with
 * hash(company + "YYYY-MM-DD"), and the volume trend is a function of the absolute date. A given
 * day therefore always holds the same chats, whenever the dataset is built; only "today" is cut
 * at `now`.
 *
 * Units: instants in epoch ms (UTC); durations and response times in seconds (2 decimals).
 *
 * Derived layers read the day cache through `chatsOfDay` and never change a chat: `extras.ts`
 * (engagement, goals, tags, visitors, queue waits, transcripts, LiveChat queue departures,
 * greeting displays, agent availability) and `tickets.ts` (LiveChat tickets). They draw from
 * their own PRNG streams, so every number derived from SimChat fields stays identical.
 */
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";
import {
  LIVECHAT_AGENTS,
  LIVECHAT_GROUPS,
  LIVECHAT_LICENSE_TIMEZONE,
  ROCKETCHAT_DEPARTMENTS,
  ROCKETCHAT_USERS,
} from "./accounts";
import {
  DAY_MS,
  HOUR_MS,
  addDays,
  formatYmd,
  localParts,
  utcDate,
  utcMidnight,
  type CalendarDate,
} from "./time";

export interface SimChat {
  /** Unique, deterministic: 10 uppercase alphanumerics (LiveChat) or a 17-char Meteor-style `_id` (Rocket.Chat). */
  id: string;
  /** LiveChat group id as a string ("1".."4"); Rocket.Chat department `_id`. */
  team: string;
  /** LiveChat logins / Rocket.Chat usernames; first = the one who served; [] when nobody was assigned. */
  agents: string[];
  /** Epoch ms (UTC). */
  startedAt: number;
  /** Epoch ms, > startedAt. */
  endedAt: number;
  /** Seconds; null = missed chat (no agent reply). */
  firstResponseSeconds: number | null;
  /** Seconds, one per agent reply that follows a visitor message; [0] === firstResponseSeconds; [] when missed. */
  responseTimes: number[];
  /** Messages sent by agents (0 when missed). */
  agentMessages: number;
  /** Messages sent by the visitor (>= 1). */
  visitorMessages: number;
  /** null = not rated; missed chats are never rated. */
  rating: "good" | "bad" | null;
}

export interface Dataset {
  livechat: SimChat[];
  rocketchat: SimChat[];
  /** The instant the dataset was cut at (the requested `now` floored to the minute). */
  now: number;
  /** First UTC day of history, `YYYY-MM-DD`. */
  firstDay: string;
  /** Last (current, partial) UTC day of history, `YYYY-MM-DD`. */
  lastDay: string;
}

/** Days of history, today included. */
export const HISTORY_DAYS = 400;

export type CompanyKey = "livechat" | "rocketchat";

interface TeamModel {
  id: string;
  /** Share of the company's chats. */
  share: number;
  /** Median first response time, seconds (daytime). */
  frtMedian: number;
  /** Median of later response times, seconds. */
  responseMedian: number;
  /** Probability that a daytime chat gets no agent reply. */
  missedRate: number;
  /** Probability that an answered chat is rated. */
  ratedRate: number;
  /** Probability that a rating is good. */
  goodRate: number;
  members: { name: string; weight: number }[];
}

interface CompanyModel {
  key: CompanyKey;
  /** Seed prefix: hash(seedName + "YYYY-MM-DD"). */
  seedName: string;
  /** Zone whose wall clock drives hour-of-day seasonality. */
  timeZone: string;
  /** Chats per day on 2024-01-01, before the trend; clamped to `band` afterwards. */
  weekdayBase: number;
  weekendBase: number;
  weekdayBand: [number, number];
  weekendBand: [number, number];
  teams: TeamModel[];
  makeId: (rng: Rng, dayNumber: number) => string;
}

/** Trend anchor: volume grows ~15 %/year from here, whatever `now` is. */
const TREND_ANCHOR_MS = Date.UTC(2024, 0, 1);
const TREND_PER_YEAR = 1.15;

/** Relative chat intake per local hour on weekdays: peak 9–17, quiet but non-zero at night. */
const WEEKDAY_HOUR_WEIGHTS = [
  0.12, 0.08, 0.06, 0.06, 0.08, 0.15, 0.3, 0.6, 1.1, 1.7, 2.0, 2.0, 1.7, 1.9, 2.0, 1.9, 1.7, 1.2,
  0.8, 0.6, 0.45, 0.35, 0.25, 0.18,
];
/** Weekends are flatter: same shape, compressed. */
const WEEKEND_HOUR_WEIGHTS = WEEKDAY_HOUR_WEIGHTS.map((w) => Math.pow(w, 0.6));

// ---------------------------------------------------------------------------------------------
// PRNG helpers (pure-rand v8 generators mutate in place).

export interface Rng {
  /** Uniform in (0, 1). */
  u(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
}

/** A PRNG for one seed (other modules derive their own streams with `makeRng(hashString(…))`). */
export function makeRng(seed: number): Rng {
  const gen: RandomGenerator = xoroshiro128plus(seed);
  // xoroshiro128+ seeded from a single 32-bit value starts from a sparse state; discard the
  // first outputs so neighbouring seeds (consecutive days) do not produce correlated streams.
  for (let i = 0; i < 16; i++) gen.next();
  const u = (): number => ((gen.next() >>> 0) + 0.5) / 4_294_967_296;
  return {
    u,
    int: (min, max) => min + Math.floor(u() * (max - min + 1)),
    normal: () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()),
  };
}

/** FNV-1a then a murmur3 finaliser: a stable 32-bit seed from a string. */
export function hashString(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

export const round2 = (v: number): number => Math.round(v * 100) / 100;
export const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
/** Log-normal draw with the given median (same unit as the result). */
export const logNormal = (rng: Rng, median: number, sigma: number): number =>
  median * Math.exp(sigma * rng.normal());

export function pickWeighted<T>(rng: Rng, items: readonly T[], weight: (item: T) => number): T {
  let total = 0;
  for (const item of items) total += weight(item);
  let r = rng.u() * total;
  for (const item of items) {
    r -= weight(item);
    if (r <= 0) return item;
  }
  const last = items[items.length - 1];
  if (last === undefined) throw new Error("pickWeighted: empty list");
  return last;
}

// ---------------------------------------------------------------------------------------------
// IDs. A day-derived prefix (a bijection of the day number) makes ids unique across days; a Set
// makes them unique within a day.

const LIVECHAT_ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/** Meteor's Random.id() alphabet (no look-alike characters), as used for Rocket.Chat `_id`s. */
const METEOR_ID_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz";

function makeIdFactory(alphabet: string, length: number): (rng: Rng, dayNumber: number) => string {
  const base = alphabet.length;
  const prefixSpace = base * base * base;
  return (rng, dayNumber) => {
    // 7919 is coprime with both prefix spaces (36³, 55³), so consecutive days map to distinct,
    // non-sequential-looking prefixes for a century or more.
    let p = (((dayNumber * 7919) % prefixSpace) + prefixSpace) % prefixSpace;
    let id = "";
    for (let i = 0; i < 3; i++) {
      id = alphabet.charAt(p % base) + id;
      p = Math.floor(p / base);
    }
    for (let i = 3; i < length; i++) id += alphabet.charAt(Math.floor(rng.u() * base));
    return id;
  };
}

// ---------------------------------------------------------------------------------------------
// Company models.

/** Owners/administrators pick up fewer chats than front-line agents. */
const livechatMembers = (groupId: number) =>
  LIVECHAT_AGENTS.filter((a) => a.groups.includes(groupId)).map((a) => ({
    name: a.login,
    weight: a.permission === "normal" ? 1 : 0.35,
  }));

const rocketchatMembers = (departmentId: string) =>
  ROCKETCHAT_USERS.filter((u) => u.departments.includes(departmentId)).map((u) => ({
    name: u.username,
    weight: 1,
  }));

function livechatTeam(id: number, m: Omit<TeamModel, "id" | "members">): TeamModel {
  if (!LIVECHAT_GROUPS.some((g) => g.id === id)) throw new Error(`unknown LiveChat group ${id}`);
  return { id: String(id), members: livechatMembers(id), ...m };
}

function rocketchatTeam(name: string, m: Omit<TeamModel, "id" | "members">): TeamModel {
  const dept = ROCKETCHAT_DEPARTMENTS.find((d) => d.name === name);
  if (!dept) throw new Error(`unknown Rocket.Chat department ${name}`);
  return { id: dept._id, members: rocketchatMembers(dept._id), ...m };
}

const COMPANIES: Record<CompanyKey, CompanyModel> = {
  livechat: {
    key: "livechat",
    seedName: "Northwind Outfitters",
    timeZone: LIVECHAT_LICENSE_TIMEZONE,
    // 210 × 1.15^(years since 2024) ≈ 270 (late 2025) … 315 (late 2026) weekday chats.
    weekdayBase: 210,
    weekendBase: 69,
    weekdayBand: [250, 350],
    weekendBand: [80, 120],
    teams: [
      // Sales: fast and well rated. Support: the bulk. Billing: slow, more bad ratings. VIP: small and fast.
      livechatTeam(1, {
        share: 0.3,
        frtMedian: 14,
        responseMedian: 32,
        missedRate: 0.03,
        ratedRate: 0.36,
        goodRate: 0.9,
      }),
      livechatTeam(2, {
        share: 0.44,
        frtMedian: 30,
        responseMedian: 45,
        missedRate: 0.04,
        ratedRate: 0.32,
        goodRate: 0.83,
      }),
      livechatTeam(3, {
        share: 0.2,
        frtMedian: 55,
        responseMedian: 65,
        missedRate: 0.05,
        ratedRate: 0.38,
        goodRate: 0.74,
      }),
      livechatTeam(4, {
        share: 0.06,
        frtMedian: 8,
        responseMedian: 22,
        missedRate: 0.015,
        ratedRate: 0.4,
        goodRate: 0.93,
      }),
    ],
    makeId: makeIdFactory(LIVECHAT_ID_ALPHABET, 10),
  },
  rocketchat: {
    key: "rocketchat",
    seedName: "Acme Robotics",
    timeZone: "Europe/Berlin",
    weekdayBase: 103,
    weekendBase: 34,
    weekdayBand: [120, 180],
    weekendBand: [40, 60],
    teams: [
      rocketchatTeam("Support", {
        share: 0.48,
        frtMedian: 25,
        responseMedian: 40,
        missedRate: 0.04,
        ratedRate: 0.3,
        goodRate: 0.84,
      }),
      rocketchatTeam("Sales", {
        share: 0.24,
        frtMedian: 15,
        responseMedian: 30,
        missedRate: 0.035,
        ratedRate: 0.33,
        goodRate: 0.88,
      }),
      rocketchatTeam("Onboarding", {
        share: 0.17,
        frtMedian: 35,
        responseMedian: 50,
        missedRate: 0.03,
        ratedRate: 0.35,
        goodRate: 0.86,
      }),
      rocketchatTeam("Partners", {
        share: 0.11,
        frtMedian: 45,
        responseMedian: 60,
        missedRate: 0.05,
        ratedRate: 0.28,
        goodRate: 0.8,
      }),
    ],
    makeId: makeIdFactory(METEOR_ID_ALPHABET, 17),
  },
};

// ---------------------------------------------------------------------------------------------
// One day.

function generateDay(company: CompanyModel, date: CalendarDate): SimChat[] {
  const day = formatYmd(date);
  const rng = makeRng(hashString(company.seedName + day));
  const dayStart = utcMidnight(date);
  const dayNumber = Math.round(dayStart / DAY_MS);
  const weekday = new Date(dayStart).getUTCDay();
  const weekend = weekday === 0 || weekday === 6;

  // Volume: base × absolute-date trend × ±6 % noise, clamped to the realism band.
  const years = (dayStart - TREND_ANCHOR_MS) / (365 * DAY_MS);
  const [lo, hi] = weekend ? company.weekendBand : company.weekdayBand;
  const base = weekend ? company.weekendBase : company.weekdayBase;
  const count = Math.round(
    clamp(base * Math.pow(TREND_PER_YEAR, years) * (1 + 0.06 * rng.normal()), lo, hi),
  );

  // Seasonality: weight each UTC hour of this day by the company's local hour at that moment.
  const hourWeights = weekend ? WEEKEND_HOUR_WEIGHTS : WEEKDAY_HOUR_WEIGHTS;
  const localHours: number[] = [];
  const cumulative: number[] = [];
  let acc = 0;
  for (let h = 0; h < 24; h++) {
    const local = localParts(dayStart + h * HOUR_MS + HOUR_MS / 2, company.timeZone).h;
    localHours.push(local);
    acc += hourWeights[local] ?? 0;
    cumulative.push(acc);
  }

  const starts: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = rng.u() * acc;
    let h = 0;
    while (h < 23 && (cumulative[h] ?? acc) < r) h++;
    starts.push(dayStart + h * HOUR_MS + Math.floor(rng.u() * HOUR_MS));
  }
  starts.sort((a, b) => a - b);

  const ids = new Set<string>();
  const chats: SimChat[] = [];
  for (const startedAt of starts) {
    let id = company.makeId(rng, dayNumber);
    while (ids.has(id)) id = company.makeId(rng, dayNumber);
    ids.add(id);
    const localHour = localHours[Math.floor((startedAt - dayStart) / HOUR_MS)] ?? 12;
    chats.push(generateChat(rng, company, id, startedAt, localHour));
  }
  return chats;
}

function generateChat(
  rng: Rng,
  company: CompanyModel,
  id: string,
  startedAt: number,
  localHour: number,
): SimChat {
  const team = pickWeighted(rng, company.teams, (t) => t.share);
  const night = localHour < 8 || localHour >= 20;
  const served = pickWeighted(rng, team.members, (m) => m.weight).name;

  // Missed: nobody replied. Nights are thinly staffed, so more chats go unanswered.
  if (rng.u() < team.missedRate * (night ? 2.2 : 1)) {
    const waitedSeconds = 60 + rng.u() * 600;
    return {
      id,
      team: team.id,
      // Some missed chats were routed to an agent who never answered; others never reached one.
      agents: rng.u() < 0.5 ? [served] : [],
      startedAt,
      endedAt: startedAt + Math.round(waitedSeconds * 1000),
      firstResponseSeconds: null,
      responseTimes: [],
      agentMessages: 0,
      visitorMessages: rng.int(1, 3),
      rating: null,
    };
  }

  const firstResponse = round2(
    clamp(logNormal(rng, team.frtMedian * (night ? 1.5 : 1), 0.75), 2, 600),
  );
  // 2–15 agent messages, skewed towards short conversations.
  const agentMessages = 2 + Math.floor(13 * Math.pow(rng.u(), 1.6));
  const visitorMessages = Math.max(1, agentMessages + rng.int(-2, 3));
  // Only agent messages that follow a visitor message count as responses.
  const responses = clamp(
    Math.min(agentMessages, visitorMessages) - rng.int(0, 1),
    1,
    agentMessages,
  );
  const responseTimes = [firstResponse];
  for (let i = 1; i < responses; i++) {
    responseTimes.push(round2(clamp(logNormal(rng, team.responseMedian, 0.6), 10, 180)));
  }

  const agents = [served];
  if (rng.u() < 0.05 && team.members.length > 1) {
    const others = team.members.filter((m) => m.name !== served);
    agents.push(pickWeighted(rng, others, (m) => m.weight).name);
  }

  // 2–40 minutes, but never shorter than the replies themselves plus some typing time.
  const talkSeconds =
    responseTimes.reduce((s, t) => s + t, 0) + 8 * (agentMessages + visitorMessages);
  const durationSeconds = Math.max(120 + 2280 * Math.pow(rng.u(), 1.3), talkSeconds + 30);

  let rating: SimChat["rating"] = null;
  if (rng.u() < team.ratedRate) rating = rng.u() < team.goodRate ? "good" : "bad";

  return {
    id,
    team: team.id,
    agents,
    startedAt,
    endedAt: startedAt + Math.round(durationSeconds * 1000),
    firstResponseSeconds: firstResponse,
    responseTimes,
    agentMessages,
    visitorMessages,
    rating,
  };
}

// ---------------------------------------------------------------------------------------------
// Caches and public API.

/** Full (uncut) days, keyed by company + date. Immutable once generated. */
const dayCache = new Map<string, SimChat[]>();
/** Recently built datasets, keyed by the minute they were cut at. */
const datasetCache = new Map<number, Dataset>();
const DATASET_CACHE_SIZE = 8;

function dayChats(company: CompanyModel, date: CalendarDate): SimChat[] {
  const key = `${company.key}|${formatYmd(date)}`;
  let chats = dayCache.get(key);
  if (!chats) {
    chats = generateDay(company, date);
    dayCache.set(key, chats);
  }
  return chats;
}

/**
 * The dataset as of `now` (default `Date.now()`): 400 UTC days ending with today's, today cut at
 * `now` floored to the minute. Memoised per minute; individual days are cached for the life of the
 * process (a few MB), so rebuilding after the minute ticks over costs only a concatenation.
 */
export function getDataset(now: number = Date.now()): Dataset {
  const cutAt = Math.floor(now / 60_000) * 60_000;
  const cached = datasetCache.get(cutAt);
  if (cached) return cached;

  const today = utcDate(cutAt);
  const first = addDays(today, -(HISTORY_DAYS - 1));
  const build = (company: CompanyModel): SimChat[] => {
    const out: SimChat[] = [];
    for (let i = 0; i < HISTORY_DAYS; i++) {
      const chats = dayChats(company, addDays(first, i));
      if (i < HISTORY_DAYS - 1) {
        for (const chat of chats) out.push(chat);
      } else {
        for (const chat of chats) if (chat.startedAt <= cutAt) out.push(chat);
      }
    }
    return out;
  };
  const dataset: Dataset = {
    livechat: build(COMPANIES.livechat),
    rocketchat: build(COMPANIES.rocketchat),
    now: cutAt,
    firstDay: formatYmd(first),
    lastDay: formatYmd(today),
  };

  datasetCache.set(cutAt, dataset);
  if (datasetCache.size > DATASET_CACHE_SIZE) {
    const oldest = datasetCache.keys().next().value;
    if (oldest !== undefined) datasetCache.delete(oldest);
  }
  // Drop generated days that fell out of every window we might still serve.
  const horizon = utcMidnight(addDays(first, -7));
  for (const key of dayCache.keys()) {
    const date = key.slice(key.indexOf("|") + 1);
    if (Date.parse(`${date}T00:00:00Z`) < horizon) dayCache.delete(key);
  }
  return dataset;
}

/** Forgets every generated day and dataset (tests use it to prove regeneration is identical). */
export function clearDatasetCaches(): void {
  dayCache.clear();
  datasetCache.clear();
}

/** Index of the first chat with `startedAt >= t` (chats sorted by startedAt). */
function lowerBound(chats: SimChat[], t: number): number {
  let lo = 0;
  let hi = chats.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((chats[mid]?.startedAt ?? Infinity) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Chats with `startMs <= startedAt < endMsExclusive` (binary search; `chats` sorted by startedAt). */
export function chatsBetween(chats: SimChat[], startMs: number, endMsExclusive: number): SimChat[] {
  if (endMsExclusive <= startMs) return [];
  return chats.slice(lowerBound(chats, startMs), lowerBound(chats, endMsExclusive));
}

/**
 * Rocket.Chat's `metrics.reaction.ft` (assignment → first agent message). SimChat does not store
 * it; it is derived deterministically from the chat id as 35–95 % of the first response time,
 * because the agent is assigned after the room opens. null when the chat was missed.
 */
export function reactionSeconds(chat: SimChat): number | null {
  if (chat.firstResponseSeconds === null) return null;
  const fraction = 0.35 + 0.6 * ((hashString(chat.id) >>> 0) / 4_294_967_296);
  return Math.max(0.01, round2(chat.firstResponseSeconds * fraction));
}

// ---------------------------------------------------------------------------------------------
// Accessors for the derived layers (`extras.ts`, `tickets.ts`). They read the same day cache and
// never change a generated chat.

/** Upper bound of `endedAt − startedAt` over every generated chat (40 min today; checked by a test). */
export const MAX_CHAT_MS = 2 * HOUR_MS;

/** Which company a chat belongs to: LiveChat ids have 10 characters, Rocket.Chat `_id`s 17. */
export function companyOf(chat: SimChat): CompanyKey {
  return chat.id.length === 10 ? "livechat" : "rocketchat";
}

/** The zone whose wall clock drives a company's hour-of-day seasonality. */
export function companyTimeZone(company: CompanyKey): string {
  return COMPANIES[company].timeZone;
}

/** A company's teams: id, share of chats, and members (logins/usernames) with routing weights. */
export function companyTeams(
  company: CompanyKey,
): readonly { id: string; share: number; members: readonly { name: string; weight: number }[] }[] {
  return COMPANIES[company].teams;
}

/**
 * Every chat of one UTC day, uncut (a "today" array also holds chats after `now`), sorted by
 * startedAt. The array is the day cache's own: its identity is stable while the day stays cached,
 * so derived layers key their caches on it (a `WeakMap` entry dies with the cached day).
 */
export function chatsOfDay(company: CompanyKey, date: CalendarDate): readonly SimChat[] {
  return dayChats(COMPANIES[company], date);
}
