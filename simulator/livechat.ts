/**
 * LiveChat v2 wire emulation (mounted under `/livechat`), computed from the simulator dataset
 * (`dataset.ts`) and its derived layers (`extras.ts`, `tickets.ts`).
 *
 * Mirrors `shared/reference/livechat-api.md`:
 * - §3.1 auth (HTTP Basic `login:apiKey`, `X-API-Version: 2` required), checked in that order;
 * - §3.2–3.5 every Reports API v2 report (`livechat-reports.ts`): chats (total_chats, engagement,
 *   not_replied_chats, ratings, ratings/ranking, queued_visitors[/waiting_times], chatting_time,
 *   first_response_time, response_time, agents_occupancy, goals, greetings), availability and
 *   tickets (new_tickets, first_response_time, solved_tickets, resolution_time, ticket_sources,
 *   ratings, ratings/ranking); arguments and buckets in `livechat-params.ts`;
 * - §3.6 `GET /groups`, `GET /agents`, `GET /agents/<login>` (here), and `GET /chats`,
 *   `GET /chats/<id>`, `GET /tickets`, `GET /tickets/<id>`, `GET /status[/<group>]`
 *   (`livechat-rest.ts`); §3.7 error bodies (`{"error"}` / `{"errors": [...]}`).
 * Units: chat times seconds, ticket times decimal hours, availability/chatting time minutes per
 * hour (one day) or hours per day. Every body is checked against `lib/livechat/schemas.ts` before
 * it is sent.
 */
import {
  LIVECHAT_AGENTS,
  LIVECHAT_GROUPS,
  type ExtraCredentials,
  type LiveChatAgentAccount,
} from "./accounts";
import { getDataset } from "./dataset";
import { header, respond, type SimRequest, type SimResponse } from "./http";
import { error } from "./livechat-params";
import { REPORTS } from "./livechat-reports";
import { archive, archiveChat, singleTicket, status, tickets } from "./livechat-rest";
import { agentResponse, agentsResponse, groupsResponse } from "../lib/livechat/schemas";

export interface LiveChatContext {
  now: () => number;
  /** Extra API keys accepted for existing logins (canary credentials of the leak test). */
  extraCredentials?: ExtraCredentials;
}

export function handleLiveChat(req: SimRequest, ctx: LiveChatContext): SimResponse {
  // Order matters and is observable: credentials first, then the version header, then routing.
  const agent = authenticate(header(req.headers, "authorization"), ctx.extraCredentials);
  if (!agent) return error(401, "Authentication failed: invalid login or API key");
  if (header(req.headers, "x-api-version")?.trim() !== "2")
    return error(400, "X-API-Version header is required (2)");

  if (req.method !== "GET") return error(404, "Not found");
  const report = Object.hasOwn(REPORTS, req.path) ? REPORTS[req.path] : undefined;
  if (report) return report(req.query, getDataset(ctx.now()));
  if (req.path === "/groups") return groups();
  if (req.path === "/agents") return agents();
  const agentMatch = /^\/agents\/([^/]+)$/.exec(req.path);
  if (agentMatch?.[1] !== undefined) return agentDetails(agentMatch[1]);
  if (req.path === "/chats") return archive(req.query, getDataset(ctx.now()));
  const chatMatch = /^\/chats\/([^/]+)$/.exec(req.path);
  if (chatMatch?.[1] !== undefined) return archiveChat(chatMatch[1], getDataset(ctx.now()));
  if (req.path === "/tickets") return tickets(req.query, getDataset(ctx.now()));
  const ticketMatch = /^\/tickets\/([^/]+)$/.exec(req.path);
  if (ticketMatch?.[1] !== undefined) return singleTicket(ticketMatch[1], getDataset(ctx.now()));
  if (req.path === "/status") return status(req.query.get("group"), getDataset(ctx.now()));
  const statusMatch = /^\/status\/([^/]+)$/.exec(req.path);
  if (statusMatch?.[1] !== undefined) return status(statusMatch[1], getDataset(ctx.now()));
  return error(404, "Not found");
}

/** HTTP Basic `login:apiKey` against the simulated account's agents (any permission). */
function authenticate(
  authorization: string | undefined,
  extra: ExtraCredentials | undefined,
): LiveChatAgentAccount | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? "");
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  const login = decoded.slice(0, colon);
  const apiKey = decoded.slice(colon + 1);
  const extraKey = (extra?.livechatApiKeys ?? []).some(
    (k) => k.login === login && k.apiKey === apiKey,
  );
  return LIVECHAT_AGENTS.find((a) => a.login === login && (a.apiKey === apiKey || extraKey));
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
