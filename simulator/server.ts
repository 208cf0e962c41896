/**
 * The simulator's HTTP server (plain `node:http`): LiveChat v2 under `/livechat`, Rocket.Chat
 * under `/rocketchat`, and a control API under `/__simulator` for tests:
 *
 * - `GET /__simulator/health` → `{ ok: true, now, nowIso }` (the simulator clock, epoch ms);
 * - `GET /__simulator/stats` → `{ requests: { "<vendor> <METHOD> <path>": n }, total }`, counting
 *   every vendor request (faulted ones included); `DELETE /__simulator/stats` resets it;
 * - `POST /__simulator/faults` `{ vendor, path, status?, body?, rawBody?, headers?, delayMs?, times? }`
 *   makes vendor requests whose path starts with `path` answer `status`/`body` after `delayMs`
 *   (before any auth check). Without `status` the request is only delayed. `times` limits how
 *   often the fault fires (default: until cleared). `GET` lists faults, `DELETE` clears them.
 *
 * The clock is `opts.now`, else a frozen `SIMULATOR_NOW` (ISO instant), else `Date.now`.
 */
import http, { STATUS_CODES } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { getDataset } from "./dataset";
import { SimulatorBugError, type SimRequest, type SimResponse } from "./http";
import { handleLiveChat } from "./livechat";
import { createRocketChatState, handleRocketChat } from "./rocketchat";

export interface SimulatorOptions {
  /** Clock in epoch ms; defaults to a frozen `SIMULATOR_NOW` or `Date.now`. */
  now?: () => number;
}

export interface Simulator {
  server: http.Server;
  listen(port: number, host?: string): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
}

type Vendor = "livechat" | "rocketchat";

const faultInput = z.object({
  vendor: z.enum(["livechat", "rocketchat"]),
  path: z.string().startsWith("/"),
  status: z.number().int().min(100).max(599).optional(),
  body: z.unknown().optional(),
  /** Sent verbatim instead of JSON (e.g. to simulate a truncated or HTML body). */
  rawBody: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  delayMs: z.number().int().min(0).max(120_000).optional(),
  times: z.number().int().min(1).optional(),
});
type Fault = z.infer<typeof faultInput> & { remaining: number };

const JSON_TYPE = "application/json; charset=utf-8";
const MAX_BODY_BYTES = 1_000_000;

/** Resolves the simulator clock: explicit option, else frozen SIMULATOR_NOW, else real time. */
export function resolveClock(
  opts?: SimulatorOptions,
  env: Record<string, string | undefined> = process.env,
): () => number {
  if (opts?.now) return opts.now;
  const fixed = env.SIMULATOR_NOW;
  if (fixed !== undefined && fixed !== "") {
    const ms = Date.parse(fixed);
    if (Number.isNaN(ms)) throw new Error(`SIMULATOR_NOW is not an ISO instant: ${fixed}`);
    return () => ms;
  }
  return () => Date.now();
}

export function createSimulator(opts?: SimulatorOptions): Simulator {
  const now = resolveClock(opts);
  const rocketchatState = createRocketChatState();
  const stats = new Map<string, number>();
  let faults: Fault[] = [];
  const pendingDelays = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();

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

  const send = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void => {
    if (res.destroyed || res.headersSent) return;
    const text = typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(status, {
      "content-type": JSON_TYPE,
      "content-length": Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };

  async function handleControl(
    method: string,
    path: string,
    body: unknown,
    res: http.ServerResponse,
  ): Promise<void> {
    if (path === "/health" && method === "GET") {
      const t = now();
      return send(res, 200, { ok: true, now: t, nowIso: new Date(t).toISOString() });
    }
    if (path === "/stats" && method === "GET") {
      let total = 0;
      for (const n of stats.values()) total += n;
      return send(res, 200, { requests: Object.fromEntries(stats), total });
    }
    if (path === "/stats" && method === "DELETE") {
      stats.clear();
      return send(res, 200, { ok: true });
    }
    if (path === "/faults" && method === "GET") {
      return send(res, 200, { faults });
    }
    if (path === "/faults" && method === "POST") {
      const parsed = faultInput.safeParse(body);
      if (!parsed.success)
        return send(res, 400, { error: `invalid fault: ${parsed.error.message}` });
      faults.push({ ...parsed.data, remaining: parsed.data.times ?? Infinity });
      return send(res, 201, { ok: true, faults: faults.length });
    }
    if (path === "/faults" && method === "DELETE") {
      faults = [];
      return send(res, 200, { ok: true });
    }
    return send(res, 404, { error: "Not found" });
  }

  /** The most recently added live fault whose path prefixes the request path. */
  function takeFault(vendor: Vendor, path: string): Fault | undefined {
    for (let i = faults.length - 1; i >= 0; i--) {
      const fault = faults[i];
      if (fault && fault.vendor === vendor && path.startsWith(fault.path) && fault.remaining > 0) {
        fault.remaining--;
        return fault;
      }
    }
    return undefined;
  }

  async function handleVendor(
    vendor: Vendor,
    req: SimRequest,
    res: http.ServerResponse,
  ): Promise<void> {
    const key = `${vendor} ${req.method} ${req.path}`;
    stats.set(key, (stats.get(key) ?? 0) + 1);

    const fault = takeFault(vendor, req.path);
    if (fault?.delayMs) await delay(fault.delayMs);
    if (fault?.status !== undefined) {
      const fallback =
        fault.status >= 500
          ? { error: "Internal Server Error" }
          : { error: STATUS_CODES[fault.status] ?? "Error" };
      return send(res, fault.status, fault.rawBody ?? fault.body ?? fallback, fault.headers);
    }

    let response: SimResponse;
    try {
      response =
        vendor === "livechat"
          ? handleLiveChat(req, { now })
          : handleRocketChat(req, { now, state: rocketchatState });
    } catch (err) {
      // A body failing its own schema (or any crash) is a simulator bug: make it loud.
      const message =
        err instanceof SimulatorBugError ? err.message : `simulator crashed: ${String(err)}`;
      console.error(`[simulator] ${key}: ${message}`);
      response = { status: 500, body: { error: "Internal Server Error", simulatorBug: message } };
    }
    send(res, response.status, response.body);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://simulator.local");
    const method = (req.method ?? "GET").toUpperCase();
    const { body, invalidJson, tooLarge } = await readJsonBody(req);
    if (tooLarge) return send(res, 413, { error: "Payload Too Large" });

    const mount = /^\/(livechat|rocketchat|__simulator)(\/.*)?$/.exec(url.pathname);
    const prefix = mount?.[1];
    const path = mount?.[2] ?? "/";
    if (prefix === "__simulator") return handleControl(method, path, body, res);
    if (prefix === "livechat" || prefix === "rocketchat") {
      return handleVendor(
        prefix,
        { method, path, query: url.searchParams, headers: req.headers, body, invalidJson },
        res,
      );
    }
    return send(res, 404, { error: "Not found" });
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
