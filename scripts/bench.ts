/**
 * `npm run bench`: Chatlens' performance figures in one run, against a production build
 * (`next start`) configured for both sources — the real-upstream path, not demo mode —
 * pointed at the simulator (started here in its own process, real clock, Rocket.Chat's default rate
 * limit of 10 calls/min per route ON). Sections (`shared/reference/
 * security-reliability-performance.md` §B3, §C5, Checklist 2):
 *
 * (a) upstream calls per distinct upstream query when 100 viewers refresh the overview 10
 *     times, each round all at once, for source=livechat, rocketchat and all, each on a date
 *     range nobody asked before (cold cache);
 * (b) warm-cache latency/throughput with autocannon (-c 50 -d BENCH_DURATION) of
 *     `/api/metrics/chats.total`, a bare `node:http` server and a trivial Next route handler
 *     (`/api/bench/floor`), all answering the same bytes;
 * (d) the Next server's peak RSS during (b);
 * (c) the overview fully loaded in headless Chromium with 300 ms upstream latency, against
 *     one plain upstream round trip.
 * Writes `bench/results.json` and prints a table.
 *
 * Env: BENCH_DURATION (seconds per autocannon run, default 10), BENCH_BUILD=1 (rebuild),
 * CHATLENS_DIST_DIR (default `.next-bench`), BENCH_VIEWERS / BENCH_ROUNDS (default 100 / 10),
 * BENCH_STRICT=1 (exit 1 when a target is missed).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SourceSelector, SourcesResponse } from "@/lib/metrics/types";
import { metricQueryString } from "@/lib/queries/metrics";
import {
  LIVECHAT_SERVICE_API_KEY,
  LIVECHAT_SERVICE_LOGIN,
  ROCKETCHAT_SERVICE_USER,
} from "../simulator/accounts";
import { signIn, startApp, type RunningApp } from "../tests/support/app-server";
import { runAmplification, type AmplificationResult } from "./bench/amplification";
import { BENCH_DIST_DIR, ensureBuild } from "./bench/build";
import { processTree, readStatus, RssSampler, type MemoryFigures } from "./bench/memory";
import {
  logRun,
  OverviewBrowser,
  overviewWidgets,
  upstreamRoundTrip,
  warmLists,
  type LoadRun,
} from "./bench/overview-load";
import { cannon, startBareServer, type CannonFigures } from "./bench/throughput";
import {
  childPids,
  control,
  formatTable,
  FreshRanges,
  getJson,
  getText,
  isoDay,
  log,
  median,
  round,
  sleep,
  startSimulatorProcess,
  type SimulatorStats,
} from "./bench/util";

const ROOT = path.resolve(__dirname, "..");
const RESULTS = path.join(ROOT, "bench", "results.json");

const DURATION = positiveInt("BENCH_DURATION", 10);
const VIEWERS = positiveInt("BENCH_VIEWERS", 100);
const ROUNDS = positiveInt("BENCH_ROUNDS", 10);
const CONNECTIONS = 50;
const WARMUP_SECONDS = 2;
const LATENCY_MS = 300;
const LOAD_RUNS = 5;

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Cleanup: every child and server goes away on normal exit, on error and on Ctrl-C.

const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | undefined;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      await Promise.race([fn().catch(() => undefined), sleep(8_000)]);
    }
  })();
  return cleaning;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    // Whatever has not stopped after 6 s is killed by the exit handler below.
    void Promise.race([cleanup(), sleep(6_000)]).finally(() => process.exit(130));
  });
}
process.on("exit", () => {
  for (const pid of childPids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

// ---------------------------------------------------------------------------------------------

interface Target {
  name: string;
  value: number;
  limit: string;
  pass: boolean;
  unit?: string;
}

async function main() {
  const started = performance.now();
  const date = new Date().toISOString();
  // Other jobs on the machine skew every figure: keep the 1-minute load average with them.
  const load: Record<string, number> = {};
  const noteLoad = (phase: string) => (load[phase] = round(os.loadavg()[0]!, 2));
  noteLoad("start");

  const build = await ensureBuild(ROOT);
  if (build.built) log(`built in ${round(build.seconds)} s`);

  // Simulator: in-process, real clock, Rocket.Chat's default limiter explicitly ON, no latency.
  const simulator = await startSimulatorProcess(ROOT);
  const simulatorUrl = simulator.url;
  cleanups.push(() => simulator.stop());
  const rateLimit = await control<{ enabled: boolean; limit: number; windowMs: number }>(
    simulatorUrl,
    "GET",
    "/rate-limit",
  );
  log(`simulator on ${simulatorUrl}; Rocket.Chat limiter ${JSON.stringify(rateLimit)}`);

  // The floor route reads this file on first use; it is written once the metric body is known.
  const tmp = mkdtempSync(path.join(os.tmpdir(), "chatlens-bench-"));
  cleanups.push(async () => rmSync(tmp, { recursive: true, force: true }));
  const floorFile = path.join(tmp, "floor-body.json");

  log(`next start (${BENCH_DIST_DIR})`);
  const app: RunningApp = await startApp(
    {
      LIVECHAT_API_URL: `${simulatorUrl}/livechat`,
      LIVECHAT_LOGIN: LIVECHAT_SERVICE_LOGIN,
      LIVECHAT_API_KEY: LIVECHAT_SERVICE_API_KEY,
      ROCKETCHAT_URL: `${simulatorUrl}/rocketchat`,
      ROCKETCHAT_USER_ID: ROCKETCHAT_SERVICE_USER._id,
      ROCKETCHAT_AUTH_TOKEN: ROCKETCHAT_SERVICE_USER.authToken,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      CHATLENS_TIMEZONE: "UTC",
      CHATLENS_BENCH_FLOOR_FILE: floorFile,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    { distDir: BENCH_DIST_DIR },
  );
  if (app.pid !== undefined) childPids.add(app.pid);
  cleanups.push(() => app.stop());
  const nextPid = app.pid!;
  const tree = processTree(nextPid).map((pid) => ({ pid, cmd: readStatus(pid)?.cmd ?? "?" }));
  log(`app on ${app.url}; next process tree: ${tree.map((p) => p.pid).join(", ")}`);

  const { cookie, error } = await signIn(app.url, "livechat", {
    login: LIVECHAT_SERVICE_LOGIN,
    apiKey: LIVECHAT_SERVICE_API_KEY,
  });
  if (!cookie) throw new Error(`sign-in refused: ${error}\n${app.logs.join("")}`);
  const sources = await getJson<SourcesResponse>(`${app.url}/api/sources`, cookie);
  const today = isoDay(Date.now());
  const ranges = new FreshRanges(today);

  // (a) ---------------------------------------------------------------------------------------
  noteLoad("beforeA");
  const amplification: AmplificationResult[] = [];
  for (const source of ["livechat", "rocketchat", "all"] as const satisfies SourceSelector[]) {
    log(`(a) ${VIEWERS} viewers × ${ROUNDS} rounds, source=${source}`);
    amplification.push(
      await runAmplification({
        appUrl: app.url,
        simulatorUrl,
        cookie,
        sources,
        source,
        range: ranges.take(),
        today,
        viewers: VIEWERS,
        rounds: ROUNDS,
      }),
    );
  }

  // (b) + (d) ---------------------------------------------------------------------------------
  const warmRange = ranges.take();
  const metricsUrl = `${app.url}/api/metrics/chats.total?${metricQueryString({
    source: "livechat",
    ...warmRange,
    granularity: "day",
    group: null,
    agent: null,
    compare: true,
  })}`;
  const first = await getText(metricsUrl, cookie);
  const warm = await getText(metricsUrl, cookie);
  if (first.status !== 200 || warm.status !== 200)
    throw new Error(`warming ${metricsUrl} → ${first.status}/${warm.status}: ${warm.body}`);
  if (first.body !== warm.body) log("(b) note: the metric body changed between two warm reads");
  const contentType = warm.contentType ?? "application/json";
  writeFileSync(floorFile, warm.body);
  const floorUrl = `${app.url}/api/bench/floor`;
  const floorCheck = await getText(floorUrl);
  if (floorCheck.status !== 200 || floorCheck.body !== warm.body) {
    throw new Error(
      `/api/bench/floor → ${floorCheck.status}; expected the metric's bytes. ` +
        `Is the build older than the route? Run with BENCH_BUILD=1.`,
    );
  }
  const bare = await startBareServer(floorFile, contentType);
  cleanups.push(() => bare.stop());
  const bareCheck = await getText(bare.url);
  if (bareCheck.body !== warm.body) throw new Error("the bare server answers different bytes");
  const bodyBytes = Buffer.byteLength(warm.body);
  log(`(b) body ${bodyBytes} bytes, ${contentType}; autocannon -c ${CONNECTIONS} -d ${DURATION}`);

  noteLoad("beforeB");
  const statsBeforeB = await control<SimulatorStats>(simulatorUrl, "GET", "/stats");
  const sampler = new RssSampler(nextPid).start();
  const common = {
    expectBody: warm.body,
    connections: CONNECTIONS,
    durationSeconds: DURATION,
    warmupSeconds: WARMUP_SECONDS,
  };
  const throughput: CannonFigures[] = [];
  throughput.push(await cannon({ ...common, target: "bare node:http", url: bare.url }));
  await sleep(1_000);
  throughput.push(await cannon({ ...common, target: "Next floor route", url: floorUrl }));
  await sleep(1_000);
  throughput.push(
    await cannon({
      ...common,
      target: "/api/metrics (warm)",
      url: metricsUrl,
      headers: { cookie },
    }),
  );
  const memory: MemoryFigures = sampler.stop();
  noteLoad("afterB");
  const statsAfterB = await control<SimulatorStats>(simulatorUrl, "GET", "/stats");
  const upstreamCallsDuringB = statsAfterB.total - statsBeforeB.total;
  await bare.stop();

  // (c) ---------------------------------------------------------------------------------------
  noteLoad("beforeC");
  await control(simulatorUrl, "PUT", "/latency", { ms: LATENCY_MS });
  cleanups.push(async () => {
    await control(simulatorUrl, "PUT", "/latency", { ms: 0 }).catch(() => undefined);
  });
  let roundTrip: { medianMs: number; samplesMs: number[] };
  const livechatRuns: LoadRun[] = [];
  const rocketchatRuns: LoadRun[] = [];
  try {
    roundTrip = await upstreamRoundTrip(
      simulatorUrl,
      LIVECHAT_SERVICE_LOGIN,
      LIVECHAT_SERVICE_API_KEY,
    );
    log(`(c) one upstream round trip: ${round(roundTrip.medianMs)} ms (median of 5)`);
    await warmLists(app.url, cookie);
    await control(simulatorUrl, "DELETE", "/stats");
    const browser = await OverviewBrowser.launch(app.url, cookie);
    cleanups.push(() => browser.close());
    for (let i = 0; i < LOAD_RUNS; i++) {
      const range = ranges.take();
      const run = await browser.load(
        "livechat",
        range,
        overviewWidgets(sources, "livechat", range, today),
      );
      logRun(run, i + 1);
      livechatRuns.push(run);
    }
    const rcRange = ranges.take();
    const rcRun = await browser.load(
      "rocketchat",
      rcRange,
      overviewWidgets(sources, "rocketchat", rcRange, today),
    );
    logRun(rcRun, 1);
    rocketchatRuns.push(rcRun);
    await browser.close();
  } finally {
    await control(simulatorUrl, "PUT", "/latency", { ms: 0 });
  }
  const statsC = await control<SimulatorStats>(simulatorUrl, "GET", "/stats");
  noteLoad("afterC");

  // Report ------------------------------------------------------------------------------------
  const serverWarnings = app.logs
    .join("")
    .split("\n")
    .filter((l) => /\[upstream\]|\[api\]|error|warn/i.test(l));
  await app.stop();
  const seconds = (performance.now() - started) / 1000;

  const [bareFig, floorFig, metricsFig] = throughput as [
    CannonFigures,
    CannonFigures,
    CannonFigures,
  ];
  const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);
  const ratios = {
    p99MetricsOverFloor: ratio(metricsFig.p99, floorFig.p99),
    p99MetricsOverBare: ratio(metricsFig.p99, bareFig.p99),
    p50MetricsOverFloor: ratio(metricsFig.p50, floorFig.p50),
    p50MetricsOverBare: ratio(metricsFig.p50, bareFig.p50),
    meanMetricsOverFloor: ratio(metricsFig.mean, floorFig.mean),
    reqPerSecMetricsOverFloor: ratio(metricsFig.reqPerSec, floorFig.reqPerSec),
    reqPerSecMetricsOverBare: ratio(metricsFig.reqPerSec, bareFig.reqPerSec),
  };
  const warmLoads = livechatRuns.slice(1).map((r) => r.loadedMs);
  const livechatMedian = median(warmLoads);
  const rcLoad = rocketchatRuns[0]?.loadedMs ?? Number.NaN;
  const rt = roundTrip!.medianMs;

  const targets: Target[] = [];
  for (const a of amplification) {
    targets.push({
      name: `(a) ${a.source}: upstream calls per distinct query`,
      value: round(a.callsPerDistinctQuery, 2),
      limit: "≤ 1.0",
      pass: a.callsPerDistinctQuery <= 1.0,
    });
    targets.push({
      name: `(a) ${a.source}: non-2xx answers`,
      value: a.non2xx,
      limit: "= 0",
      pass: a.non2xx === 0,
    });
    targets.push({
      name: `(a) ${a.source}: Rocket.Chat 429s`,
      value: a.rocketchat429,
      limit: "= 0",
      pass: a.rocketchat429 === 0,
    });
  }
  targets.push({
    name: "(b) p99 /api/metrics ÷ p99 floor route",
    value: round(ratios.p99MetricsOverFloor, 2),
    limit: "≤ 1.5",
    pass: ratios.p99MetricsOverFloor <= 1.5,
  });
  targets.push({
    name: "(b) p99 /api/metrics at c=50 (Checklist 2 #7)",
    value: metricsFig.p99,
    unit: "ms",
    limit: "≤ 300",
    pass: metricsFig.p99 <= 300,
  });
  targets.push({
    name: "(b) non-2xx, errors or wrong bodies",
    value: throughput.reduce((s, t) => s + t.non2xx + t.errors + t.mismatches, 0),
    limit: "= 0",
    pass: throughput.every((t) => t.non2xx + t.errors + t.mismatches === 0),
  });
  targets.push({
    name: "(c) livechat overview loaded ÷ upstream round trip",
    value: round(ratio(livechatMedian, rt), 2),
    limit: "≤ 1.5",
    pass: ratio(livechatMedian, rt) <= 1.5,
  });
  targets.push({
    name: "(c) rocketchat overview loaded ÷ upstream round trip",
    value: round(ratio(rcLoad, rt), 2),
    limit: "≤ 1.5",
    pass: ratio(rcLoad, rt) <= 1.5,
  });
  targets.push({
    name: "(c) widgets ending in an error",
    value: [...livechatRuns, ...rocketchatRuns].reduce((s, r) => s + r.errors.length, 0),
    limit: "= 0",
    pass: [...livechatRuns, ...rocketchatRuns].every((r) => r.errors.length === 0),
  });

  const cpus = os.cpus();
  const results = {
    date,
    durationSeconds: round(seconds),
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? "unknown",
      totalMemGiB: round(os.totalmem() / 2 ** 30, 1),
      platform: `${os.platform()} ${os.release()}`,
      arch: os.arch(),
      loadAverage1m: load,
    },
    node: process.version,
    setup: {
      distDir: BENCH_DIST_DIR,
      built: build.built,
      buildSeconds: round(build.seconds),
      nextProcessTree: tree,
      simulator: "in its own process, real clock",
      rocketchatRateLimit: rateLimit,
      processes:
        "autocannon and the browser driver run in the bench process; the simulator, next start and the bare server each in its own process (2 cores shared)",
      today,
    },
    amplification: amplification.map((a) => ({
      ...a,
      callsPerDistinctQuery: round(a.callsPerDistinctQuery, 3),
      coldRoundMs: round(a.coldRoundMs),
      warmRoundMs: round(a.warmRoundMs),
    })),
    throughput: {
      connections: CONNECTIONS,
      durationSeconds: DURATION,
      warmupSeconds: WARMUP_SECONDS,
      bodyBytes,
      contentType,
      upstreamCallsDuringRun: upstreamCallsDuringB,
      targets: throughput.map((t) => ({
        ...t,
        mean: round(t.mean, 2),
        reqPerSec: round(t.reqPerSec),
      })),
      ratios: Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, round(v, 2)])),
    },
    memory: {
      ...memory,
      lifetimePeakBeforeMiB: memory.lifetimePeakBeforeMiB && round(memory.lifetimePeakBeforeMiB),
      rssBeforeMiB: memory.rssBeforeMiB && round(memory.rssBeforeMiB),
      rssAfterMiB: memory.rssAfterMiB && round(memory.rssAfterMiB),
      sampledPeakMiB: round(memory.sampledPeakMiB),
      hwmMiB: round(memory.hwmMiB),
    },
    overviewLoad: {
      upstreamLatencyMs: LATENCY_MS,
      upstreamRoundTripMs: round(rt),
      upstreamRoundTripSamplesMs: roundTrip!.samplesMs.map((v) => round(v)),
      livechat: {
        runsMs: livechatRuns.map((r) => round(r.loadedMs)),
        medianRuns2to5Ms: round(livechatMedian),
        ratioToRoundTrip: round(ratio(livechatMedian, rt), 2),
        runs: livechatRuns,
      },
      rocketchat: {
        loadedMs: round(rcLoad),
        ratioToRoundTrip: round(ratio(rcLoad, rt), 2),
        runs: rocketchatRuns,
      },
      upstreamCalls: statsC.total,
      upstreamByPath: statsC.requests,
    },
    targets,
    allTargetsMet: targets.every((t) => t.pass),
    serverLogLines: serverWarnings.slice(0, 40),
  };
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);

  printReport({
    date,
    seconds,
    cpus: `${cpus.length} × ${cpus[0]?.model ?? "?"}`,
    load,
    amplification,
    throughput,
    ratios,
    memory,
    rt,
    livechatRuns,
    rocketchatRuns,
    livechatMedian,
    targets,
  });
  await cleanup();
  if (process.env.BENCH_STRICT === "1" && !results.allTargetsMet) process.exit(1);
}

function printReport(r: {
  date: string;
  seconds: number;
  cpus: string;
  load: Record<string, number>;
  amplification: AmplificationResult[];
  throughput: CannonFigures[];
  ratios: Record<string, number>;
  memory: MemoryFigures;
  rt: number;
  livechatRuns: LoadRun[];
  rocketchatRuns: LoadRun[];
  livechatMedian: number;
  targets: Target[];
}) {
  const n = (v: number, d = 0) => (Number.isFinite(v) ? v.toFixed(d) : "—");
  const out: string[] = [];
  out.push(`Chatlens bench — ${r.date}, node ${process.version}, ${r.cpus}, ${n(r.seconds)} s`);
  out.push(
    "autocannon and the browser driver run in the bench process; the simulator, next start and the bare server each in their own process.",
  );
  out.push(
    `1-min load average: ${Object.entries(r.load)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")} (${os.cpus().length} cores; above that, other jobs share the CPU)`,
  );
  out.push("");
  out.push(
    `(a) Upstream amplification — ${VIEWERS} viewers × ${ROUNDS} rounds, cold cache per source`,
  );
  out.push(
    formatTable([
      [
        "source",
        "API/refresh",
        "HTTP served",
        "non-2xx",
        "distinct queries",
        "upstream calls",
        "calls/query",
        "max/query",
        "RC 429",
        "cold round ms",
        "warm round ms",
      ],
      ...r.amplification.map((a) => [
        a.source,
        String(a.refresh.length),
        String(a.httpRequests),
        String(a.non2xx),
        String(a.distinctQueries),
        String(a.upstreamCalls),
        n(a.callsPerDistinctQuery, 2),
        String(a.maxCallsForOneQuery),
        String(a.rocketchat429),
        n(a.coldRoundMs),
        n(a.warmRoundMs),
      ]),
    ]),
  );
  out.push("");
  out.push(
    `(b) Warm cache — autocannon -c ${CONNECTIONS} -d ${DURATION} (after a ${WARMUP_SECONDS} s warm-up), same bytes`,
  );
  out.push(
    formatTable([
      ["target", "p50 ms", "p99 ms", "mean ms", "req/s", "non-2xx", "errors"],
      ...r.throughput.map((t) => [
        t.target,
        String(t.p50),
        String(t.p99),
        n(t.mean, 1),
        n(t.reqPerSec),
        String(t.non2xx),
        String(t.errors + t.mismatches),
      ]),
    ]),
  );
  out.push(
    `    metrics ÷ floor: p99 ${n(r.ratios.p99MetricsOverFloor!, 2)}×, p50 ${n(r.ratios.p50MetricsOverFloor!, 2)}×, req/s ${n(r.ratios.reqPerSecMetricsOverFloor!, 2)}×` +
      ` | metrics ÷ bare: p99 ${n(r.ratios.p99MetricsOverBare!, 2)}×, p50 ${n(r.ratios.p50MetricsOverBare!, 2)}×, req/s ${n(r.ratios.reqPerSecMetricsOverBare!, 2)}×`,
  );
  out.push("");
  const m = r.memory;
  out.push(
    `(d) Next server RSS during (b): before ${n(m.rssBeforeMiB ?? NaN)} MiB, sampled peak ${n(m.sampledPeakMiB)} MiB, ` +
      `VmHWM ${n(m.hwmMiB)} MiB${m.peakResetOk ? "" : " (peak not reset: lifetime)"}, after ${n(m.rssAfterMiB ?? NaN)} MiB; ` +
      `lifetime peak before (b) ${n(m.lifetimePeakBeforeMiB ?? NaN)} MiB; ${m.processes.length} process(es)`,
  );
  out.push("");
  out.push(
    `(c) Overview fully loaded, upstream latency ${LATENCY_MS} ms — one upstream round trip ${n(r.rt)} ms`,
  );
  out.push(
    formatTable([
      ["run", "source", "loaded ms", "TTFB ms", "DCL ms", "last widget", "÷ round trip"],
      ...[...r.livechatRuns, ...r.rocketchatRuns].map((run, i) => [
        run.source === "livechat" ? String(i + 1) + (i === 0 ? " (cold JS)" : "") : "1",
        run.source,
        n(run.loadedMs),
        n(run.ttfbMs),
        n(run.domContentLoadedMs),
        run.lastWidget,
        n(run.loadedMs / r.rt, 2),
      ]),
      ["median 2–5", "livechat", n(r.livechatMedian), "", "", "", n(r.livechatMedian / r.rt, 2)],
    ]),
  );
  out.push("");
  out.push("Targets");
  out.push(
    formatTable([
      ["target", "value", "limit", "result"],
      ...r.targets.map((t) => [
        t.name,
        `${t.value}${t.unit ? ` ${t.unit}` : ""}`,
        t.limit,
        t.pass ? "pass" : "MISS",
      ]),
    ]),
  );
  out.push("");
  out.push(`Written to ${path.relative(ROOT, RESULTS)}`);
  process.stdout.write(`${out.join("\n")}\n`);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  await cleanup();
  process.exit(1);
});
