/**
 * `npm run bench:tv`: the TV screen's endurance run. One screen with three boards (LiveChat
 * today, Rocket.Chat last 7 days, all sources last 30 days; 13 tiles) refreshing every 30 s
 * and rotating every 30 s, in headless Chromium with Playwright's fake clock driven through
 * 24 hours (`TV_HOURS`) in 30 s steps: every step fires the refresh, rotation, heartbeat and
 * clock timers and waits for the TV's requests to settle. Against a production build
 * (`.next-bench`, built when missing) and the simulator in its own process.
 *
 * Records, after a forced garbage collection (CDP `HeapProfiler.collectGarbage`), the JS (V8)
 * heap in use (`Runtime.getHeapUsage`; Blink's heap apart), DOM nodes and event listeners (CDP
 * `Performance.getMetrics`) after 15 simulated minutes (every board shown, every chunk
 * loaded), after the first hour (the start the growth is counted from: see WARMUP_STEPS) and
 * every 2 simulated hours, and prints the growth from start to end (target: under 10 %), and
 * from the 15-minute sample too. Also counts requests,
 * failed requests, reloads and tiles left stale. Writes `bench/tv-endurance.json`;
 * `TV_HEAP_SNAPSHOTS=<dir>` also writes heap snapshots at the start and the end (compare them
 * in Chrome DevTools to find what grew).
 *
 * Every sample is taken with the same board on screen (steps that are whole rotations), and
 * the run stops just short of 24 h of uptime (23 h 58 min 30 s): at 24 h a screen without
 * quiet hours reloads itself by design (`reloadReason`), which would reset every figure.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type CDPSession, type Page } from "@playwright/test";
import { metricsForSource } from "@/lib/metrics/definitions";
import {
  LIVECHAT_SERVICE_API_KEY,
  LIVECHAT_SERVICE_LOGIN,
  ROCKETCHAT_SERVICE_USER,
} from "../simulator/accounts";
import { signIn, startApp } from "../tests/support/app-server";
import { BENCH_DIST_DIR, ensureBuild } from "./bench/build";
import { CHROMIUM_ARGS, systemChromium } from "../tests/support/chromium";
import { childPids, formatTable, log, round, sleep, startSimulatorProcess } from "./bench/util";

const ROOT = path.resolve(__dirname, "..");
const RESULTS = path.join(ROOT, "bench", "tv-endurance.json");
const STEP_MS = 30_000;
const HOURS = Number(process.env.TV_HOURS ?? 24);
/** Boards on the screen: every sample is taken on the same one (a whole number of rotations). */
const BOARDS = 3;
const TOTAL_STEPS = Math.floor((Math.round((HOURS * 3_600_000) / STEP_MS) - 1) / BOARDS) * BOARDS;
/** First sample (everything loaded, every board shown). */
const EARLY_STEPS = (15 * 60_000) / STEP_MS;
/**
 * The start the growth is counted from: one simulated hour, once V8 has optimised the hot
 * code (its compiled code is most of what the heap gains in the first hour; compare the heap
 * snapshots of TV_HEAP_SNAPSHOTS to see it). The early sample is printed too.
 */
const WARMUP_STEPS = 3_600_000 / STEP_MS;
const SNAPSHOTS = process.env.TV_HEAP_SNAPSHOTS;
const SAMPLE_EVERY_STEPS = (2 * 3_600_000) / STEP_MS;

interface Sample {
  simulatedHours: number;
  /** V8's heap in use after a full GC. */
  heapUsedMiB: number;
  /** Blink's (C++) heap in use, DevTools' network buffers included. */
  blinkHeapMiB: number;
  domNodes: number;
  elements: number;
  listeners: number;
}

/** Writes a V8 heap snapshot of the page (for DevTools' Comparison view) to `file`. */
async function heapSnapshot(cdp: CDPSession, file: string): Promise<void> {
  const chunks: string[] = [];
  const onChunk = ({ chunk }: { chunk: string }) => chunks.push(chunk);
  cdp.on("HeapProfiler.addHeapSnapshotChunk", onChunk);
  await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  cdp.off("HeapProfiler.addHeapSnapshotChunk", onChunk);
  writeFileSync(file, chunks.join(""));
  log(`heap snapshot → ${file}`);
}

async function measure(cdp: CDPSession, page: Page, steps: number): Promise<Sample> {
  await cdp.send("HeapProfiler.collectGarbage");
  // V8's heap alone (what the page's JavaScript holds). Blink's own heap is reported apart:
  // most of its growth is DevTools' copy of every response, which exists only because the
  // harness attaches DevTools (Playwright) — a TV on the wall has none.
  const heap = (await cdp.send("Runtime.getHeapUsage")) as {
    usedSize: number;
    embedderHeapUsedSize?: number;
  };
  const { metrics } = await cdp.send("Performance.getMetrics");
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return {
    simulatedHours: round((steps * STEP_MS) / 3_600_000, 2),
    heapUsedMiB: round(heap.usedSize / 1024 / 1024, 2),
    blinkHeapMiB: round((heap.embedderHeapUsedSize ?? Number.NaN) / 1024 / 1024, 2),
    domNodes: get("Nodes"),
    elements: await page.evaluate(() => document.getElementsByTagName("*").length),
    listeners: get("JSEventListeners"),
  };
}

async function main(): Promise<void> {
  const cleanups: (() => Promise<void>)[] = [];
  try {
    await ensureBuild(ROOT);
    const simulator = await startSimulatorProcess(ROOT);
    cleanups.push(() => simulator.stop());
    const app = await startApp(
      {
        LIVECHAT_API_URL: `${simulator.url}/livechat`,
        LIVECHAT_LOGIN: LIVECHAT_SERVICE_LOGIN,
        LIVECHAT_API_KEY: LIVECHAT_SERVICE_API_KEY,
        ROCKETCHAT_URL: `${simulator.url}/rocketchat`,
        ROCKETCHAT_USER_ID: ROCKETCHAT_SERVICE_USER._id,
        ROCKETCHAT_AUTH_TOKEN: ROCKETCHAT_SERVICE_USER.authToken,
        NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
        CHATLENS_TIMEZONE: "UTC",
        CHATLENS_DATA_DIR: "memory://",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      { distDir: BENCH_DIST_DIR },
    );
    if (app.pid !== undefined) childPids.add(app.pid);
    cleanups.push(() => app.stop());
    const { cookie, error } = await signIn(app.url, "livechat", {
      login: LIVECHAT_SERVICE_LOGIN,
      apiKey: LIVECHAT_SERVICE_API_KEY,
    });
    if (!cookie) throw new Error(`sign-in refused: ${error}`);

    const post = async <T>(url: string, body: unknown): Promise<T> => {
      const res = await fetch(`${app.url}${url}`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`${url}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    const board = async (name: string, source: string, range: string, metrics: string[]) =>
      (
        await post<{ board: { id: string } }>("/api/boards", {
          name,
          source,
          range,
          tiles: metrics.map((metric) => ({ metric })),
        })
      ).board.id;
    const lc = metricsForSource("livechat");
    const rc = metricsForSource("rocketchat");
    const boardIds = [
      await board("LiveChat today", "livechat", "today", lc.slice(0, 6)),
      await board("Rocket.Chat week", "rocketchat", "last7", rc.slice(0, 4)),
      await board("All sources month", "all", "last30", [
        "chats.total",
        "chats.missed",
        "chats.first_response_time",
      ]),
    ];
    const { url } = await post<{ url: string }>("/api/screens", {
      name: "Endurance TV",
      boardIds,
      refreshSeconds: 30,
      rotationSeconds: 30,
    });

    const browser = await chromium.launch({
      executablePath: systemChromium(),
      args: CHROMIUM_ARGS,
    });
    cleanups.push(() => browser.close());
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      reducedMotion: "reduce",
      timezoneId: "UTC",
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");

    let inFlight = 0;
    let requests = 0;
    let failedRequests = 0;
    let loads = 0;
    page.on("request", () => {
      inFlight++;
      requests++;
    });
    page.on("requestfinished", () => inFlight--);
    page.on("requestfailed", () => {
      inFlight--;
      failedRequests++;
    });
    page.on("load", () => loads++);
    const settleNetwork = async () => {
      const deadline = Date.now() + 15_000;
      let quietSince = 0;
      while (Date.now() < deadline) {
        if (inFlight === 0) {
          quietSince ||= Date.now();
          if (Date.now() - quietSince >= 30) return;
        } else {
          quietSince = 0;
        }
        await sleep(5);
      }
      throw new Error(`requests still in flight after 15 s: ${inFlight}`);
    };
    // The clock is paused: only the run moves it. Answers that arrived schedule zero-delay
    // timers (TanStack's notifications); one fake millisecond at a time lets them run, until
    // nothing new is asked.
    const settle = async () => {
      for (let round = 0; round < 10; round++) {
        await settleNetwork();
        const before = requests;
        await page.clock.runFor(1);
        await sleep(5);
        if (requests === before && inFlight === 0) return;
      }
    };

    // Paused, so the screen's uptime is exactly the simulated time (a clock that also ran in
    // real time would cross the 24 h daily reload during the run).
    await page.clock.install();
    await page.goto(`${app.url}${url}`);
    await page.clock.pauseAt(Date.now() + 1_000);
    for (let i = 0; i < 200 && (await page.getByTestId("tv-value").count()) === 0; i++) {
      await settle();
    }
    await page.getByTestId("tv-value").first().waitFor();
    await settle();

    const started = performance.now();
    const samples: Sample[] = [];
    let start: Sample | null = null;
    let early: Sample | null = null;
    for (let step = 1; step <= TOTAL_STEPS; step++) {
      await page.clock.fastForward(STEP_MS);
      await settle();
      if (step === EARLY_STEPS) {
        early = await measure(cdp, page, step);
        samples.push(early);
        log(`loaded: ${JSON.stringify(early)}`);
      } else if (step === WARMUP_STEPS) {
        start = await measure(cdp, page, step);
        samples.push(start);
        if (SNAPSHOTS) await heapSnapshot(cdp, path.join(SNAPSHOTS, "start.heapsnapshot"));
        log(`warmed up: ${JSON.stringify(start)}`);
      } else if (step > WARMUP_STEPS && (step % SAMPLE_EVERY_STEPS === 0 || step === TOTAL_STEPS)) {
        const sample = await measure(cdp, page, step);
        samples.push(sample);
        log(`${sample.simulatedHours} h: ${JSON.stringify(sample)}`);
      }
    }
    const end = samples[samples.length - 1]!;
    if (SNAPSHOTS) await heapSnapshot(cdp, path.join(SNAPSHOTS, "end.heapsnapshot"));
    if (!start || !early) throw new Error("TV_HOURS is too short for the warm-up");
    const stale = await page.locator('[data-testid="tv-tile"][data-stale="true"]').count();
    const banner = await page.getByTestId("tv-banner").count();
    const growth = (a: number, b: number) => round(((b - a) / a) * 100, 1);
    const summary = {
      simulatedHours: end.simulatedHours,
      refreshCycles: TOTAL_STEPS,
      realSeconds: round((performance.now() - started) / 1000, 1),
      requests,
      failedRequests,
      reloads: loads - 1,
      staleTilesAtEnd: stale,
      bannerAtEnd: banner > 0,
      early,
      start,
      end,
      growthFromEarlyPercent: {
        heapUsed: growth(early.heapUsedMiB, end.heapUsedMiB),
        domNodes: growth(early.domNodes, end.domNodes),
        listeners: growth(early.listeners, end.listeners),
      },
      growthPercent: {
        heapUsed: growth(start.heapUsedMiB, end.heapUsedMiB),
        blinkHeap: growth(start.blinkHeapMiB, end.blinkHeapMiB),
        domNodes: growth(start.domNodes, end.domNodes),
        elements: growth(start.elements, end.elements),
        listeners: growth(start.listeners, end.listeners),
      },
      samples,
    };
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(summary, null, 2)}\n`);
    console.log(
      `\nTV endurance: ${summary.simulatedHours} simulated hours, ${TOTAL_STEPS} refresh cycles, ${summary.realSeconds} s real`,
    );
    console.log(
      formatTable([
        ["simulated h", "JS heap MiB", "Blink heap MiB", "DOM nodes", "elements", "listeners"],
        ...samples.map((s) => [
          String(s.simulatedHours),
          String(s.heapUsedMiB),
          String(s.blinkHeapMiB),
          String(s.domNodes),
          String(s.elements),
          String(s.listeners),
        ]),
        [
          "growth",
          `${summary.growthPercent.heapUsed} %`,
          `${summary.growthPercent.blinkHeap} %`,
          `${summary.growthPercent.domNodes} %`,
          `${summary.growthPercent.elements} %`,
          `${summary.growthPercent.listeners} %`,
        ],
      ]),
    );
    console.log(
      `requests ${requests}, failed ${failedRequests}, reloads ${summary.reloads}, stale tiles at end ${stale}, banner at end ${summary.bannerAtEnd}`,
    );
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
