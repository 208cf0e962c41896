import { createLoader } from "nuqs/server";
import { describe, expect, it } from "vitest";
import {
  archiveParsers,
  filterParsers,
  planMetric,
  resolveArchive,
  resolveFilters,
  type ScopedFilters,
} from "@/lib/filters";
import type { SourceInfo } from "@/lib/metrics/types";
import { metricQueryOptions, shareApiBase } from "./metrics";
import { agentTableQueryOptions } from "./reports";
import { pageQueryKey, reportPageQueries, transcriptSource, type PageQuery } from "./pages";

const TODAY = "2026-10-11";

const livechat: SourceInfo = {
  id: "livechat",
  name: "LiveChat",
  teamLabel: "group",
  teams: [{ id: "3", name: "Billing" }],
  agents: [{ id: "ava@northwind.example", name: "Ava" }],
  metrics: [
    "chats.total",
    "chats.missed",
    "chats.csat",
    "chats.first_response_time",
    "chats.response_time",
    "agents.availability",
    "tickets.new",
    "tickets.csat",
  ],
  agentFilterMetrics: ["chats.total", "chats.first_response_time"],
  archive: true,
  tickets: true,
  fixedTimezone: null,
};
const rocketchat: SourceInfo = {
  id: "rocketchat",
  name: "Rocket.Chat",
  teamLabel: "department",
  teams: [],
  agents: [],
  metrics: ["chats.total", "chats.first_response_time", "agents.availability"],
  agentFilterMetrics: [],
  archive: false,
  tickets: false,
  fixedTimezone: "UTC",
};
const SOURCES = [livechat, rocketchat];

function filters(qs: string): ScopedFilters {
  const f = resolveFilters(createLoader(filterParsers)(qs), SOURCES, TODAY);
  if (f.scope === null) throw new Error("no scope");
  return { ...f, scope: f.scope };
}

const describeQuery = (q: PageQuery) =>
  q.kind === "metric" ? `metric ${q.query.metric} ${q.query.source}` : `${q.kind}`;

describe("reportPageQueries", () => {
  it("asks for each available metric of the page once, under the widgets' own keys", () => {
    const f = filters("?source=livechat&range=custom&from=2026-10-05&to=2026-10-11&group=3");
    const queries = reportPageQueries("overview", f);
    expect(queries.map(describeQuery)).toEqual([
      "metric chats.total livechat",
      "metric chats.csat livechat",
      "metric chats.first_response_time livechat",
      "metric chats.response_time livechat",
      "metric chats.missed livechat",
    ]);
    const total = planMetric("chats.total", f);
    if (total.kind !== "ready") throw new Error("not ready");
    expect(pageQueryKey(queries[0]!)).toEqual(metricQueryOptions(total.query).queryKey);
    expect(total.query).toMatchObject({ group: "3", from: "2026-10-05", granularity: "day" });
  });

  it("never asks for metrics the source lacks, or cannot filter by the chosen agent", () => {
    const f = filters("?source=livechat&agent=ava%40northwind.example");
    expect(reportPageQueries("overview", f).map(describeQuery)).toEqual([
      "metric chats.total livechat",
      "metric chats.first_response_time livechat",
    ]);
    // Occupancy and tickets have no agent filter either.
    expect(reportPageQueries("chats", f).map((q) => q.kind)).not.toContain("occupancy");
    expect(reportPageQueries("tickets", f).map((q) => q.kind)).not.toContain("tickets");
  });

  it("adds the per-source queries of charts that draw one line per source", () => {
    const queries = reportPageQueries("overview", filters("?source=all"));
    expect(queries.map(describeQuery)).toEqual([
      "metric chats.total all",
      "metric chats.csat all",
      "metric chats.first_response_time all",
      "metric chats.first_response_time livechat",
      "metric chats.first_response_time rocketchat",
      "metric chats.response_time all",
      "metric chats.missed all",
    ]);
  });

  it("adds the page's tables where the source has them", () => {
    const lc = filters("?source=livechat");
    expect(reportPageQueries("agents", lc).filter((q) => q.kind !== "metric")).toEqual([
      { kind: "agents", query: { source: "livechat", from: "2026-10-05", to: TODAY, group: null } },
      {
        kind: "ranking",
        query: { source: "livechat", kind: "chats", from: "2026-10-05", to: TODAY, group: null },
      },
    ]);
    expect(reportPageQueries("tickets", lc).filter((q) => q.kind === "tickets")).toEqual([
      {
        kind: "tickets",
        query: {
          source: "livechat",
          from: "2026-10-05",
          to: TODAY,
          group: null,
          status: null,
          page: 1,
        },
      },
    ]);
    const rc = filters("?source=rocketchat");
    // No ratings, no occupancy from Rocket.Chat; its agent table it has.
    expect(reportPageQueries("agents", rc).map((q) => q.kind)).toEqual(["metric", "agents"]);
    expect(reportPageQueries("chats", rc).map((q) => q.kind)).toEqual(["metric"]);
    // Under all sources the tables need one source.
    expect(reportPageQueries("agents", filters("?source=all")).map((q) => q.kind)).not.toContain(
      "agents",
    );
  });
});

describe("pageQueryKey with an API base", () => {
  it("is the widgets' key for that base, never the app's", () => {
    const f = filters("?source=livechat&range=custom&from=2026-10-05&to=2026-10-11");
    const base = shareApiBase("a.b.c");
    const [metric] = reportPageQueries("overview", f);
    const agents = reportPageQueries("agents", f).find((q) => q.kind === "agents");
    if (metric?.kind !== "metric" || agents?.kind !== "agents") throw new Error("no queries");
    expect(pageQueryKey(metric, base)).toEqual(metricQueryOptions(metric.query, base).queryKey);
    expect(pageQueryKey(agents, base)).toEqual(agentTableQueryOptions(agents.query, base).queryKey);
    expect(pageQueryKey(metric, base)).not.toEqual(pageQueryKey(metric));
    expect(pageQueryKey(metric)[0]).toBe("/api");
    expect(pageQueryKey(metric, base)[0]).toBe("/api/share/a.b.c");
  });

  it("leaves out the metrics a share link does not show, and asks without comparison", () => {
    const f = filters("?source=livechat");
    const queries = reportPageQueries("overview", {
      ...f,
      metrics: ["chats.csat"],
      compare: false,
    });
    expect(queries).toEqual([
      { kind: "metric", query: expect.objectContaining({ metric: "chats.csat", compare: false }) },
    ]);
  });
});

describe("resolveArchive", () => {
  const load = createLoader(archiveParsers);

  it("lists the last 7 days of the first archive source by default", () => {
    expect(resolveArchive(load(""), SOURCES, TODAY)?.query).toEqual({
      source: "livechat",
      from: "2026-10-05",
      to: TODAY,
      hour: null,
      group: null,
      agent: null,
      rate: null,
      type: null,
      page: 1,
    });
  });

  it("reads the days the right way round and keeps an hour only for one day", () => {
    const q = resolveArchive(load("?from=2026-10-09&to=2026-10-07&hour=5&page=0"), SOURCES, TODAY);
    expect(q?.query).toMatchObject({ from: "2026-10-07", to: "2026-10-09", hour: null, page: 1 });
    const day = resolveArchive(load("?from=2026-10-07&to=2026-10-07&hour=5"), SOURCES, TODAY);
    expect(day?.query.hour).toBe(5);
  });

  it("is null without an archive source", () => {
    expect(resolveArchive(load(""), [rocketchat], TODAY)).toBeNull();
  });
});

describe("transcriptSource", () => {
  it("takes the URL's source, else the first with an archive", () => {
    expect(transcriptSource("rocketchat", SOURCES)).toBe("rocketchat");
    expect(transcriptSource("nope", [rocketchat, livechat])).toBe("livechat");
    expect(transcriptSource(null, undefined)).toBe("livechat");
  });
});
