/**
 * Every API route handler, found on disk at test time (a new route file under `app/api` is covered
 * automatically), refuses a caller without a valid credential over real HTTP against the built
 * app, and none of it reaches an upstream:
 * - session routes answer 401 `unauthenticated` in the error envelope with no cookie, a forged
 *   cookie, a JWE sealed with another secret, an expired JWE sealed with the app's own secret,
 *   the `x-middleware-subrequest` bypass header (CVE-2025-29927) and a malformed
 *   `Authorization` header;
 * - token routes take their own credential: a garbage token is refused, `share/[token]/…` with
 *   404 `not_found` (lib/share/serve.ts), `screen/[token]/…` with 401 `invalid_screen_token`
 *   (lib/screens/http.ts) — never 200 or 500;
 * - every answer, 401s included, carries `Cache-Control` with `private` and `no-store`;
 * - the simulator counts zero upstream requests over the whole file.
 * A control proves the forged credentials fail for the right reason: a JWE sealed with the
 * app's secret and a future expiry is accepted.
 *
 * Exempt: `auth/[...nextauth]` (the sign-in itself). `bench/floor` has no session check by
 * design and is off unless `CHATLENS_BENCH_FLOOR_FILE` is set (global-setup does not set it):
 * 404 `not_found` (401 would be fine too).
 */
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { encode, type JWT } from "next-auth/jwt";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { simulatorControl } from "../support/simulator-control";

const appUrl = inject("appUrl");
const simulator = simulatorControl(inject("simulatorUrl"));

const ROOT = path.resolve(__dirname, "../..");
const API_DIR = path.join(ROOT, "app/api");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];
type Kind = "session" | "share" | "screen" | "bench" | "exempt";

/** The app's NEXTAUTH_SECRET, read from global-setup so the two never drift apart. */
const APP_SECRET = (() => {
  const setup = readFileSync(path.join(__dirname, "global-setup.ts"), "utf8");
  const found = /NEXTAUTH_SECRET:\s*"([^"]+)"/.exec(setup)?.[1];
  if (!found) throw new Error("NEXTAUTH_SECRET not found in tests/integration/global-setup.ts");
  return found;
})();

/** Route directories below app/api (`boards/[id]`), from every `route.{ts,tsx,js}` on disk. */
function routeDirs(): string[] {
  return readdirSync(API_DIR, { recursive: true, encoding: "utf8" })
    .filter((file) => /^route\.(ts|tsx|js|mjs)$/.test(path.basename(file)))
    .map((file) => path.dirname(file).split(path.sep).join("/"))
    .sort();
}

/** The HTTP methods a route module exports (const, function, or `export { x as GET }`). */
function exportedMethods(source: string): HttpMethod[] {
  const names = new Set<string>();
  const verbs = HTTP_METHODS.join("|");
  const direct = new RegExp(
    `export\\s+(?:(?:const|let|var)\\s+|(?:async\\s+)?function\\s*\\*?\\s*)(${verbs})\\b`,
    "g",
  );
  for (const m of source.matchAll(direct)) names.add(m[1]!);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(",")) {
      const name = part.trim().split(/\s+/).at(-1);
      if (name) names.add(name);
    }
  }
  return HTTP_METHODS.filter((verb) => names.has(verb));
}

function kindOf(dir: string): Kind {
  if (dir.startsWith("auth/")) return "exempt";
  if (dir === "bench/floor") return "bench";
  if (dir.startsWith("share/[token]")) return "share";
  if (dir.startsWith("screen/[token]")) return "screen";
  return "session";
}

/** The request path with plausible values for the dynamic segments. */
function urlPath(dir: string, token: string): string {
  const segments = dir.split("/");
  return `/api/${segments
    .map((seg, i) => {
      const param = /^\[(?:\.\.\.)?(\w+)\]$/.exec(seg)?.[1];
      if (!param) return seg;
      if (param === "token") return token;
      if (param === "metric") return "chats.total";
      // A LiveChat chat id after `chats/`; a board, screen or share-link id otherwise.
      if (param === "id")
        return segments[i - 1] === "chats" ? "QX7R2M9K1A" : "Bq3xZ0rT9vLm2Wn8Yc4d";
      return "x";
    })
    .join("/")}`;
}

/** A plausible body, so token routes get past their body check to the token check. */
function bodyFor(dir: string): string {
  if (dir.endsWith("/unlock")) return JSON.stringify({ password: "correct horse" });
  if (dir.endsWith("/heartbeat")) return JSON.stringify({ version: "1.0.0" });
  return JSON.stringify({ name: "probe" });
}

interface Credential {
  name: string;
  headers: Record<string, string>;
}

const cookieOf = (value: string) => ({ cookie: `next-auth.session-token=${value}` });
const sessionToken: JWT = {
  sub: "route-enumeration-probe",
  name: "Probe",
  provider: "livechat",
  role: "owner",
};

async function credentials(): Promise<Credential[]> {
  return [
    { name: "no credential", headers: {} },
    { name: "forged cookie", headers: cookieOf(randomBytes(192).toString("base64url")) },
    {
      name: "JWE sealed with another secret",
      headers: cookieOf(
        await encode({
          token: sessionToken,
          secret: "not-the-app-secret-0123456789-abcdefghijkl",
          maxAge: 3600,
        }),
      ),
    },
    {
      name: "expired JWE sealed with the app secret",
      headers: cookieOf(await encode({ token: sessionToken, secret: APP_SECRET, maxAge: -3600 })),
    },
    {
      name: "x-middleware-subrequest (middleware)",
      headers: {
        "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware",
      },
    },
    {
      name: "x-middleware-subrequest (proxy)",
      headers: { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
    },
    { name: "malformed bearer", headers: { authorization: "Bearer %E0%A4%A" } },
  ];
}

interface Answer {
  status: number;
  cacheControl: string;
  code: string | undefined;
  message: string | undefined;
  text: string;
}

async function call(
  method: HttpMethod,
  urlPathname: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  const res = await fetch(`${appUrl}${urlPathname}`, {
    method,
    redirect: "manual",
    headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
    body,
  });
  const text = await res.text();
  let code: string | undefined;
  let message: string | undefined;
  try {
    const json = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    code = typeof json.error?.code === "string" ? json.error.code : undefined;
    message = typeof json.error?.message === "string" ? json.error.message : undefined;
  } catch {
    // not JSON: the assertions below report the text
  }
  return {
    status: res.status,
    cacheControl: res.headers.get("cache-control") ?? "",
    code,
    message,
    text,
  };
}

const dirs = routeDirs();
const routes = dirs.map((dir) => ({
  dir,
  kind: kindOf(dir),
  methods: exportedMethods(readFileSync(path.join(API_DIR, dir, "route.ts"), "utf8")),
}));
const covered = routes.filter((r) => r.kind !== "exempt");

let upstreamBefore = 0;
let creds: Credential[] = [];
let requests = 0;

async function upstreamTotal(): Promise<{ total: number; requests: Record<string, number> }> {
  return simulator<{ total: number; requests: Record<string, number> }>("GET", "/stats");
}

beforeAll(async () => {
  creds = await credentials();
  upstreamBefore = (await upstreamTotal()).total;
});

describe("route discovery", () => {
  test("finds the route files and their methods on disk", () => {
    // Sanity: the glob and the export parser work (the app has well over a dozen routes).
    expect(dirs.length).toBeGreaterThan(20);
    for (const route of routes) expect(route.methods, route.dir).not.toEqual([]);
    expect(dirs).toContain("auth/[...nextauth]");
    expect(routes.find((r) => r.dir === "auth/[...nextauth]")?.methods).toEqual(["GET", "POST"]);
  });
});

describe.each(covered)("$dir ($kind)", ({ dir, kind, methods }) => {
  test.each(methods)("%s refuses every forged or missing credential", async (method) => {
    for (const cred of creds) {
      const token = randomBytes(24).toString("base64url");
      const body = ["POST", "PUT", "PATCH"].includes(method) ? bodyFor(dir) : undefined;
      const answer = await call(method, urlPath(dir, token), cred.headers, body);
      requests += 1;
      const what = `${method} ${dir} with ${cred.name}: ${answer.status} ${answer.text.slice(0, 300)}`;

      expect(answer.cacheControl, what).toMatch(/\bprivate\b/);
      expect(answer.cacheControl, what).toMatch(/\bno-store\b/);
      expect(answer.status, what).not.toBe(200);
      expect(answer.status, what).toBeLessThan(500);
      if (method === "HEAD") continue;
      expect(answer.message, what).toEqual(expect.stringMatching(/\S/));
      switch (kind) {
        case "session":
          expect([answer.status, answer.code], what).toEqual([401, "unauthenticated"]);
          break;
        case "share":
          expect([answer.status, answer.code], what).toEqual([404, "not_found"]);
          break;
        case "screen":
          expect([answer.status, answer.code], what).toEqual([401, "invalid_screen_token"]);
          break;
        case "bench":
          expect([401, 404], what).toContain(answer.status);
          break;
      }
    }
  });
});

describe("control and totals", () => {
  test("a JWE sealed with the app secret and a future expiry IS accepted (the probes are fair)", async () => {
    const valid = await encode({ token: sessionToken, secret: APP_SECRET, maxAge: 600 });
    const answer = await call("GET", "/api/boards", cookieOf(valid));
    requests += 1;
    expect(answer.status, answer.text).toBe(200);
    expect(answer.cacheControl).toMatch(/\bprivate\b.*\bno-store\b|\bno-store\b.*\bprivate\b/);
  });

  test("nothing reached an upstream", async () => {
    const after = await upstreamTotal();
    const methods = covered.reduce((n, r) => n + r.methods.length, 0);
    console.log(
      `[route-enumeration] route files: ${dirs.length} (${covered.length} checked, ` +
        `${dirs.length - covered.length} exempt); methods: ${methods}; credentials: ` +
        `${creds.length}; requests: ${requests}; upstream calls: ${after.total - upstreamBefore}`,
    );
    expect(after.total - upstreamBefore, JSON.stringify(after.requests)).toBe(0);
  });
});
