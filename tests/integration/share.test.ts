/**
 * The share-scoped API over real HTTP (app + simulator, both sources configured): a link's
 * own requests answer exactly what the signed-in API answers, with no session; under "all
 * sources" each source can be asked on its own (per-source charts) but nothing wider; hidden
 * agent names leave no Rocket.Chat username or name in the JSON; revocation is immediate.
 */
import { beforeAll, describe, expect, inject, test } from "vitest";
import {
  LIVECHAT_SERVICE_API_KEY,
  LIVECHAT_SERVICE_LOGIN,
  ROCKETCHAT_USERS,
} from "../../simulator/accounts";
import { getDataset } from "../../simulator/dataset";
import type { AgentTableResponse, MetricResponse } from "../../lib/metrics/types";
import { signIn } from "../support/app-server";

const appUrl = inject("appUrl");
const dataset = getDataset(Date.parse(inject("now")));
let cookie = "";

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const to = addDays(dataset.lastDay, -2);
const from = addDays(to, -6);

beforeAll(async () => {
  const result = await signIn(appUrl, "livechat", {
    login: LIVECHAT_SERVICE_LOGIN,
    apiKey: LIVECHAT_SERVICE_API_KEY,
  });
  cookie = result.cookie!;
});

async function createLink(scope: Record<string, unknown>): Promise<{ id: string; token: string }> {
  const res = await fetch(`${appUrl}/api/share-links`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify({ scope: { range: { kind: "fixed", from, to }, ...scope } }),
  });
  const body = (await res.json()) as { url: string; link: { id: string } };
  expect(res.status, JSON.stringify(body)).toBe(201);
  return { id: body.link.id, token: body.url.replace("/share/", "") };
}

/** A share-scoped GET: no cookie at all. */
async function share(token: string, path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${appUrl}/api/share/${token}/${path}`);
  expect(res.headers.get("cache-control")).toBe("private, no-store");
  expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  return { status: res.status, text: await res.text() };
}

async function signedIn<T>(path: string): Promise<T> {
  const res = await fetch(`${appUrl}/api/${path}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

const query = (extra: Record<string, string>) =>
  new URLSearchParams({ from, to, granularity: "day", compare: "previous", ...extra }).toString();

describe("a link over all sources", () => {
  let token = "";
  beforeAll(async () => {
    ({ token } = await createLink({ page: "overview", source: "all" }));
  });

  test("serves the combined figures and each source's own, as the signed-in API does", async () => {
    for (const [metric, source] of [
      ["chats.total", "all"],
      ["chats.first_response_time", "livechat"],
      ["chats.first_response_time", "rocketchat"],
    ] as const) {
      const qs = query({ source });
      const shared = await share(token, `metrics/${metric}?${qs}`);
      expect(shared.status, shared.text).toBe(200);
      const own = await signedIn<MetricResponse>(`metrics/${metric}?${qs}`);
      const answer = JSON.parse(shared.text) as MetricResponse;
      expect(answer.total).toEqual(own.total);
      expect(answer.buckets).toEqual(own.buckets);
    }
  });

  test("refuses a team, other days, a metric not on the page and the tables", async () => {
    for (const path of [
      `metrics/chats.total?${query({ source: "livechat", group: "1" })}`,
      `metrics/chats.total?${query({ source: "all", from: addDays(from, -1) })}`,
      `metrics/chats.duration?${query({ source: "all" })}`,
      `reports/ranking?source=livechat&from=${from}&to=${to}&kind=chats`,
    ]) {
      const res = await share(token, path);
      expect(res.status, path).toBe(403);
      expect(JSON.parse(res.text)).toMatchObject({ error: { code: "not_allowed_by_link" } });
    }
  });
});

describe("a Rocket.Chat link hiding agent names", () => {
  test("the agents table has the same figures and no username or name", async () => {
    const { token } = await createLink({
      page: "agents",
      source: "rocketchat",
      hideAgentNames: true,
    });
    const window = `source=rocketchat&from=${from}&to=${to}`;
    const shared = await share(token, `reports/agents?${window}`);
    expect(shared.status, shared.text).toBe(200);
    for (const user of ROCKETCHAT_USERS) {
      expect(shared.text).not.toContain(`"${user.username}"`);
      expect(shared.text).not.toContain(user.name);
    }
    const own = await signedIn<AgentTableResponse>(`reports/agents?${window}`);
    const answer = JSON.parse(shared.text) as AgentTableResponse;
    expect(answer.rows).toHaveLength(own.rows.length);
    expect(
      answer.rows.every((r) => /^agent-\d+$/.test(r.agent) && /^Agent \d+$/.test(r.name)),
    ).toBe(true);
    const figures = (t: AgentTableResponse) => t.rows.map((r) => JSON.stringify(r.values)).sort();
    expect(figures(answer)).toEqual(figures(own));
  });
});

test("revoking answers 410 on the very next request", async () => {
  const { id, token } = await createLink({ page: "overview", source: "livechat" });
  const path = `metrics/chats.total?${query({ source: "livechat" })}`;
  expect((await share(token, path)).status).toBe(200);
  const revoked = await fetch(`${appUrl}/api/share-links/${id}`, {
    method: "DELETE",
    headers: { cookie },
  });
  expect(revoked.status).toBe(204);
  const after = await share(token, path);
  expect(after.status).toBe(410);
  expect(JSON.parse(after.text)).toMatchObject({ error: { code: "link_revoked" } });
});
