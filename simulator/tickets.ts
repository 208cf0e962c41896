/**
 * LiveChat tickets of the simulated account (Northwind Outfitters), derived per UTC day from a
 * PRNG seeded by hash(company seed + "YYYY-MM-DD" + "|tickets"), so chats and every other stream
 * stay untouched. A day's tickets are the ones *created* that day; their first response and
 * solution can fall on later days (at most `TICKET_LOOKBACK_MS` after creation).
 *
 * Sources (internal names, as the Reports API counts them in `ticket_sources`):
 * - `chat_window`: the visitor filled in the ticket form (mostly outside business hours);
 * - `mail`: an e-mail to the support address;
 * - `chat`: created from a chat (most often a missed one), for the chat's visitor and group.
 *
 * Status at an instant `now` (`ticketStatus`): spam → "spam"; solved by then → "solved"; answered
 * by then → "pending" (waiting for the requester); else "open". Instants are epoch ms (UTC);
 * events after `now` must be ignored by whoever serves a ticket (`ticketAsOf`).
 *
 * Cached lazily in a `WeakMap` keyed by the LiveChat day's chat array (see `chatsOfDay`).
 */
import { chatExtras, newVisitor, pickTags, type SimVisitor } from "./extras";
import {
  chatsOfDay,
  clamp,
  companyTeams,
  companyTimeZone,
  hashString,
  logNormal,
  makeRng,
  pickWeighted,
  type Dataset,
  type Rng,
  type SimChat,
} from "./dataset";
import {
  DAY_MS,
  HOUR_MS,
  addDays,
  compareDates,
  formatYmd,
  localParts,
  parseYmd,
  utcDate,
  utcMidnight,
  type CalendarDate,
} from "./time";

export type TicketSource = "chat_window" | "mail" | "chat";
export type TicketStatus = "open" | "pending" | "solved" | "spam";

export interface SimTicket {
  /** 5 uppercase alphanumerics (`5FUED`), unique over the history. */
  id: string;
  /** LiveChat group id ("1".."4"). */
  team: string;
  /** Epoch ms. */
  createdAt: number;
  source: TicketSource;
  /** The chat the ticket was created from (source `chat`), else null. */
  chatId: string | null;
  /** Page the ticket form was sent from (source `chat_window`), else null. */
  url: string | null;
  requester: { name: string; mail: string };
  /** Login of the assigned agent (assigned at creation), or null when unassigned. */
  assignee: string | null;
  /** Epoch ms of the first agent reply, or null when never answered. */
  firstResponseAt: number | null;
  /** Epoch ms when it was solved (≥ firstResponseAt), or null. May be days after creation. */
  solvedAt: number | null;
  /** Requester's rating, given when the ticket was solved (rating time = solvedAt). */
  rating: "good" | "bad" | null;
  /** Marked as spam: never assigned, answered, solved or rated. */
  spam: boolean;
  subject: string;
  /** 0–2 tags from `CHAT_TAGS` (a chat ticket inherits its chat's tags). */
  tags: string[];
}

/** No ticket event happens later than this after its creation (72 h to answer + 240 h to solve). */
export const TICKET_LOOKBACK_MS = 14 * DAY_MS;

/** Median hours to the first reply, per group. */
const FIRST_REPLY_HOURS: Record<string, number> = { "1": 1.5, "2": 3, "3": 5, "4": 0.7 };

const SUBJECTS: Record<string, string[]> = {
  sales: ["Bulk order quote", "Is this item back in stock?", "Discount for a team order"],
  support: ["My order hasn't arrived", "Return request", "Wrong size delivered"],
  billing: ["Charged twice", "Invoice needed", "Refund not received"],
  bug: ["Checkout error", "Can't log in", "Tracking page is broken"],
  feedback: ["Great service!", "Suggestion for the website"],
  generic: ["Question about my order", "(no subject)", "Need help"],
};
const FORM_PAGES = ["", "shop/", "help/returns", "checkout", "account/orders"];

const ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** The two id characters shared by the tickets created on a UTC day (unique over 1,296 days). */
export function ticketDayPrefix(date: CalendarDate): string {
  const space = 36 * 36;
  const dayNumber = Math.round(utcMidnight(date) / DAY_MS);
  const p = (((dayNumber * 7919) % space) + space) % space;
  return ID_ALPHABET.charAt(Math.floor(p / 36)) + ID_ALPHABET.charAt(p % 36);
}

/** The day prefix + three random characters. */
function ticketId(rng: Rng, prefix: string): string {
  let id = prefix;
  for (let i = 0; i < 3; i++) id += ID_ALPHABET.charAt(Math.floor(rng.u() * 36));
  return id;
}

const pickOne = <T>(rng: Rng, items: readonly T[]): T => {
  const item = items[Math.floor(rng.u() * items.length)];
  if (item === undefined) throw new Error("pickOne: empty list");
  return item;
};

function generateTickets(date: CalendarDate, chats: readonly SimChat[]): SimTicket[] {
  const day = formatYmd(date);
  const rng = makeRng(hashString(`Northwind Outfitters${day}|tickets`));
  const dayStart = utcMidnight(date);
  const prefix = ticketDayPrefix(date);
  const teams = companyTeams("livechat");
  const timeZone = companyTimeZone("livechat");

  // Hour weights on the company's wall clock: mail follows the day, the ticket form the night.
  const mailWeights: number[] = [];
  const formWeights: number[] = [];
  for (let h = 0; h < 24; h++) {
    const local = localParts(dayStart + h * HOUR_MS + HOUR_MS / 2, timeZone).h;
    const business = local >= 8 && local < 20;
    mailWeights.push(business ? 1 : 0.35);
    formWeights.push(business ? 0.3 : 1.5);
  }
  const hours = Array.from({ length: 24 }, (_, h) => h);
  const at = (weights: number[]): number =>
    dayStart +
    pickWeighted(rng, hours, (h) => weights[h] ?? 0) * HOUR_MS +
    Math.floor(rng.u() * HOUR_MS);

  interface Draft {
    team: string;
    createdAt: number;
    source: TicketSource;
    chatId: string | null;
    url: string | null;
    visitor: SimVisitor;
    tags: string[] | null;
  }
  const drafts: Draft[] = [];
  for (const chat of chats) {
    // Missed chats often end as a ticket; a few answered ones need follow-up.
    const p = chat.firstResponseSeconds === null ? 0.4 : 0.03;
    if (rng.u() >= p) continue;
    const x = chatExtras(chat);
    drafts.push({
      team: chat.team,
      createdAt: chat.endedAt + rng.int(5, 120) * 1000,
      source: "chat",
      chatId: chat.id,
      url: null,
      visitor: { name: x.visitorName, email: x.visitorEmail, id: x.visitorId },
      tags: x.tags,
    });
  }
  const volume = (share: number): number =>
    Math.max(0, Math.round(chats.length * share * (1 + 0.15 * rng.normal())));
  const mails = volume(0.07);
  const forms = volume(0.04);
  for (let i = 0; i < mails + forms; i++) {
    const mail = i < mails;
    const createdAt = at(mail ? mailWeights : formWeights);
    drafts.push({
      team: pickWeighted(rng, teams, (t) => t.share).id,
      createdAt,
      source: mail ? "mail" : "chat_window",
      chatId: null,
      url: mail ? null : `https://northwind.example/${pickOne(rng, FORM_PAGES)}`,
      visitor: newVisitor(rng, createdAt / 1000),
      tags: null,
    });
  }
  drafts.sort((a, b) => a.createdAt - b.createdAt);

  const ids = new Set<string>();
  return drafts.map((d) => {
    let id = ticketId(rng, prefix);
    while (ids.has(id)) id = ticketId(rng, prefix);
    ids.add(id);
    const team = teams.find((t) => t.id === d.team);
    const spam = d.source === "mail" && rng.u() < 0.04;
    const answered = !spam && rng.u() < 0.92;
    const assigned = answered || (!spam && rng.u() < 0.5);
    const assignee =
      assigned && team && team.members.length > 0
        ? pickWeighted(rng, team.members, (m) => m.weight).name
        : null;
    const replyHours = clamp(logNormal(rng, FIRST_REPLY_HOURS[d.team] ?? 3, 0.9), 0.05, 72);
    const firstResponseAt =
      answered && assignee !== null ? d.createdAt + Math.round(replyHours * HOUR_MS) : null;
    const solveHours = clamp(logNormal(rng, 10, 1), 0.1, 240);
    const solvedAt =
      firstResponseAt !== null && rng.u() < 0.88
        ? firstResponseAt + Math.round(solveHours * HOUR_MS)
        : null;
    const ratingRoll = rng.u();
    const rating: SimTicket["rating"] =
      solvedAt !== null && ratingRoll < 0.3 ? (rng.u() < 0.82 ? "good" : "bad") : null;
    const tags = d.tags ?? pickTags(rng, d.team, rating !== null);
    const subject = pickOne(rng, SUBJECTS[tags[0] ?? "generic"] ?? SUBJECTS.generic ?? []);
    return {
      id,
      team: d.team,
      createdAt: d.createdAt,
      source: d.source,
      chatId: d.chatId,
      url: d.url,
      requester: { name: d.visitor.name, mail: d.visitor.email },
      assignee,
      firstResponseAt,
      solvedAt,
      rating,
      spam,
      subject,
      tags,
    };
  });
}

const ticketCache = new WeakMap<readonly SimChat[], SimTicket[]>();

/** Every ticket created on one UTC day (uncut: may include tickets and events after `now`). */
export function ticketsOfDay(date: CalendarDate): readonly SimTicket[] {
  const chats = chatsOfDay("livechat", date);
  let tickets = ticketCache.get(chats);
  if (!tickets) {
    tickets = generateTickets(date, chats);
    ticketCache.set(chats, tickets);
  }
  return tickets;
}

/**
 * Tickets created in `[startMs, endMs)` within the dataset's history and not after `dataset.now`,
 * ordered by creation.
 */
export function ticketsCreatedBetween(
  dataset: Dataset,
  startMs: number,
  endMs: number,
): SimTicket[] {
  const first = parseYmd(dataset.firstDay);
  const last = parseYmd(dataset.lastDay);
  if (!first || !last || endMs <= startMs) return [];
  let date = utcDate(startMs);
  if (compareDates(date, first) < 0) date = first;
  let lastDate = utcDate(endMs - 1);
  if (compareDates(lastDate, last) > 0) lastDate = last;
  const out: SimTicket[] = [];
  for (; compareDates(date, lastDate) <= 0; date = addDays(date, 1)) {
    for (const t of ticketsOfDay(date)) {
      if (t.createdAt >= startMs && t.createdAt < endMs && t.createdAt <= dataset.now) out.push(t);
    }
  }
  return out;
}

/** The ticket as known at `now`: later replies, solutions and ratings are not there yet. */
export function ticketAsOf(ticket: SimTicket, now: number): SimTicket {
  const replyLater = ticket.firstResponseAt !== null && ticket.firstResponseAt > now;
  const solveLater = ticket.solvedAt !== null && ticket.solvedAt > now;
  if (!replyLater && !solveLater) return ticket;
  return {
    ...ticket,
    firstResponseAt: replyLater ? null : ticket.firstResponseAt,
    solvedAt: solveLater ? null : ticket.solvedAt,
    rating: solveLater ? null : ticket.rating,
  };
}

/** Status at `now` (see the file header). */
export function ticketStatus(ticket: SimTicket, now: number): TicketStatus {
  if (ticket.spam) return "spam";
  if (ticket.solvedAt !== null && ticket.solvedAt <= now) return "solved";
  if (ticket.firstResponseAt !== null && ticket.firstResponseAt <= now) return "pending";
  return "open";
}
