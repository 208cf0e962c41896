/**
 * (b) Warm-cache latency and throughput with autocannon (programmatic API, in the bench
 * process) against three targets answering the same bytes, each server in its own process:
 *   1. `/api/metrics/chats.total?…` on a warm cache, with the session cookie;
 *   2. a bare `node:http` server (a child process) answering the same body and content-type;
 *   3. `/api/bench/floor`, a trivial route handler of the same Next server (the floor).
 * (d) Meanwhile the Next server's memory is sampled (`memory.ts`).
 */
import { spawn } from "node:child_process";
import autocannon from "autocannon";
import { log, track } from "./util";

export interface CannonFigures {
  target: string;
  url: string;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  max: number;
  reqPerSec: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Answers whose body differed from the expected bytes. */
  mismatches: number;
}

export async function cannon(opts: {
  target: string;
  url: string;
  headers?: Record<string, string>;
  expectBody: string;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}): Promise<CannonFigures> {
  const base = {
    url: opts.url,
    connections: opts.connections,
    headers: opts.headers,
    expectBody: opts.expectBody,
    timeout: 30,
  };
  if (opts.warmupSeconds > 0) await autocannon({ ...base, duration: opts.warmupSeconds });
  const r = await autocannon({ ...base, duration: opts.durationSeconds });
  const figures: CannonFigures = {
    target: opts.target,
    url: opts.url,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    mean: r.latency.mean,
    max: r.latency.max,
    reqPerSec: r.requests.average,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    mismatches: r.mismatches,
  };
  log(
    `(b) ${opts.target}: p50 ${figures.p50} ms, p99 ${figures.p99} ms, ${Math.round(figures.reqPerSec)} req/s, ` +
      `non-2xx ${figures.non2xx}, errors ${figures.errors}, mismatches ${figures.mismatches}`,
  );
  return figures;
}

/** The bare server: plain `node:http`, the file's bytes with the given content-type. */
const BARE_SERVER = `
const http = require("node:http");
const fs = require("node:fs");
const body = fs.readFileSync(process.env.BENCH_BODY_FILE);
const headers = {
  "content-type": process.env.BENCH_CONTENT_TYPE,
  "content-length": String(body.length),
  "cache-control": "private, no-store",
};
const server = http.createServer((req, res) => {
  res.writeHead(200, headers);
  res.end(body);
});
server.keepAliveTimeout = 65000;
server.listen(0, "127.0.0.1", () => process.stdout.write("PORT " + server.address().port + "\\n"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
`;

export async function startBareServer(
  bodyFile: string,
  contentType: string,
): Promise<{ url: string; pid: number | undefined; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ["-e", BARE_SERVER], {
    env: { ...process.env, BENCH_BODY_FILE: bodyFile, BENCH_CONTENT_TYPE: contentType },
    stdio: ["ignore", "pipe", "inherit"],
  });
  track(child);
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("bare server did not start")), 10_000);
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /PORT (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once("exit", (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}
