import { describe, expect, it } from "vitest";
import { createLoader } from "nuqs/server";
import type { SourceInfo } from "./metrics/types";
import {
  allowedGranularities,
  bucketWindow,
  carriedFilterQuery,
  customDatesUpdate,
  drillDownHref,
  planMetric,
  filterParsers,
  rangeUpdate,
  resolveFilters,
  safeCallbackUrl,
  sourceUpdate,
  type ScopedFilters,
} from "./filters";

const load = createLoader(filterParsers);
const TODAY = "2024-03-15";

const livechat: SourceInfo = {
  id: "livechat",
  name: "LiveChat",
  teamLabel: "group",
  teams: [
    { id: "1", name: "Sales" },
    { id: "2", name: "Support" },
  ],
  agents: [
    { id: "ava@northwind.example", name: "Ava" },
    { id: "liam@northwind.example", name: "Liam" },
  ],
  metrics: ["chats.total", "chats.csat", "chats.first_response_time", "chats.response_time"],
  agentFilterMetrics: ["chats.total", "chats.csat"],
  archive: true,
  tickets: true,
  fixedTimezone: null,
};
const rocketchat: SourceInfo = {
  id: "rocketchat",
  name: "Rocket.Chat",
  teamLabel: "department",
  teams: [{ id: "d1", name: "Helpdesk" }],
  agents: [{ id: "rc.agent", name: "RC Agent" }],
  metrics: ["chats.total", "chats.first_response_time", "chats.duration"],
  agentFilterMetrics: [],
  archive: false,
  tickets: false,
  fixedTimezone: "UTC",
};
const SOURCES = [livechat, rocketchat];

const resolve = (qs: string, sources: SourceInfo[] = SOURCES) =>
  resolveFilters(load(qs), sources, TODAY);

describe("resolveFilters", () => {
  it("defaults to the first source, all teams, the last 7 days by day", () => {
    const f = resolve("");
    expect(f.scope?.id).toBe("livechat");
    expect(f.group).toBeNull();
    expect(f.range).toBe("last7");
    expect([f.from, f.to, f.days]).toEqual(["2024-03-09", "2024-03-15", 7]);
    expect(f.granularity).toBe("day");
  });

  it("reads a full URL", () => {
    const f = resolve(
      "?source=rocketchat&group=d1&range=custom&from=2024-01-01&to=2024-02-29&granularity=month",
    );
    expect(f.scope?.id).toBe("rocketchat");
    expect(f.group).toBe("d1");
    expect([f.from, f.to]).toEqual(["2024-01-01", "2024-02-29"]);
    expect(f.granularity).toBe("month");
  });

  it("drops what does not fit", () => {
    expect(resolve("?source=nope").scope?.id).toBe("livechat");
    expect(resolve("?group=d1").group).toBeNull(); // a Rocket.Chat department on LiveChat
    expect(resolve("?range=last30&granularity=hour").granularity).toBe("day");
    expect(resolve("?range=last7&granularity=month").granularity).toBe("day");
    expect(resolve("?range=today").granularity).toBe("hour");
  });

  it("keeps an unverifiable team when the team list failed to load", () => {
    const broken = { ...livechat, teams: [], teamsError: "Could not load groups: timeout" };
    expect(resolve("?group=7", [broken]).group).toBe("7");
  });

  it("falls back to last 7 days for an incomplete custom range and orders swapped days", () => {
    expect(resolve("?range=custom&from=2024-02-30&to=2024-03-01")).toMatchObject({
      from: "2024-03-09",
      to: "2024-03-15",
    });
    expect(resolve("?range=custom&from=2024-03-10&to=2024-03-01")).toMatchObject({
      from: "2024-03-01",
      to: "2024-03-10",
    });
  });

  it("has no source when none is configured", () => {
    expect(resolve("", []).scope).toBeNull();
  });
});

describe("allowedGranularities", () => {
  it("allows hour up to 7 days and month from 28 days", () => {
    expect(allowedGranularities("2024-03-01", "2024-03-07")).toEqual({
      hour: true,
      day: true,
      month: false,
    });
    expect(allowedGranularities("2024-03-01", "2024-03-08").hour).toBe(false);
    expect(allowedGranularities("2024-02-01", "2024-02-28").month).toBe(true);
    expect(allowedGranularities("2024-02-01", "2024-02-27").month).toBe(false);
  });
});

describe("updates", () => {
  it("resets the team when the source changes", () => {
    expect(sourceUpdate("rocketchat")).toEqual({
      source: "rocketchat",
      group: null,
      agent: null,
    });
  });

  it("starts a custom range from the dates on screen", () => {
    const state = load("?range=last30");
    const f = resolveFilters(state, SOURCES, TODAY);
    expect(rangeUpdate("custom", f, state, TODAY)).toEqual({
      range: "custom",
      from: "2024-02-15",
      to: TODAY,
    });
  });

  it("clears custom dates and a granularity the new preset does not allow", () => {
    const state = load("?range=today&granularity=hour");
    const f = resolveFilters(state, SOURCES, TODAY);
    expect(rangeUpdate("last30", f, state, TODAY)).toEqual({
      range: "last30",
      from: null,
      to: null,
      granularity: null,
    });
    expect(rangeUpdate("yesterday", f, state, TODAY).granularity).toBe("hour");
  });

  it("keeps a custom range ordered while editing", () => {
    const state = load("?range=custom&from=2024-03-01&to=2024-03-05");
    const f = resolveFilters(state, SOURCES, TODAY);
    expect(customDatesUpdate({ from: "2024-03-09" }, f, state)).toMatchObject({
      from: "2024-03-09",
      to: "2024-03-09",
    });
    expect(customDatesUpdate({ to: "2024-02-20" }, f, state)).toMatchObject({
      from: "2024-02-20",
      to: "2024-02-20",
    });
  });
});

describe("safeCallbackUrl", () => {
  it.each([
    ["/", "/"],
    ["/?range=last30&source=rocketchat", "/?range=last30&source=rocketchat"],
    ["/reports#top", "/reports#top"],
  ])("keeps the same-origin path %s", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });

  it.each([
    undefined,
    null,
    "",
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "relative/path",
  ])("rejects %s", (input) => {
    expect(safeCallbackUrl(input)).toBe("/");
  });

  it("takes the first of repeated params", () => {
    expect(safeCallbackUrl(["/a", "https://evil.example"])).toBe("/a");
  });
});

describe("source scope and agents", () => {
  it("offers all sources only when two are configured, without team or agent", () => {
    const f = resolve("?source=all&group=1&agent=ava@northwind.example");
    expect(f.scope?.id).toBe("all");
    expect(f.scope?.sources.map((s) => s.id)).toEqual(["livechat", "rocketchat"]);
    expect(f.scope?.single).toBeNull();
    expect([f.group, f.agent]).toEqual([null, null]);
    expect(resolve("?source=all", [livechat]).scope?.id).toBe("livechat");
  });

  it("keeps a known agent and drops an unknown one", () => {
    expect(resolve("?agent=ava@northwind.example").agent).toBe("ava@northwind.example");
    expect(resolve("?agent=nobody").agent).toBeNull();
    expect(resolve("?source=rocketchat&agent=ava@northwind.example").agent).toBeNull();
  });

  it("carries only the filter keys", () => {
    expect(
      carriedFilterQuery(new URLSearchParams("source=all&range=last30&page=3&hour=4&agent=")),
    ).toBe("source=all&range=last30");
  });
});

describe("planMetric", () => {
  const scoped = (qs: string) => resolve(qs) as ScopedFilters;

  it("never asks a source for a metric it lacks", () => {
    expect(planMetric("chats.csat", scoped("?source=rocketchat"))).toEqual({
      kind: "unavailable",
      message: "Not available from Rocket.Chat",
    });
  });

  it("sends the agent only to reports that accept it, and refuses the others", () => {
    const f = scoped("?agent=ava@northwind.example&group=2");
    const csat = planMetric("chats.csat", f);
    expect(csat.kind === "ready" && csat.query).toMatchObject({
      source: "livechat",
      agent: "ava@northwind.example",
      group: "2",
    });
    expect(planMetric("chats.first_response_time", f)).toEqual({
      kind: "agent_unsupported",
      message: "Agent filter not supported by this report",
    });
  });

  it("under all, covers the sources that have the metric", () => {
    const plan = planMetric("chats.duration", scoped("?source=all"));
    expect(plan.kind).toBe("ready");
    if (plan.kind !== "ready") return;
    expect(plan.covered.map((s) => s.id)).toEqual(["rocketchat"]);
    expect(plan.missing.map((s) => s.id)).toEqual(["livechat"]);
    expect(plan.query).toMatchObject({ source: "all", group: null, agent: null });
  });
});

describe("drill-down", () => {
  it("maps a bucket to its days (and hour), clipped to the range", () => {
    const range = { from: "2026-10-15", to: "2026-12-10" };
    expect(bucketWindow("2026-11-12T07:00", "hour", range)).toEqual({
      from: "2026-11-12",
      to: "2026-11-12",
      hour: 7,
    });
    expect(bucketWindow("2026-11-12", "day", range)).toEqual({
      from: "2026-11-12",
      to: "2026-11-12",
      hour: null,
    });
    expect(bucketWindow("2026-10", "month", range)).toEqual({
      from: "2026-10-15",
      to: "2026-10-31",
      hour: null,
    });
    expect(bucketWindow("2026-11", "month", range).to).toBe("2026-11-30");
    expect(bucketWindow("2026-12", "month", range).to).toBe("2026-12-10");
    expect(bucketWindow("2024-02", "month", { from: "2024-01-01", to: "2024-12-31" }).to).toBe(
      "2024-02-29",
    );
  });

  it("builds the archive URL with the metric's filters", () => {
    const q = {
      metric: "chats.csat" as const,
      source: "livechat" as const,
      from: "2026-11-01",
      to: "2026-11-07",
      granularity: "day" as const,
      group: "2",
      agent: "ava@northwind.example",
      compare: true,
    };
    expect(drillDownHref(q, "2026-11-03", "day", livechat)).toBe(
      "/archive?source=livechat&from=2026-11-03&to=2026-11-03&group=2&agent=ava%40northwind.example&rate=rated",
    );
    expect(
      drillDownHref({ ...q, metric: "chats.response_time" }, "2026-11-03", "day", livechat),
    ).toBeNull();
    expect(drillDownHref(q, "2026-11-03", "day", { ...livechat, archive: false })).toBeNull();
  });
});
