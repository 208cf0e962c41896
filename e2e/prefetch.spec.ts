/**
 * Server prefetch: a report page's widgets get their data from the page's own response (the
 * server starts every query in parallel and streams each answer in as it resolves), so the
 * browser sends no API request of its own on first load — no HTML → JS → fetch waterfall.
 */
import { expect, test, type Page } from "@playwright/test";
import { expectedLiveChatKpis, setUpstreamLatency, WEEK, weekUrl } from "./support";

/** Our data endpoints (not next-auth's session check). */
function isDataRequest(url: string): boolean {
  const path = new URL(url).pathname;
  return path.startsWith("/api/") && !path.startsWith("/api/auth/");
}

/** Every widget card of the page: KPI cards, charts, tables, heat map, lists. */
const WIDGETS =
  'article[data-testid^="kpi-"], section[data-testid^="chart-"], section[data-testid^="table-"], section[data-testid^="heatmap-"], section[data-testid="archive-list"]';

/**
 * Waits until every widget shows its data (with its "as of" badge) or a "not available"
 * placeholder (a metric the source lacks: never asked). Returns the number of widgets.
 */
async function expectEveryWidgetLoaded(page: Page): Promise<{ total: number; withData: number }> {
  const widgets = page.locator(WIDGETS);
  await expect(widgets.first()).toBeVisible();
  const total = await widgets.count();
  let withData = 0;
  for (let i = 0; i < total; i++) {
    const widget = widgets.nth(i);
    const done = widget
      .locator(
        '[data-testid="freshness"], [data-testid="widget-message"], [data-testid="kpi-value"][data-state]',
      )
      .first();
    await expect(done, `widget ${await widget.getAttribute("data-testid")}`).toBeVisible({
      timeout: 20_000,
    });
    if ((await widget.getByTestId("freshness").count()) > 0) withData++;
  }
  // No widget ended in an error.
  await expect(widgets.getByRole("alert")).toHaveCount(0);
  return { total, withData };
}

const PAGES: { name: string; url: string; minWithData: number }[] = [
  { name: "overview", url: weekUrl("/"), minWithData: 10 },
  { name: "chats", url: weekUrl("/chats"), minWithData: 10 },
  { name: "agents", url: weekUrl("/agents"), minWithData: 6 },
  { name: "tickets", url: weekUrl("/tickets"), minWithData: 10 },
  {
    name: "archive",
    url: "/archive?source=livechat&from=2026-10-07&to=2026-10-07",
    minWithData: 1,
  },
];

for (const { name, url, minWithData } of PAGES) {
  test(`${name}: first load shows every widget's data without one API request from the browser`, async ({
    page,
  }) => {
    const requests: string[] = [];
    page.on("request", (r) => {
      if (isDataRequest(r.url())) requests.push(r.url());
    });
    const started = Date.now();
    await page.goto(url);
    const { total, withData } = await expectEveryWidgetLoaded(page);
    const ms = Date.now() - started;

    expect(withData).toBeGreaterThanOrEqual(minWithData);
    // Every "as of" badge is a real time.
    for (const badge of await page.getByTestId("freshness").all()) {
      await expect(badge).toHaveText(/^as of (\w{3} \d{1,2}, )?\d\d:\d\d$/);
    }
    expect(requests.filter((u) => u.includes("/api/metrics/"))).toEqual([]);
    expect(requests).toEqual([]);
    test.info().annotations.push({
      type: "first load",
      description: `${name}: ${withData}/${total} widgets with data in ${ms} ms, ${requests.length} API requests from the browser`,
    });
    console.log(
      `[prefetch] ${name}: ${withData}/${total} widgets with data in ${ms} ms, 0 API requests`,
    );
  });
}

test("a filter change after the prefetched load is fetched by the browser", async ({ page }) => {
  const requests: string[] = [];
  page.on("request", (r) => {
    if (isDataRequest(r.url())) requests.push(r.url());
  });
  await page.goto(weekUrl("/"));
  await expectEveryWidgetLoaded(page);
  expect(requests).toEqual([]);

  await page.getByLabel("To", { exact: true }).fill("2026-10-10");
  await expect(page).toHaveURL(/to=2026-10-10/);
  await expect(page.getByTestId("kpi-chats.total").getByTestId("kpi-value")).toHaveText(/^\d/);
  await expect
    .poll(() => requests.filter((u) => u.includes("/api/metrics/chats.total?")).length)
    .toBe(1);
  expect(requests.every((u) => u.includes("to=2026-10-10"))).toBe(true);
});

test("the page's HTML alone shows every number and chart: nothing waits for the scripts", async ({
  page,
}) => {
  // No script of ours runs (React's inline stream scripts still do, as on a slow device whose
  // bundles have not arrived yet): what shows is what the server streamed.
  await page.route("**/_next/static/**/*.js", (route) => route.abort());
  await page.goto(weekUrl("/"));
  const expected = expectedLiveChatKpis(WEEK.from, WEEK.to, null);
  await expect(page.getByTestId("kpi-chats.total").getByTestId("kpi-value")).toHaveText(
    expected.total,
  );
  await expect(page.getByTestId("kpi-chats.csat").getByTestId("kpi-value")).toHaveText(
    expected.csat,
  );
  for (const metric of ["total", "csat", "first_response_time", "response_time", "missed"]) {
    const chart = page.getByTestId(`chart-chats.${metric}`);
    await expect(chart.locator("[data-static-chart] svg")).toBeVisible();
    // Bars or a line with data, and the axis labels.
    await expect(
      chart.locator("[data-static-chart] svg").locator("rect, path").first(),
    ).toBeAttached();
  }
  await expect(
    page.getByTestId("chart-chats.total").getByText("Oct 5", { exact: true }),
  ).toBeVisible();
  await expect(page.locator("svg.recharts-surface")).toHaveCount(0);
});

test("after hydration the interactive charts replace the server's drawings, without a hydration error", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(weekUrl("/"));
  for (const metric of ["total", "csat", "first_response_time", "response_time", "missed"]) {
    const chart = page.getByTestId(`chart-chats.${metric}`);
    await expect(chart.locator("svg.recharts-surface")).toBeVisible();
    await expect(chart.locator("[data-static-chart]")).toHaveCount(0);
  }
  // The same grid: the interactive y axis uses the ticks the server drew.
  await expect(
    page.getByTestId("chart-chats.total").locator(".recharts-yAxis-tick-labels text").first(),
  ).toHaveText("0");
  expect(errors).toEqual([]);
});

test("with a slow upstream every widget still arrives as the server's finished HTML", async ({
  page,
  request,
}) => {
  // React's inline `$RC(boundary, segment)` moves a streamed widget's finished HTML into place
  // — unless the browser already rendered that widget itself, as it did when a context changed
  // above the still-streaming widgets (the session provider's first fetch): then the boundary
  // is gone and the server's HTML is thrown away. Record which case each widget was.
  await page.addInitScript(() => {
    const w = window as unknown as { __kept: string[]; __lost: string[]; $RC?: unknown };
    w.__kept = [];
    w.__lost = [];
    let rc: ((a: string, b: string) => void) | undefined;
    Object.defineProperty(window, "$RC", {
      configurable: true,
      get: () => rc,
      set: (f: (a: string, b: string) => void) => {
        rc = (a, b) => {
          (document.getElementById(a) ? w.__kept : w.__lost).push(a);
          f(a, b);
        };
      },
    });
  });
  // A browser that has the scripts already (a returning user) hydrates early — while the
  // widgets are still on their way, which is when it went wrong.
  await page.goto(weekUrl("/"));
  await expect(page.getByTestId("kpi-chats.total").getByTestId("kpi-value")).toBeVisible();
  await page.goto("about:blank");
  await setUpstreamLatency(request, 400);
  try {
    // A range no other test asks for: nothing cached, so every widget streams in late.
    await page.goto("/?source=livechat&range=custom&from=2026-03-02&to=2026-03-08");
    for (const metric of ["total", "csat", "first_response_time", "response_time", "missed"]) {
      await expect(
        page.getByTestId(`chart-chats.${metric}`).locator("svg.recharts-surface"),
      ).toBeVisible();
    }
  } finally {
    await setUpstreamLatency(request, 0);
  }
  const { kept, lost } = await page.evaluate(() => {
    const w = window as unknown as { __kept: string[]; __lost: string[] };
    return { kept: w.__kept, lost: w.__lost };
  });
  expect(lost).toEqual([]);
  // Five KPI cards and five charts.
  expect(kept.length).toBeGreaterThanOrEqual(10);
});
