/**
 * Bad input over real HTTP, with a valid session, against every public GET endpoint
 * (`/api/metrics/{metric}`, `/api/reports/{agents,ranking,occupancy}`, `/api/chats`,
 * `/api/chats/{id}`, `/api/tickets`, `/api/sources`) and the POST/PATCH bodies of
 * `/api/boards`, `/api/screens` and `/api/share-links`. Inputs: an explicit list (impossible,
 * absurd and reversed dates, ranges over the cap, unknown ids, metrics, sources, teams and
 * agents, 10 KB values, repeated parameters, `__proto__`/`constructor` keys, CRLF, NUL,
 * injection strings, emoji, RTL, combining marks, lone surrogates) plus fast-check samples
 * (fixed seed, bounded runs), each one bad by construction.
 *
 * Proven for every answer: 400 or 422 (404 only for an unknown resource in the path), the
 * JSON error envelope with a non-empty message that carries no raw markup, `private, no-store`,
 * never a 500 — and the simulator counts ZERO upstream requests for the whole suite. The team
 * and agent lists that validate `group` and `agent` are read (cached) before counting starts,
 * as every signed-in page does; a request for an unknown but well-formed chat id must ask LiveChat
 * and is checked apart, after the count.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { isIsoDate, isValidTimeZone } from "../../lib/dates";
import { GRANULARITIES, METRIC_IDS, SOURCE_SELECTORS } from "../../lib/metrics/types";
import type { SourcesResponse } from "../../lib/metrics/types";
import { boardInputSchema } from "../../lib/screens/schema";
import { createShareLinkInputSchema } from "../../lib/share/scope";
import { LIVECHAT_SERVICE_API_KEY, LIVECHAT_SERVICE_LOGIN } from "../../simulator/accounts";
import { getDataset } from "../../simulator/dataset";
import { signIn } from "../support/app-server";
import { simulatorControl } from "../support/simulator-control";

const appUrl = inject("appUrl");
const simulator = simulatorControl(inject("simulatorUrl"));
const dataset = getDataset(Date.parse(inject("now")));

const SEED = 20261118;
/** fast-check samples per parameter or body field: bounded so the suite stays well under 60 s. */
const RUNS = 24;

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const TO = addDays(dataset.lastDay, -2);
const FROM = addDays(TO, -6);

/** Hostile strings every parameter and field is tried with. */
const HOSTILE = [
  "",
  " ",
  "' OR 1=1 --",
  '"; DROP TABLE boards; --',
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "../../etc/passwd",
  "%2F..%2F",
  "..%2F..%2Fetc%2Fpasswd",
  "https://evil.example",
  "//evil.example/x",
  "javascript:alert(1)",
  "line\r\nSet-Cookie: pwned=1",
  "nul\u0000byte",
  "😀🔥💥",
  "\u202Eevil\u202C",
  "\u05E9\u05DC\u05D5\u05DD",
  "e\u0301\u0308\u0323\u0336",
  "\uD800",
  "\uDFFFlone",
  "__proto__",
  "constructor",
  "${7*7}{{7*7}}",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e309",
  "0x10",
  "[]",
  "{}",
  "x".repeat(10_240),
  "é".repeat(1_500),
];

const BAD_DATES = [
  "2026-02-30",
  "0000-00-00",
  "2026-1-1",
  "2026-13-01",
  "2026-00-10",
  "2026-11-31",
  "2025-02-29",
  "20261101",
  "2026/11/01",
  "2026-11-01T00:00:00Z",
  " 2026-11-01",
  "2026-11-01 ",
  "+02026-11-01",
  "-2026-11-01",
  "0099-01-01",
  "99999-01-01",
  "２０２６-１１-０１",
];

const junk = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 16 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);

const dateLike = fc.oneof(
  fc.constantFrom(...BAD_DATES),
  junk,
  fc
    .tuple(
      fc.integer({ min: 0, max: 99_999 }),
      fc.integer({ min: -1, max: 40 }),
      fc.integer({ min: -1, max: 40 }),
      fc.boolean(),
    )
    .map(([y, m, d, pad]) =>
      pad
        ? `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`
        : `${y}-${m}-${d}`,
    ),
);

const sample = <T>(arb: fc.Arbitrary<T>, runs = RUNS): T[] =>
  fc.sample(arb, { seed: SEED, numRuns: runs });

/** Our own and the dataset's team and agent ids (read once, before counting starts). */
let teams = new Set<string>();
let agents = new Set<string>();
let cookie = "";

type Query = [string, string][];

interface Case {
  label: string;
  path: string;
  query?: Query;
  method?: "GET" | "POST" | "PATCH";
  /** Raw body text (sent as application/json). */
  body?: string;
  /** An unknown resource in the path may answer 404. */
  may404?: boolean;
}

let tried = 0;
const seenStatuses = new Map<number, number>();

/** Characters a URL path segment cannot carry: lone surrogates become U+FFFD, as in a query. */
function wellFormed(value: string): string {
  return value.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    "\uFFFD",
  );
}

function urlOf(c: Case): string {
  const qs = c.query ? new URLSearchParams(c.query).toString() : "";
  return `${appUrl}${c.path}${qs ? `?${qs}` : ""}`;
}

async function check(c: Case): Promise<void> {
  const res = await fetch(urlOf(c), {
    method: c.method ?? "GET",
    redirect: "manual",
    headers: {
      cookie,
      ...(c.body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: c.body,
  });
  tried += 1;
  seenStatuses.set(res.status, (seenStatuses.get(res.status) ?? 0) + 1);
  const text = await res.text();
  const what = `${c.label}: ${c.method ?? "GET"} ${urlOf(c).slice(0, 300)} ${(c.body ?? "").slice(0, 200)} → ${res.status} ${text.slice(0, 300)}`;
  const allowed = c.may404 ? [400, 404, 422] : [400, 422];
  expect(allowed, what).toContain(res.status);
  expect(res.headers.get("content-type") ?? "", what).toMatch(/^application\/json/);
  expect(res.headers.get("cache-control") ?? "", what).toMatch(/\bprivate\b/);
  expect(res.headers.get("cache-control") ?? "", what).toMatch(/\bno-store\b/);
  const json = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
  expect(json.error?.code, what).toEqual(expect.stringMatching(/^[a-z_]+$/));
  expect(json.error?.message, what).toEqual(expect.stringMatching(/\S/));
  expect(String(json.error?.message), what).not.toMatch(/[<>]/);
}

/** Runs cases a few at a time (the server is shared; order does not matter). */
async function checkAll(cases: Case[]): Promise<void> {
  const width = 6;
  for (let i = 0; i < cases.length; i += width) {
    await Promise.all(cases.slice(i, i + width).map(check));
  }
}

// ------------------------------------------------------------------------------------------
// The GET endpoints: a valid base query, and per parameter values that are bad by construction.

interface Endpoint {
  path: string;
  base: Record<string, string>;
  /** Bad values per parameter (each replaces the base value or is added). */
  bad: Record<string, () => string[]>;
}

const notIn =
  (allowed: readonly string[]) =>
  (v: string): boolean =>
    !allowed.includes(v);

const badDates = () =>
  sample(
    dateLike.filter((v) => !isIsoDate(v)),
    RUNS * 2,
  );
const badEnum = (allowed: readonly string[]) => () =>
  sample(
    fc.oneof(
      junk,
      fc.constantFrom(...allowed.map((a) => a.toUpperCase()), ...allowed.map((a) => `${a} `)),
    ),
  ).filter(notIn(allowed));
const badGroup = () =>
  sample(
    fc.oneof(
      junk,
      fc.integer({ min: 0, max: 999_999_999 }).map(String),
      fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
    ),
  ).filter((v) => !teams.has(v));
const badAgent = () =>
  sample(fc.oneof(junk, fc.emailAddress(), fc.stringMatching(/^[A-Za-z0-9._@+-]{1,120}$/))).filter(
    (v) => !agents.has(v),
  );
const badPage = () =>
  sample(fc.oneof(junk, fc.integer({ min: -10, max: 100_000 }).map(String))).filter(
    (v) => !/^[1-9]\d{0,3}$/.test(v),
  );

const range = { from: badDates, to: badDates, group: badGroup };

const ENDPOINTS: Endpoint[] = [
  {
    path: "/api/metrics/chats.total",
    base: { source: "livechat", from: FROM, to: TO },
    bad: {
      ...range,
      source: badEnum(SOURCE_SELECTORS),
      granularity: badEnum(GRANULARITIES),
      agent: badAgent,
      tz: () =>
        sample(
          fc.oneof(
            junk,
            fc.constantFrom("Mars/Olympus", "Europe/Warsaw ", "UTC+1", "../../etc/localtime"),
          ),
        ).filter((v) => !isValidTimeZone(v)),
      compare: badEnum(["previous"]),
    },
  },
  {
    path: "/api/reports/agents",
    base: { source: "livechat", from: FROM, to: TO },
    bad: { ...range, source: badEnum(["livechat", "rocketchat"]) },
  },
  {
    path: "/api/reports/occupancy",
    base: { source: "livechat", from: FROM, to: TO },
    bad: { ...range, source: badEnum(["livechat", "rocketchat"]) },
  },
  {
    path: "/api/reports/ranking",
    base: { source: "livechat", from: FROM, to: TO, kind: "chats" },
    bad: {
      ...range,
      source: badEnum(["livechat", "rocketchat"]),
      kind: badEnum(["chats", "tickets"]),
    },
  },
  {
    path: "/api/chats",
    base: { source: "livechat", from: FROM, to: TO },
    bad: {
      ...range,
      source: badEnum(["livechat", "rocketchat"]),
      // The base range spans several days, so any hour is refused.
      hour: () => [...sample(junk), "0", "12", "23"],
      agent: badAgent,
      type: badEnum(["chat", "missed_chat"]),
      rate: badEnum(["rated", "not_rated", "rated_good", "rated_bad"]),
      page: badPage,
    },
  },
  {
    path: "/api/tickets",
    base: { source: "livechat", from: FROM, to: TO },
    bad: {
      ...range,
      source: badEnum(["livechat", "rocketchat"]),
      status: badEnum(["open", "pending", "solved", "spam"]),
      page: badPage,
    },
  },
  {
    path: "/api/chats/QX7R2M9K1A",
    base: {},
    bad: { source: badEnum(["livechat", "rocketchat"]) },
  },
];

/**
 * `__proto__` is not here: Next.js drops that query key before the handler runs (see the
 * `test.fails` at the end), so next to an otherwise valid query it would be a valid request.
 */
const UNKNOWN_KEYS = [
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "url",
  "callback",
  "limit",
  "from[]",
  "FROM",
  "<script>",
  "a\r\nb",
];

function endpointCases(e: Endpoint): Case[] {
  const cases: Case[] = [];
  const base = Object.entries(e.base);
  const replaced = (key: string, value: string): Query => [
    ...base.filter(([k]) => k !== key),
    [key, value],
  ];
  for (const [key, values] of Object.entries(e.bad)) {
    for (const value of values())
      cases.push({ label: `bad ${key}`, path: e.path, query: replaced(key, value) });
  }
  // Unknown keys (alongside an otherwise valid query: nothing may slip through).
  const keys = sample(
    fc.oneof(fc.constantFrom(...UNKNOWN_KEYS), fc.string({ minLength: 1, maxLength: 20 })),
  );
  for (const key of [...UNKNOWN_KEYS, ...keys].filter(
    (k) => !Object.keys(e.bad).includes(k) && !Object.keys(e.base).includes(k),
  )) {
    cases.push({ label: "unknown parameter", path: e.path, query: [...base, [key, "1"]] });
  }
  // Every known parameter repeated, with the same and with another value.
  for (const [key, value] of base) {
    cases.push({ label: "repeated", path: e.path, query: [...base, [key, value]] });
    cases.push({ label: "repeated", path: e.path, query: [...base, [key, `${value}x`]] });
  }
  if ("from" in e.base) {
    const dates: [string, string, string][] = [
      ["reversed", TO, FROM],
      ["reversed by a day", addDays(TO, 1), TO],
      ["to far future (over the cap)", FROM, "9999-01-01"],
      ["from far future (reversed)", "9999-01-01", TO],
      ["over the cap", addDays(TO, -366), TO],
      ["far over the cap", "1970-01-01", TO],
      ["impossible day", "2026-02-30", TO],
      ["zero date", "0000-00-00", TO],
      ["unpadded", "2026-1-1", TO],
    ];
    for (const [label, from, to] of dates) {
      cases.push({
        label,
        path: e.path,
        query: [...base.filter(([k]) => k !== "from" && k !== "to"), ["from", from], ["to", to]],
      });
    }
    cases.push({ label: "missing from", path: e.path, query: base.filter(([k]) => k !== "from") });
    cases.push({ label: "missing to", path: e.path, query: base.filter(([k]) => k !== "to") });
  }
  return cases;
}

function metricPathCases(): Case[] {
  const base: Query = [
    ["source", "livechat"],
    ["from", FROM],
    ["to", TO],
  ];
  const names = [
    ...HOSTILE,
    "chats.nope",
    "CHATS.TOTAL",
    "chats.total ",
    ...sample(junk, RUNS * 2),
  ].filter(
    (m) => m !== "" && m !== "." && m !== ".." && !(METRIC_IDS as readonly string[]).includes(m),
  );
  const cases: Case[] = names.map((m) => ({
    label: "unknown metric",
    path: `/api/metrics/${encodeURIComponent(wellFormed(m))}`,
    query: base,
    may404: true,
  }));
  // Valid metric, hourly over more than 7 days.
  cases.push({
    label: "hourly over 7 days",
    path: "/api/metrics/chats.total",
    query: [
      ["source", "livechat"],
      ["from", addDays(TO, -7)],
      ["to", TO],
      ["granularity", "hour"],
    ],
  });
  return cases;
}

function chatIdCases(): Case[] {
  const ids = [...HOSTILE, ...sample(junk, RUNS * 2), "A".repeat(41)].filter(
    (id) => id !== "" && id !== "." && id !== ".." && !/^[A-Za-z0-9_-]{1,40}$/.test(id),
  );
  return ids.map((id) => ({
    label: "malformed chat id",
    path: `/api/chats/${encodeURIComponent(wellFormed(id))}`,
    may404: true,
  }));
}

// ------------------------------------------------------------------------------------------
// Bodies.

const validBoard = {
  name: "Fuzz board",
  source: "livechat",
  tiles: [{ metric: "chats.total" }],
};
const validShare = {
  scope: { page: "overview", source: "livechat", range: { kind: "fixed", from: FROM, to: TO } },
  expiresInDays: 7,
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A copy of `obj` with the value at `path` replaced by `value`. */
function withValue(obj: Json, path: string[], value: Json): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const record = (
    typeof obj === "object" && obj !== null && !Array.isArray(obj) ? obj : {}
  ) as Record<string, Json>;
  return { ...record, [head]: withValue(record[head] ?? null, rest, value) };
}

const jsonJunk: fc.Arbitrary<Json> = fc.oneof(
  junk,
  fc.constantFrom<Json>(null, true, false, 0, -1, 1e308, 1.5, [], {}, [null]),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

const RAW_BODIES = [
  "",
  "{",
  "}",
  "null",
  "[]",
  '"string"',
  "42",
  "{'single': 'quotes'}",
  '{"name": "x",}',
  '{"name": "x"} trailing',
  "nul\u0000",
  '{"name":"\uD800"}',
  `${"[".repeat(3000)}${"]".repeat(3000)}`,
  '{"__proto__": {"admin": true}}',
  '{"constructor": {"prototype": {"admin": true}}}',
];

function bodyCases(
  path: string,
  method: "POST" | "PATCH",
  template: Record<string, Json>,
  fields: string[][],
  rejects: (body: unknown) => boolean,
  may404: boolean,
): Case[] {
  const bodies: string[] = [...RAW_BODIES];
  // Each field replaced by junk (kept only when the app's own schema refuses it).
  for (const field of fields) {
    for (const value of sample(jsonJunk)) {
      const body = withValue(template, field, value);
      if (rejects(body)) bodies.push(JSON.stringify(body));
    }
  }
  // Extra keys, prototype keys written literally into the JSON text.
  for (const key of [
    "__proto__",
    "constructor",
    "prototype",
    "<b>x</b>",
    "a\r\nb",
    "x".repeat(10_240),
  ]) {
    const text = JSON.stringify(template);
    bodies.push(`{${JSON.stringify(key)}:{"admin":true},${text.slice(1)}`);
  }
  // Whole bodies of random JSON.
  for (const value of sample(fc.jsonValue({ maxDepth: 4 }), RUNS)) {
    if (rejects(value)) bodies.push(JSON.stringify(value));
  }
  return bodies.map((body) => ({
    label: `${method} body`,
    path,
    method,
    body,
    may404,
  }));
}

const boardRejects = (body: unknown) => !boardInputSchema.safeParse(body).success;
const shareRejects = (body: unknown) => !createShareLinkInputSchema.safeParse(body).success;
/** Screens: no board id of ours can be guessed, so every screen body is refused. */
const alwaysRejected = () => true;

function allBodyCases(): Case[] {
  const unknownId = "Zz9Yy8Xx7Ww6Vv5Uu4Tt";
  const shareDates = [
    ["2026-02-30", TO],
    ["0000-00-00", TO],
    ["2026-1-1", TO],
    [TO, FROM],
    [FROM, "9999-01-01"],
    ["1970-01-01", TO],
  ].map(([from, to]) =>
    JSON.stringify(
      withValue(validShare as Json, ["scope", "range"], { kind: "fixed", from: from!, to: to! }),
    ),
  );
  return [
    ...bodyCases(
      "/api/boards",
      "POST",
      validBoard,
      [["name"], ["source"], ["group"], ["range"], ["tiles"]],
      boardRejects,
      false,
    ),
    ...bodyCases(
      `/api/boards/${unknownId}`,
      "PATCH",
      validBoard,
      [["name"], ["source"], ["tiles"]],
      alwaysRejected,
      true,
    ),
    ...bodyCases(
      "/api/screens",
      "POST",
      { name: "Fuzz screen", boardIds: [unknownId] },
      [["name"], ["boardIds"], ["rotationSeconds"], ["refreshSeconds"], ["theme"], ["quietHours"]],
      alwaysRejected,
      false,
    ),
    ...bodyCases(
      `/api/screens/${unknownId}`,
      "PATCH",
      { name: "x" },
      [["name"], ["theme"]],
      alwaysRejected,
      true,
    ),
    ...bodyCases(
      "/api/share-links",
      "POST",
      validShare,
      [
        ["scope"],
        ["scope", "page"],
        ["scope", "source"],
        ["scope", "group"],
        ["scope", "agent"],
        ["scope", "range"],
        ["scope", "range", "from"],
        ["expiresInDays"],
        ["password"],
      ],
      shareRejects,
      false,
    ),
    ...shareDates.map((body) => ({
      label: "share-link dates",
      path: "/api/share-links",
      method: "POST" as const,
      body,
    })),
    ...bodyCases(
      `/api/share-links/${unknownId}`,
      "PATCH",
      { expiresInDays: 7 },
      [["expiresInDays"]],
      alwaysRejected,
      true,
    ),
  ];
}

// ------------------------------------------------------------------------------------------

let upstreamBefore = 0;

interface Stats {
  total: number;
  requests: Record<string, number>;
}

async function upstream(): Promise<Stats> {
  return simulator<Stats>("GET", "/stats");
}

let statsBefore: Stats = { total: 0, requests: {} };

/** The upstream requests made since `statsBefore`, per route. */
function delta(after: Stats): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after.requests)
      .map(([route, n]) => [route, n - (statsBefore.requests[route] ?? 0)] as const)
      .filter(([, n]) => n !== 0),
  );
}

beforeAll(async () => {
  const result = await signIn(appUrl, "livechat", {
    login: LIVECHAT_SERVICE_LOGIN,
    apiKey: LIVECHAT_SERVICE_API_KEY,
  });
  cookie = result.cookie!;
  // What any signed-in page reads first; it also fills the team and agent cache.
  const res = await fetch(`${appUrl}/api/sources`, { headers: { cookie } });
  expect(res.status).toBe(200);
  const info = (await res.json()) as SourcesResponse;
  teams = new Set(info.sources.flatMap((s) => s.teams.map((t) => t.id)));
  agents = new Set(info.sources.flatMap((s) => s.agents.map((a) => a.id)));
  statsBefore = await upstream();
  upstreamBefore = statsBefore.total;
});

describe("GET endpoints refuse bad query strings", () => {
  test.each(ENDPOINTS.map((e) => [e.path, e] as const))("%s", async (_path, endpoint) => {
    await checkAll(endpointCases(endpoint));
  });

  test("/api/metrics/{metric}: unknown metrics, hourly over a week", async () => {
    await checkAll(metricPathCases());
  });

  test("/api/chats/{id}: malformed ids", async () => {
    await checkAll(chatIdCases());
  });

  test("/api/sources takes no parameters and reflects none", async () => {
    // It has no query to validate: whatever is added is ignored and answered from the cache.
    const plain = await (await fetch(`${appUrl}/api/sources`, { headers: { cookie } })).text();
    for (const [key, value] of [
      ...UNKNOWN_KEYS.map((k) => [k, "1"]),
      ...HOSTILE.map((h) => ["q", h]),
    ]) {
      const res = await fetch(`${appUrl}/api/sources?${new URLSearchParams([[key!, value!]])}`, {
        headers: { cookie },
      });
      tried += 1;
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toMatch(/private.*no-store|no-store.*private/);
      expect(await res.text()).toBe(plain);
    }
  });
});

describe("bodies", () => {
  test("POST/PATCH /api/boards, /api/screens, /api/share-links refuse bad bodies", async () => {
    await checkAll(allBodyCases());
  });
});

describe("totals", () => {
  test("no bad input reached an upstream", async () => {
    const after = await upstream();
    console.log(
      `[bad-input] inputs tried: ${tried}; statuses: ${JSON.stringify(Object.fromEntries(seenStatuses))}; ` +
        `upstream calls: ${after.total - upstreamBefore}`,
    );
    expect(after.total - upstreamBefore, JSON.stringify(delta(after))).toBe(0);
  });

  test("an unknown but well-formed chat id is a 404 (one question to LiveChat, by design)", async () => {
    const before = (await upstream()).total;
    const res = await fetch(`${appUrl}/api/chats/ZZZZZZZZZZ?source=livechat`, {
      headers: { cookie },
    });
    const text = await res.text();
    expect(res.status, text).toBe(404);
    expect((JSON.parse(text) as { error: { code: string } }).error.code).toBe("not_found");
    const calls = (await upstream()).total - before;
    console.log(`[bad-input] unknown chat id: upstream calls ${calls}`);
    expect(calls).toBeLessThanOrEqual(1);
  });
});

/**
 * Known defects, documented rather than fixed (the fix is outside lib/api). They run after the
 * upstream count on purpose: the first makes a valid request.
 */
describe("known defects", () => {
  // Next.js (16.4.6) drops a `__proto__` query key before the route handler sees
  // `request.nextUrl.searchParams`, so `?…valid…&__proto__=1` is answered 200 as if the key
  // were not there (and is sent upstream like the valid query it then is), instead of the 400
  // every other unknown parameter gets. The parsers themselves refuse it (see
  // lib/api/metric-params.property.test.ts); harmless, since nothing of the key goes upstream.
  test.fails("a __proto__ query key is refused with 400 like any unknown parameter", async () => {
    const res = await fetch(
      `${appUrl}/api/reports/agents?source=livechat&from=${FROM}&to=${TO}&__proto__=1`,
      { headers: { cookie } },
    );
    expect(res.status).toBe(400);
  });

  // Body validation messages (lib/share/scope.ts `checkInput`, used by boards, screens and
  // share links) quoted unknown keys verbatim, markup included (`{"<script>…</script>": 1}` →
  // 400 "Unrecognized key: \"<script>…\""); they are escaped now. Failed before the fix.
  test("a body error message does not echo an unknown key's markup", async () => {
    const res = await fetch(`${appUrl}/api/boards`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ ...validBoard, "<script>alert(1)</script>": 1 }),
    });
    const { error } = (await res.json()) as { error: { message: string } };
    expect(res.status).toBe(400);
    expect(error.message).not.toMatch(/[<>]/);
  });
});
