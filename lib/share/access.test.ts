/**
 * A share link's filters and its request checks: the page asks for exactly what the endpoint
 * allows, and any widened request (other source, team, agent, days, granularity, comparison,
 * time zone, metric or table) is refused.
 */
import { describe, expect, it } from "vitest";
import { parseMetricParams, type MetricParams } from "@/lib/api/metric-params";
import type { SourceInfo } from "@/lib/metrics/types";
import { metricQueryString } from "@/lib/queries/metrics";
import { reportPageQueries } from "@/lib/queries/pages";
import {
  checkShareMetricRequest,
  checkShareViewRequest,
  shareFilters,
  shareWindow,
  type ShareViewRequest,
} from "./access";
import { shareScopeSchema, type ShareScope, type ShareScopeInput } from "./scope";

const TODAY = "2026-10-14";
const TODAYS = [TODAY, "2026-10-13"];

const livechat: SourceInfo = {
  id: "livechat",
  name: "LiveChat",
  teamLabel: "group",
  teams: [{ id: "3", name: "Billing" }],
  agents: [{ id: "ava@northwind.example", name: "Ava Kowalski" }],
  metrics: [
    "chats.total",
    "chats.missed",
    "chats.csat",
    "chats.first_response_time",
    "chats.response_time",
    "agents.availability",
    "agents.chatting_time",
  ],
  agentFilterMetrics: ["chats.total", "chats.first_response_time"],
  archive: true,
  tickets: true,
  fixedTimezone: null,
};
const rocketchat: SourceInfo = {
  ...livechat,
  id: "rocketchat",
  name: "Rocket.Chat",
  teamLabel: "department",
  teams: [],
  agents: [],
  metrics: ["chats.total", "chats.first_response_time"],
  agentFilterMetrics: [],
  archive: false,
  tickets: false,
  fixedTimezone: "UTC",
};

function scope(input: Partial<ShareScopeInput> = {}): ShareScope {
  return shareScopeSchema.parse({
    page: "overview",
    source: "livechat",
    group: "3",
    range: { kind: "fixed", from: "2026-10-05", to: "2026-10-11" },
    ...input,
  });
}

/** The request a widget sends for `metric`, with `change` applied, parsed like the endpoint. */
function metricRequest(
  metric: string,
  base: Record<string, string>,
  change: Record<string, string | null> = {},
): MetricParams {
  const qs = new URLSearchParams(base);
  for (const [k, v] of Object.entries(change)) {
    if (v === null) qs.delete(k);
    else qs.set(k, v);
  }
  const parsed = parseMetricParams(metric, qs);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

const FIXED_QS = {
  source: "livechat",
  from: "2026-10-05",
  to: "2026-10-11",
  granularity: "day",
  group: "3",
  compare: "previous",
};

describe("shareFilters", () => {
  it("locks the scope's source, team, days and granularity, and the page's metrics", () => {
    const f = shareFilters(scope(), [livechat, rocketchat], TODAY, null);
    expect(f).toMatchObject({
      group: "3",
      agent: null,
      range: "custom",
      from: "2026-10-05",
      to: "2026-10-11",
      days: 7,
      granularity: "day",
      compare: true,
      metrics: [
        "chats.total",
        "chats.csat",
        "chats.first_response_time",
        "chats.response_time",
        "chats.missed",
      ],
    });
    expect(f?.scope.id).toBe("livechat");
    expect(f?.scope.single?.id).toBe("livechat");
  });

  it("resolves a rolling range against today, and leaves out metrics the link does not show", () => {
    const s = scope({
      range: { kind: "rolling", preset: "last7" },
      metrics: ["chats.total", "chats.csat"],
      compare: false,
    });
    const f = shareFilters(s, [livechat], TODAY, null);
    expect(f).toMatchObject({ range: "last7", from: "2026-10-08", to: TODAY, compare: false });
    expect(
      f && reportPageQueries("overview", f).map((q) => q.kind === "metric" && q.query),
    ).toEqual([
      expect.objectContaining({ metric: "chats.total", compare: false }),
      expect.objectContaining({ metric: "chats.csat", compare: false }),
    ]);
  });

  it("is null when the scope's source is no longer configured", () => {
    expect(
      shareFilters(scope({ source: "rocketchat", group: null }), [livechat], TODAY, null),
    ).toBe(null);
  });

  it("every query the page sends is within the link", () => {
    for (const s of [
      scope(),
      scope({ source: "all", group: null }),
      scope({ agent: "ava@northwind.example", range: { kind: "rolling", preset: "yesterday" } }),
    ]) {
      const f = shareFilters(s, [livechat, rocketchat], TODAY, s.agent);
      if (f === null) throw new Error("no filters");
      const queries = reportPageQueries("overview", f);
      expect(queries.length).toBeGreaterThan(0);
      for (const q of queries) {
        if (q.kind !== "metric") continue;
        const p = parseMetricParams(
          q.query.metric,
          new URLSearchParams(metricQueryString(q.query)),
        );
        if (!p.ok) throw new Error(p.message);
        expect(checkShareMetricRequest(s, p.value, TODAYS)).toEqual({ ok: true });
      }
    }
  });
});

describe("checkShareMetricRequest", () => {
  const s = scope();
  const check = (metric: string, change: Record<string, string | null> = {}) =>
    checkShareMetricRequest(s, metricRequest(metric, FIXED_QS, change), TODAYS);

  it("allows exactly the link's request", () => {
    expect(check("chats.total")).toEqual({ ok: true });
  });

  it.each([
    ["another team", { group: "1" }, /team "3" only/],
    ["all teams", { group: null }, /team "3" only/],
    ["another source", { source: "rocketchat" }, /source=livechat only/],
    ["all sources", { source: "all", group: null }, /source=livechat only/],
    ["no source", { source: null }, /source=livechat only/],
    ["other days", { from: "2026-10-04" }, /2026-10-05 to 2026-10-11 only/],
    ["a later day", { to: "2026-10-12" }, /only/],
    ["another granularity", { granularity: "hour" }, /day buckets only/],
    ["an agent", { agent: "ava@northwind.example" }, /no agent filter/],
    ["no comparison", { compare: null }, /compare/],
    ["a time zone", { tz: "Europe/Warsaw" }, /time zone/],
  ])("refuses %s", (_name, change, message) => {
    const result = check("chats.total", change);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.message).toMatch(message);
  });

  it("refuses a metric that is not on the page, or that the link leaves out", () => {
    expect(check("agents.availability")).toEqual({
      ok: false,
      message: "this link does not show agents.availability",
    });
    const subset = scope({ metrics: ["chats.total"] });
    expect(checkShareMetricRequest(subset, metricRequest("chats.csat", FIXED_QS), TODAYS).ok).toBe(
      false,
    );
  });

  it("locks the agent: the same one only, and never none", () => {
    const withAgent = scope({ agent: "ava@northwind.example" });
    const qs = { ...FIXED_QS, agent: "ava@northwind.example" };
    expect(checkShareMetricRequest(withAgent, metricRequest("chats.total", qs), TODAYS)).toEqual({
      ok: true,
    });
    for (const agent of [null, "liam@northwind.example"]) {
      const p = metricRequest("chats.total", qs, { agent });
      expect(checkShareMetricRequest(withAgent, p, TODAYS)).toEqual({
        ok: false,
        message: "this link shows one agent only",
      });
    }
  });

  it("under all sources, allows each source on its own (per-source charts), nothing more", () => {
    const all = scope({ source: "all", group: null });
    const qs = { ...FIXED_QS, source: "all" } as Record<string, string>;
    delete qs.group;
    for (const source of ["all", "livechat", "rocketchat"]) {
      const p = metricRequest("chats.first_response_time", qs, { source });
      expect(checkShareMetricRequest(all, p, TODAYS)).toEqual({ ok: true });
    }
    const team = metricRequest("chats.total", qs, { source: "livechat", group: "3" });
    expect(checkShareMetricRequest(all, team, TODAYS).ok).toBe(false);
  });

  it("rolling: today's window or yesterday's (a page open over midnight), never older", () => {
    const rolling = scope({ range: { kind: "rolling", preset: "last7" } });
    const at = (today: string) => shareWindow(rolling, today);
    const ask = (w: { from: string; to: string }) =>
      checkShareMetricRequest(
        rolling,
        metricRequest("chats.total", { ...FIXED_QS, from: w.from, to: w.to }),
        TODAYS,
      );
    expect(ask(at(TODAY))).toEqual({ ok: true });
    expect(ask(at("2026-10-13"))).toEqual({ ok: true });
    expect(ask(at("2026-10-12")).ok).toBe(false);
  });

  it("a locked granularity the rolling range cannot take falls back to the automatic one", () => {
    const today = scope({ range: { kind: "rolling", preset: "today" }, granularity: "month" });
    expect(shareWindow(today, TODAY)).toEqual({ from: TODAY, to: TODAY, granularity: "hour" });
  });
});

describe("checkShareViewRequest", () => {
  const window = { source: "livechat" as const, from: "2026-10-05", to: "2026-10-11", group: "3" };
  const check = (s: ShareScope, q: Partial<ShareViewRequest> & Pick<ShareViewRequest, "view">) =>
    checkShareViewRequest(s, { ...window, ...q }, TODAYS);

  it("allows the page's own tables within the link", () => {
    expect(check(scope({ page: "agents" }), { view: "agents" })).toEqual({ ok: true });
    expect(check(scope({ page: "agents" }), { view: "ranking-chats" })).toEqual({ ok: true });
    expect(check(scope({ page: "chats" }), { view: "occupancy" })).toEqual({ ok: true });
    expect(check(scope({ page: "tickets" }), { view: "tickets" })).toEqual({ ok: true });
  });

  it("refuses tables of other pages, and any widened window", () => {
    const agents = scope({ page: "agents" });
    expect(check(scope(), { view: "agents" }).ok).toBe(false);
    expect(check(agents, { view: "ranking-tickets" }).ok).toBe(false);
    expect(check(agents, { view: "agents", group: undefined }).ok).toBe(false);
    expect(check(agents, { view: "agents", group: "1" }).ok).toBe(false);
    expect(check(agents, { view: "agents", source: "rocketchat" }).ok).toBe(false);
    expect(check(agents, { view: "agents", from: "2026-01-01" }).ok).toBe(false);
    expect(
      check(scope({ page: "agents", source: "all", group: null }), { view: "agents" }).ok,
    ).toBe(false);
  });

  it("no occupancy or ticket list for a link locked to one agent (the page has none)", () => {
    const agent = { agent: "ava@northwind.example" };
    expect(check(scope({ page: "chats", ...agent }), { view: "occupancy" }).ok).toBe(false);
    expect(check(scope({ page: "tickets", ...agent }), { view: "tickets" }).ok).toBe(false);
  });
});
