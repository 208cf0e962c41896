/**
 * Small helpers shared by the benchmark sections: HTTP against the app and the simulator,
 * statistics, date windows, child-process bookkeeping and the printed table.
 */
import { spawn, type ChildProcess } from "node:child_process";

/** One answer of the app or the simulator, body as text. */
export interface TextAnswer {
  status: number;
  body: string;
  contentType: string | null;
  ms: number;
}

/** GET `url` (with the session cookie when given); never throws for an HTTP status. */
export async function getText(
  url: string,
  cookie?: string,
  timeoutMs = 60_000,
): Promise<TextAnswer> {
  const started = performance.now();
  const res = await fetch(url, {
    headers: cookie ? { cookie, accept: "application/json" } : { accept: "application/json" },
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = await res.text();
  return {
    status: res.status,
    body,
    contentType: res.headers.get("content-type"),
    ms: performance.now() - started,
  };
}

/** GET and parse JSON; throws on a non-2xx answer. */
export async function getJson<T>(url: string, cookie?: string): Promise<T> {
  const answer = await getText(url, cookie);
  if (answer.status < 200 || answer.status >= 300)
    throw new Error(`GET ${url} → ${answer.status}: ${answer.body.slice(0, 300)}`);
  return JSON.parse(answer.body) as T;
}

/** A call to the simulator's control API (`/__simulator/...`); throws on a non-2xx answer. */
export async function control<T = unknown>(
  simulatorUrl: string,
  method: "GET" | "PUT" | "DELETE" | "POST",
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${simulatorUrl}/__simulator${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} /__simulator${path} → ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** What `GET /__simulator/stats` answers. */
export interface SimulatorStats {
  requests: Record<string, number>;
  total: number;
  /** Added to the simulator alongside this benchmark: absent on older simulators. */
  responses?: Record<string, number>;
  rateLimited?: number;
  queries?: Record<string, number>;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rounds to `digits` decimals (for the JSON report). */
export function round(value: number, digits = 1): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function isoDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/**
 * Hands out 7-day windows in the past that no earlier section asked for (so every section
 * starts on a cold metric cache), far enough apart that no window is another's previous period.
 */
export class FreshRanges {
  private next = 0;
  constructor(private readonly today: string) {}

  take(): { from: string; to: string } {
    const k = this.next++;
    const day = 86_400_000;
    const todayMs = Date.parse(`${this.today}T00:00:00Z`);
    const to = todayMs - (20 + 16 * k) * day;
    return { from: isoDay(to - 6 * day), to: isoDay(to) };
  }
}

/** Left-aligns the first column and right-aligns the others. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** Process ids to kill on exit, whatever happens to the async cleanup. */
export const childPids = new Set<number>();

export function track(child: ChildProcess): void {
  if (child.pid === undefined) return;
  const pid = child.pid;
  childPids.add(pid);
  child.once("exit", () => childPids.delete(pid));
}

export function log(message: string): void {
  const t = new Date().toISOString().slice(11, 19);
  process.stderr.write(`[bench ${t}] ${message}\n`);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The simulator in its own process (`simulator/main.ts` on a free port, real clock, Rocket.Chat's
 * default rate limit on), like a real upstream: its work never queues behind the bench's own
 * (autocannon, the browser driver) on one event loop.
 */
export async function startSimulatorProcess(
  root: string,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "simulator/main.ts"], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", SIMULATOR_PORT: "0", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  track(child);
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the simulator did not start:\n${output}`)),
      60_000,
    );
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the simulator exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
