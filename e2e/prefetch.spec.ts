/**
 * Server prefetch: a report page's widgets get their data from the page's own response (the
 * server starts every query in parallel and streams each answer in as it resolves), so the
 * browser sends no API request of its own on first load — no HTML → JS → fetch waterfall.
 */
import { expect, test, type Page } from "@playwright/test";
import { weekUrl } from "./support";

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
