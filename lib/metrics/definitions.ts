/**
 * The metric dictionary: one entry per metric id, shared by the API, the UI (definitions page,
 * tooltips, CSV headers) and tests. Client-safe.
 *
 * Every definition says exactly what is counted and which upstream report it comes from. A
 * metric a source lacks has `upstream[source] = null` and is shown as "not available from
 * <source>", never as zero. Where the vendors mean different things by a similar name the
 * metrics are kept apart (LiveChat `response_time` is per reply; Rocket.Chat `Avg_response_time`
 * is per conversation).
 */
import type { Aggregation, MetricId, MetricUnit, SourceId } from "./types";

export type MetricCategory = "chats" | "satisfaction" | "response_times" | "agents" | "tickets";

export const CATEGORY_LABELS: Record<MetricCategory, string> = {
  chats: "Chats",
  satisfaction: "Satisfaction",
  response_times: "Response times",
  agents: "Agents",
  tickets: "Tickets",
};

export interface MetricPart {
  id: string;
  label: string;
  unit: MetricUnit;
}

/** Archive filters that list the chats behind a bucket of this metric (LiveChat `GET /chats`). */
export interface DrillDown {
  type?: "chat" | "missed_chat";
  rate?: "rated" | "rated_good" | "rated_bad";
}

export interface MetricDefinition {
  id: MetricId;
  label: string;
  category: MetricCategory;
  unit: MetricUnit;
  /** Which way is good; drives the colour of a change against the previous period. */
  direction: "higher_is_better" | "lower_is_better" | "neutral";
  aggregation: Aggregation;
  /** What `count` counts, for "based on N …". */
  countNoun: { one: string; other: string };
  definition: string;
  /** Per source: the upstream report, or `null` when the source cannot provide the metric. */
  upstream: Record<SourceId, string | null>;
  /** Per source: whether the upstream report accepts an agent filter. */
  agentFilter: Record<SourceId, boolean>;
  /** Named components carried in `parts` (stacked charts, CSV columns). */
  parts?: MetricPart[];
  /** Set when a bucket of this metric can be opened as a list of chats (LiveChat archive). */
  drillDown?: DrillDown;
}

const NO_AGENT_FILTER = { livechat: false, rocketchat: false };
const LIVECHAT_AGENT_FILTER = { livechat: true, rocketchat: false };
const RC_ONLY_NOTE = "LiveChat's Reports API v2 has no such report.";
const LC_ONLY_NOTE = "Rocket.Chat's analytics API has no such report.";

const list: MetricDefinition[] = [
  {
    id: "chats.total",
    label: "Total chats",
    category: "chats",
    unit: "count",
    direction: "neutral",
    aggregation: "sum",
    countNoun: { one: "chat", other: "chats" },
    definition:
      "Chats that started in the period, answered or missed. LiveChat counts chats by start time; Rocket.Chat counts omnichannel conversations (rooms) by creation time, open, queued or closed.",
    upstream: {
      livechat: "GET /reports/chats/total_chats",
      rocketchat: "charts-data Total_conversations",
    },
    agentFilter: LIVECHAT_AGENT_FILTER,
    drillDown: {},
  },
  {
    id: "chats.missed",
    label: "Missed chats",
    category: "chats",
    unit: "count",
    direction: "lower_is_better",
    aggregation: "sum",
    countNoun: { one: "chat", other: "chats" },
    definition: `Chats in which no agent replied to the customer (LiveChat "not replied chats"). ${LC_ONLY_NOTE}`,
    upstream: { livechat: "GET /reports/chats/not_replied_chats", rocketchat: null },
    agentFilter: LIVECHAT_AGENT_FILTER,
    drillDown: { type: "missed_chat" },
  },
  {
    id: "chats.engagement",
    label: "Chat engagement",
    category: "chats",
    unit: "count",
    direction: "neutral",
    aggregation: "sum",
    countNoun: { one: "chat", other: "chats" },
    definition: `How chats started: from an automatic invitation (greeting), started immediately by the customer, or from a manual invitation sent by an agent. The value is all three together. ${LC_ONLY_NOTE}`,
    upstream: { livechat: "GET /reports/chats/engagement", rocketchat: null },
    agentFilter: LIVECHAT_AGENT_FILTER,
    parts: [
      { id: "auto_invite", label: "Automatic invitation", unit: "count" },
      { id: "immediate_start", label: "Started by customer", unit: "count" },
      { id: "manual_invite", label: "Manual invitation", unit: "count" },
    ],
  },
  {
    id: "chats.queued",
    label: "Queued visitors",
    category: "chats",
    unit: "count",
    direction: "lower_is_better",
    aggregation: "sum",
    countNoun: { one: "visitor", other: "visitors" },
    definition: `Visitors who waited in the queue because no agent could take the chat, split into those who got into a chat and those who left the queue before it. ${LC_ONLY_NOTE}`,
    upstream: { livechat: "GET /reports/chats/queued_visitors", rocketchat: null },
    agentFilter: NO_AGENT_FILTER,
    parts: [
      { id: "entered_chat", label: "Entered chat", unit: "count" },
      { id: "left_queue", label: "Left the queue", unit: "count" },
    ],
  },
  {
    id: "chats.queue_waiting_time",
    label: "Queue waiting time",
    category: "chats",
    unit: "seconds",
    direction: "lower_is_better",
    aggregation: "weighted_average",
    countNoun: { one: "queued visitor", other: "queued visitors" },
    definition: `Average time a queued visitor waited, over every queued visitor; parts give the averages of those who entered a chat and of those who left the queue. ${LC_ONLY_NOTE}`,
    upstream: {
      livechat: "GET /reports/chats/queued_visitors/waiting_times",
      rocketchat: null,
    },
    agentFilter: NO_AGENT_FILTER,
    parts: [
      { id: "entered_chat", label: "Entered chat (avg)", unit: "seconds" },
      { id: "left_queue", label: "Left the queue (avg)", unit: "seconds" },
      { id: "max", label: "Longest wait", unit: "seconds" },
    ],
  },
  {
    id: "chats.duration",
    label: "Chat duration",
    category: "chats",
    unit: "seconds",
    direction: "neutral",
    aggregation: "weighted_average",
    countNoun: { one: "closed chat", other: "closed chats" },
    definition: `Average length of closed conversations, from creation to closing (Rocket.Chat Avg_chat_duration). Rocket.Chat gives no count with it, so period totals are not re-weighted. ${RC_ONLY_NOTE}`,
    upstream: { livechat: null, rocketchat: "charts-data Avg_chat_duration" },
    agentFilter: NO_AGENT_FILTER,
  },
  {
    id: "chats.messages",
    label: "Agent messages",
    category: "chats",
    unit: "count",
    direction: "neutral",
    aggregation: "sum",
    countNoun: { one: "message", other: "messages" },
    definition: `Messages sent by agents (and bots) in conversations created in the period (Rocket.Chat Total_messages; a conversation without agent messages counts as 1, as Rocket.Chat does). ${RC_ONLY_NOTE}`,
    upstream: { livechat: null, rocketchat: "charts-data Total_messages" },
    agentFilter: NO_AGENT_FILTER,
  },
  {
    id: "chats.goals",
    label: "Goals reached",
    category: "chats",
    unit: "count",
    direction: "higher_is_better",
    aggregation: "sum",
    countNoun: { one: "goal", other: "goals" },
    definition: `Goals reached in chats: plain goals (a page or event the business set up, e.g. a newsletter signup); tracked sales are not counted. ${LC_ONLY_NOTE}`,
    upstream: { livechat: "GET /reports/chats/goals", rocketchat: null },
    agentFilter: LIVECHAT_AGENT_FILTER,
  },
  {
    id: "chats.greeting_conversion",
    label: "Greeting conversion",
    category: "chats",
    unit: "percent",
    direction: "higher_is_better",
    aggregation: "ratio",
    countNoun: { one: "greeting shown", other: "greetings shown" },
    definition: `Accepted greetings ÷ displayed greetings × 100: how many automatic greetings turned into chats. Parts give displayed, accepted and the goals that followed. ${LC_ONLY_NOTE}`,
    upstream: { livechat: "GET /reports/chats/greetings", rocketchat: null },
    agentFilter: NO_AGENT_FILTER,
    parts: [
      { id: "displayed", label: "Displayed", unit: "count" },
      { id: "accepted", label: "Accepted", unit: "count" },
      { id: "goals", label: "Goals", unit: "count" },
    ],
  },
  {
    id: "chats.csat",
    label: "CSAT",
    category: "satisfaction",
    unit: "percent",
    direction: "higher_is_better",
    aggregation: "ratio",
    countNoun: { one: "rated chat", other: "rated chats" },
    definition:
      "Customer satisfaction: good ratings ÷ (good + bad ratings) × 100. Unrated chats are left out. Rocket.Chat's analytics API reports no ratings.",
    upstream: { livechat: "GET /reports/chats/ratings", rocketchat: null },
    agentFilter: LIVECHAT_AGENT_FILTER,
    parts: [
      { id: "good", label: "Rated good", unit: "count" },
      { id: "bad", label: "Rated bad", unit: "count" },
      { id: "chats", label: "All chats", unit: "count" },
    ],
    drillDown: { rate: "rated" },
  },
  {
    id: "chats.first_response_time",
    label: "First response time",
    category: "response_times",
    unit: "seconds",
    direction: "lower_is_better",
    aggregation: "weighted_average",
    countNoun: { one: "answered chat", other: "answered chats" },
    definition:
      "Average time from the customer's first message to the first agent reply, over chats that got a reply. Missed chats are not included. Rocket.Chat reports no count with its average.",
    upstream: {
      livechat: "GET /reports/chats/first_response_time",
      rocketchat:
        "charts-data Avg_first_response_time; totals from analytics/overview Productivity",
    },
    agentFilter: LIVECHAT_AGENT_FILTER,
    drillDown: { type: "chat" },
  },
  {
    id: "chats.response_time",
    label: "Response time (per reply)",
    category: "response_times",
    unit: "seconds",
    direction: "lower_is_better",
    aggregation: "weighted_average",
    countNoun: { one: "reply", other: "replies" },
    definition: `Average time agents took to reply to a customer message, over every reply in the period. ${LC_ONLY_NOTE} (Rocket.Chat's similar figure averages per conversation; see "Response time (per conversation)".)`,
    upstream: { livechat: "GET /reports/chats/response_time", rocketchat: null },
    agentFilter: LIVECHAT_AGENT_FILTER,
  },
  {
    id: "chats.conversation_response_time",
    label: "Response time (per conversation)",
    category: "response_times",
    unit: "seconds",
    direction: "lower_is_better",
    aggregation: "weighted_average",
    countNoun: { one: "conversation", other: "conversations" },
    definition: `Average over conversations of each conversation's own average reply time (Rocket.Chat Avg_response_time): a long conversation weighs as much as a short one. ${RC_ONLY_NOTE} (LiveChat's figure is per reply; see "Response time (per reply)".)`,
    upstream: {
      livechat: null,
      rocketchat: "charts-data Avg_response_time; totals from analytics/overview Productivity",
    },
    agentFilter: NO_AGENT_FILTER,
  },
  {
    id: "chats.reaction_time",
    label: "Reaction time",
    category: "response_times",
    unit: "seconds",
    direction: "lower_is_better",
    aggregation: "weighted_average",
    countNoun: { one: "conversation", other: "conversations" },
    definition: `Average time from the moment an agent was assigned to the agent's first message (Rocket.Chat Avg_reaction_time). Unlike first response time, queue time before assignment is not included. ${RC_ONLY_NOTE}`,
    upstream: {
      livechat: null,
      rocketchat: "charts-data Avg_reaction_time; totals from analytics/overview Productivity",
    },
    agentFilter: NO_AGENT_FILTER,
  },
  {
    id: "chats.best_first_response_time",
    label: "Best first response time",
    category: "response_times",
    unit: "seconds",
    direction: "lower_is_better",
    aggregation: "min",
    countNoun: { one: "conversation", other: "conversations" },
    definition: `The fastest first response in the period: the minimum, not an average (Rocket.Chat Best_first_response_time). ${RC_ONLY_NOTE}`,
    upstream: { livechat: null, rocketchat: "charts-data Best_first_response_time" },
    agentFilter: NO_AGENT_FILTER,
  },
  {
    id: "agents.chatting_time",
    label: "Chatting time",
    category: "agents",
    unit: "seconds",
    direction: "neutral",
    aggregation: "sum",
    countNoun: { one: "agent", other: "agents" },
    definition: `Total time agents spent in chats (LiveChat reports hours per day, or minutes per hour for a single day; shown here in seconds-based durations). ${LC_ONLY_NOTE}`,
    upstream: { livechat: "GET /reports/chats/chatting_time", rocketchat: null },
    agentFilter: LIVECHAT_AGENT_FILTER,
  },
  {
    id: "agents.availability",
    label: "Availability",
    category: "agents",
    unit: "seconds",
    direction: "higher_is_better",
    aggregation: "sum",
    countNoun: { one: "agent", other: "agents" },
    definition: `Total time agents were logged in and accepting chats (LiveChat reports hours per day, or minutes per hour for a single day). ${LC_ONLY_NOTE}`,
    upstream: { livechat: "GET /reports/availability", rocketchat: null },
    agentFilter: LIVECHAT_AGENT_FILTER,
  },
  {
    id: "tickets.new",
    label: "New tickets",
    category: "tickets",
    unit: "count",
    direction: "neutral",
    aggregation: "sum",
    countNoun: { one: "ticket", other: "tickets" },
    definition: `Tickets created in the period. ${LC_ONLY_NOTE}`,
    upstream: { livechat: "GET /reports/tickets/new_tickets", rocketchat: null },
    agentFilter: NO_AGENT_FILTER,
  },
  {
    id: "tickets.solved",
    label: "Solved tickets",
    category: "tickets",
    unit: "count",
    direction: "higher_is_better",
    aggregation: "sum",
    countNoun: { one: "ticket", other: "tickets" },
    definition: `Tickets marked solved in the period (whenever they were created). ${LC_ONLY_NOTE}`,
    upstream: { livechat: "GET /reports/tickets/solved_tickets", rocketchat: null },
    agentFilter: LIVECHAT_AGENT_FILTER,
  },
  {
    id: "tickets.first_response_time",
    label: "Ticket first response time",
    category: "tickets",
    unit: "seconds",
    direction: "lower_is_better",
    aggregation: "weighted_average",
    countNoun: { one: "ticket", other: "tickets" },
    definition: `Average time to the first agent response, over tickets first responded to in the period (LiveChat reports decimal hours; converted to seconds). ${LC_ONLY_NOTE}`,
    upstream: { livechat: "GET /reports/tickets/first_response_time", rocketchat: null },
    agentFilter: LIVECHAT_AGENT_FILTER,
  },
  {
    id: "tickets.resolution_time",
    label: "Ticket resolution time",
    category: "tickets",
    unit: "seconds",
    direction: "lower_is_better",
    aggregation: "weighted_average",
    countNoun: { one: "ticket", other: "tickets" },
    definition: `Average time from creation to solving, over tickets solved in the period (LiveChat reports decimal hours; converted to seconds). ${LC_ONLY_NOTE}`,
    upstream: { livechat: "GET /reports/tickets/resolution_time", rocketchat: null },
    agentFilter: LIVECHAT_AGENT_FILTER,
  },
  {
    id: "tickets.sources",
    label: "Ticket sources",
    category: "tickets",
    unit: "count",
    direction: "neutral",
    aggregation: "sum",
    countNoun: { one: "ticket", other: "tickets" },
    definition: `New tickets by where they came from: the chat window's ticket form (offline), e-mail, or a chat turned into a ticket. The value is all three together. ${LC_ONLY_NOTE}`,
    upstream: { livechat: "GET /reports/tickets/ticket_sources", rocketchat: null },
    agentFilter: NO_AGENT_FILTER,
    parts: [
      { id: "chat_window", label: "Chat window form", unit: "count" },
      { id: "mail", label: "E-mail", unit: "count" },
      { id: "chat", label: "From a chat", unit: "count" },
    ],
  },
  {
    id: "tickets.csat",
    label: "Ticket CSAT",
    category: "tickets",
    unit: "percent",
    direction: "higher_is_better",
    aggregation: "ratio",
    countNoun: { one: "rated ticket", other: "rated tickets" },
    definition: `Good ticket ratings ÷ (good + bad) × 100. ${LC_ONLY_NOTE}`,
    upstream: { livechat: "GET /reports/tickets/ratings", rocketchat: null },
    agentFilter: LIVECHAT_AGENT_FILTER,
    parts: [
      { id: "good", label: "Rated good", unit: "count" },
      { id: "bad", label: "Rated bad", unit: "count" },
    ],
  },
];

export const METRICS = Object.fromEntries(list.map((m) => [m.id, m])) as Record<
  MetricId,
  MetricDefinition
>;

/** The metrics a source can provide, in dictionary order. */
export function metricsForSource(source: SourceId): MetricId[] {
  return list.filter((m) => m.upstream[source] !== null).map((m) => m.id);
}

/** The metrics of one page (category), in dictionary order. */
export function metricsInCategory(category: MetricCategory): MetricDefinition[] {
  return list.filter((m) => m.category === category);
}

const SOURCE_NAMES: Record<SourceId, string> = { livechat: "LiveChat", rocketchat: "Rocket.Chat" };

/** "not available from Rocket.Chat" — the words the UI uses instead of a zero. */
export function unavailableText(source: SourceId): string {
  return `not available from ${SOURCE_NAMES[source]}`;
}

export { SOURCE_NAMES };
