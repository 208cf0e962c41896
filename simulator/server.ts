/**
 * The simulator's HTTP server (plain `node:http`): LiveChat v2 under `/livechat`, Rocket.Chat
 * under `/rocketchat`, and a control API under `/__simulator` for tests and benchmarks.
 * "Vendor request" below means any request under `/livechat` or `/rocketchat`; `<path>` is its
 * path below that prefix, without the query string.
 *
 * Health and clock
 * - `GET /health` → `{ ok: true, now, nowIso }` (the simulator clock, epoch ms).
 *
 * Stats (`DELETE /stats` resets all of them)
 * - `GET /stats` → `{ requests, total, responses, rateLimited, queries }`:
 *   - `requests`: `{ "<vendor> <METHOD> <path>": n }`, every vendor request on arrival (faulted,
 *     hanging and rate-limited ones included); `total` = their sum;
 *   - `responses`: `{ "<vendor> <METHOD> <path> <status>": n }`, every vendor response actually
 *     sent (a hanging request counts once it is answered; an aborted one never);
 *   - `rateLimited`: how many 429s the Rocket.Chat limiter produced;
 *   - `queries`: `{ "<vendor> <METHOD> <path>?<query>": n }` with the query params sorted by key,
 *     then value, each `encodeURIComponent`-ed (no `?` when there are none).
 *
 * Received headers (the boundary test proves which browser headers never reach an upstream)
 * - `GET /last-headers` → `{ requests: [{ vendor, method, path, headers }] }`: the request
 *   headers (lower-case names, as Node parsed them) of the last 100 vendor requests, oldest first.
 * - `DELETE /last-headers` forgets them (`DELETE /stats` does too).
 *
 * Faults (see `faults.ts`; applied before auth and before the rate limiter)
 * - `POST /faults` `{ vendor, path, method?, query?, status?, body?, rawBody?, headers?, delayMs?,
 *   hang?, times?, rate?, seed? }` → 201 `{ ok: true, id, faults }` (`faults` = how many exist).
 *   Matches `vendor` requests whose path starts with `path`, with `method` (if given) and all the
 *   `query` params (if given); the newest matching live fault decides. It fires with probability
 *   `rate` (default 1; seeded PRNG, `seed` default fixed), at most `times` times (default
 *   unlimited; misses do not count). A fired fault waits `delayMs` then: `hang: true` → never
 *   answers; `status`/`body`/`rawBody` → answers them (status default 200, body default an error
 *   envelope, `rawBody` sent verbatim, `headers` added); neither → served normally (latency only,
 *   `headers` added to the normal answer).
 * - `GET /faults` → `{ faults: [{ ...fault, id, remaining (null = unlimited), hits }] }`.
 * - `DELETE /faults/<id>` removes one (404 if unknown); `DELETE /faults` removes all. Requests
 *   hanging on a removed fault are then served normally.
 *
 * Latency
 * - `PUT /latency` `{ ms }` adds `ms` (0–120 000, 0 = off) to every vendor request, on top of a
 *   fault's `delayMs`; `GET /latency` → `{ ms }`. Initial value: `opts.latencyMs`, else env
 *   `SIMULATOR_LATENCY_MS`, else 0.
 *
 * Rocket.Chat rate limiter (`rate-limit.ts`; `rocketchat-analytics.md` §1.4), on real time
 *   (`Date.now`, not the simulator clock). Every `/rocketchat/api/v1/...` route gets `limit` calls
 *   per fixed window of `windowMs` (opened by the key's first call) per client IP
 *   (`socket.remoteAddress`, never X-Forwarded-For) × method + path. It runs after the auth check
 *   (a 401 costs nothing; `POST /api/v1/login` is limited by IP), skips roles admin/bot/app
 *   (`api-bypass-rate-limit`), and while enforced adds `X-RateLimit-Limit`, `-Remaining` (left
 *   after this call, ≥ 0) and `-Reset` (window end, epoch ms) to every answer of the route. Over
 *   the limit: 429 `{ success: false, error: "Error, too many requests. … You must wait N seconds
 *   … [error-too-many-requests]" }`, N = ceil(seconds to reset), no `Retry-After`.
 * - `GET /rate-limit` → `{ enabled, limit, windowMs }`.
 * - `PUT /rate-limit` with any of `{ enabled, limit (≥ 1), windowMs (1–86 400 000) }` →
 *   `{ ok: true, enabled, limit, windowMs }`; resets every window.
 * - `DELETE /rate-limit/windows` resets the counters only.
 *   Initial value: `opts.rocketchatRateLimit` (missing fields = 10 / 60 000), else env
 *   `SIMULATOR_RC_RATE_LIMIT` (`off` | `on` | `<limit>/<windowMs>`), else on with 10 / 60 000.
 *
 * `opts.extraCredentials` adds credentials the vendors accept (see `ExtraCredentials`).
 *
 * The clock is `opts.now`, else a frozen `SIMULATOR_NOW` (ISO instant), else `Date.now`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import type { ExtraCredentials } from "./accounts";
import { getDataset } from "./dataset";
import { FaultBook, faultAction, faultInput, type Vendor } from "./faults";
import { SimulatorBugError, type SimRequest, type SimResponse } from "./http";
import { handleLiveChat } from "./livechat";
import {
  DEFAULT_RATE_LIMIT,
  RateLimiter,
  parseRateLimitEnv,
  type RateLimitConfig,
} from "./rate-limit";
import { createRocketChatState, handleRocketChat } from "./rocketchat";

export interface SimulatorOptions {
  /** Clock in epoch ms; defaults to a frozen `SIMULATOR_NOW` or `Date.now`. */
  now?: () => number;
  /**
   * Rocket.Chat's rate limiter; overrides `SIMULATOR_RC_RATE_LIMIT`. Missing `limit`/`windowMs`
   * take Rocket.Chat's defaults (10 calls / 60 000 ms).
   */
  rocketchatRateLimit?: { enabled: boolean; limit?: number; windowMs?: number };
  /** Initial global latency in ms; overrides `SIMULATOR_LATENCY_MS`. */
  latencyMs?: number;
  /** Credentials accepted besides the fixed ones (the leak test's canary secrets). */
  extraCredentials?: ExtraCredentials;
}

export interface Simulator {
  server: http.Server;
  listen(port: number, host?: string): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
}

type Env = Record<string, string | undefined>;

const JSON_TYPE = "application/json; charset=utf-8";
const MAX_BODY_BYTES = 1_000_000;
const MAX_LATENCY_MS = 120_000;
const MAX_WINDOW_MS = 86_400_000;
const MAX_RECORDED_HEADERS = 100;

interface ReceivedHeaders {
  vendor: Vendor;
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
}

const latencyInput = z.object({ ms: z.number().int().min(0).max(MAX_LATENCY_MS) });
const rateLimitInput = z
  .object({
    enabled: z.boolean(),
    limit: z.number().int().min(1),
    windowMs: z.number().int().min(1).max(MAX_WINDOW_MS),
  })
  .partial()
  .strict();

/** Resolves the simulator clock: explicit option, else frozen SIMULATOR_NOW, else real time. */
export function resolveClock(opts?: SimulatorOptions, env: Env = process.env): () => number {
  if (opts?.now) return opts.now;
  const fixed = env.SIMULATOR_NOW;
  if (fixed !== undefined && fixed !== "") {
    const ms = Date.parse(fixed);
    if (Number.isNaN(ms)) throw new Error(`SIMULATOR_NOW is not an ISO instant: ${fixed}`);
    return () => ms;
  }
  return () => Date.now();
}

/** The initial rate-limit settings: `opts.rocketchatRateLimit`, else `SIMULATOR_RC_RATE_LIMIT`. */
export function resolveRateLimit(opts?: SimulatorOptions, env: Env = process.env): RateLimitConfig {
  const explicit = opts?.rocketchatRateLimit;
  if (!explicit) return parseRateLimitEnv(env.SIMULATOR_RC_RATE_LIMIT);
  const parsed = rateLimitInput.required({ enabled: true }).safeParse(explicit);
  if (!parsed.success) throw new Error(`invalid rocketchatRateLimit: ${parsed.error.message}`);
  return { ...DEFAULT_RATE_LIMIT, ...parsed.data };
}

/** The initial global latency in ms: `opts.latencyMs`, else `SIMULATOR_LATENCY_MS`, else 0. */
export function resolveLatency(opts?: SimulatorOptions, env: Env = process.env): number {
  const raw = opts?.latencyMs ?? (env.SIMULATOR_LATENCY_MS?.trim() || undefined);
  if (raw === undefined) return 0;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_LATENCY_MS)
    throw new Error(`SIMULATOR_LATENCY_MS must be an integer 0–${MAX_LATENCY_MS}, got: ${raw}`);
  return ms;
}

/** `<path>?<params sorted by key, then value>`, URL-encoded; just `<path>` without params. */
export function queryKey(path: string, query: URLSearchParams): string {
  const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const pairs = [...query].sort(([ka, va], [kb, vb]) => byCodeUnit(ka, kb) || byCodeUnit(va, vb));
  if (pairs.length === 0) return path;
  const encoded = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return `${path}?${encoded.join("&")}`;
}

/** A request held by a `hang` fault; `settle(true)` serves it normally, `settle(false)` drops it. */
interface HungRequest {
  faultId: string;
  res: http.ServerResponse;
  settle(serve: boolean): void;
}

export function createSimulator(opts?: SimulatorOptions): Simulator {
  const now = resolveClock(opts);
  const rocketchatState = createRocketChatState();
  // Real time on purpose: the simulator clock may be frozen, Rocket.Chat's limiter never is.
  const rateLimiter = new RateLimiter(resolveRateLimit(opts), Date.now);
  let latencyMs = resolveLatency(opts);
  const faults = new FaultBook();

  const requests = new Map<string, number>();
  const responses = new Map<string, number>();
  const queries = new Map<string, number>();
  const receivedHeaders: ReceivedHeaders[] = [];
  let rateLimited = 0;
  const bump = (map: Map<string, number>, key: string): void => {
    map.set(key, (map.get(key) ?? 0) + 1);
  };

  let closing = false;
  const pendingDelays = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  const hung = new Set<HungRequest>();

  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          pendingDelays.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      pendingDelays.add(entry);
    });

  /** Holds `res` until its fault is deleted (→ true) or the client or server goes away (→ false). */
  const hang = (faultId: string, res: http.ServerResponse): Promise<boolean> => {
    if (closing || res.destroyed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onClose = (): void => entry.settle(false);
      const entry: HungRequest = {
        faultId,
        res,
        settle(serve) {
          hung.delete(entry);
          res.off("close", onClose);
          resolve(serve);
        },
      };
      res.on("close", onClose);
      hung.add(entry);
    });
  };

  /** Serves the requests hanging on `faultId` (all of them when undefined) normally. */
  const release = (faultId?: string): void => {
    for (const entry of [...hung])
      if (faultId === undefined || entry.faultId === faultId) entry.settle(true);
  };

  /** @returns whether the response was written (false when the client is already gone). */
  const send = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): boolean => {
    if (res.destroyed || res.headersSent) return false;
    const text = typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(status, {
      "content-type": JSON_TYPE,
      "content-length": Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
    return true;
  };

  function handleControl(
    method: string,
    path: string,
    body: unknown,
    res: http.ServerResponse,
  ): void {
    const route = `${method} ${path}`;
    if (route === "GET /health") {
      const t = now();
      send(res, 200, { ok: true, now: t, nowIso: new Date(t).toISOString() });
      return;
    }
    if (route === "GET /stats") {
      let total = 0;
      for (const n of requests.values()) total += n;
      send(res, 200, {
        requests: Object.fromEntries(requests),
        total,
        responses: Object.fromEntries(responses),
        rateLimited,
        queries: Object.fromEntries(queries),
      });
      return;
    }
    if (route === "DELETE /stats") {
      requests.clear();
      responses.clear();
      queries.clear();
      receivedHeaders.length = 0;
      rateLimited = 0;
      send(res, 200, { ok: true });
      return;
    }
    if (route === "GET /last-headers") {
      send(res, 200, { requests: receivedHeaders });
      return;
    }
    if (route === "DELETE /last-headers") {
      receivedHeaders.length = 0;
      send(res, 200, { ok: true });
      return;
    }
    if (route === "GET /faults") {
      send(res, 200, { faults: faults.list() });
      return;
    }
    if (route === "POST /faults") {
      const parsed = faultInput.safeParse(body);
      if (!parsed.success) {
        send(res, 400, { error: `invalid fault: ${parsed.error.message}` });
        return;
      }
      const fault = faults.add(parsed.data);
      send(res, 201, { ok: true, id: fault.id, faults: faults.size });
      return;
    }
    if (route === "DELETE /faults") {
      faults.clear();
      release();
      send(res, 200, { ok: true });
      return;
    }
    const faultId = method === "DELETE" ? /^\/faults\/([^/]+)$/.exec(path)?.[1] : undefined;
    if (faultId !== undefined) {
      const id = decodeURIComponent(faultId);
      if (!faults.remove(id)) {
        send(res, 404, { error: `no fault ${id}` });
        return;
      }
      release(id);
      send(res, 200, { ok: true });
      return;
    }
    if (route === "GET /latency") {
      send(res, 200, { ms: latencyMs });
      return;
    }
    if (route === "PUT /latency") {
      const parsed = latencyInput.safeParse(body);
      if (!parsed.success) {
        send(res, 400, { error: `invalid latency: ${parsed.error.message}` });
        return;
      }
      latencyMs = parsed.data.ms;
      send(res, 200, { ok: true, ms: latencyMs });
      return;
    }
    if (route === "GET /rate-limit") {
      send(res, 200, rateLimiter.config);
      return;
    }
    if (route === "PUT /rate-limit") {
      const parsed = rateLimitInput.safeParse(body);
      if (!parsed.success) {
        send(res, 400, { error: `invalid rate limit: ${parsed.error.message}` });
        return;
      }
      // Drop absent keys so they keep their current value.
      const patch = Object.fromEntries(
        Object.entries(parsed.data).filter(([, v]) => v !== undefined),
      ) as Partial<RateLimitConfig>;
      send(res, 200, { ok: true, ...rateLimiter.configure(patch) });
      return;
    }
    if (route === "DELETE /rate-limit/windows") {
      rateLimiter.resetWindows();
      send(res, 200, { ok: true });
      return;
    }
    send(res, 404, { error: "Not found" });
  }

  async function handleVendor(
    vendor: Vendor,
    req: SimRequest,
    res: http.ServerResponse,
  ): Promise<void> {
    const key = `${vendor} ${req.method} ${req.path}`;
    bump(requests, key);
    bump(queries, `${vendor} ${req.method} ${queryKey(req.path, req.query)}`);
    receivedHeaders.push({ vendor, method: req.method, path: req.path, headers: req.headers });
    if (receivedHeaders.length > MAX_RECORDED_HEADERS) receivedHeaders.shift();
    const reply = (status: number, body: unknown, headers?: Record<string, string>): void => {
      if (send(res, status, body, headers)) bump(responses, `${key} ${status}`);
    };

    const fault = faults.take({ vendor, method: req.method, path: req.path, query: req.query });
    const wait = latencyMs + (fault?.spec.delayMs ?? 0);
    if (wait > 0) await delay(wait);
    if (fault) {
      const action = faultAction(fault.spec);
      if (action.kind === "respond") return reply(action.status, action.text, action.headers);
      // A released hang falls through and is served normally; a dropped one is gone.
      if (action.kind === "hang" && !(await hang(fault.id, res))) return;
    }

    let response: SimResponse;
    try {
      response =
        vendor === "livechat"
          ? handleLiveChat(req, { now, extraCredentials: opts?.extraCredentials })
          : handleRocketChat(req, {
              now,
              state: rocketchatState,
              rateLimiter,
              onRateLimited: () => rateLimited++,
              extraCredentials: opts?.extraCredentials,
            });
    } catch (err) {
      // A body failing its own schema (or any crash) is a simulator bug: make it loud.
      const message =
        err instanceof SimulatorBugError ? err.message : `simulator crashed: ${String(err)}`;
      console.error(`[simulator] ${key}: ${message}`);
      response = { status: 500, body: { error: "Internal Server Error", simulatorBug: message } };
    }
    // A latency-only fault's `headers` ride on the normal answer (e.g. an upstream `Set-Cookie`).
    reply(response.status, response.body, { ...response.headers, ...fault?.spec.headers });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://simulator.local");
    const method = (req.method ?? "GET").toUpperCase();
    const { body, invalidJson, tooLarge } = await readJsonBody(req);
    if (tooLarge) {
      send(res, 413, { error: "Payload Too Large" });
      return;
    }

    const mount = /^\/(livechat|rocketchat|__simulator)(\/.*)?$/.exec(url.pathname);
    const prefix = mount?.[1];
    const path = mount?.[2] ?? "/";
    if (prefix === "__simulator") return handleControl(method, path, body, res);
    if (prefix === "livechat" || prefix === "rocketchat") {
      return handleVendor(
        prefix,
        {
          method,
          path,
          query: url.searchParams,
          headers: req.headers,
          body,
          invalidJson,
          clientIp: req.socket.remoteAddress,
        },
        res,
      );
    }
    send(res, 404, { error: "Not found" });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error("[simulator] unhandled error", err);
      send(res, 500, { error: "Internal Server Error" });
    });
  });

  return {
    server,
    listen(port, host = "127.0.0.1") {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          const address = server.address() as AddressInfo;
          resolve({ url: `http://${host}:${address.port}`, port: address.port });
        });
      });
    },
    close() {
      closing = true;
      // Hanging requests would keep `server.close()` waiting forever: drop them and their sockets.
      for (const entry of [...hung]) {
        entry.settle(false);
        entry.res.socket?.destroy();
      }
      for (const entry of pendingDelays) {
        clearTimeout(entry.timer);
        entry.resolve();
      }
      pendingDelays.clear();
      return new Promise((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

async function readJsonBody(
  req: http.IncomingMessage,
): Promise<{ body: unknown; invalidJson: boolean; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY_BYTES) return { body: undefined, invalidJson: false, tooLarge: true };
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return { body: undefined, invalidJson: false, tooLarge: false };
  try {
    return { body: JSON.parse(text) as unknown, invalidJson: false, tooLarge: false };
  } catch {
    return { body: undefined, invalidJson: true, tooLarge: false };
  }
}

/** Builds the dataset for the simulator clock once, so the first request is not slow. Returns ms spent. */
export function warmDataset(now: () => number): number {
  const started = performance.now();
  getDataset(now());
  return performance.now() - started;
}
