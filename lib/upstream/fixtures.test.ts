/**
 * Every documented upstream example (`../shared/fixtures`) must parse with our schemas, or —
 * for error examples — map to the right typed `UpstreamError` when served over real HTTP.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { z } from "zod";
import { loadFixtures, type Fixture } from "@/tests/support/fixtures";
import * as lc from "../livechat/schemas";
import * as rc from "../rocketchat/schemas";
import { LiveChatClient } from "../livechat/client";
import { RocketChatClient } from "../rocketchat/client";
import { createLiveChatAdapter } from "../sources/livechat";
import { parseAgentValue } from "../sources/rocketchat";
import type { MetricId } from "../metrics/types";
import { UpstreamError, type UpstreamErrorKind } from "./errors";

const LIVECHAT_SCHEMAS: Record<string, z.ZodType> = {
  "/reports/chats/total_chats": lc.totalChatsReport,
  "/reports/chats/ratings": lc.ratingsReport,
  "/reports/chats/first_response_time": lc.firstResponseTimeReport,
  "/reports/chats/response_time": lc.responseTimeReport,
  "/reports/chats/engagement": lc.engagementReport,
  "/reports/chats/not_replied_chats": lc.notRepliedChatsReport,
  "/reports/chats/queued_visitors": lc.queuedVisitorsReport,
  "/reports/chats/queued_visitors/waiting_times": lc.waitingTimesReport,
  "/reports/availability": lc.hoursOrMinutesReport,
  "/reports/chats/chatting_time": lc.hoursOrMinutesReport,
  "/reports/chats/agents_occupancy": lc.agentsOccupancyReport,
  "/reports/chats/goals": lc.goalsReport,
  "/reports/chats/greetings": lc.greetingsReport,
  "/reports/chats/ratings/ranking": lc.rankingReport,
  "/reports/tickets/new_tickets": lc.newTicketsReport,
  "/reports/tickets/solved_tickets": lc.solvedTicketsReport,
  "/reports/tickets/first_response_time": lc.ticketHoursReport,
  "/reports/tickets/resolution_time": lc.ticketHoursReport,
  "/reports/tickets/ticket_sources": lc.ticketSourcesReport,
  "/reports/tickets/ratings": lc.ticketRatingsReport,
  "/reports/tickets/ratings/ranking": lc.rankingReport,
  "/chats": lc.archiveChatsResponse,
};

function rocketChatSchema(f: Fixture): z.ZodType {
  if (f.request.path.endsWith("/charts-data")) return rc.chartsDataResponse;
  if (f.request.path.endsWith("/agent-overview")) return rc.agentOverviewResponse;
  throw new Error(`no schema for ${f.file}`);
}

const fixtures = loadFixtures();

test("the fixtures are there", () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(30);
});

describe.each(fixtures.filter((f) => f.response.status === 200))("200 example $file", (f) => {
  test("parses with the client's schema", () => {
    const schema =
      f.vendor === "livechat-v2" ? LIVECHAT_SCHEMAS[f.request.path] : rocketChatSchema(f);
    expect(schema, `no schema mapped for ${f.request.path}`).toBeDefined();
    const result = schema!.safeParse(f.response.body);
    expect(result.success, JSON.stringify(result.error?.issues.slice(0, 3))).toBe(true);
  });
});

// Serves one canned answer at a time over real HTTP, so the whole client path is exercised.
let server: http.Server;
let baseUrl: string;
let answer: { status: number; body: string; headers?: Record<string, string> } = {
  status: 200,
  body: "{}",
};
const seen: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const rocket = () => new RocketChatClient({ url: baseUrl, userId: "u", authToken: "t" }, 2000);
const live = () =>
  new LiveChatClient({ apiUrl: baseUrl, login: "john@example.com", apiKey: "k" }, 2000);

/** The UpstreamError a call fails with (fails the test when the call succeeds). */
async function failureOf(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UpstreamError);
    return error as UpstreamError;
  }
  throw new Error("expected the call to fail");
}

async function kindOf(promise: Promise<unknown>): Promise<UpstreamErrorKind> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UpstreamError);
    return (error as UpstreamError).kind;
  }
  throw new Error("expected the call to fail");
}

describe.each(fixtures.filter((f) => f.response.status !== 200))("error example $file", (f) => {
  test("maps to the typed error for its status, with the upstream's message", async () => {
    answer = { status: f.response.status, body: JSON.stringify(f.response.body) };
    const expected: Record<number, UpstreamErrorKind> = {
      400: "bad_request",
      401: "unauthorized",
      403: "forbidden",
    };
    const promise = rocket().chartsData({
      chartName: "Total_conversations",
      start: "2025-10-01",
      end: "2025-10-06",
    });
    await expect(kindOf(promise)).resolves.toBe(expected[f.response.status]);
    const error = await failureOf(promise);
    const body = f.response.body as { error?: string; message?: string };
    expect(error.message).toContain((body.error ?? body.message)!.slice(0, 30));
  });
});

describe("LiveChat client over HTTP", () => {
  test("sends Basic auth and X-API-Version: 2", async () => {
    answer = { status: 200, body: "[]" };
    seen.length = 0;
    await live().groups();
    expect(seen[0]!["x-api-version"]).toBe("2");
    expect(seen[0]!.authorization).toBe(
      `Basic ${Buffer.from("john@example.com:k").toString("base64")}`,
    );
  });

  test("the documented single-day hourly example becomes 24 hourly buckets, elided hours as no data", async () => {
    const f = fixtures.find((x) => x.file === "livechat-v2/chats__total_chats.json")!;
    answer = { status: 200, body: JSON.stringify(f.response.body) };
    const adapter = createLiveChatAdapter(live());
    const series = await adapter.fetchSeries("chats.total", {
      from: "2013-01-29",
      to: "2013-01-29",
      granularity: "hour",
      timezone: "UTC",
      group: null,
      agent: null,
    });
    expect(series.buckets).toHaveLength(24);
    expect(series.buckets[0]).toMatchObject({
      key: "2013-01-29T00:00",
      start: "2013-01-29T00:00:00.000Z",
      value: 18,
      count: 18,
    });
    expect(series.buckets[10]).toMatchObject({ key: "2013-01-29T10:00", value: null, count: null });
    expect(series.total).toEqual({ value: 95, count: 95 });
  });

  test("first response time: null averages stay null and the total is count-weighted", async () => {
    const f = fixtures.find((x) => x.file === "livechat-v2/chats__first_response_time.json")!;
    answer = { status: 200, body: JSON.stringify(f.response.body) };
    const series = await createLiveChatAdapter(live()).fetchSeries("chats.first_response_time", {
      from: "2014-01-10",
      to: "2014-01-20",
      granularity: "day",
      timezone: "UTC",
      group: null,
      agent: null,
    });
    expect(series.buckets.find((b) => b.key === "2014-01-20")).toMatchObject({
      value: null,
      count: 0,
    });
    expect(series.total.count).toBe(6);
    expect(series.total.value).toBeCloseTo((0.83 * 5 + 1.3) / 6, 6);
  });

  /** Runs one documented example through the adapter as the upstream's answer. */
  async function seriesOf(file: string, metric: MetricId, from: string, to: string) {
    const f = fixtures.find((x) => x.file === file)!;
    answer = { status: 200, body: JSON.stringify(f.response.body) };
    return createLiveChatAdapter(live()).fetchSeries(metric, {
      from,
      to,
      granularity: "day",
      timezone: "UTC",
      group: null,
      agent: null,
    });
  }

  test("availability in hours per day becomes seconds", async () => {
    const s = await seriesOf(
      "livechat-v2/availability.json",
      "agents.availability",
      "2013-01-25",
      "2013-01-30",
    );
    expect(s.buckets.find((b) => b.key === "2013-01-27")?.value).toBeCloseTo(0.01 * 3600, 6);
  });

  test("ticket times in decimal hours become seconds; null stays null", async () => {
    const s = await seriesOf(
      "livechat-v2/tickets__first_response_time.json",
      "tickets.first_response_time",
      "2014-01-10",
      "2014-01-20",
    );
    expect(s.buckets.find((b) => b.key === "2014-01-10")).toMatchObject({
      value: 0.83 * 3600,
      count: 5,
    });
    expect(s.buckets.find((b) => b.key === "2014-01-20")).toMatchObject({ value: null, count: 0 });
    expect(s.total.value).toBeCloseTo(((0.83 * 5 + 1.3) / 6) * 3600, 6);
  });

  test("queue waiting times keep each part's average, weighted by its own visitors", async () => {
    const s = await seriesOf(
      "livechat-v2/chats__queued_visitors__waiting_times.json",
      "chats.queue_waiting_time",
      "2013-01-29",
      "2013-01-29",
    );
    expect(s.total).toMatchObject({
      value: 24,
      count: 1,
      parts: { entered_chat: 23, left_queue: 44, max: 112 },
    });
  });

  test("engagement and ticket sources add their parts into the value", async () => {
    const e = await seriesOf(
      "livechat-v2/chats__engagement.json",
      "chats.engagement",
      "2013-01-28",
      "2013-01-29",
    );
    expect(e.total).toMatchObject({
      value: 6,
      parts: { auto_invite: 1, immediate_start: 2, manual_invite: 3 },
    });
    const t = await seriesOf(
      "livechat-v2/tickets__ticket_sources.json",
      "tickets.sources",
      "2014-01-10",
      "2014-01-20",
    );
    expect(t.total).toMatchObject({ value: 56, parts: { chat_window: 11, mail: 36, chat: 9 } });
  });

  test("agent-overview values: percentages, HH:MM:SS and numbers (also as strings)", () => {
    const f = fixtures.find((x) => x.file === "rocketchat/agent-overview__total_messages.json")!;
    const body = rc.agentOverviewResponse.parse(f.response.body);
    expect("data" in body && body.data.map((d) => parseAgentValue(d.value))).toEqual([25, 50, 44]);
    expect(
      ["71.43%", "28.57%", "00:01:40", "100:00:00", "00:00:60", 12, "n/a"].map(parseAgentValue),
    ).toEqual([71.43, 28.57, 100, 360000, 60, 12, null]);
  });

  test.each([
    [401, '{"error":"Authentication failed"}', "unauthorized"],
    [404, '{"error":"Agent not found"}', "not_found"],
    [400, '{"errors":["date_from: invalid"]}', "bad_request"],
    [500, "<html>oops</html>", "upstream_5xx"],
    [429, '{"error":"Too many requests"}', "rate_limited"],
  ] as const)("status %i maps to %s", async (status, body, kind) => {
    answer = { status, body };
    await expect(kindOf(live().agent("john@example.com"))).resolves.toBe(kind);
  });

  test("429 carries Retry-After in seconds; Rocket.Chat's X-RateLimit-Reset is epoch ms", async () => {
    answer = { status: 429, body: '{"error":"slow down"}', headers: { "retry-after": "7" } };
    const e1 = await failureOf(live().groups());
    expect(e1.retryAfterSeconds).toBe(7);
    answer = {
      status: 429,
      body: '{"success":false,"error":"Error, too many requests. [error-too-many-requests]"}',
      headers: { "x-ratelimit-reset": String(Date.now() + 30_000) },
    };
    const e2 = await failureOf(rocket().me());
    expect(e2.kind).toBe("rate_limited");
    expect(e2.retryAfterSeconds).toBeGreaterThanOrEqual(29);
    expect(e2.retryAfterSeconds).toBeLessThanOrEqual(30);
  });

  test("malformed JSON and wrong shapes are typed errors, not crashes", async () => {
    answer = { status: 200, body: "{not json" };
    await expect(kindOf(live().groups())).resolves.toBe("invalid_json");
    answer = { status: 200, body: '{"2024-01-01":{"chats":"many"}}' };
    await expect(
      kindOf(
        live().report("total_chats", {
          dateFrom: "2024-01-01",
          dateTo: "2024-01-01",
          timezone: "UTC",
          groupBy: "day",
        }),
      ),
    ).resolves.toBe("unexpected_shape");
  });

  test("redirects are not followed (credentials never leave the configured host)", async () => {
    answer = { status: 302, body: "", headers: { location: "http://127.0.0.2:9/steal" } };
    await expect(kindOf(rocket().me())).resolves.toBe("unexpected_shape");
  });

  test("a silent upstream times out", async () => {
    const hang = http.createServer(() => undefined);
    await new Promise<void>((resolve) => hang.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(hang.address() as AddressInfo).port}`;
    const client = new LiveChatClient({ apiUrl: url, login: "a", apiKey: "b" }, 200);
    await expect(kindOf(client.groups())).resolves.toBe("timeout");
    hang.closeAllConnections();
    await new Promise<void>((resolve) => hang.close(() => resolve()));
  });

  test("a closed port is a network error", async () => {
    const client = new LiveChatClient(
      { apiUrl: "http://127.0.0.1:9", login: "a", apiKey: "b" },
      2000,
    );
    await expect(kindOf(client.groups())).resolves.toBe("network");
  });
});
