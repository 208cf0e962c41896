/**
 * Derived attributes of the simulator dataset that the LiveChat reports beyond chats, ratings and
 * response times need: per chat (engagement, greeting, goal, tags, visitor, queue wait, transcript)
 * and per LiveChat day (visitors who left the queue, greetings displayed, agent availability).
 *
 * Determinism without touching `dataset.ts`'s streams: every value here comes from its own PRNG,
 * seeded by hash(chat.id + "|extras") / hash(chat.id + "|transcript") per chat, or by
 * hash(company seed + "YYYY-MM-DD" + "|extras") per day. No SimChat field is changed, so every
 * number the existing reports serve stays identical.
 *
 * Laziness: nothing is computed by `getDataset`; each UTC day's extras are computed on first use
 * and cached in a `WeakMap` keyed by the day cache's chat array, so they live and die with it.
 *
 * Units: instants in epoch ms (UTC); waits in whole seconds; sales values in currency units
 * (2 decimals). Intervals are half-open `[start, end)`.
 */
import { LIVECHAT_AGENTS, LIVECHAT_LICENSE_TIMEZONE } from "./accounts";
import {
  chatsOfDay,
  clamp,
  companyOf,
  hashString,
  logNormal,
  makeRng,
  pickWeighted,
  round2,
  type CompanyKey,
  type Rng,
  type SimChat,
} from "./dataset";
import {
  DAY_MS,
  HOUR_MS,
  formatYmd,
  utcDate,
  utcMidnight,
  weekdayOf,
  zonedWallToUtc,
  type CalendarDate,
} from "./time";

// ---------------------------------------------------------------------------------------------
// Account configuration the extras refer to (LiveChat goals, greetings and tags).

export interface GoalDefinition {
  id: number;
  name: string;
  /** Sales trackers carry an order value and currency; plain goals do not. */
  salesTracker: boolean;
}

/** The LiveChat account's goals (`GET /goals` would list these). */
export const LIVECHAT_GOALS: readonly GoalDefinition[] = [
  { id: 71, name: "Newsletter signup", salesTracker: false },
  { id: 72, name: "Demo booked", salesTracker: false },
  { id: 73, name: "Checkout completed", salesTracker: true },
];

export interface GreetingDefinition {
  id: number;
  name: string;
  /** The group (1…4) whose visitors see it. */
  group: number;
}

/** Automatic greetings (invitations); every group has at least one. */
export const LIVECHAT_GREETINGS: readonly GreetingDefinition[] = [
  { id: 2491, name: "Summer sale invitation", group: 1 },
  { id: 2492, name: "Pricing page helper", group: 1 },
  { id: 2493, name: "Help center nudge", group: 2 },
  { id: 2494, name: "Order status helper", group: 2 },
  { id: 2495, name: "Invoice question?", group: 3 },
  { id: 2496, name: "VIP concierge", group: 4 },
];

/** Chat and ticket tags used by the account. */
export const CHAT_TAGS = ["sales", "support", "billing", "bug", "feedback"] as const;
export type ChatTag = (typeof CHAT_TAGS)[number];

/** Currencies of tracked sales. */
export const SALES_CURRENCIES = ["USD", "EUR", "GBP"] as const;

// ---------------------------------------------------------------------------------------------
// Per-chat extras

export type Engagement = "auto_invite" | "immediate_start" | "manual_invite";

/** A goal reached in a chat. Sales trackers also carry `value` (2 decimals) and `currency`. */
export interface SimGoal {
  id: number;
  name: string;
  value?: number;
  currency?: string;
}

export interface ChatExtras {
  /** How the chat started (LiveChat `engagement`). Rocket.Chat chats are always `immediate_start`. */
  engagement: Engagement;
  /** The greeting that invited the visitor: set exactly when `engagement` is `auto_invite`. */
  greetingId: number | null;
  /** The goal reached during the chat; only answered LiveChat chats reach one, good ones more often. */
  goal: SimGoal | null;
  /** 0–2 distinct tags from `CHAT_TAGS`, biased by team. */
  tags: string[];
  visitorName: string;
  visitorEmail: string;
  /** LiveChat-style visitor id (`S1355415390.49b8940793`); returning visitors keep theirs. */
  visitorId: string;
  /**
   * Whole seconds the visitor waited in the queue *before* `startedAt` (so first response times are
   * unaffected), or null when the chat was not queued. Only chats routed to an agent are queued,
   * and more of them at the day's peak hours.
   */
  queuedSeconds: number | null;
}

/** Share of chats started by an automatic invitation, per LiveChat group. */
const AUTO_INVITE_RATE: Record<string, number> = { "1": 0.32, "2": 0.18, "3": 0.12, "4": 0.25 };
const MANUAL_INVITE_RATE = 0.12;
/** Probability that an answered chat reaches a goal, per LiveChat group (before the rating factor). */
const GOAL_RATE: Record<string, number> = { "1": 0.14, "2": 0.04, "3": 0.03, "4": 0.18 };
/** Tag weights per LiveChat group (Rocket.Chat departments use `GENERIC_TAG_WEIGHTS`). */
const GENERIC_TAG_WEIGHTS: Record<ChatTag, number> = {
  sales: 1,
  support: 3,
  billing: 1,
  bug: 1,
  feedback: 1,
};
const TAG_WEIGHTS: Record<string, Record<ChatTag, number>> = {
  "1": { sales: 6, support: 1, billing: 1, bug: 0.3, feedback: 1 },
  "2": { sales: 0.5, support: 5, billing: 0.8, bug: 2.5, feedback: 1 },
  "3": { sales: 0.3, support: 1, billing: 6, bug: 0.5, feedback: 1 },
  "4": { sales: 3, support: 3, billing: 1, bug: 0.5, feedback: 1.5 },
};

const FIRST_NAMES = (
  "Mary James Linda Robert Patricia Michael Jennifer David Elizabeth William " +
  "Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy " +
  "Matthew Lisa Anthony Betty Mark Sandra Paul Ashley Steven Kimberly Andrew Emily " +
  "Kenneth Donna Joshua Michelle Kevin Carol Brian Amanda George Melissa Timothy " +
  "Deborah Aisha Kenji Priya Mateo Ingrid"
).split(" ");
const LAST_NAMES = (
  "Brown Smith Johnson Williams Jones Garcia Miller Davis Rodriguez Martinez " +
  "Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee " +
  "Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young " +
  "Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall " +
  "Rivera Campbell Mitchell Carter Roberts"
).split(" ");
const MAIL_DOMAINS = ["example.com", "mail.example", "inbox.example", "post.example"];
/** Returning visitors are drawn from this many stable identities. */
const RETURNING_POOL = 4000;
const RETURNING_SHARE = 0.25;

const pick = <T>(rng: Rng, items: readonly T[]): T => {
  const item = items[Math.floor(rng.u() * items.length)];
  if (item === undefined) throw new Error("pick: empty list");
  return item;
};

const hex = (seed: string, length: number): string => {
  let out = "";
  for (let i = 0; out.length < length; i++)
    out += (hashString(`${seed}|${i}`) >>> 0).toString(16).padStart(8, "0");
  return out.slice(0, length);
};

export interface SimVisitor {
  name: string;
  email: string;
  id: string;
}

/** A stable identity from the returning-visitor pool (index 0 … RETURNING_POOL − 1). */
function returningVisitor(index: number): SimVisitor {
  const rng = makeRng(hashString(`visitor|${index}`));
  return newVisitor(rng, 1_650_000_000 + ((index * 104_729) % 60_000_000));
}

/** A fresh visitor; `firstSeenSeconds` becomes the numeric part of the id, as LiveChat does. */
export function newVisitor(rng: Rng, firstSeenSeconds: number): SimVisitor {
  const first = pick(rng, FIRST_NAMES);
  const last = pick(rng, LAST_NAMES);
  const suffix = rng.u() < 0.4 ? String(rng.int(1, 99)) : "";
  const email = `${first}.${last}${suffix}@${pick(rng, MAIL_DOMAINS)}`.toLowerCase();
  const id = `S${Math.floor(firstSeenSeconds)}.${hex(`${email}|${firstSeenSeconds}`, 10)}`;
  return { name: `${first} ${last}`, email, id };
}

/** 0–2 distinct tags weighted by team (LiveChat group id, else generic); rated items favour "feedback". */
export function pickTags(rng: Rng, team: string, rated: boolean): string[] {
  const roll = rng.u();
  const n = roll < 0.35 ? 0 : roll < 0.8 ? 1 : 2;
  const weights = { ...(TAG_WEIGHTS[team] ?? GENERIC_TAG_WEIGHTS) };
  if (rated) weights.feedback *= 3;
  const tags: string[] = [];
  for (let i = 0; i < n; i++) {
    const candidates = CHAT_TAGS.filter((t) => !tags.includes(t));
    tags.push(pickWeighted(rng, candidates, (t) => weights[t]));
  }
  return tags;
}

function pickGoal(rng: Rng, team: string): SimGoal {
  const salesTeam = team === "1" || team === "4";
  const weights: Record<number, number> = salesTeam
    ? { 71: 0.2, 72: 0.25, 73: 0.55 }
    : { 71: 0.6, 72: 0.2, 73: 0.2 };
  const goal = pickWeighted(rng, LIVECHAT_GOALS, (g) => weights[g.id] ?? 0);
  if (!goal.salesTracker) return { id: goal.id, name: goal.name };
  const currency = pickWeighted(rng, SALES_CURRENCIES, (c) =>
    c === "USD" ? 0.7 : c === "EUR" ? 0.2 : 0.1,
  );
  return {
    id: goal.id,
    name: goal.name,
    value: round2(clamp(logNormal(rng, 120, 0.7), 5, 2000)),
    currency,
  };
}

/** `load` = this chat's UTC hour volume ÷ the day's busiest hour (0…1], the queue pressure. */
function generateChatExtras(chat: SimChat, company: CompanyKey, load: number): ChatExtras {
  const rng = makeRng(hashString(`${chat.id}|extras`));
  const livechat = company === "livechat";

  // Engagement and greeting.
  const greetings = livechat ? LIVECHAT_GREETINGS.filter((g) => String(g.group) === chat.team) : [];
  const autoRate = greetings.length > 0 ? (AUTO_INVITE_RATE[chat.team] ?? 0.2) : 0;
  const roll = rng.u();
  const engagement: Engagement =
    roll < autoRate
      ? "auto_invite"
      : roll < autoRate + MANUAL_INVITE_RATE
        ? "manual_invite"
        : "immediate_start";
  const greetingId = engagement === "auto_invite" ? pick(rng, greetings).id : null;

  // Goal: answered LiveChat chats only; good chats convert more often, bad ones rarely.
  let goal: SimGoal | null = null;
  const goalRoll = rng.u();
  if (livechat && chat.firstResponseSeconds !== null) {
    const factor = chat.rating === "good" ? 2.2 : chat.rating === "bad" ? 0.3 : 1;
    if (goalRoll < (GOAL_RATE[chat.team] ?? 0.05) * factor) goal = pickGoal(rng, chat.team);
  }

  const tags = pickTags(rng, livechat ? chat.team : "", chat.rating !== null);

  const visitor =
    rng.u() < RETURNING_SHARE
      ? returningVisitor(rng.int(0, RETURNING_POOL - 1))
      : newVisitor(rng, chat.startedAt / 1000 - rng.int(0, 30 * 86_400));

  // Queue: only chats routed to an agent; probability and wait grow with the hour's load.
  let queuedSeconds: number | null = null;
  const queueRoll = rng.u();
  if (chat.agents.length > 0 && queueRoll < 0.02 + 0.3 * Math.pow(load, 3)) {
    queuedSeconds = Math.round(clamp(logNormal(rng, 30 + 90 * load, 0.7), 3, 900));
  }

  return {
    engagement,
    greetingId,
    goal,
    tags,
    visitorName: visitor.name,
    visitorEmail: visitor.email,
    visitorId: visitor.id,
    queuedSeconds,
  };
}

const chatExtrasCache = new WeakMap<readonly SimChat[], Map<string, ChatExtras>>();

function extrasOfDayChats(company: CompanyKey, chats: readonly SimChat[]): Map<string, ChatExtras> {
  let extras = chatExtrasCache.get(chats);
  if (extras) return extras;
  const first = chats[0];
  const perHour = new Array<number>(24).fill(0);
  const dayStart = first ? Math.floor(first.startedAt / DAY_MS) * DAY_MS : 0;
  for (const chat of chats) {
    const h = Math.floor((chat.startedAt - dayStart) / HOUR_MS);
    perHour[h] = (perHour[h] ?? 0) + 1;
  }
  const busiest = Math.max(1, ...perHour);
  extras = new Map();
  for (const chat of chats) {
    const load = (perHour[Math.floor((chat.startedAt - dayStart) / HOUR_MS)] ?? 0) / busiest;
    extras.set(chat.id, generateChatExtras(chat, company, load));
  }
  chatExtrasCache.set(chats, extras);
  return extras;
}

/** Memo of the last day looked up: reports walk chats in time order, so most lookups hit it. */
let lastLookup: { company: CompanyKey; dayNumber: number; extras: Map<string, ChatExtras> } | null =
  null;

/** The extras of one chat (computed with the rest of its UTC day on first use). */
export function chatExtras(chat: SimChat): ChatExtras {
  const company = companyOf(chat);
  const dayNumber = Math.floor(chat.startedAt / DAY_MS);
  let extras =
    lastLookup && lastLookup.company === company && lastLookup.dayNumber === dayNumber
      ? lastLookup.extras
      : undefined;
  if (!extras) {
    extras = extrasOfDayChats(company, chatsOfDay(company, utcDate(chat.startedAt)));
    lastLookup = { company, dayNumber, extras };
  }
  const found = extras.get(chat.id);
  if (!found) {
    // A chat object that is not in its day's cache (hand-made in a test): derive it alone.
    return generateChatExtras(chat, company, 0.5);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Transcripts

export interface TranscriptMessage {
  author: "visitor" | "agent";
  /** Login (LiveChat) or username (Rocket.Chat) of the agent, for agent messages. */
  agent?: string;
  /** Epoch ms, within startedAt..endedAt, non-decreasing. */
  at: number;
  text: string;
}

const VISITOR_OPENERS: Record<string, string[]> = {
  sales: [
    "Hi, do you have the trail runners in size 42?",
    "Hello! Is the summer discount still valid?",
    "Hi there, can I get a quote for 20 jackets for my team?",
  ],
  support: [
    "Hi, my order hasn't arrived yet.",
    "Hello, I need help with a return.",
    "Hi, the tracking link says the parcel is stuck.",
  ],
  billing: [
    "Hi, I was charged twice for my order.",
    "Hello, where can I download my invoice?",
    "Hi, my card was declined but the money is gone.",
  ],
  bug: [
    "Hi, the checkout page keeps spinning.",
    "Hello, I can't log in to my account.",
    "Hi, the size chart doesn't load on mobile.",
  ],
  feedback: ["Hi, just wanted to say the new boots are great!", "Hello, a quick suggestion."],
  generic: ["Hi, I have a question.", "Hello, can someone help me?", "Hi there!"],
};
const VISITOR_LINES = [
  "Thanks.",
  "Sure, one moment.",
  "My order number is NW-{n}.",
  "Yes, that's right.",
  "Could you check again, please?",
  "Great, and how long will that take?",
  "OK, I see it now.",
  "Is there anything else I need to do?",
  "Perfect, thank you!",
];
const AGENT_OPENERS = [
  "Hi {visitor}, thanks for reaching out! How can I help?",
  "Hello {visitor}, I'd be happy to help you with that.",
  "Hi {visitor}! Let me look into it for you.",
];
const AGENT_LINES = [
  "Let me check that for you.",
  "Could you share your order number?",
  "I've found your order.",
  "That's done: you'll get a confirmation e-mail shortly.",
  "I've issued a refund; it takes 3–5 business days.",
  "You can find it under Account > Orders.",
  "Is there anything else I can help you with?",
  "Thanks for waiting!",
  "I've passed this on to our team.",
];

const fill = (template: string, rng: Rng, visitorFirst: string): string =>
  template.replace("{visitor}", visitorFirst).replace("{n}", String(rng.int(100_000, 999_999)));

/** Splits `total` into `parts` sizes ≥ 1 (requires total ≥ parts ≥ 1). */
function splitCounts(rng: Rng, total: number, parts: number): number[] {
  const sizes = new Array<number>(parts).fill(1);
  for (let i = parts; i < total; i++) {
    const k = Math.floor(rng.u() * parts);
    sizes[k] = (sizes[k] ?? 1) + 1;
  }
  return sizes;
}

/**
 * The chat's messages, deterministic per chat id:
 * - the first message is the visitor's, at `startedAt`; missed chats have visitor messages only;
 * - answered chats alternate visitor blocks and agent blocks; there are exactly
 *   `responseTimes.length` agent blocks, block i starting `responseTimes[i]` seconds after the
 *   first message of the visitor block before it (so the first agent message comes exactly
 *   `firstResponseSeconds` after the first visitor message), and an optional trailing visitor block;
 * - counts equal `agentMessages` and `visitorMessages`; all instants lie in [startedAt, endedAt];
 * - in a transferred chat (two agents) the second agent writes the later half of the blocks.
 */
export function transcriptOf(chat: SimChat): TranscriptMessage[] {
  const rng = makeRng(hashString(`${chat.id}|transcript`));
  const extras = chatExtras(chat);
  const visitorFirst = extras.visitorName.split(" ")[0] ?? "there";
  const topic = extras.tags[0] ?? "generic";
  const visitorOpener = pick(rng, VISITOR_OPENERS[topic] ?? VISITOR_OPENERS.generic ?? []);
  const messages: TranscriptMessage[] = [];
  const duration = chat.endedAt - chat.startedAt;
  let visitorCount = 0;
  const visitorText = (): string =>
    visitorCount++ === 0 ? visitorOpener : fill(pick(rng, VISITOR_LINES), rng, visitorFirst);

  if (chat.firstResponseSeconds === null) {
    // Missed: the visitor writes a few times and gives up before `endedAt`.
    const offsets = [0];
    for (let i = 1; i < chat.visitorMessages; i++)
      offsets.push(Math.floor(rng.u() * duration * 0.9));
    offsets.sort((a, b) => a - b);
    for (const offset of offsets)
      messages.push({ author: "visitor", at: chat.startedAt + offset, text: visitorText() });
    return messages;
  }

  const responses = chat.responseTimes.length;
  const agentBlocks = splitCounts(rng, chat.agentMessages, responses);
  const trailing = chat.visitorMessages > responses && rng.u() < 0.5 ? 1 : 0;
  const visitorBlocks = splitCounts(rng, chat.visitorMessages, responses + trailing);
  const trailingSize = trailing ? (visitorBlocks[responses] ?? 0) : 0;

  // Time not spent waiting for replies, shared between the gaps that follow agent messages.
  const responseMs = chat.responseTimes.map((s) => Math.round(s * 1000));
  const waiting = responseMs.reduce((a, b) => a + b, 0);
  const gapCount =
    chat.agentMessages - responses + (responses - 1) + trailing + Math.max(0, trailingSize - 1);
  const budget = Math.max(0, duration - waiting) * 0.9;
  const weights = Array.from({ length: gapCount }, () => 0.5 + rng.u());
  const weightSum = weights.reduce((a, b) => a + b, 0) || 1;
  let gapIndex = 0;
  const nextGap = (): number =>
    Math.max(1, Math.floor((budget * (weights[gapIndex++] ?? 1)) / weightSum));

  const transferBlock = chat.agents.length > 1 ? Math.max(1, Math.floor(responses / 2)) : Infinity;
  let agentCount = 0;
  let t = chat.startedAt;
  for (let block = 0; block < responses; block++) {
    const wait = responseMs[block] ?? 0;
    const vSize = visitorBlocks[block] ?? 1;
    // Visitor messages of the block fit inside the wait for the reply.
    for (let j = 0; j < vSize; j++)
      messages.push({
        author: "visitor",
        at: t + Math.floor((j * wait) / vSize),
        text: visitorText(),
      });
    t += wait;
    const agent = (block >= transferBlock ? chat.agents[1] : chat.agents[0]) ?? chat.agents[0];
    const aSize = agentBlocks[block] ?? 1;
    for (let j = 0; j < aSize; j++) {
      if (j > 0) t += nextGap();
      const text =
        agentCount++ === 0
          ? fill(pick(rng, AGENT_OPENERS), rng, visitorFirst)
          : fill(pick(rng, AGENT_LINES), rng, visitorFirst);
      messages.push({ author: "agent", ...(agent ? { agent } : {}), at: t, text });
    }
    if (block + 1 < responses || trailing) t += nextGap();
  }
  for (let j = 0; j < trailingSize; j++) {
    if (j > 0) t += nextGap();
    messages.push({ author: "visitor", at: t, text: visitorText() });
  }
  return messages;
}

// ---------------------------------------------------------------------------------------------
// Per-day LiveChat extras

/** A half-open interval of epoch ms. */
export interface Interval {
  start: number;
  end: number;
}

/** A visitor who waited in the queue and left before an agent took the chat (no chat exists). */
export interface LeftQueueVisitor {
  /** LiveChat group id ("1".."4"). */
  team: string;
  /** Epoch ms when the visitor left the queue (the instant reports bucket it by). */
  at: number;
  /** Whole seconds spent waiting before leaving. */
  waitedSeconds: number;
}

/** One display of an automatic greeting. */
export interface GreetingDisplay {
  team: string;
  /** Epoch ms of the display; an accepted greeting is displayed at its chat's `startedAt`. */
  at: number;
  greetingId: number;
  /** True exactly for the display that started a chat (`engagement` auto_invite, same greetingId). */
  accepted: boolean;
  /** The chat it started, when accepted. */
  chatId: string | null;
}

export interface LiveChatDayExtras {
  /** Sorted by `at`. Instants may lie after `now` on the current day: cut them when serving. */
  leftQueue: LeftQueueVisitor[];
  /** Sorted by `at`. Accepted displays ⇔ auto_invite chats of the day (same greetingId). */
  greetings: GreetingDisplay[];
  /**
   * Per agent login: merged availability (logged-in, accepting chats) intervals that *start* on
   * this UTC day: the agent's shift sessions plus every chat routed to them (padded by 1–5 min),
   * so an agent is always available while in a chat. Intervals may run past midnight.
   */
  availability: Map<string, Interval[]>;
}

/** Local (license time zone) shift start hour per agent; shifts last ~8 h with a lunch break. */
const SHIFT_START_HOUR: Record<string, number> = {
  "olivia.owner@northwind.example": 10,
  "adam.admin@northwind.example": 9,
  "sofia.sales@northwind.example": 8,
  "liam.sales@northwind.example": 9,
  "nora.sales@northwind.example": 11,
  "ethan.support@northwind.example": 7,
  "mia.support@northwind.example": 9,
  "lucas.support@northwind.example": 13,
  "ava.support@northwind.example": 10,
  "noah.billing@northwind.example": 8,
  "emma.billing@northwind.example": 10,
  "james.vip@northwind.example": 9,
};

/** Sorts and merges overlapping or touching intervals. */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv.start <= last.end) last.end = Math.max(last.end, iv.end);
    else if (iv.end > iv.start) out.push({ ...iv });
  }
  return out;
}

function shiftSessions(rng: Rng, date: CalendarDate, login: string, manager: boolean): Interval[] {
  const weekday = weekdayOf(date);
  const weekend = weekday === 0 || weekday === 6;
  const tz = LIVECHAT_LICENSE_TIMEZONE;
  const minute = 60_000;
  const roll = rng.u();
  const startJitter = Math.round((rng.u() - 0.5) * 30) * minute;
  const lengthJitter = Math.round((rng.u() - 0.5) * 60) * minute;
  const lunchAfter = (3.5 + rng.u()) * HOUR_MS;
  const lunchLength = (30 + Math.floor(rng.u() * 16)) * minute;
  if (manager) {
    if (weekend || roll >= 0.7) return [];
    const start = zonedWallToUtc(date, SHIFT_START_HOUR[login] ?? 10, tz) + startJitter;
    return [{ start, end: start + 5 * HOUR_MS + lengthJitter }];
  }
  if (weekend) {
    if (roll >= 0.3) return [];
    const start = zonedWallToUtc(date, 10, tz) + startJitter;
    return [{ start, end: start + 6 * HOUR_MS + lengthJitter }];
  }
  if (roll < 0.06) return []; // day off
  const start = zonedWallToUtc(date, SHIFT_START_HOUR[login] ?? 9, tz) + startJitter;
  const end = start + 8.5 * HOUR_MS + lengthJitter;
  return [
    { start, end: start + lunchAfter },
    { start: start + lunchAfter + lunchLength, end },
  ];
}

const livechatDayCache = new WeakMap<readonly SimChat[], LiveChatDayExtras>();

/** Queue departures, greeting displays and availability for one UTC day of the LiveChat company. */
export function livechatDayExtras(date: CalendarDate): LiveChatDayExtras {
  const chats = chatsOfDay("livechat", date);
  const cached = livechatDayCache.get(chats);
  if (cached) return cached;

  const day = formatYmd(date);
  const rng = makeRng(hashString(`Northwind Outfitters${day}|extras`));
  const dayStart = utcMidnight(date);
  const dayEnd = dayStart + DAY_MS;
  const within = (t: number): number => clamp(Math.round(t), dayStart, dayEnd - 1);
  const extras = extrasOfDayChats("livechat", chats);

  const leftQueue: LeftQueueVisitor[] = [];
  const greetings: GreetingDisplay[] = [];
  const chatIntervals = new Map<string, Interval[]>();
  for (const chat of chats) {
    const x = extras.get(chat.id);
    if (!x) continue;
    // Where chats queue, others give up: about one departure per two queued chats, nearby.
    if (x.queuedSeconds !== null && rng.u() < 0.5) {
      leftQueue.push({
        team: chat.team,
        at: within(chat.startedAt + (rng.u() - 0.5) * 40 * 60_000),
        waitedSeconds: Math.round(clamp(logNormal(rng, 75, 0.8), 5, 900)),
      });
    }
    if (x.engagement === "auto_invite" && x.greetingId !== null) {
      greetings.push({
        team: chat.team,
        at: chat.startedAt,
        greetingId: x.greetingId,
        accepted: true,
        chatId: chat.id,
      });
    }
    // Greetings shown to other visitors around the same time, who did not accept them.
    const teamGreetings = LIVECHAT_GREETINGS.filter((g) => String(g.group) === chat.team);
    const shownRoll = rng.u();
    const shown = shownRoll < 0.45 ? 0 : shownRoll < 0.85 ? 1 : 2;
    for (let i = 0; i < shown && teamGreetings.length > 0; i++) {
      greetings.push({
        team: chat.team,
        at: within(chat.startedAt + (rng.u() - 0.5) * 60 * 60_000),
        greetingId: pick(rng, teamGreetings).id,
        accepted: false,
        chatId: null,
      });
    }
    // Agents are available while in a chat, from a little before it to a little after.
    for (const agent of chat.agents) {
      const list = chatIntervals.get(agent) ?? [];
      list.push({
        start: chat.startedAt - rng.int(1, 5) * 60_000,
        end: chat.endedAt + rng.int(1, 5) * 60_000,
      });
      chatIntervals.set(agent, list);
    }
  }
  leftQueue.sort((a, b) => a.at - b.at);
  greetings.sort((a, b) => a.at - b.at);

  const availability = new Map<string, Interval[]>();
  for (const agent of LIVECHAT_AGENTS) {
    const shifts = shiftSessions(rng, date, agent.login, agent.permission !== "normal");
    const merged = mergeIntervals([...shifts, ...(chatIntervals.get(agent.login) ?? [])]);
    if (merged.length > 0) availability.set(agent.login, merged);
  }

  const result: LiveChatDayExtras = { leftQueue, greetings, availability };
  livechatDayCache.set(chats, result);
  return result;
}
