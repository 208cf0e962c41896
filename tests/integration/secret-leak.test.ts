/**
 * No secret leaves the server: the built app, configured for both real sources against its own
 * simulator with recognisable canary credentials (LiveChat API key, Rocket.Chat token,
 * NEXTAUTH_SECRET, a previous secret, a wrong sign-in key), is exercised through every page and
 * API route — sign-in (good and refused), each page's HTML, every JS/CSS chunk those pages
 * reference and its `.map` if served, every metric × source, reports, archive, tickets, boards,
 * screens, share links and the TV and share pages, next-auth's own endpoints, and the upstream
 * error paths (401, 5xx, a garbage body, an upstream that echoes the credentials in its error
 * text, a redirect) injected through the simulator. Proven: no canary, nor its base64 (any
 * alignment) or URL-encoded form, nor the Basic `login:key` base64, appears in any response body
 * or header, or in any line the app logged.
 *
 * The build output on disk (`static/**`, `server/**`, every `*.map`) is scanned too. That only
 * means something if `next build` saw the canaries: `npm test` builds with them in the
 * environment (the `build:canary` script in package.json, which `npm test` runs; this file reads them from there, so the two
 * cannot drift). All routes are dynamic, so the build-time values change nothing else.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { METRIC_IDS } from "../../lib/metrics/types";
import { LIVECHAT_SERVICE_LOGIN, ROCKETCHAT_SERVICE_USER } from "../../simulator/accounts";
import { createSimulator, type Simulator } from "../../simulator/server";
import { signIn, startApp, type RunningApp } from "../support/app-server";
import { simulatorControl } from "../support/simulator-control";

const ROOT = path.resolve(__dirname, "../..");
const DIST = path.join(ROOT, process.env.CHATLENS_DIST_DIR || ".next");

/** The canaries `npm test` builds with, read from its `test` script (one source of truth). */
const BUILD_ENV = (() => {
  const scripts = (
    JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const env: Record<string, string> = {};
  for (const m of (scripts["build:canary"] ?? "").matchAll(/\b([A-Z_]+)=(\S+)/g))
    env[m[1]!] = m[2]!;
  for (const name of ["LIVECHAT_API_KEY", "ROCKETCHAT_AUTH_TOKEN", "NEXTAUTH_SECRET"]) {
    if (!env[name]?.startsWith("canary-"))
      throw new Error(`package.json's build:canary script must build with a canary ${name}`);
  }
  return env;
})();

const CANARY = {
  livechatApiKey: BUILD_ENV.LIVECHAT_API_KEY!,
  rocketchatToken: BUILD_ENV.ROCKETCHAT_AUTH_TOKEN!,
  authSecret: BUILD_ENV.NEXTAUTH_SECRET!,
  previousSecret: BUILD_ENV.CHATLENS_PREVIOUS_SECRETS ?? "canary-prev-secret-0000000000000000",
  /** A sign-in attempt with a wrong key: refused, and never echoed either. */
  wrongSignInKey: "canary-signin-wrong-key-6c0e93b1",
};

/** Base64 of `value` as it would appear inside a longer encoded string, at any alignment. */
function base64Forms(value: string): string[] {
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const b64 = Buffer.from("x".repeat(offset) + value).toString("base64");
    // Drop the characters that depend on the neighbours (the prefix and the padded tail).
    const stable = b64.slice(Math.ceil((offset * 4) / 3), b64.length - 4);
    forms.push(stable, stable.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return forms;
}

/** Every form a leak could take: raw, URL-encoded, base64, and the Basic `login:key` base64. */
const NEEDLES: { name: string; value: string }[] = Object.entries(CANARY).flatMap(
  ([name, value]) => [
    { name, value },
    { name: `${name} (url-encoded)`, value: encodeURIComponent(value) },
    ...base64Forms(value).map((v) => ({ name: `${name} (base64)`, value: v })),
  ],
);
NEEDLES.push({
  name: "LiveChat Basic auth",
  value: Buffer.from(`${LIVECHAT_SERVICE_LOGIN}:${CANARY.livechatApiKey}`).toString("base64"),
});

function leaksIn(text: string): string[] {
  return NEEDLES.filter((n) => text.includes(n.value)).map((n) => n.name);
}

const now = Date.parse(inject("now"));
let simulator: Simulator;
let simulatorUrl = "";
let app: RunningApp;
let cookie = "";
const scanned = { responses: 0, chunks: 0, maps: 0, logLines: 0, files: 0 };
/** `<what>: <canary names>` for every leak found (reported all at once, at the end). */
const leaks: string[] = [];

/** Fetches, records the status, and scans the headers and body. */
async function hit(
  pathname: string,
  init: RequestInit & { noCookie?: boolean } = {},
): Promise<{ status: number; text: string; headers: Headers }> {
  const headers = new Headers(init.headers);
  if (!init.noCookie && cookie) headers.set("cookie", cookie);
  const res = await fetch(`${app.url}${pathname}`, { ...init, headers, redirect: "manual" });
  const text = await res.text();
  scanned.responses++;
  const found = leaksIn(`${JSON.stringify([...res.headers])}\n${text}`);
  if (found.length > 0) leaks.push(`${init.method ?? "GET"} ${pathname}: ${found.join(", ")}`);
  return { status: res.status, text, headers: res.headers };
}

const post = (pathname: string, body: unknown, extra: RequestInit = {}) =>
  hit(pathname, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    ...extra,
  });

const fault = (spec: Record<string, unknown>) =>
  simulatorControl(simulatorUrl)("POST", "/faults", spec);

/** Chunk URLs (`/_next/static/...`) referenced by a page's HTML, scripts and RSC payload. */
function chunkUrls(html: string): string[] {
  const urls = new Set<string>();
  for (const m of html.matchAll(/\/_next\/static\/[^"'\s\\)]+/g)) urls.add(m[0]);
  return [...urls];
}

const day = (offset: number) => new Date(now + offset * 86_400_000).toISOString().slice(0, 10);
const FROM = day(-9);
const TO = day(-3);
const range = `from=${FROM}&to=${TO}`;

beforeAll(async () => {
  simulator = createSimulator({
    now: () => now,
    rocketchatRateLimit: { enabled: false },
    extraCredentials: {
      livechatApiKeys: [{ login: LIVECHAT_SERVICE_LOGIN, apiKey: CANARY.livechatApiKey }],
      rocketchatServiceTokens: [CANARY.rocketchatToken],
    },
  });
  simulatorUrl = (await simulator.listen(0, "127.0.0.1")).url;
  app = await startApp({
    LIVECHAT_API_URL: `${simulatorUrl}/livechat`,
    LIVECHAT_LOGIN: LIVECHAT_SERVICE_LOGIN,
    LIVECHAT_API_KEY: CANARY.livechatApiKey,
    ROCKETCHAT_URL: `${simulatorUrl}/rocketchat`,
    ROCKETCHAT_USER_ID: ROCKETCHAT_SERVICE_USER._id,
    ROCKETCHAT_AUTH_TOKEN: CANARY.rocketchatToken,
    NEXTAUTH_SECRET: CANARY.authSecret,
    CHATLENS_PREVIOUS_SECRETS: CANARY.previousSecret,
    CHATLENS_TIMEZONE: "Europe/Warsaw",
    CHATLENS_UPSTREAM_TIMEOUT_MS: "2000",
    CHATLENS_CIRCUIT_RESET_SECONDS: "1",
    CHATLENS_DATA_DIR: "memory://",
  });
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await simulator?.close();
});

describe("canary credentials never leave the server", () => {
  test("sign-in, every page, chunk, map and API route, and the error paths", async () => {
    // A refused sign-in with a wrong key, then the real one (the owner's canary key).
    const refused = await signIn(app.url, "livechat", {
      login: LIVECHAT_SERVICE_LOGIN,
      apiKey: CANARY.wrongSignInKey,
    });
    expect(refused.cookie).toBeNull();
    const good = await signIn(app.url, "livechat", {
      login: LIVECHAT_SERVICE_LOGIN,
      apiKey: CANARY.livechatApiKey,
    });
    expect(good.cookie, good.error ?? "").toBeTruthy();
    cookie = good.cookie!;
    leaks.push(...leaksIn(cookie).map((n) => `session cookie: ${n}`));

    // next-auth's own endpoints.
    for (const p of ["/api/auth/session", "/api/auth/csrf", "/api/auth/providers"]) {
      expect((await hit(p)).status).toBe(200);
    }
    await hit("/api/auth/signin", { noCookie: true });
    await hit("/api/auth/error?error=Configuration", { noCookie: true });

    // Every API route, every metric on every source.
    expect((await hit("/api/sources")).status).toBe(200);
    for (const source of ["livechat", "rocketchat", "all"]) {
      for (const metric of METRIC_IDS) {
        await hit(
          `/api/metrics/${metric}?source=${source}&${range}&granularity=day&compare=previous`,
        );
      }
      for (const report of ["agents", "occupancy", "ranking"]) {
        await hit(`/api/reports/${report}?source=${source}&${range}`);
      }
      await hit(`/api/tickets?source=${source}&${range}`);
    }
    const chats = await hit(`/api/chats?source=livechat&${range}`);
    expect(chats.status, chats.text).toBe(200);
    const chatId = /"id":"([^"]+)"/.exec(chats.text)?.[1];
    expect(chatId).toBeTruthy();
    await hit(`/api/chats/${encodeURIComponent(chatId!)}?source=livechat`);
    await hit(`/api/chats?source=rocketchat&${range}`);

    // Boards, screens, share links: created through the API, then their token pages.
    const board = await post("/api/boards", {
      name: "Leak board",
      source: "livechat",
      range: "last7",
      tiles: [{ metric: "chats.total" }],
    });
    expect(board.status, board.text).toBe(201);
    const boardId = (JSON.parse(board.text) as { board: { id: string } }).board.id;
    const screen = await post("/api/screens", { name: "Leak TV", boardIds: [boardId] });
    expect(screen.status, screen.text).toBe(201);
    const screenJson = JSON.parse(screen.text) as { screen: { id: string }; url: string };
    const tvToken = screenJson.url.slice("/tv/".length);
    const link = await post("/api/share-links", {
      scope: { range: { kind: "fixed", from: FROM, to: TO }, page: "overview", source: "all" },
    });
    expect(link.status, link.text).toBe(201);
    const linkJson = JSON.parse(link.text) as { url: string; link: { id: string } };
    const shareToken = linkJson.url.replace("/share/", "");
    for (const p of ["/api/boards", "/api/screens", "/api/share-links"]) await hit(p);
    await hit(`/api/boards/${boardId}`);
    await hit(`/api/screens/${screenJson.screen.id}`);
    await hit(`/api/share-links/${linkJson.link.id}`);

    const tv = { noCookie: true } as const;
    await hit(`/api/screen/${tvToken}`, tv);
    await hit(`/api/screen/${tvToken}/metrics/chats.total?board=${boardId}&range=last7`, tv);
    await hit(`/api/screen/${tvToken}/heartbeat`, { ...tv, method: "POST" });
    const sq = `source=livechat&${range}&granularity=day&compare=previous`;
    for (const p of [
      `metrics/chats.total?${sq}`,
      `metrics/chats.first_response_time?${sq.replace("livechat", "rocketchat")}`,
      `reports/agents?${sq}`,
      `reports/occupancy?${sq}`,
      `reports/ranking?${sq}`,
      `chats?${sq}`,
      `chats/${encodeURIComponent(chatId!)}?source=livechat`,
      `tickets?${sq}`,
    ]) {
      await hit(`/api/share/${shareToken}/${p}`, tv);
    }
    await post(`/api/share/${shareToken}/unlock`, { password: "wrong" });

    // Every page (signed in), the token pages (not signed in), a 404; then their chunks.
    const pages = [
      "/",
      "/agents",
      "/archive",
      `/archive/${encodeURIComponent(chatId!)}?source=livechat`,
      "/chats",
      "/definitions",
      "/response-times",
      "/satisfaction",
      "/screens",
      "/shared-links",
      "/tickets",
      `/?source=rocketchat&${range}`,
    ];
    const chunks = new Set<string>();
    for (const p of pages) {
      const page = await hit(p);
      expect(page.status, p).toBe(200);
      for (const c of chunkUrls(page.text)) chunks.add(c);
    }
    for (const p of ["/signin", `/tv/${tvToken}`, `/share/${shareToken}`, "/no-such-page"]) {
      const page = await hit(p, tv);
      for (const c of chunkUrls(page.text)) chunks.add(c);
    }
    expect(chunks.size).toBeGreaterThan(0);
    for (const c of chunks) {
      const res = await hit(c, tv);
      if (res.status !== 200) continue;
      scanned.chunks++;
      if (!c.endsWith(".js") && !c.endsWith(".css")) continue;
      const map = await hit(`${c}.map`, tv);
      if (map.status === 200) scanned.maps++;
    }

    // Upstream error paths, on ranges nothing has cached yet.
    const fresh = (i: number) => `from=${day(-40 - 7 * i)}&to=${day(-34 - 7 * i)}&granularity=day`;
    // An upstream can only echo what it was sent: each vendor its own credential.
    const basic = Buffer.from(`${LIVECHAT_SERVICE_LOGIN}:${CANARY.livechatApiKey}`).toString(
      "base64",
    );
    const lcEcho = `invalid API key ${CANARY.livechatApiKey} (Basic ${basic})`;
    const rcEcho = `invalid token ${CANARY.rocketchatToken}`;
    // `redacted`: the upstream's error text reaches the answer, with the echoed secret blanked
    // (lib/upstream/http.ts) — proof that the echo case is not vacuous.
    const cases: {
      vendor: string;
      path: string;
      spec: Record<string, unknown>;
      redacted?: boolean;
    }[] = [
      { vendor: "livechat", path: "/reports/chats/total_chats", spec: { status: 401 } },
      { vendor: "livechat", path: "/reports/chats/total_chats", spec: { status: 500 } },
      {
        vendor: "livechat",
        path: "/reports/chats/total_chats",
        spec: { status: 401, body: { error: lcEcho } },
        redacted: true,
      },
      {
        vendor: "livechat",
        path: "/reports/chats/total_chats",
        spec: { status: 200, rawBody: `<html>${lcEcho}</html>` },
      },
      {
        vendor: "livechat",
        path: "/reports/chats/total_chats",
        spec: { status: 302, headers: { location: "http://127.0.0.1:9/" } },
      },
      {
        vendor: "rocketchat",
        path: "/api/v1/livechat/analytics/dashboards/charts-data",
        spec: { status: 401, body: { success: false, error: rcEcho } },
        redacted: true,
      },
      {
        vendor: "rocketchat",
        path: "/api/v1/livechat/analytics/dashboards/charts-data",
        spec: { status: 503, body: { success: false, error: rcEcho } },
        redacted: true,
      },
      {
        vendor: "rocketchat",
        path: "/api/v1/livechat/analytics/dashboards/charts-data",
        spec: { status: 200, body: { success: true, unexpected: rcEcho } },
      },
    ];
    for (const [i, c] of cases.entries()) {
      await simulatorControl(simulatorUrl)("DELETE", "/faults");
      await fault({ vendor: c.vendor, path: c.path, ...c.spec });
      const res = await hit(`/api/metrics/chats.total?source=${c.vendor}&${fresh(i)}`);
      expect(res.status, `${JSON.stringify(c.spec)} → ${res.text}`).toBeGreaterThanOrEqual(400);
      if (c.redacted) expect(res.text).toContain("[redacted]");
    }
    await simulatorControl(simulatorUrl)("DELETE", "/faults");

    // The app's log, after it has seen all of the above.
    await new Promise((r) => setTimeout(r, 500));
    const lines = app.logs.join("").split("\n");
    scanned.logLines = lines.length;
    for (const line of lines) {
      const found = leaksIn(line);
      if (found.length > 0) leaks.push(`log line "${line.slice(0, 120)}": ${found.join(", ")}`);
    }

    console.log(
      `secret-leak: ${scanned.responses} responses, ${scanned.chunks} chunks, ${scanned.maps} source maps, ${scanned.logLines} log lines scanned`,
    );
    expect(leaks).toEqual([]);
    expect(scanned.responses).toBeGreaterThan(100);
  }, 300_000);

  test("the build output on disk holds none of the build-time canaries", () => {
    /** Text files worth scanning: everything under static/ and server/, and any source map. */
    const files: string[] = [];
    const walk = (dir: string, depth: number): void => {
      for (const name of readdirSync(dir)) {
        if (depth === 0 && (name === "cache" || name === "dev")) continue;
        const full = path.join(dir, name);
        const stat = statSync(full);
        if (stat.isDirectory()) walk(full, depth + 1);
        else files.push(full);
      }
    };
    walk(DIST, 0);
    const relevant = files.filter((f) => {
      const rel = path.relative(DIST, f).split(path.sep).join("/");
      return (
        rel.startsWith("static/") ||
        rel.startsWith("server/") ||
        rel.endsWith(".map") ||
        rel.endsWith(".json")
      );
    });
    const found: string[] = [];
    let bytes = 0;
    for (const f of relevant) {
      const text = readFileSync(f, "latin1");
      bytes += text.length;
      const names = leaksIn(text);
      if (names.length > 0) found.push(`${path.relative(DIST, f)}: ${names.join(", ")}`);
      // The client bundle has no business even naming the secret variables.
      if (path.relative(DIST, f).startsWith("static")) {
        for (const v of ["LIVECHAT_API_KEY", "ROCKETCHAT_AUTH_TOKEN", "NEXTAUTH_SECRET"]) {
          if (text.includes(v)) found.push(`${path.relative(DIST, f)}: names ${v}`);
        }
      }
    }
    scanned.files = relevant.length;
    console.log(
      `secret-leak: ${relevant.length} build files (${(bytes / 1e6).toFixed(1)} MB) scanned in ${path.relative(ROOT, DIST)}`,
    );
    expect(relevant.length).toBeGreaterThan(10);
    expect(found).toEqual([]);
  });
});
