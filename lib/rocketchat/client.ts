/**
 * Typed client for the Rocket.Chat REST API v1 endpoints Chatlens reads (server only).
 *
 * Auth: `X-User-Id` + `X-Auth-Token` from `POST /api/v1/login`
 * (`shared/reference/rocketchat-analytics.md` §1.1, §6.1). Analytics need the
 * `view-livechat-manager` permission. Days are the server's reporting time zone (UTC by
 * default, §1.7); charts-data cuts multi-day ranges into UTC days (§2.4).
 */
import "server-only";
import type { z } from "zod";
import type { UpstreamCaller } from "../upstream/gateway";
import { endpointOf, requestJson } from "../upstream/http";
import { LATEST_TODAY_ZONE, POLICIES, rangePolicy, type CachePolicy } from "../upstream/policy";
import * as s from "./schemas";

export interface RocketChatCredentials {
  url: string;
  userId: string;
  authToken: string;
}

/** Reads the error text of any Rocket.Chat error envelope (6.x, 7.x, 8.x). */
export function describeRocketChatError(body: unknown): string | undefined {
  const parsed = s.errorBody.safeParse(body);
  if (!parsed.success) return undefined;
  const fields: { error?: unknown; message?: unknown } = parsed.data;
  if (typeof fields.error === "string") return fields.error;
  return typeof fields.message === "string" ? fields.message : undefined;
}

export interface LoginInput {
  /** Username or e-mail. */
  user: string;
  password: string;
  /** Two-factor (TOTP) code, when the account requires one. */
  code?: string;
}

/** `POST /api/v1/login`: exchanges a username/e-mail and password (+2FA code) for a token. */
export function loginToRocketChat(url: string, input: LoginInput, timeoutMs: number) {
  return requestJson({
    vendor: "rocketchat",
    method: "POST",
    baseUrl: url,
    path: "/api/v1/login",
    headers: {},
    jsonBody: {
      user: input.user,
      password: input.password,
      ...(input.code ? { code: input.code } : {}),
    },
    timeoutMs,
    schema: s.loginResponse,
    describeError: describeRocketChatError,
  });
}

export class RocketChatClient {
  /**
   * @param caller the upstream gateway (cache, coalescing, rate-limit pacing, retries,
   *   breaker); without one every call goes straight to Rocket.Chat (sign-in checks, tests).
   */
  constructor(
    private readonly credentials: RocketChatCredentials,
    private readonly timeoutMs: number,
    private readonly caller?: UpstreamCaller,
  ) {}

  private call<S extends z.ZodType>(
    method: "GET" | "POST",
    path: string,
    schema: S,
    query: Record<string, string | undefined> | undefined,
    policy: CachePolicy | null,
  ): Promise<z.output<S>> {
    const req = {
      vendor: "rocketchat" as const,
      method,
      baseUrl: this.credentials.url,
      path,
      query,
      headers: { "x-user-id": this.credentials.userId, "x-auth-token": this.credentials.authToken },
      jsonBody: method === "POST" ? {} : undefined,
      schema,
      describeError: describeRocketChatError,
    };
    if (!this.caller) return requestJson({ ...req, timeoutMs: this.timeoutMs });
    return this.caller(req, { route: endpointOf(method, path), policy });
  }

  /**
   * GET /api/v1/livechat/analytics/dashboards/charts-data (7.11+): one chart's points.
   * `start`/`end` are `YYYY-MM-DD`; start = end gives 24 hourly buckets labelled `hA-hA`,
   * otherwise one bucket per UTC day labelled `M/D`.
   */
  chartsData(q: { chartName: s.ChartName; start: string; end: string; departmentId?: string }) {
    return this.call(
      "GET",
      "/api/v1/livechat/analytics/dashboards/charts-data",
      s.chartsDataResponse,
      q,
      // Rocket.Chat cuts days in its own reporting zone: judge "today" late.
      rangePolicy(q.end, LATEST_TODAY_ZONE),
    );
  }

  /** GET /api/v1/livechat/analytics/overview (6.4+): a bare array of `{title, value}`. */
  overview(q: {
    name: "Conversations" | "Productivity";
    from: string;
    to: string;
    departmentId?: string;
  }) {
    return this.call(
      "GET",
      "/api/v1/livechat/analytics/overview",
      s.overviewResponse,
      q,
      rangePolicy(q.to, LATEST_TODAY_ZONE),
    );
  }

  /**
   * GET /api/v1/livechat/analytics/agent-overview (6.4+): one metric per agent username.
   * Values are strings (`"71.43%"`, `"HH:MM:SS"`) except Total_messages (a number); an
   * unknown name or date answers `{"success": true}` with no `data`.
   */
  agentOverview(q: { name: s.ChartName; from: string; to: string; departmentId?: string }) {
    return this.call(
      "GET",
      "/api/v1/livechat/analytics/agent-overview",
      s.agentOverviewResponse,
      q,
      rangePolicy(q.to, LATEST_TODAY_ZONE),
    );
  }

  /** GET /api/v1/livechat/users/agent: every omnichannel agent, following pages. */
  async agents() {
    const all: z.infer<typeof s.agentsResponse>["users"] = [];
    for (let offset = 0; offset < 10_000;) {
      const page = await this.call(
        "GET",
        "/api/v1/livechat/users/agent",
        s.agentsResponse,
        { count: "100", offset: String(offset) },
        POLICIES.list(),
      );
      all.push(...page.users);
      offset += page.count;
      if (page.count === 0 || offset >= page.total) break;
    }
    return all;
  }

  /** GET /api/v1/livechat/department: every department, following `offset`/`count` pages. */
  async departments() {
    const all: s.DepartmentsResponse["departments"] = [];
    for (let offset = 0; offset < 10_000;) {
      const page = await this.call(
        "GET",
        "/api/v1/livechat/department",
        s.departmentsResponse,
        { count: "100", offset: String(offset) },
        POLICIES.list(),
      );
      all.push(...page.departments);
      offset += page.count;
      if (page.count === 0 || offset >= page.total) break;
    }
    return all;
  }

  /** GET /api/v1/me: the authenticated user, with `roles`. */
  me() {
    return this.call("GET", "/api/v1/me", s.meResponse, undefined, null);
  }

  /** POST /api/v1/logout: invalidates this client's token. */
  logout() {
    return this.call("POST", "/api/v1/logout", s.logoutResponse, undefined, null);
  }
}
