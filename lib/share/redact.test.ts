/**
 * Hidden agent names: every agent id and name in the answers a share link serves becomes
 * "Agent n" (stable per link, consistent across tables), and the sources a share page gets
 * carry no rosters.
 */
import { describe, expect, it } from "vitest";
import type {
  AgentTableResponse,
  MetricResponse,
  RankingResponse,
  SourceInfo,
  SourcesResponse,
  TicketListResponse,
} from "@/lib/metrics/types";
import {
  AgentPseudonyms,
  linkAgents,
  redactAgentTable,
  redactMetric,
  redactRanking,
  redactTicketList,
  scrubSources,
} from "./redact";
import { shareScopeSchema, type ShareScopeInput } from "./scope";

const AGENTS = [
  { id: "ava@northwind.example", name: "Ava Kowalski" },
  { id: "liam@northwind.example", name: "Liam Chen" },
  { id: "noah@northwind.example", name: "Noah Dubois" },
];
const REAL = AGENTS.flatMap((a) => [a.id, a.name]);
const LINK = "AAAAAAAAAAAAAAAAAAAAAA";

const livechat: SourceInfo = {
  id: "livechat",
  name: "LiveChat",
  teamLabel: "group",
  teams: [
    { id: "1", name: "Sales" },
    { id: "3", name: "Billing" },
  ],
  agents: AGENTS,
  metrics: ["chats.total"],
  agentFilterMetrics: ["chats.total"],
  archive: true,
  tickets: true,
  fixedTimezone: null,
};
const sources: SourcesResponse = {
  sources: [
    livechat,
    {
      ...livechat,
      id: "rocketchat",
      name: "Rocket.Chat",
      agents: [{ id: "kim", name: "Kim Lee" }],
    },
  ],
  timezone: "UTC",
  demo: true,
};

const scope = (input: Partial<ShareScopeInput> = {}) =>
  shareScopeSchema.parse({
    page: "agents",
    source: "livechat",
    group: "3",
    range: { kind: "fixed", from: "2026-10-05", to: "2026-10-11" },
    hideAgentNames: true,
    ...input,
  });

const fresh = () => new AgentPseudonyms(LINK, AGENTS);

function expectNoRealAgent(value: unknown) {
  const json = JSON.stringify(value);
  for (const real of REAL) expect(json).not.toContain(real);
}

const base = { fetchedAt: "2026-10-12T10:00:00.000Z", from: "2026-10-05", to: "2026-10-11" };

describe("AgentPseudonyms", () => {
  it("numbers every listed agent once, stably per link, and maps back", () => {
    const p = fresh();
    const ids = AGENTS.map((a) => p.id(a.id));
    expect([...ids].sort()).toEqual(["agent-1", "agent-2", "agent-3"]);
    expect(AGENTS.map((a) => new AgentPseudonyms(LINK, [...AGENTS].reverse()).id(a.id))).toEqual(
      ids,
    );
    for (const a of AGENTS) {
      expect(p.realId(p.id(a.id))).toBe(a.id);
      expect(p.name(a.id)).toBe(`Agent ${p.id(a.id).slice(6)}`);
    }
    expect(p.realId("agent-9")).toBe(null);
    expect(p.realId("ava@northwind.example")).toBe(null);
  });

  it("numbers differently for another link (the order says nothing across links)", () => {
    const orders = ["link-a-0000000000000000", "link-b-0000000000000000", "link-c-000000000000"]
      .concat(Array.from({ length: 8 }, (_, i) => `link-${i}-xxxxxxxxxxxxxxxx`))
      .map((salt) => AGENTS.map((a) => new AgentPseudonyms(salt, AGENTS).id(a.id)).join());
    expect(new Set(orders).size).toBeGreaterThan(1);
  });

  it("gives agents missing from the lists the next numbers", () => {
    const p = fresh();
    expect(p.id("former@northwind.example")).toBe("agent-4");
    expect(p.name("former@northwind.example")).toBe("Agent 4");
    expect(p.realId("agent-4")).toBe("former@northwind.example");
  });

  it("replaces ids and names in free text and in any string of an answer", () => {
    const p = fresh();
    const text = p.text("Ava Kowalski (ava@northwind.example) has no chats");
    expect(text).toBe(
      `${p.name("ava@northwind.example")} (${p.id("ava@northwind.example")}) has no chats`,
    );
    const deep = p.pseudonymiseStrings({
      nested: [{ who: "Liam Chen", login: "liam@northwind.example" }],
      other: "Billing",
    });
    expectNoRealAgent(deep);
    expect(deep.other).toBe("Billing");
  });
});

describe("redacting answers", () => {
  it("rankings: every row pseudonymous, the order kept", () => {
    const p = fresh();
    const ranking: RankingResponse = {
      ...base,
      source: "livechat",
      kind: "chats",
      group: "3",
      rows: [
        {
          agent: "noah@northwind.example",
          name: "Noah Dubois",
          good: 9,
          bad: 1,
          total: 10,
          score: 0.9,
          csat: 90,
        },
        {
          agent: "ava@northwind.example",
          name: "Ava Kowalski",
          good: 5,
          bad: 5,
          total: 10,
          score: 0.5,
          csat: 50,
        },
        {
          agent: "gone@northwind.example",
          name: "Gone Agent",
          good: 1,
          bad: 1,
          total: 2,
          score: 0.5,
          csat: 50,
        },
      ],
    };
    const out = redactRanking(ranking, p);
    expectNoRealAgent(out);
    expect(JSON.stringify(out)).not.toContain("gone@");
    expect(JSON.stringify(out)).not.toContain("Gone Agent");
    expect(out.rows.map((r) => r.good)).toEqual([9, 5, 1]);
    expect(out.rows[0]).toMatchObject({
      agent: p.id("noah@northwind.example"),
      name: p.name("noah@northwind.example"),
    });
  });

  it("the agents table: pseudonymous and ordered by pseudonym, the same numbers as the ranking", () => {
    const p = fresh();
    const table: AgentTableResponse = {
      ...base,
      source: "livechat",
      group: "3",
      columns: [],
      rows: AGENTS.map((a, i) => ({ agent: a.id, name: a.name, values: { chats: i } })),
    };
    const out = redactAgentTable(table, p);
    expectNoRealAgent(out);
    expect(out.rows.map((r) => r.agent)).toEqual(["agent-1", "agent-2", "agent-3"]);
    for (const row of out.rows) {
      const real = p.realId(row.agent)!;
      expect(row.values.chats).toBe(AGENTS.findIndex((a) => a.id === real));
    }
  });

  it("tickets: pseudonymous assignees; customers untouched", () => {
    const p = fresh();
    const list: TicketListResponse = {
      ...base,
      source: "livechat",
      page: 1,
      pages: 1,
      total: 1,
      tickets: [
        {
          id: "T1",
          subject: "Refund",
          status: "open",
          source: "mail",
          createdAt: "2026-10-06T10:00:00.000Z",
          requester: "Pat Customer",
          assignee: { id: "liam@northwind.example", name: "Liam Chen" },
          groups: [{ id: "3", name: "Billing" }],
        },
      ],
    };
    const out = redactTicketList(list, p);
    expectNoRealAgent(out);
    expect(out.tickets[0]?.assignee).toEqual({
      id: p.id("liam@northwind.example"),
      name: p.name("liam@northwind.example"),
    });
    expect(out.tickets[0]?.requester).toBe("Pat Customer");
  });

  it("metrics: the agent filter and notes", () => {
    const p = fresh();
    const metric: MetricResponse = {
      ...base,
      metric: "chats.total",
      source: "livechat",
      sources: ["livechat"],
      unit: "count",
      granularity: "day",
      timezone: "UTC",
      group: "3",
      agent: "ava@northwind.example",
      buckets: [],
      total: { value: 1, count: 1 },
      notes: ["Filtered to Ava Kowalski."],
    };
    const out = redactMetric(metric, p);
    expectNoRealAgent(out);
    expect(out.agent).toBe(p.id("ava@northwind.example"));
  });
});

describe("linkAgents and scrubSources", () => {
  it("numbers over the agents of the scope's sources, and keeps the scope's own agent", () => {
    expect(linkAgents(scope(), sources.sources).map((a) => a.id)).toEqual(AGENTS.map((a) => a.id));
    expect(linkAgents(scope({ source: "all", group: null }), sources.sources)).toHaveLength(4);
    expect(
      linkAgents(scope({ agent: "former@northwind.example" }), sources.sources).map((a) => a.id),
    ).toContain("former@northwind.example");
  });

  it("a share page gets only its sources, its team and its agent (pseudonymous when hidden)", () => {
    const hidden = scope({ agent: "ava@northwind.example" });
    const p = new AgentPseudonyms(LINK, linkAgents(hidden, sources.sources));
    const out = scrubSources(sources, hidden, p);
    expectNoRealAgent(out);
    expect(out.sources).toHaveLength(1);
    expect(out.sources[0]?.teams).toEqual([{ id: "3", name: "Billing" }]);
    expect(out.sources[0]?.agents).toEqual([
      { id: p.id("ava@northwind.example"), name: p.name("ava@northwind.example") },
    ]);

    const shown = scrubSources(sources, scope({ hideAgentNames: false, group: null }), null);
    expect(shown.sources[0]?.agents).toEqual([]);
    expect(shown.sources[0]?.teams).toEqual([]);
    const named = scrubSources(
      sources,
      scope({ hideAgentNames: false, agent: "liam@northwind.example" }),
      null,
    );
    expect(named.sources[0]?.agents).toEqual([{ id: "liam@northwind.example", name: "Liam Chen" }]);
  });
});
