/**
 * Rocket.Chat wire emulation (mounted under `/rocketchat`): login/logout/me, Omnichannel
 * departments and agents, and the analytics endpoints Chatlens reads, computed from the
 * simulator dataset. Mirrors `shared/reference/rocketchat-analytics.md`:
 * - §1.1/§1.3 auth headers and error envelopes (6.x 401 body, 403 `[error-unauthorized]`);
 * - §1.4 the rate limiter (when `ctx.rateLimiter` is given): per client IP × route+method, run
 *   after authentication (a 401 costs nothing) and before params/permission checks, so every
 *   later answer carries `X-RateLimit-*`; roles admin/bot/app bypass it (`api-bypass-rate-limit`);
 * - §1.5 rooms counted by creation time `ts` (our `startedAt`), empty `departmentId` = all;
 * - §1.7 reporting time zone = server zone = UTC; §1.8 `secondsToHHMMSS` with its quirks;
 * - §2 `GET /api/v1/livechat/analytics/dashboards/charts-data` (7.11+, labels as 6.12+);
 * - §3 `GET /api/v1/livechat/analytics/agent-overview` (`{head, data}`; values are strings —
 *   `"71.43%"`, `"HH:MM:SS"` — except `Total_messages`, a number; grouped by `servedBy` = the
 *   room's last agent, first-response metrics by `responseBy` = its first agent; sorted by
 *   `parseFloat(value)`, i.e. by whole hours for durations, stable in room order);
 * - §4 `GET /api/v1/livechat/analytics/overview` (bare array);
 * - §6 `POST /api/v1/login`, `POST /api/v1/logout`, `GET /api/v1/me`,
 *   `GET /api/v1/livechat/department`, `GET /api/v1/livechat/users/agent`.
 * Durations are seconds. Every body is checked against `lib/rocketchat/schemas.ts` (or, for
 * the two bodies that file has no schema for, a local one) before it is sent.
 *
 * Room fields come from SimChat: `metrics.response.ft` = firstResponseSeconds,
 * `metrics.response.avg` = mean of responseTimes, `metrics.chatDuration` = endedAt − startedAt
 * (every simulated room is closed), agent `msgs` = agentMessages, and `metrics.reaction.ft` =
 * `reactionSeconds(chat)` (a deterministic 35–95 % of the first response time).
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import {
  ROCKETCHAT_DEPARTMENTS,
  ROCKETCHAT_SERVICE_USER,
  ROCKETCHAT_USERS,
  type RocketChatUserAccount,
  type ExtraCredentials,
} from "./accounts";
import { chatsBetween, getDataset, reactionSeconds, type SimChat } from "./dataset";
import { header, respond, type SimRequest, type SimResponse } from "./http";
import { rateLimitHeaders, tooManyRequestsMessage, type RateLimiter } from "./rate-limit";
import { DAY_MS, HOUR_MS, compareDates, utcMidnight, type CalendarDate } from "./time";
import {
  agentOverviewResponse,
  agentsResponse,
  chartName as chartNameSchema,
  chartsDataResponse,
  departmentsResponse,
  emptySuccessResponse,
  errorBody,
  loginResponse,
  logoutResponse,
  meResponse,
  overviewResponse,
  type ChartName,
} from "../lib/rocketchat/schemas";

/** Per-process state: live login tokens (token → user id). */
export interface RocketChatState {
  sessions: Map<string, string>;
}

export function createRocketChatState(): RocketChatState {
  return { sessions: new Map() };
}

export interface RocketChatContext {
  now: () => number;
  state: RocketChatState;
  /** §1.4's REST rate limiter; absent = never limited. */
  rateLimiter?: RateLimiter;
  /** Called once for every 429 the limiter produces (for the simulator's stats). */
  onRateLimited?: () => void;
  /** Extra service-user tokens accepted (canary credentials of the leak test). */
  extraCredentials?: ExtraCredentials;
}

/** Anyone who can authenticate: workspace users plus the static service account. */
interface Principal {
  _id: string;
  username: string;
  name: string;
  email: string;
  roles: string[];
  departments: string[];
}

const SERVICE_PRINCIPAL: Principal = {
  _id: ROCKETCHAT_SERVICE_USER._id,
  username: ROCKETCHAT_SERVICE_USER.username,
  name: ROCKETCHAT_SERVICE_USER.name,
  email: `${ROCKETCHAT_SERVICE_USER.username}@acme-robotics.example`,
  roles: ROCKETCHAT_SERVICE_USER.roles,
  departments: [],
};

const principalOf = (u: RocketChatUserAccount): Principal => ({
  _id: u._id,
  username: u.username,
  name: u.name,
  email: u.email,
  roles: u.roles,
  departments: u.departments,
});

const fail = (status: number, body: unknown): SimResponse => respond(status, errorBody, body);
const NOT_LOGGED_IN = { status: "error", message: "You must be logged in to do this." };
const FORBIDDEN = {
  success: false,
  error: "User does not have the permissions required for this action [error-unauthorized]",
};

/** Default role → permission grants (§6.5). */
const PERMISSION_ROLES: Record<string, string[]> = {
  "view-livechat-manager": ["admin", "livechat-manager", "livechat-monitor"],
  "view-livechat-departments": ["admin", "livechat-manager", "livechat-monitor"],
  "view-l-room": ["admin", "livechat-manager", "livechat-monitor", "livechat-agent"],
  "transfer-livechat-guest": ["admin", "livechat-manager", "livechat-monitor"],
  "edit-omnichannel-contact": ["admin", "livechat-manager", "livechat-agent"],
};
const hasAnyPermission = (p: Principal, permissions: string[]): boolean =>
  permissions.some((perm) => (PERMISSION_ROLES[perm] ?? []).some((role) => p.roles.includes(role)));

type Handler = (req: SimRequest, ctx: RocketChatContext) => SimResponse;

const CHARTS_DATA = "/api/v1/livechat/analytics/dashboards/charts-data";
const ROUTES: Record<string, { method: string; handler: Handler }> = {
  // Login needs no auth, so the limiter (keyed by IP) runs first.
  "/api/v1/login": {
    method: "POST",
    handler: (req, ctx) => rateLimited(req, ctx, undefined, () => login(req, ctx)),
  },
  "/api/v1/logout": { method: "POST", handler: authenticated(logout) },
  "/api/v1/me": { method: "GET", handler: authenticated(me) },
  "/api/v1/livechat/department": { method: "GET", handler: authenticated(departments) },
  "/api/v1/livechat/users/agent": { method: "GET", handler: authenticated(agents) },
  [CHARTS_DATA]: { method: "GET", handler: chartsData },
  // [OA] publishes the path with a doubled `livechat`; accept both (§2.1).
  "/api/v1/livechat/livechat/analytics/dashboards/charts-data": {
    method: "GET",
    handler: chartsData,
  },
  "/api/v1/livechat/analytics/overview": { method: "GET", handler: authenticated(overview) },
  "/api/v1/livechat/analytics/agent-overview": {
    method: "GET",
    handler: authenticated(agentOverview),
  },
};

export function handleRocketChat(req: SimRequest, ctx: RocketChatContext): SimResponse {
  const route = Object.hasOwn(ROUTES, req.path) ? ROUTES[req.path] : undefined;
  if (!route || route.method !== req.method)
    return fail(404, { success: false, error: "Not found" });
  return route.handler(req, ctx);
}

// ---------------------------------------------------------------------------------------------
// Authentication (§1.1, §6.1–6.2)

function currentPrincipal(req: SimRequest, ctx: RocketChatContext): Principal | undefined {
  const userId = header(req.headers, "x-user-id");
  const token = header(req.headers, "x-auth-token");
  if (!userId || !token) return undefined;
  if (
    userId === ROCKETCHAT_SERVICE_USER._id &&
    (token === ROCKETCHAT_SERVICE_USER.authToken ||
      (ctx.extraCredentials?.rocketchatServiceTokens ?? []).includes(token))
  )
    return SERVICE_PRINCIPAL;
  if (ctx.state.sessions.get(token) !== userId) return undefined;
  const user = ROCKETCHAT_USERS.find((u) => u._id === userId);
  return user ? principalOf(user) : undefined;
}

function authenticated(
  handler: (req: SimRequest, ctx: RocketChatContext, principal: Principal) => SimResponse,
): Handler {
  return (req, ctx) => {
    const principal = currentPrincipal(req, ctx);
    if (!principal) return fail(401, NOT_LOGGED_IN);
    return rateLimited(req, ctx, principal, () => handler(req, ctx, principal));
  };
}

/** Roles holding `api-bypass-rate-limit` by default (§1.4). */
const RATE_LIMIT_BYPASS_ROLES = ["admin", "bot", "app"];

/**
 * §1.4: counts the call against (client IP × route+method) and answers 429 over the limit;
 * otherwise runs `next`. While the limiter is enforced, both carry `X-RateLimit-*`.
 */
function rateLimited(
  req: SimRequest,
  ctx: RocketChatContext,
  principal: Principal | undefined,
  next: () => SimResponse,
): SimResponse {
  if (!ctx.rateLimiter || principal?.roles.some((r) => RATE_LIMIT_BYPASS_ROLES.includes(r)))
    return next();
  // Upstream's rule name is `/api/v1/<route><method>`; the path has no query string already.
  const verdict = ctx.rateLimiter.hit(`${req.clientIp ?? "unknown"} ${req.method} ${req.path}`);
  if (!verdict) return next();
  const headers = rateLimitHeaders(verdict);
  if (!verdict.allowed) {
    ctx.onRateLimited?.();
    return { ...fail(429, { success: false, error: tooManyRequestsMessage(verdict) }), headers };
  }
  const response = next();
  return { ...response, headers: { ...response.headers, ...headers } };
}

const loginBody = z.looseObject({
  user: z.string().optional(),
  username: z.string().optional(),
  email: z.string().optional(),
  password: z.union([z.string(), z.object({ hashed: z.string() })]).optional(),
  code: z.union([z.string(), z.number()]).optional(),
  resume: z.string().optional(),
});

const UNAUTHORIZED_LOGIN = { status: "error", error: "Unauthorized", message: "Unauthorized" };

function profile(p: Principal) {
  return {
    _id: p._id,
    username: p.username,
    name: p.name,
    emails: [{ address: p.email, verified: true }],
    roles: p.roles,
    utcOffset: 0,
    status: "online",
    statusConnection: "online",
    active: true,
  };
}

function login(req: SimRequest, ctx: RocketChatContext): SimResponse {
  if (req.invalidJson) return fail(400, { success: false, error: "Invalid JSON body" });
  const parsed = loginBody.safeParse(req.body ?? {});
  if (!parsed.success) return fail(401, UNAUTHORIZED_LOGIN);
  const body = parsed.data;

  let user: RocketChatUserAccount | undefined;
  let token: string;
  if (body.resume !== undefined) {
    // Resume login: an existing token for its own user.
    const userId = ctx.state.sessions.get(body.resume);
    user = ROCKETCHAT_USERS.find((u) => u._id === userId);
    if (!user) return fail(401, UNAUTHORIZED_LOGIN);
    token = body.resume;
  } else {
    // `user` containing "@" is an e-mail address; otherwise a username (§6.1).
    const identity = body.user ?? body.username ?? body.email;
    const byEmail = body.user !== undefined ? body.user.includes("@") : body.username === undefined;
    user = ROCKETCHAT_USERS.find((u) => (byEmail ? u.email === identity : u.username === identity));
    const password = body.password;
    const passwordOk =
      user !== undefined &&
      (typeof password === "string"
        ? password === user.password
        : password !== undefined &&
          password.hashed.toLowerCase() ===
            createHash("sha256").update(user.password).digest("hex"));
    if (!user || !passwordOk) return fail(401, UNAUTHORIZED_LOGIN);

    // 2FA is checked only after the password, as Meteor does.
    if (user.totpCode !== undefined) {
      const code = body.code !== undefined ? String(body.code) : header(req.headers, "x-2fa-code");
      if (code === undefined || code === "") {
        return fail(401, {
          status: "error",
          error: "totp-required",
          message: "TOTP Required",
          details: { method: "totp" },
        });
      }
      if (code !== user.totpCode) {
        return fail(401, {
          status: "error",
          error: "totp-invalid",
          message: "TOTP Invalid",
          details: { method: "totp" },
        });
      }
    }
    token = randomBytes(32).toString("base64url");
    ctx.state.sessions.set(token, user._id);
  }

  return respond(200, loginResponse, {
    status: "success",
    data: { userId: user._id, authToken: token, me: profile(principalOf(user)) },
  });
}

function logout(req: SimRequest, ctx: RocketChatContext): SimResponse {
  // The static service token is configuration, not a session: it survives logout.
  const token = header(req.headers, "x-auth-token");
  if (token !== undefined) ctx.state.sessions.delete(token);
  return respond(200, logoutResponse, {
    status: "success",
    data: { message: "You've been logged out!" },
  });
}

function me(_req: SimRequest, _ctx: RocketChatContext, principal: Principal): SimResponse {
  return respond(200, meResponse, { ...profile(principal), success: true });
}

// ---------------------------------------------------------------------------------------------
// Pagination and listing (§6.3–6.4)

interface Page {
  offset: number;
  /** 0 = unlimited (API_Allow_Infinite_Count). */
  count: number;
}

/** `getPaginationItems`: count defaults to 50, capped at 100, 0 = all; offset defaults to 0. */
function pagination(query: URLSearchParams): Page {
  const count = Number.parseInt(query.get("count") ?? "", 10);
  const offset = Number.parseInt(query.get("offset") ?? "", 10);
  return {
    count: Number.isNaN(count) || count < 0 ? 50 : Math.min(count, 100),
    offset: Number.isNaN(offset) || offset < 0 ? 0 : offset,
  };
}

function paginate<T>(items: T[], page: Page): T[] {
  return page.count === 0
    ? items.slice(page.offset)
    : items.slice(page.offset, page.offset + page.count);
}

/** `sort` is a JSON object such as `{"name":1}`; only string fields of the listed items are sortable. */
function parseSort(query: URLSearchParams): { field: string; direction: 1 | -1 } | SimResponse {
  const raw = query.get("sort");
  if (raw === null) return { field: "name", direction: 1 };
  const parsed = z
    .record(z.string(), z.union([z.literal(1), z.literal(-1)]))
    .safeParse(safeJson(raw));
  const entry = parsed.success ? Object.entries(parsed.data)[0] : undefined;
  if (!entry) {
    return fail(400, {
      success: false,
      error: `Invalid sort parameter provided: "${raw}" [error-invalid-sort]`,
      errorType: "error-invalid-sort",
    });
  }
  return { field: entry[0], direction: entry[1] };
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function sortBy<T extends object>(items: T[], sort: { field: string; direction: 1 | -1 }): T[] {
  const value = (item: T): string => {
    const v: unknown = (item as Record<string, unknown>)[sort.field];
    return typeof v === "string" ? v : "";
  };
  return [...items].sort((a, b) => value(a).localeCompare(value(b)) * sort.direction);
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Fixed timestamp so department payloads are byte-stable. */
const DEPARTMENT_UPDATED_AT = "2025-01-15T09:30:00.000Z";

function departments(req: SimRequest, _ctx: RocketChatContext, principal: Principal): SimResponse {
  if (!hasAnyPermission(principal, ["view-livechat-departments", "view-l-room"]))
    return fail(403, FORBIDDEN);
  const sort = parseSort(req.query);
  if ("status" in sort) return sort;
  const text = req.query.get("text");
  const exclude = req.query.get("excludeDepartmentId");
  const pattern = text ? new RegExp(escapeRegExp(text), "i") : undefined;

  const all = ROCKETCHAT_DEPARTMENTS.filter(
    (d) => (!pattern || pattern.test(d.name)) && d._id !== exclude,
  ).map((d) => ({
    _id: d._id,
    enabled: true,
    name: d.name,
    description: "",
    showOnRegistration: true,
    showOnOfflineForm: true,
    requestTagBeforeClosingChat: false,
    email: `${d.name.toLowerCase()}@acme-robotics.example`,
    chatClosingTags: [],
    offlineMessageChannelName: "",
    numAgents: ROCKETCHAT_USERS.filter((u) => u.departments.includes(d._id)).length,
    type: "d",
    _updatedAt: DEPARTMENT_UPDATED_AT,
  }));
  const page = pagination(req.query);
  const items = paginate(sortBy(all, sort), page);
  return respond(200, departmentsResponse, {
    departments: items,
    count: items.length,
    offset: page.offset,
    total: all.length,
    success: true,
  });
}

function agents(req: SimRequest, _ctx: RocketChatContext, principal: Principal): SimResponse {
  // 6.x answers `API.v1.unauthorized()` here: 403 with the short body (fixture 403_unauthorized_short).
  if (!hasAnyPermission(principal, ["transfer-livechat-guest", "edit-omnichannel-contact"])) {
    return fail(403, { success: false, error: "unauthorized" });
  }
  const sort = parseSort(req.query);
  if ("status" in sort) return sort;
  const text = req.query.get("text");
  const exclude = req.query.get("excludeId");
  const pattern = text ? new RegExp(escapeRegExp(text), "i") : undefined;

  const all = ROCKETCHAT_USERS.filter((u) => u.roles.includes("livechat-agent"))
    .filter(
      (u) => !pattern || pattern.test(u.username) || pattern.test(u.name) || pattern.test(u.email),
    )
    .filter((u) => u._id !== exclude)
    .map((u) => ({
      _id: u._id,
      username: u.username,
      name: u.name,
      status: "online",
      statusLivechat: "available",
      emails: [{ address: u.email, verified: true }],
      departments: u.departments,
    }));
  const page = pagination(req.query);
  const items = paginate(sortBy(all, sort), page);
  return respond(200, agentsResponse, {
    users: items,
    count: items.length,
    offset: page.offset,
    total: all.length,
    success: true,
  });
}

// ---------------------------------------------------------------------------------------------
// Shared analytics helpers

/**
 * `moment.tz(value, 'YYYY-MM-DD', tz)` is non-strict: a leading date is enough (an ISO datetime is
 * read as its date part). Impossible dates (2025-02-30) are invalid.
 */
function parseLooseDate(value: string): CalendarDate | null {
  const match = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})/.exec(value);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return { y, m, d };
}

/** The model adds the department condition only for a truthy id other than the string "undefined" (§1.5). */
function roomFilter(departmentId: string | null): (chat: SimChat) => boolean {
  if (!departmentId || departmentId === "undefined") return () => true;
  return (chat) => chat.team === departmentId;
}

const round2 = (v: number): number => Math.round(v * 100) / 100;
const meanOf = (values: number[]): number => values.reduce((s, v) => s + v, 0) / values.length;

/** `metrics.response.avg`: the running mean of the room's response times. */
const responseAvg = (chat: SimChat): number =>
  chat.responseTimes.length === 0 ? 0 : meanOf(chat.responseTimes);

/** `secondsToHHMMSS` (§1.8), quirks included: "00:00:60" for 59.6 s, hours may exceed 2 digits. */
export function secondsToHHMMSS(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds - h * 3600) / 60);
  const s = Math.round(seconds - h * 3600 - m * 60);
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${pad(h)}:${pad(m)}:${pad(s)}`;
}

/** moment `hA` for an hour of day 0–24 (24 wraps to 12AM). */
function hourLabel(hour: number): string {
  const h = hour % 24;
  return `${h % 12 === 0 ? 12 : h % 12}${h < 12 ? "AM" : "PM"}`;
}

/**
 * Query validation as ajv reports it for the typed routes: required keys in schema order first,
 * then unknown keys, then non-string (repeated) values.
 */
function validateQuery(
  query: URLSearchParams,
  required: string[],
  optional: string[],
): string | null {
  for (const key of required) if (!query.has(key)) return `must have required property '${key}'`;
  const allowed = new Set([...required, ...optional]);
  for (const key of query.keys())
    if (!allowed.has(key)) return "must NOT have additional properties";
  for (const key of allowed) if (query.getAll(key).length > 1) return "must be string";
  return null;
}

// ---------------------------------------------------------------------------------------------
// charts-data (§2)

type ChartValue = (rooms: SimChat[]) => number;

/** Per-bucket formulas of `ChartData.ts` (§2.5); "truthy" filters skip nulls and zeros. */
const CHARTS: Record<ChartName, ChartValue> = {
  Total_conversations: (rooms) => rooms.length,
  Avg_chat_duration: (rooms) => {
    const durations = rooms.map((r) => (r.endedAt - r.startedAt) / 1000).filter((d) => d > 0);
    return durations.length === 0 ? 0 : round2(meanOf(durations));
  },
  // `$unwind` + `$sum: 1` counts a room without agent messages as 1.
  Total_messages: (rooms) => rooms.reduce((sum, r) => sum + Math.max(1, r.agentMessages), 0),
  Avg_first_response_time: (rooms) => {
    const frts = firstResponses(rooms);
    return frts.length === 0 ? 0 : round2(meanOf(frts));
  },
  // The upstream variable is called "max" but holds the minimum: the best (fastest) response.
  Best_first_response_time: (rooms) => {
    const frts = firstResponses(rooms);
    return frts.length === 0 ? 0 : round2(Math.min(...frts));
  },
  Avg_response_time: (rooms) => {
    const avgs = rooms.map(responseAvg).filter((v) => v > 0);
    return avgs.length === 0 ? 0 : round2(meanOf(avgs));
  },
  Avg_reaction_time: (rooms) => {
    const reactions = rooms.map(reactionSeconds).filter((v): v is number => v !== null && v > 0);
    return reactions.length === 0 ? 0 : round2(meanOf(reactions));
  },
};

const firstResponses = (rooms: SimChat[]): number[] =>
  rooms.map((r) => r.firstResponseSeconds).filter((v): v is number => v !== null && v > 0);

function chartsData(req: SimRequest, ctx: RocketChatContext): SimResponse {
  // Typed route: the router validates the query before authentication (§1.3).
  const invalid = validateQuery(req.query, ["chartName", "start", "end"], ["departmentId"]);
  if (invalid)
    return fail(400, { success: false, errorType: "error-invalid-params", error: invalid });

  const principal = currentPrincipal(req, ctx);
  if (!principal) return fail(401, NOT_LOGGED_IN);
  return rateLimited(req, ctx, principal, () => chartsDataFor(req, ctx, principal));
}

function chartsDataFor(req: SimRequest, ctx: RocketChatContext, principal: Principal): SimResponse {
  if (!hasAnyPermission(principal, ["view-livechat-manager"])) return fail(403, FORBIDDEN);

  const name = chartNameSchema.safeParse(req.query.get("chartName"));
  const start = parseLooseDate(req.query.get("start") ?? "");
  const end = parseLooseDate(req.query.get("end") ?? "");
  if (!name.success || !start || !end)
    return fail(400, { success: false, error: "No data available" });

  // Server zone = UTC (§1.7): hourly buckets of that UTC day, else one bucket per UTC day.
  const labels: string[] = [];
  const ranges: [number, number][] = [];
  const from = utcMidnight(start);
  const to = utcMidnight(end);
  if (compareDates(start, end) === 0) {
    for (let h = 0; h < 24; h++) {
      labels.push(`${hourLabel(h)}-${hourLabel(h)}`);
      ranges.push([from + h * HOUR_MS, from + (h + 1) * HOUR_MS]);
    }
  } else {
    // start > end yields no buckets (200 with empty arrays).
    for (let t = from; t <= to; t += DAY_MS) {
      const d = new Date(t);
      labels.push(`${d.getUTCMonth() + 1}/${d.getUTCDate()}`);
      ranges.push([t, t + DAY_MS]);
    }
  }

  const rooms = getDataset(ctx.now()).rocketchat;
  const keep = roomFilter(req.query.get("departmentId"));
  const compute = CHARTS[name.data];
  const dataPoints = ranges.map(([a, b]) => compute(chatsBetween(rooms, a, b).filter(keep)));
  return respond(200, chartsDataResponse, {
    chartLabel: name.data,
    dataLabels: labels,
    dataPoints,
    success: true,
  });
}

// ---------------------------------------------------------------------------------------------
// analytics/overview (§4)

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/**
 * The checks analytics/overview and agent-overview share (legacy `addRoute` routes): params are
 * validated after authentication and before permissions; an empty name is `invalid-chart-name`.
 * @returns the (non-empty) `name`, or the error response to send.
 */
function analyticsName(req: SimRequest, principal: Principal): string | SimResponse {
  const invalid = validateQuery(req.query, ["name", "from", "to"], ["departmentId"]);
  if (invalid) {
    return fail(400, {
      success: false,
      error: `${invalid} [invalid-params]`,
      errorType: "invalid-params",
    });
  }
  if (!hasAnyPermission(principal, ["view-livechat-manager"])) return fail(403, FORBIDDEN);
  const name = req.query.get("name") ?? "";
  if (name === "") return fail(400, { success: false, error: "invalid-chart-name" });
  return name;
}

function overview(req: SimRequest, ctx: RocketChatContext, principal: Principal): SimResponse {
  const name = analyticsName(req, principal);
  if (typeof name !== "string") return name;
  const from = parseLooseDate(req.query.get("from") ?? "");
  const to = parseLooseDate(req.query.get("to") ?? "");
  if ((name !== "Conversations" && name !== "Productivity") || !from || !to) {
    return respond(200, emptySuccessResponse, { success: true });
  }

  // Window [startOfDay(from), endOfDay(to)] in UTC, inclusive to the millisecond.
  const fromMs = utcMidnight(from);
  const toEndMs = utcMidnight(to) + DAY_MS - 1;
  const rooms = chatsBetween(getDataset(ctx.now()).rocketchat, fromMs, toEndMs + 1).filter(
    roomFilter(req.query.get("departmentId")),
  );
  const body =
    name === "Conversations" ? conversations(rooms, fromMs, toEndMs) : productivity(rooms);
  return respond(200, overviewResponse, body);
}

function conversations(rooms: SimChat[], fromMs: number, toEndMs: number) {
  let totalMessages = 0;
  // Insertion-ordered maps: on ties the first-seen (earliest) key wins, as upstream.
  const messagesByDay = new Map<number, number>();
  const messagesByDayHour = new Map<number, Map<number, number>>();
  for (const room of rooms) {
    // Overview counts every non-system message, visitor's included, min 1 per room.
    const msgs = Math.max(1, room.agentMessages + room.visitorMessages);
    totalMessages += msgs;
    const day = Math.floor(room.startedAt / DAY_MS) * DAY_MS;
    const hour = new Date(room.startedAt).getUTCHours();
    messagesByDay.set(day, (messagesByDay.get(day) ?? 0) + msgs);
    const hours = messagesByDayHour.get(day) ?? new Map<number, number>();
    hours.set(hour, (hours.get(hour) ?? 0) + msgs);
    messagesByDayHour.set(day, hours);
  }

  const argMax = <K>(map: Map<K, number>): K | undefined => {
    let best: K | undefined;
    let bestValue = -Infinity;
    for (const [key, value] of map) {
      if (value > bestValue) {
        best = key;
        bestValue = value;
      }
    }
    return best;
  };
  const busiestDay = argMax(messagesByDay);
  const busiestHour =
    busiestDay === undefined ? undefined : argMax(messagesByDayHour.get(busiestDay) ?? new Map());

  // moment: to.diff(from, 'days') truncates towards zero; +1 makes the day count inclusive.
  const days = Math.trunc((toEndMs - fromMs) / DAY_MS) + 1;
  return [
    { title: "Total_conversations", value: rooms.length },
    // Every simulated room is closed and none is on hold.
    { title: "Open_conversations", value: 0 },
    { title: "On_Hold_conversations", value: 0 },
    { title: "Total_messages", value: totalMessages },
    {
      title: "Busiest_day",
      value: busiestDay === undefined ? "-" : (WEEKDAYS[new Date(busiestDay).getUTCDay()] ?? "-"),
    },
    { title: "Conversations_per_day", value: (rooms.length / days).toFixed(2) },
    {
      title: "Busiest_time",
      value:
        busiestHour === undefined
          ? "-"
          : `${hourLabel(busiestHour)} - ${hourLabel(busiestHour + 1)}`,
    },
  ];
}

function productivity(rooms: SimChat[]) {
  // Rooms need both `metrics.response` and `metrics.reaction`: the answered ones.
  const answered = rooms.filter((r) => r.firstResponseSeconds !== null);
  const format = (values: number[]): string =>
    values.length === 0 ? "00:00:00" : secondsToHHMMSS(Number(meanOf(values).toFixed(2)));
  return [
    { title: "Avg_response_time", value: format(answered.map(responseAvg)) },
    {
      title: "Avg_first_response_time",
      value: format(answered.map((r) => r.firstResponseSeconds ?? 0)),
    },
    { title: "Avg_reaction_time", value: format(answered.map((r) => reactionSeconds(r) ?? 0)) },
  ];
}

// ---------------------------------------------------------------------------------------------
// analytics/agent-overview (§3)

/** `servedBy.username`: the room's current (last) agent; absent when nobody was assigned. */
const servedBy = (room: SimChat): string | undefined => room.agents[room.agents.length - 1];
/** `responseBy.username`: the agent who gave the first response (since PR #34156). */
const responseBy = (room: SimChat): string | undefined =>
  room.firstResponseSeconds === null ? undefined : room.agents[0];

interface AgentMetric {
  /** `head[1].name`. */
  head: string;
  /** Grouping key of a room (undefined = room not counted). */
  key: (room: SimChat) => string | undefined;
  /** The room's contribution; undefined or a falsy number is skipped ("truthy" filter). */
  value: (room: SimChat) => number | undefined;
  /** Per-agent value from the agent's contributions and the number of counted rooms. */
  format: (values: number[], counted: number) => string | number;
  /** Upstream sorts by `parseFloat(value)`: descending for the first three metrics. */
  descending: boolean;
}

const hhmmssOfMean = (values: number[]): string =>
  secondsToHHMMSS(Number(meanOf(values).toFixed(2)));

const AGENT_METRICS: Record<ChartName, AgentMetric> = {
  Total_conversations: {
    head: "%_of_conversations",
    key: servedBy,
    value: () => 1,
    // Share of the rooms that have a `servedBy`, e.g. "71.43%".
    format: (values, counted) => `${((values.length / counted) * 100).toFixed(2)}%`,
    descending: true,
  },
  Avg_chat_duration: {
    head: "Avg_chat_duration",
    key: servedBy,
    value: (r) => (r.endedAt - r.startedAt) / 1000,
    format: hhmmssOfMean,
    descending: true,
  },
  // Agent messages with the min-1 quirk (§2.5), summed: the only numeric value.
  Total_messages: {
    head: "Total_messages",
    key: servedBy,
    value: (r) => Math.max(1, r.agentMessages),
    format: (values) => values.reduce((s, v) => s + v, 0),
    descending: true,
  },
  Avg_first_response_time: {
    head: "Avg_first_response_time",
    key: responseBy,
    value: (r) => r.firstResponseSeconds ?? undefined,
    format: hhmmssOfMean,
    descending: false,
  },
  // Upstream names the variable "max" but keeps the minimum: the best (fastest) first response.
  Best_first_response_time: {
    head: "Best_first_response_time",
    key: responseBy,
    value: (r) => r.firstResponseSeconds ?? undefined,
    format: (values) => secondsToHHMMSS(Number(Math.min(...values).toFixed(2))),
    descending: false,
  },
  Avg_response_time: {
    head: "Avg_response_time",
    key: servedBy,
    value: (r) => responseAvg(r),
    format: hhmmssOfMean,
    descending: false,
  },
  Avg_reaction_time: {
    head: "Avg_reaction_time",
    key: servedBy,
    value: (r) => reactionSeconds(r) ?? undefined,
    format: hhmmssOfMean,
    descending: false,
  },
};

function agentOverview(req: SimRequest, ctx: RocketChatContext, principal: Principal): SimResponse {
  const rawName = analyticsName(req, principal);
  if (typeof rawName !== "string") return rawName;
  const name = chartNameSchema.safeParse(rawName);
  const from = parseLooseDate(req.query.get("from") ?? "");
  const to = parseLooseDate(req.query.get("to") ?? "");
  if (!name.success || !from || !to) return respond(200, emptySuccessResponse, { success: true });

  // Window [startOfDay(from), endOfDay(to)] of UTC days (server zone), as charts-data and overview.
  const fromMs = utcMidnight(from);
  const toEndMs = utcMidnight(to) + DAY_MS - 1;
  const rooms = chatsBetween(getDataset(ctx.now()).rocketchat, fromMs, toEndMs + 1).filter(
    roomFilter(req.query.get("departmentId")),
  );
  const metric = AGENT_METRICS[name.data];
  // Insertion-ordered: agents appear in the order their first room came out of the cursor.
  const byAgent = new Map<string, number[]>();
  let counted = 0;
  for (const room of rooms) {
    const agent = metric.key(room);
    const value = metric.value(room);
    if (agent === undefined || value === undefined || !value) continue;
    counted++;
    const values = byAgent.get(agent) ?? [];
    values.push(value);
    byAgent.set(agent, values);
  }
  const data = [...byAgent].map(([agent, values]) => ({
    name: agent,
    value: metric.format(values, counted),
  }));
  // Array.prototype.sort is stable: equal parseFloat values keep first-seen order.
  const numeric = (v: string | number): number => (typeof v === "number" ? v : parseFloat(v));
  data.sort((a, b) =>
    metric.descending ? numeric(b.value) - numeric(a.value) : numeric(a.value) - numeric(b.value),
  );
  return respond(200, agentOverviewResponse, {
    head: [{ name: "Agent" }, { name: metric.head }],
    data,
    success: true,
  });
}
