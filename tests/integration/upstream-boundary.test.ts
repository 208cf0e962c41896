/**
 * The boundary between the browser and the upstream vendors, over real HTTP against the built
 * app (`shared/reference/security-reliability-performance.md` Checklist 1, items 16–18):
 * - 16: the browser's `Cookie`, `Authorization`, `X-Forwarded-For`, `Host` (and any other header
 *   of its own) never reach LiveChat or Rocket.Chat: every upstream request carries only an
 *   allowlist of headers, the app's own credentials, and the upstream's own host;
 * - 17: an upstream's `Set-Cookie`, `Server` and `X-Powered-By` never reach the browser, on a
 *   good answer or an error;
 * - 18: an upstream redirect is not followed: the app answers an upstream error at once and
 *   the redirect target (a throw-away local server) receives nothing, in particular no
 *   `Authorization` / `X-User-Id` / `X-Auth-Token`.
 * Every test asks for a range no other file asks for, so each request really reaches the
 * simulator (asserted: the header check is not vacuous).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, inject, test } from "vitest";
import {
  LIVECHAT_SERVICE_API_KEY,
  LIVECHAT_SERVICE_LOGIN,
  ROCKETCHAT_SERVICE_USER,
} from "../../simulator/accounts";
import { signIn } from "../support/app-server";
import { simulatorControl } from "../support/simulator-control";

const appUrl = inject("appUrl");
const simulatorUrl = inject("simulatorUrl");
const simulator = simulatorControl(simulatorUrl);
let cookie = "";

interface Received {
  vendor: "livechat" | "rocketchat";
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Header names an upstream request may carry: ours, plus what Node's fetch adds itself
 * (`cache-control`/`pragma` come from `cache: "no-store"` in lib/upstream/http.ts).
 */
const COMMON_HEADERS = [
  "accept",
  "accept-encoding",
  "accept-language",
  "cache-control",
  "pragma",
  "connection",
  "content-length",
  "content-type",
  "host",
  "sec-fetch-mode",
  "user-agent",
];
const ALLOWED: Record<Received["vendor"], string[]> = {
  livechat: [...COMMON_HEADERS, "authorization", "x-api-version"],
  rocketchat: [...COMMON_HEADERS, "x-user-id", "x-auth-token"],
};

const BROWSER = {
  authorization: "Bearer browser-authz-canary-5e1d",
  extraCookie: "browser_cookie_canary=browser-cookie-canary-9a7c",
  forwardedFor: "203.0.113.77",
  host: "evil.example:4443",
  userAgent: "BrowserAgentCanary/1.0",
};

/** Values of the browser's own headers: none of them may show up anywhere upstream. */
const BROWSER_VALUES = [
  BROWSER.authorization,
  "browser-authz-canary",
  "browser-cookie-canary",
  BROWSER.forwardedFor,
  "evil.example",
  BROWSER.userAgent,
];

/**
 * A GET through `node:http`, so that `Host` is sent exactly as given (fetch would replace it).
 * Resolves the status, headers and body text.
 */
function rawGet(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const url = new URL(path, appUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** A browser-like request: the session plus headers the upstream must never see. */
function browserGet(path: string) {
  return rawGet(path, {
    cookie: `${cookie}; ${BROWSER.extraCookie}`,
    authorization: BROWSER.authorization,
    "x-forwarded-for": BROWSER.forwardedFor,
    "x-real-ip": BROWSER.forwardedFor,
    forwarded: `for=${BROWSER.forwardedFor}`,
    host: BROWSER.host,
    "user-agent": BROWSER.userAgent,
    referer: "https://evil.example/page",
    origin: "https://evil.example",
  });
}

async function received(): Promise<Received[]> {
  return (await simulator<{ requests: Received[] }>("GET", "/last-headers")).requests;
}

const lcMetric = (from: string, to: string) =>
  `/api/metrics/chats.total?source=livechat&from=${from}&to=${to}&tz=Asia/Kathmandu`;
const rcMetric = (from: string, to: string) =>
  `/api/metrics/chats.total?source=rocketchat&from=${from}&to=${to}`;

beforeAll(async () => {
  const r = await signIn(appUrl, "livechat", {
    login: LIVECHAT_SERVICE_LOGIN,
    apiKey: LIVECHAT_SERVICE_API_KEY,
  });
  cookie = r.cookie!;
  expect(cookie).toBeTruthy();
});

afterEach(async () => {
  await simulator("DELETE", "/faults");
});

describe("16: browser headers never reach the upstream", () => {
  test.each([
    ["livechat", lcMetric("2026-05-05", "2026-05-11")],
    ["rocketchat", rcMetric("2026-05-05", "2026-05-11")],
  ] as const)(
    "%s: only allowlisted headers, with the app's own credentials",
    async (vendor, path) => {
      await simulator("DELETE", "/last-headers");
      const res = await browserGet(path);
      expect(res.status, res.text).toBe(200);

      const requests = (await received()).filter((r) => r.vendor === vendor);
      // Not vacuous: the request did reach the upstream (no cached answer).
      expect(requests.length).toBeGreaterThan(0);
      const simHost = new URL(simulatorUrl).host;
      for (const r of requests) {
        const names = Object.keys(r.headers);
        expect(
          names.filter((n) => !ALLOWED[vendor].includes(n)),
          `${r.method} ${r.path}`,
        ).toEqual([]);
        expect(r.headers.host).toBe(simHost);
        expect(r.headers.cookie).toBeUndefined();
        expect(r.headers["x-forwarded-for"]).toBeUndefined();
        expect(r.headers["user-agent"]).not.toBe(BROWSER.userAgent);
        if (vendor === "livechat") {
          const basic = `${LIVECHAT_SERVICE_LOGIN}:${LIVECHAT_SERVICE_API_KEY}`;
          expect(r.headers.authorization).toBe(`Basic ${Buffer.from(basic).toString("base64")}`);
        } else {
          expect(r.headers.authorization).toBeUndefined();
          expect(r.headers["x-user-id"]).toBe(ROCKETCHAT_SERVICE_USER._id);
          expect(r.headers["x-auth-token"]).toBe(ROCKETCHAT_SERVICE_USER.authToken);
        }
        const all = JSON.stringify(r.headers);
        for (const value of BROWSER_VALUES) expect(all).not.toContain(value);
        // Nor does the session cookie's value travel in any other header.
        expect(all).not.toContain(cookie.split("=").slice(1).join("="));
      }
    },
  );
});

describe("17: upstream response headers never reach the browser", () => {
  const UPSTREAM_HEADERS = {
    "set-cookie": "upstream_session=upstream-cookie-canary-3b8f; Path=/; HttpOnly",
    server: "UpstreamServerCanary/9.9",
    "x-powered-by": "UpstreamPoweredCanary/5.1",
  };

  function expectNoUpstreamHeaders(headers: http.IncomingHttpHeaders): void {
    expect(headers["x-powered-by"]).toBeUndefined();
    expect(String(headers.server ?? "")).not.toContain("UpstreamServerCanary");
    expect((headers["set-cookie"] ?? []).join("\n")).not.toContain("upstream-cookie-canary");
    expect(JSON.stringify(headers)).not.toMatch(/canary/i);
  }

  test.each([
    ["livechat", "/reports/chats/total_chats", lcMetric("2026-05-12", "2026-05-18")],
    [
      "rocketchat",
      "/api/v1/livechat/analytics/dashboards/charts-data",
      rcMetric("2026-05-12", "2026-05-18"),
    ],
  ] as const)("%s: on a good answer", async (vendor, upstreamPath, path) => {
    // A latency-only fault: served normally, with the extra headers added.
    await simulator("POST", "/faults", { vendor, path: upstreamPath, headers: UPSTREAM_HEADERS });
    const res = await browserGet(path);
    expect(res.status, res.text).toBe(200);
    expectNoUpstreamHeaders(res.headers);
    const faults = await simulator<{ faults: { hits: number }[] }>("GET", "/faults");
    expect(faults.faults[0]!.hits).toBeGreaterThan(0);
  });

  test.each([
    ["livechat", "/reports/chats/total_chats", lcMetric("2026-05-19", "2026-05-25"), 500],
    ["livechat", "/reports/chats/total_chats", lcMetric("2026-05-26", "2026-06-01"), 401],
    [
      "rocketchat",
      "/api/v1/livechat/analytics/dashboards/charts-data",
      rcMetric("2026-05-19", "2026-05-25"),
      503,
    ],
  ] as const)("%s: on an upstream %s", async (vendor, upstreamPath, path, status) => {
    await simulator("POST", "/faults", {
      vendor,
      path: upstreamPath,
      status,
      headers: UPSTREAM_HEADERS,
    });
    const res = await browserGet(path);
    expect(res.status, res.text).toBeGreaterThanOrEqual(400);
    expectNoUpstreamHeaders(res.headers);
  });
});

describe("18: upstream redirects are not followed", () => {
  const trapped: http.IncomingHttpHeaders[] = [];
  let trap: http.Server;
  let trapUrl = "";

  beforeAll(async () => {
    trap = http.createServer((req, res) => {
      trapped.push(req.headers);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    // A different address, as in the checklist: "another host" for the redirect.
    await new Promise<void>((resolve) => trap.listen(0, "127.0.0.2", resolve));
    trapUrl = `http://127.0.0.2:${(trap.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => trap.close(() => resolve()));
  });

  test.each([
    ["livechat", "/reports/chats/total_chats", lcMetric("2026-06-02", "2026-06-08"), 302],
    ["livechat", "/reports/chats/total_chats", lcMetric("2026-06-09", "2026-06-15"), 307],
    [
      "rocketchat",
      "/api/v1/livechat/analytics/dashboards/charts-data",
      rcMetric("2026-06-02", "2026-06-08"),
      302,
    ],
    [
      "rocketchat",
      "/api/v1/livechat/analytics/dashboards/charts-data",
      rcMetric("2026-06-09", "2026-06-15"),
      308,
    ],
  ] as const)(
    "%s %s: an upstream error, and nothing reaches the target",
    async (vendor, upstreamPath, path, status) => {
      trapped.length = 0;
      await simulator("POST", "/faults", {
        vendor,
        path: upstreamPath,
        status,
        headers: { location: `${trapUrl}/steal` },
      });
      const res = await browserGet(path);
      expect(res.status, res.text).toBe(502);
      // The error names no redirect target (it could be an internal address).
      expect(res.text).not.toContain(trapUrl);
      expect(trapped).toEqual([]);
      // The redirect was answered, not followed: the upstream saw the call.
      const faults = await simulator<{ faults: { hits: number }[] }>("GET", "/faults");
      expect(faults.faults[0]!.hits).toBeGreaterThan(0);
    },
  );

  test("the trap works (control): a direct request with credentials is recorded", async () => {
    trapped.length = 0;
    await fetch(`${trapUrl}/probe`, { headers: { "x-auth-token": "t" } });
    expect(trapped).toHaveLength(1);
    expect(trapped[0]!["x-auth-token"]).toBe("t");
  });
});
