/** Fault injection and global latency through the control API, over real HTTP. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSimulator } from "./server";
import {
  SERVICE_HEADERS,
  fetchJson,
  livechatGet,
  rocketchatGet,
  rocketchatPost,
  startSimulator,
  type RunningSimulator,
} from "./testing";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  await control("/faults", "DELETE");
  await control("/latency", "PUT", { ms: 0 });
});

const control = (path: string, method = "GET", body?: unknown, base = sim.url) =>
  fetchJson(`${base}/__simulator${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** Adds a fault and returns its id. */
async function addFault(fault: Record<string, unknown>, base = sim.url): Promise<string> {
  const res = await control("/faults", "POST", fault, base);
  expect(res.status).toBe(201);
  const body = res.body as { ok: boolean; id: string };
  expect(body.ok).toBe(true);
  return body.id;
}

const DEPARTMENTS = "/api/v1/livechat/department";
const rcFetch = (path: string, init: RequestInit = {}) =>
  fetch(`${sim.url}/rocketchat${path}`, { headers: SERVICE_HEADERS, ...init });

describe("latency", () => {
  it("a fault without status/body only delays, then serves normally", async () => {
    await addFault({ vendor: "rocketchat", path: DEPARTMENTS, delayMs: 200 });
    const started = performance.now();
    const res = await rocketchatGet(sim.url, DEPARTMENTS);
    expect(performance.now() - started).toBeGreaterThanOrEqual(195);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, total: 4 });
  });

  it("PUT /latency delays every vendor request; 0 turns it off", async () => {
    expect((await control("/latency")).body).toEqual({ ms: 0 });
    expect(await control("/latency", "PUT", { ms: 150 })).toMatchObject({
      status: 200,
      body: { ok: true, ms: 150 },
    });
    for (const call of [
      () => rocketchatGet(sim.url, "/api/v1/me"),
      () => livechatGet(sim.url, "/groups"),
    ]) {
      const started = performance.now();
      expect((await call()).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    }
    // Control requests are never delayed.
    const started = performance.now();
    await control("/health");
    expect(performance.now() - started).toBeLessThan(140);

    expect((await control("/latency", "PUT", { ms: -1 })).status).toBe(400);
    expect((await control("/latency", "PUT", { ms: "300" })).status).toBe(400);
  });

  it("takes its initial value from SIMULATOR_LATENCY_MS, which the option overrides", async () => {
    const previous = process.env.SIMULATOR_LATENCY_MS;
    process.env.SIMULATOR_LATENCY_MS = "120";
    try {
      const fromEnv = createSimulator({ now: () => 0 });
      const explicit = createSimulator({ now: () => 0, latencyMs: 5 });
      const a = await fromEnv.listen(0);
      const b = await explicit.listen(0);
      expect((await control("/latency", "GET", undefined, a.url)).body).toEqual({ ms: 120 });
      expect((await control("/latency", "GET", undefined, b.url)).body).toEqual({ ms: 5 });
      await fromEnv.close();
      await explicit.close();
      process.env.SIMULATOR_LATENCY_MS = "soon";
      expect(() => createSimulator({ now: () => 0 })).toThrow(/SIMULATOR_LATENCY_MS/);
    } finally {
      if (previous === undefined) delete process.env.SIMULATOR_LATENCY_MS;
      else process.env.SIMULATOR_LATENCY_MS = previous;
    }
  });
});

describe("fault responses", () => {
  it("answers a status with custom headers (429 + Retry-After: 2)", async () => {
    await addFault({
      vendor: "livechat",
      path: "/reports",
      status: 429,
      headers: { "Retry-After": "2" },
    });
    const res = await fetch(`${sim.url}/livechat/reports/chats/total_chats`);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(await res.json()).toEqual({ error: "Too Many Requests" });
  });

  it("answers malformed JSON with 200 when only rawBody is given", async () => {
    await addFault({ vendor: "rocketchat", path: DEPARTMENTS, rawBody: '{"truncated' });
    const res = await rcFetch(DEPARTMENTS);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toBe('{"truncated');
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  it("answers a wrong shape (or null) with 200 when only body is given", async () => {
    await addFault({ vendor: "rocketchat", path: DEPARTMENTS, body: { unexpected: 1 } });
    expect(await rocketchatGet(sim.url, DEPARTMENTS)).toMatchObject({
      status: 200,
      body: { unexpected: 1 },
    });
    await addFault({ vendor: "livechat", path: "/groups", body: null });
    const res = await fetch(`${sim.url}/livechat/groups`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("null");
  });

  it("fires `times` times, then serves normally", async () => {
    await addFault({ vendor: "rocketchat", path: "/api/v1/me", status: 503, times: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await rocketchatGet(sim.url, "/api/v1/me")).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
    expect((await control("/faults")).body).toMatchObject({
      faults: [{ vendor: "rocketchat", remaining: 0, hits: 2 }],
    });
  });

  it("filters by method", async () => {
    await addFault({ vendor: "rocketchat", path: "/api/v1", method: "post", status: 502 });
    expect((await rocketchatGet(sim.url, "/api/v1/me")).status).toBe(200);
    expect(
      (await rocketchatPost(sim.url, "/api/v1/login", { user: "kim", password: "kim-pass" }))
        .status,
    ).toBe(502);
  });

  it("filters by query params (all must match)", async () => {
    await addFault({
      vendor: "livechat",
      path: "/reports/chats/total_chats",
      query: { date_from: "2026-06-01", group_by: "day" },
      status: 500,
    });
    const report = (q: string) => livechatGet(sim.url, `/reports/chats/total_chats?${q}`);
    expect((await report("date_from=2026-06-01&date_to=2026-06-02&group_by=day")).status).toBe(500);
    expect((await report("date_from=2026-06-02&date_to=2026-06-02&group_by=day")).status).toBe(200);
    expect((await report("date_from=2026-06-01&date_to=2026-06-02")).status).toBe(200);
  });

  it("is addressable: DELETE /faults/<id> removes one, the next newest then applies", async () => {
    const older = await addFault({ vendor: "rocketchat", path: "/api/v1/me", status: 500 });
    const newer = await addFault({ vendor: "rocketchat", path: "/api/v1/me", status: 502 });
    expect(newer).not.toBe(older);
    expect((await rocketchatGet(sim.url, "/api/v1/me")).status).toBe(502);
    expect(await control(`/faults/${newer}`, "DELETE")).toMatchObject({ status: 200 });
    expect((await rocketchatGet(sim.url, "/api/v1/me")).status).toBe(500);
    expect((await control("/faults")).body).toMatchObject({ faults: [{ id: older }] });
    expect((await control(`/faults/${newer}`, "DELETE")).status).toBe(404);
    await control(`/faults/${older}`, "DELETE");
    expect((await rocketchatGet(sim.url, "/api/v1/me")).status).toBe(200);
  });

  it("rejects invalid faults", async () => {
    for (const bad of [
      { vendor: "rocketchat", path: "/", rate: 0 },
      { vendor: "rocketchat", path: "/", rate: 1.5 },
      { vendor: "rocketchat", path: "/", hang: true, status: 500 },
      { vendor: "rocketchat", path: "/", method: "G E T" },
      { vendor: "rocketchat", path: "/", query: { a: 1 } },
    ]) {
      expect((await control("/faults", "POST", bad)).status).toBe(400);
    }
  });
});

describe("rate", () => {
  /** Fires `n` requests one after another; returns the indices that were faulted. */
  async function faultedIndices(n: number): Promise<number[]> {
    const hit: number[] = [];
    for (let i = 0; i < n; i++) {
      if ((await rocketchatGet(sim.url, "/api/v1/me")).status === 503) hit.push(i);
    }
    return hit;
  }

  it("faults about `rate` of the matching requests, reproducibly for a seed", async () => {
    const id = await addFault({
      vendor: "rocketchat",
      path: "/api/v1/me",
      status: 503,
      rate: 0.5,
      seed: 42,
    });
    const first = await faultedIndices(100);
    expect(first.length).toBeGreaterThan(35);
    expect(first.length).toBeLessThan(65);
    expect((await control("/faults")).body).toMatchObject({ faults: [{ hits: first.length }] });

    await control(`/faults/${id}`, "DELETE");
    await addFault({ vendor: "rocketchat", path: "/api/v1/me", status: 503, rate: 0.5, seed: 42 });
    expect(await faultedIndices(100)).toEqual(first);

    await control("/faults", "DELETE");
    await addFault({ vendor: "rocketchat", path: "/api/v1/me", status: 503, rate: 0.5, seed: 7 });
    expect(await faultedIndices(100)).not.toEqual(first);
  });

  it("misses do not consume `times`", async () => {
    await addFault({
      vendor: "rocketchat",
      path: "/api/v1/me",
      status: 503,
      rate: 0.3,
      seed: 1,
      times: 3,
    });
    const hit = await faultedIndices(60);
    expect(hit).toHaveLength(3);
    expect(hit[2]).toBeGreaterThan(2);
  });
});

describe("hang", () => {
  it("never answers: the client's timeout fires, and nothing is counted as a response", async () => {
    await control("/stats", "DELETE");
    await addFault({ vendor: "livechat", path: "/groups", hang: true });
    const started = performance.now();
    await expect(
      fetch(`${sim.url}/livechat/groups`, { signal: AbortSignal.timeout(300) }),
    ).rejects.toMatchObject({ name: "TimeoutError" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    const stats = (await control("/stats")).body as Record<string, Record<string, number>>;
    expect(stats.requests).toEqual({ "livechat GET /groups": 1 });
    expect(stats.responses).toEqual({});
  });

  it("serves held requests normally once the fault is deleted", async () => {
    const id = await addFault({ vendor: "rocketchat", path: "/api/v1/me", hang: true });
    let settled = false;
    const pending = rocketchatGet(sim.url, "/api/v1/me").finally(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 150));
    expect(settled).toBe(false);
    await control(`/faults/${id}`, "DELETE");
    expect(await pending).toMatchObject({ status: 200, body: { success: true } });
  });

  it("does not keep close() waiting", async () => {
    const own = createSimulator({ now: () => 0, rocketchatRateLimit: { enabled: false } });
    const { url } = await own.listen(0);
    await addFault({ vendor: "livechat", path: "/", hang: true }, url);
    const pending = fetch(`${url}/livechat/groups`).then(
      (r) => r.status,
      () => "failed",
    );
    await new Promise((r) => setTimeout(r, 100));
    const started = performance.now();
    await own.close();
    expect(performance.now() - started).toBeLessThan(500);
    expect(await pending).toBe("failed");
  });
});
