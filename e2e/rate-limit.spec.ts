/**
 * A normal manager session against Rocket.Chat with its default rate limit on (10 calls per
 * minute per route per client IP): every widget loads, and Rocket.Chat never answers 429.
 * The cache, coalescing and the one charts-data call per period pair keep the session inside
 * the budget; the simulator counts every 429 its limiter produced.
 */
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

const SIMULATOR = `http://127.0.0.1:${process.env.E2E_SIMULATOR_PORT ?? 4210}/__simulator`;

async function rateLimit(request: APIRequestContext, enabled: boolean) {
  const res = await request.put(`${SIMULATOR}/rate-limit`, {
    data: { enabled, limit: 10, windowMs: 60_000 },
  });
  expect(res.ok()).toBe(true);
}

interface Stats {
  rateLimited: number;
  requests: Record<string, number>;
}

async function stats(request: APIRequestContext): Promise<Stats> {
  return (await (await request.get(`${SIMULATOR}/stats`)).json()) as Stats;
}

/** Every KPI card on the page shows a value (or "not available"), none shows an error. */
async function expectLoaded(page: Page, kpis: string[]) {
  for (const id of kpis) {
    await expect(page.getByTestId(`kpi-${id}`).getByTestId("kpi-value")).toBeVisible({
      timeout: 20_000,
    });
  }
  await page.waitForLoadState("networkidle");
  await expect(widgetAlerts(page)).toHaveCount(0);
}

/** Error states inside widgets (Next's route announcer is an alert too, so scope to widgets). */
function widgetAlerts(page: Page) {
  return page
    .locator("[data-testid^='kpi-'], [data-testid^='chart-'], [data-testid^='table-']")
    .getByRole("alert");
}

async function openReport(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Reports" }).getByRole("link", { name }).click();
}

test.describe.configure({ mode: "serial" });

test.afterEach(async ({ request }) => {
  await rateLimit(request, false);
});

test("a Rocket.Chat session with the default rate limit on never meets a 429", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await rateLimit(request, true);
  await request.delete(`${SIMULATOR}/stats`);

  await page.goto("/?source=rocketchat");
  await expectLoaded(page, ["chats.total", "chats.first_response_time"]);

  await openReport(page, "Response times");
  await expectLoaded(page, [
    "chats.first_response_time",
    "chats.conversation_response_time",
    "chats.reaction_time",
    "chats.best_first_response_time",
  ]);

  await openReport(page, "Chats");
  await expectLoaded(page, ["chats.total", "chats.duration", "chats.messages"]);

  await openReport(page, "Agents");
  await expect(page.getByTestId("table-agents").getByRole("row").nth(1)).toBeVisible({
    timeout: 20_000,
  });
  await expect(widgetAlerts(page)).toHaveCount(0);

  await openReport(page, "Overview");
  await expectLoaded(page, ["chats.total", "chats.first_response_time"]);
  await page.goto("/?source=all");
  await expectLoaded(page, ["chats.total", "chats.first_response_time"]);
  await page.goto("/?source=rocketchat&range=last30");
  await expectLoaded(page, ["chats.total", "chats.first_response_time"]);

  const after = await stats(request);
  expect(after.rateLimited).toBe(0);
  const charts =
    after.requests["rocketchat GET /api/v1/livechat/analytics/dashboards/charts-data"] ?? 0;
  console.log(
    `Rocket.Chat charts-data calls in the session: ${charts}; 429s: ${after.rateLimited}`,
  );
  expect(charts).toBeGreaterThan(0);
  expect(charts).toBeLessThanOrEqual(10);
});
