/**
 * (c) The overview fully loaded in headless Chromium while every upstream call takes
 * `latencyMs` (the simulator's global latency): time from navigation start until every KPI
 * card and chart of the overview shows its final state, compared with one plain upstream
 * round trip.
 *
 * "Shows its final state": a KPI card holds its `kpi-value` (a number, "No data for this
 * period" or a "not available" message) or an error alert; a chart holds its drawing — the
 * server's static SVG (`[data-static-chart]`, streamed with the data) or Recharts'
 * `svg.recharts-surface` — a `widget-message` (no data / not available) or an error alert. A
 * MutationObserver installed before any page script records the first instant (page clock,
 * `performance.now()`, 0 = navigation start) at which all of them are true.
 */
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { planMetric, resolveFilters, type ScopedFilters } from "@/lib/filters";
import type { SourceSelector, SourcesResponse } from "@/lib/metrics/types";
import { PAGE_METRICS } from "@/lib/queries/pages";
import { getText, log, median } from "./util";
import { CHROMIUM_ARGS, systemChromium } from "../../tests/support/chromium";

/** The testids of the overview's widgets for `source`, as `overview-page.tsx` renders them. */
export function overviewWidgets(
  sources: SourcesResponse,
  source: SourceSelector,
  range: { from: string; to: string },
  today: string,
): string[] {
  const filters = resolveFilters(
    { source, group: null, agent: null, range: "custom", ...range, granularity: null },
    sources.sources,
    today,
  ) as ScopedFilters;
  // Missed chats (card and chart) only where a source in scope reports them.
  const metrics = PAGE_METRICS.overview.filter(
    (m) => m !== "chats.missed" || planMetric(m, filters).kind !== "unavailable",
  );
  return [...metrics.map((m) => `kpi-${m}`), ...metrics.map((m) => `chart-${m}`)];
}

export interface LoadRun {
  source: SourceSelector;
  from: string;
  to: string;
  /** Navigation start → every widget in its final state, ms. */
  loadedMs: number;
  ttfbMs: number;
  /** The last byte of the page's HTML (the stream ends once every prefetched answer is in). */
  responseEndMs: number;
  domContentLoadedMs: number;
  /** The widget that finished last and when each finished, ms. */
  lastWidget: string;
  widgetMs: Record<string, number>;
  /** Widgets that ended in an error alert. */
  errors: string[];
  /** What each KPI card shows. */
  kpis: Record<string, string>;
  /** API requests the browser itself sent (the server prefetch answers the others). */
  browserApiRequests: string[];
}

interface PageProbe {
  done?: number;
  widgets: Record<string, number>;
  errors: string[];
}

/**
 * The probe, run in the page before any of its scripts; it reads the widgets to wait for from
 * the URL's fragment (never sent to the server). A string, not a function: tsx compiles
 * functions with name helpers that do not exist in the page.
 */
function probeScript(): string {
  return `(() => {
  const tag = "#bench=";
  if (!location.hash.startsWith(tag)) return;
  const expected = JSON.parse(decodeURIComponent(location.hash.slice(tag.length)));
  const probe = { done: undefined, widgets: {}, errors: [] };
  window.__bench = probe;
  function finished(el, id) {
    if (el.querySelector('[role="alert"]')) return "error";
    if (id.startsWith("kpi-")) return el.querySelector('[data-testid="kpi-value"]') ? "data" : null;
    return el.querySelector("svg.recharts-surface") || el.querySelector("[data-static-chart] svg") ||
      el.querySelector('[data-testid="widget-message"]') ? "data" : null;
  }
  function check() {
    let all = true;
    for (const id of expected) {
      if (probe.widgets[id] !== undefined) continue;
      const el = document.querySelector('[data-testid="' + id + '"]');
      const state = el ? finished(el, id) : null;
      if (state === null) { all = false; continue; }
      probe.widgets[id] = performance.now();
      if (state === "error") probe.errors.push(id);
    }
    return all;
  }
  const observer = new MutationObserver(() => {
    if (probe.done === undefined && check()) {
      probe.done = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`;
}

export class OverviewBrowser {
  private constructor(
    private readonly browser: Browser,
    private readonly context: BrowserContext,
    private readonly appUrl: string,
  ) {}

  /** Headless Chromium (Playwright's, else `/usr/bin/chromium`) with the session cookie set. */
  static async launch(appUrl: string, cookie: string): Promise<OverviewBrowser> {
    const browser = await chromium.launch({
      executablePath: systemChromium(),
      args: CHROMIUM_ARGS,
    });
    const context = await browser.newContext({
      // The probe waits with `waitForFunction`, which Playwright evaluates as a string: our
      // CSP (no 'unsafe-eval') would refuse it. The CSP itself is proven by the e2e suite.
      bypassCSP: true,
      viewport: { width: 1440, height: 1000 },
      reducedMotion: "reduce",
      timezoneId: "UTC",
      locale: "en-US",
    });
    const [name, ...value] = cookie.split("=");
    await context.addCookies([{ name: name!, value: value.join("="), url: appUrl }]);
    return new OverviewBrowser(browser, context, appUrl);
  }

  private page: Page | undefined;
  private apiRequests: string[] = [];

  /**
   * Opens the overview once, in the same open tab each time (as a manager reloads a dashboard
   * or a TV navigates: the browser and its tab are already up; the HTTP cache is shared). The
   * tab goes to about:blank first, so every load is a full navigation.
   */
  async load(
    source: SourceSelector,
    range: { from: string; to: string },
    expected: string[],
  ): Promise<LoadRun> {
    if (!this.page) {
      const page = await this.context.newPage();
      await page.addInitScript(probeScript());
      page.on("request", (req) => {
        const url = new URL(req.url());
        if (url.pathname.startsWith("/api/")) this.apiRequests.push(url.pathname + url.search);
      });
      this.page = page;
    }
    const page = this.page;
    await page.goto("about:blank");
    const apiRequests: string[] = [];
    this.apiRequests = apiRequests;
    const qs = new URLSearchParams({ source, range: "custom", ...range });
    const fragment = `#bench=${encodeURIComponent(JSON.stringify(expected))}`;
    await page.goto(`${this.appUrl}/?${qs.toString()}${fragment}`, { waitUntil: "commit" });
    await page.waitForFunction("window.__bench && window.__bench.done !== undefined", null, {
      timeout: 60_000,
      polling: 50,
    });
    const probe = await page.evaluate<PageProbe>("window.__bench");
    const nav = await page.evaluate<{ ttfb: number; dcl: number; responseEnd: number }>(
      `(() => { const n = performance.getEntriesByType("navigation")[0];
        return { ttfb: n.responseStart, dcl: n.domContentLoadedEventEnd, responseEnd: n.responseEnd }; })()`,
    );
    const kpis: Record<string, string> = {};
    for (const id of expected.filter((e) => e.startsWith("kpi-"))) {
      const text = await page.getByTestId(id).getByTestId("kpi-value").first().textContent();
      kpis[id.slice(4)] = text?.trim() ?? "";
    }
    const entries = Object.entries(probe.widgets).sort((a, b) => b[1] - a[1]);
    return {
      source,
      ...range,
      loadedMs: probe.done!,
      ttfbMs: nav.ttfb,
      responseEndMs: nav.responseEnd,
      domContentLoadedMs: nav.dcl,
      lastWidget: entries[0]?.[0] ?? "",
      widgetMs: Object.fromEntries(entries.map(([k, v]) => [k, Math.round(v)])),
      errors: probe.errors,
      kpis,
      browserApiRequests: apiRequests,
    };
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    await this.browser.close().catch(() => undefined);
  }
}

/** One plain upstream round trip: GET LiveChat `/groups` on the simulator, median of `n`. */
export async function upstreamRoundTrip(
  simulatorUrl: string,
  login: string,
  apiKey: string,
  n = 5,
): Promise<{ medianMs: number; samplesMs: number[] }> {
  const auth = `Basic ${Buffer.from(`${login}:${apiKey}`).toString("base64")}`;
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const res = await fetch(`${simulatorUrl}/livechat/groups`, {
      headers: { authorization: auth, "x-api-version": "2" },
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`simulator /livechat/groups → ${res.status}`);
    samples.push(performance.now() - started);
  }
  return { medianMs: median(samples), samplesMs: samples };
}

/** Warms the team/agent lists the way a returning user's server would have them. */
export async function warmLists(appUrl: string, cookie: string): Promise<void> {
  const answer = await getText(`${appUrl}/api/sources`, cookie);
  if (answer.status !== 200) throw new Error(`/api/sources → ${answer.status}`);
}

export function logRun(run: LoadRun, index: number): void {
  log(
    `(c) ${run.source} run ${index}: loaded in ${Math.round(run.loadedMs)} ms ` +
      `(TTFB ${Math.round(run.ttfbMs)} ms, HTML complete ${Math.round(run.responseEndMs)} ms, last ${run.lastWidget}` +
      `${run.errors.length ? `, ERRORS ${run.errors.join(", ")}` : ""}, browser API requests ${run.browserApiRequests.length})`,
  );
}
