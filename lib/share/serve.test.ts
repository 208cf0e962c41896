/**
 * The share-scoped API over stubbed links and services: the link is checked on every request
 * (404/410/401), refused requests never reach a service (400/403), allowed ones are answered
 * by the app's services with the real agent id and redacted before the JSON is built, and
 * every answer carries the share headers.
 */
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiHttpError } from "@/lib/api/errors";
import type { MetricResponse, RankingResponse, SourcesResponse } from "@/lib/metrics/types";
import type { OpenShareLinkResult, ShareLinkView } from "./links";
import { shareScopeSchema, type ShareScope, type ShareScopeInput } from "./scope";

const mocks = vi.hoisted(() => ({
  openShareLink: vi.fn(),
  verifyUnlock: vi.fn(),
  getMetricReport: vi.fn(),
  getRanking: vi.fn(),
  getAgentTable: vi.fn(),
  getOccupancy: vi.fn(),
  getTicketList: vi.fn(),
  getSourcesInfo: vi.fn(),
}));

vi.mock("./links", () => ({
  openShareLink: mocks.openShareLink,
  verifyUnlock: mocks.verifyUnlock,
  unlockCookieName: (id: string) => `chatlens_share_${id}`,
}));
vi.mock("@/lib/metrics/service", () => ({ getMetricReport: mocks.getMetricReport }));
vi.mock("@/lib/views/service", () => ({
  getRanking: mocks.getRanking,
  getAgentTable: mocks.getAgentTable,
  getOccupancy: mocks.getOccupancy,
  getTicketList: mocks.getTicketList,
}));
vi.mock("@/lib/sources", () => ({ getSourcesInfo: mocks.getSourcesInfo }));
vi.mock("@/lib/env", () => ({ getConfig: () => ({ timezone: "UTC" }) }));

const { answerShare, shareAccessFor, shareEndpoint } = await import("./serve");

const LINK_ID = "BBBBBBBBBBBBBBBBBBBBBB";
const TOKEN = "header.payload.signature";
const AVA = { id: "ava@northwind.example", name: "Ava Kowalski" };
const LIAM = { id: "liam@northwind.example", name: "Liam Chen" };

const SOURCES: SourcesResponse = {
  sources: [
    {
      id: "livechat",
      name: "LiveChat",
      teamLabel: "group",
      teams: [{ id: "3", name: "Billing" }],
      agents: [AVA, LIAM],
      metrics: ["chats.total"],
      agentFilterMetrics: ["chats.total"],
      archive: true,
      tickets: true,
      fixedTimezone: null,
    },
  ],
  timezone: "UTC",
  demo: true,
};

function scopeOf(input: Partial<ShareScopeInput> = {}): ShareScope {
  return shareScopeSchema.parse({
    page: "overview",
    source: "livechat",
    group: "3",
    range: { kind: "fixed", from: "2026-10-05", to: "2026-10-11" },
    ...input,
  });
}

function linkOf(scope: ShareScope, hasPassword = false): ShareLinkView {
  return {
    id: LINK_ID,
    scope,
    createdAt: "2026-10-01T00:00:00.000Z",
    expiresAt: "2026-11-01T00:00:00.000Z",
    revokedAt: null,
    lastAccessedAt: null,
    viewCount: 0,
    hasPassword,
    status: "active",
    creatorName: "Demo manager",
  };
}

function opens(scope: ShareScope, hasPassword = false) {
  const link = linkOf(scope, hasPassword);
  mocks.openShareLink.mockResolvedValue({
    ok: true,
    link,
    scope,
    needsPassword: hasPassword,
  } satisfies OpenShareLinkResult);
}

const QS = "source=livechat&from=2026-10-05&to=2026-10-11&granularity=day&group=3&compare=previous";

const metricAnswer = (agent: string | null): MetricResponse => ({
  fetchedAt: "2026-10-12T00:00:00.000Z",
  metric: "chats.total",
  source: "livechat",
  sources: ["livechat"],
  unit: "count",
  from: "2026-10-05",
  to: "2026-10-11",
  granularity: "day",
  timezone: "UTC",
  group: "3",
  agent,
  buckets: [],
  total: { value: 42, count: 42 },
});

const metricRoute = shareEndpoint<{ token: string; metric: string }>(({ metric }) => ({
  kind: "metric",
  metric,
}));

function get(path: string, query: string, cookie?: string) {
  const request = new NextRequest(`http://localhost/api/share/${TOKEN}/${path}?${query}`, {
    headers: cookie ? { cookie } : {},
  });
  const metric = path.startsWith("metrics/") ? path.slice("metrics/".length) : "";
  return metricRoute(request, { params: Promise.resolve({ token: TOKEN, metric }) });
}

beforeAll(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-10-14T12:00:00.000Z"));
});
afterAll(() => {
  vi.useRealTimers();
});
beforeEach(() => {
  vi.clearAllMocks();
  mocks.getSourcesInfo.mockResolvedValue(SOURCES);
  mocks.verifyUnlock.mockResolvedValue(false);
  mocks.getMetricReport.mockImplementation((p: { agent: string | null }) =>
    Promise.resolve(metricAnswer(p.agent)),
  );
});

describe("the link, on every request", () => {
  it("answers within the link, with the share headers", async () => {
    opens(scopeOf());
    const res = await get("metrics/chats.total", QS);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(((await res.json()) as MetricResponse).total.value).toBe(42);
    expect(mocks.getMetricReport).toHaveBeenCalledTimes(1);
  });

  it.each([
    ["invalid", 404, "not_found"],
    ["not_found", 404, "not_found"],
    ["expired", 410, "link_expired"],
    ["revoked", 410, "link_revoked"],
  ] as const)("%s link → %i %s, nothing asked", async (reason, status, code) => {
    mocks.openShareLink.mockResolvedValue({ ok: false, reason });
    const res = await get("metrics/chats.total", QS);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error: { code } });
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(mocks.getMetricReport).not.toHaveBeenCalled();
  });

  it("a password link needs a valid unlock cookie for this link", async () => {
    opens(scopeOf(), true);
    const locked = await get("metrics/chats.total", QS);
    expect(locked.status).toBe(401);
    expect(await locked.json()).toMatchObject({ error: { code: "password_required" } });
    expect(mocks.getMetricReport).not.toHaveBeenCalled();

    mocks.verifyUnlock.mockResolvedValue(true);
    const unlocked = await get("metrics/chats.total", QS, `chatlens_share_${LINK_ID}=proof`);
    expect(unlocked.status).toBe(200);
    expect(mocks.verifyUnlock).toHaveBeenLastCalledWith("proof", LINK_ID);
  });
});

describe("refused requests never reach a service", () => {
  it.each([
    ["another team", QS.replace("group=3", "group=1"), 403],
    ["other days", QS.replace("from=2026-10-05", "from=2026-09-01"), 403],
    ["an agent", `${QS}&agent=${encodeURIComponent(AVA.id)}`, 403],
    ["an unknown parameter", `${QS}&limit=5`, 400],
    ["a repeated parameter", `${QS}&group=3`, 400],
  ])("%s", async (_name, query, status) => {
    opens(scopeOf());
    const res = await get("metrics/chats.total", query);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toBe(status === 403 ? "not_allowed_by_link" : "invalid_parameter");
    expect(mocks.getMetricReport).not.toHaveBeenCalled();
  });

  it("a metric not on the page", async () => {
    opens(scopeOf());
    const res = await get("metrics/agents.availability", QS);
    expect(res.status).toBe(403);
    expect(mocks.getMetricReport).not.toHaveBeenCalled();
  });

  it("the archive and transcripts, whatever the parameters", async () => {
    const access = await shareAccessFor(linkOf(scopeOf()), scopeOf(), SOURCES);
    for (const kind of ["archive", "transcript"] as const) {
      await expect(
        answerShare(access, { kind }, new URLSearchParams("source=livechat")),
      ).rejects.toMatchObject({ status: 403, code: "not_allowed_by_link" });
    }
  });
});

describe("hidden agent names", () => {
  const hidden = scopeOf({ agent: AVA.id, hideAgentNames: true });

  it("the browser asks with the pseudonym; the service gets the real id; the answer has none", async () => {
    opens(hidden);
    const access = await shareAccessFor(linkOf(hidden), hidden, SOURCES);
    const pseudonym = access.pseudonyms!.id(AVA.id);
    const res = await get("metrics/chats.total", `${QS}&agent=${pseudonym}`);
    expect(res.status).toBe(200);
    expect(mocks.getMetricReport).toHaveBeenCalledWith(expect.objectContaining({ agent: AVA.id }));
    const text = await res.text();
    expect(text).not.toContain(AVA.id);
    expect(JSON.parse(text)).toMatchObject({ agent: pseudonym });
  });

  it("the real id is refused (no probing), and so is another agent's pseudonym", async () => {
    opens(hidden);
    const access = await shareAccessFor(linkOf(hidden), hidden, SOURCES);
    for (const agent of [AVA.id, access.pseudonyms!.id(LIAM.id), "agent-99"]) {
      const res = await get("metrics/chats.total", `${QS}&agent=${encodeURIComponent(agent)}`);
      expect(res.status).toBe(403);
    }
    expect(mocks.getMetricReport).not.toHaveBeenCalled();
  });

  it("rankings are redacted before the JSON is built; error messages too", async () => {
    const agents = scopeOf({ page: "agents", hideAgentNames: true });
    const access = await shareAccessFor(linkOf(agents), agents, SOURCES);
    const ranking: RankingResponse = {
      fetchedAt: "2026-10-12T00:00:00.000Z",
      source: "livechat",
      kind: "chats",
      from: "2026-10-05",
      to: "2026-10-11",
      group: "3",
      rows: [{ agent: LIAM.id, name: LIAM.name, good: 1, bad: 0, total: 1, score: 1, csat: 100 }],
    };
    mocks.getRanking.mockResolvedValue(ranking);
    const search = new URLSearchParams(
      "source=livechat&from=2026-10-05&to=2026-10-11&group=3&kind=chats",
    );
    const out = await answerShare(access, { kind: "ranking" }, search);
    expect(JSON.stringify(out)).not.toMatch(/Liam|liam@/);

    mocks.getAgentTable.mockRejectedValue(
      new ApiHttpError(400, "invalid_parameter", `agent ${AVA.id} (${AVA.name}) is unknown`),
    );
    opens(agents);
    const tableRoute = shareEndpoint(() => ({ kind: "agents" }));
    const res = await tableRoute(
      new NextRequest(
        `http://localhost/api/share/${TOKEN}/reports/agents?source=livechat&from=2026-10-05&to=2026-10-11&group=3`,
      ),
      { params: Promise.resolve({ token: TOKEN }) },
    );
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toContain(AVA.id);
    expect(text).not.toContain(AVA.name);
  });
});
