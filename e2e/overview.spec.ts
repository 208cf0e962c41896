/**
 * The overview as a support manager uses it: correct KPIs for a range and team, filters in
 * the URL, reload, per-widget failures, and a source that lacks a metric.
 */
import { expect, test } from "@playwright/test";
import { clearFaults, expectedLiveChatKpis, injectFault } from "./support";

// A closed, fixed past week: its numbers never change.
const FROM = "2026-10-05";
const TO = "2026-10-11";

test.afterEach(async ({ request }) => {
  await clearFaults(request);
});

test("KPI cards show the values the dataset implies", async ({ page }) => {
  const expected = expectedLiveChatKpis(FROM, TO, null);
  await page.goto(`/?source=livechat&range=custom&from=${FROM}&to=${TO}`);

  const total = page.getByTestId("kpi-chats.total");
  await expect(total.getByTestId("kpi-value")).toHaveText(expected.total);
  await expect(page.getByTestId("kpi-chats.csat").getByTestId("kpi-value")).toHaveText(
    expected.csat,
  );
  await expect(page.getByTestId("kpi-chats.csat")).toContainText(
    `based on ${expected.rated.toLocaleString("en-US")}`,
  );
  const frt = await page
    .getByTestId("kpi-chats.first_response_time")
    .getByTestId("kpi-value")
    .textContent();
  expect(expected.frt).toContain(frt?.trim());
  const rt = await page
    .getByTestId("kpi-chats.response_time")
    .getByTestId("kpi-value")
    .textContent();
  expect(expected.rt).toContain(rt?.trim());
  await expect(page.getByTestId("kpi-chats.first_response_time")).toContainText(
    `based on ${expected.frtCount.toLocaleString("en-US")}`,
  );

  // Every chart rendered a drawing surface with data.
  for (const id of [
    "chats.total",
    "chats.csat",
    "chats.first_response_time",
    "chats.response_time",
  ]) {
    await expect(
      page.getByTestId(`chart-${id}`).locator("svg.recharts-surface").first(),
    ).toBeVisible();
  }
});

test("changing team and dates changes the URL and the numbers; reload keeps them", async ({
  page,
}) => {
  await page.goto(`/?source=livechat&range=custom&from=${FROM}&to=${TO}`);
  const value = page.getByTestId("kpi-chats.total").getByTestId("kpi-value");
  await expect(value).toHaveText(expectedLiveChatKpis(FROM, TO, null).total);

  await page.getByLabel("Group").selectOption({ label: "Billing" });
  await expect(page).toHaveURL(/group=3/);
  await expect(value).toHaveText(expectedLiveChatKpis(FROM, TO, "3").total);

  // One edit at a time, as a person does: two URL updates within nuqs' 50 ms throttle can race
  // Next's router, which may write back the first one after the second.
  await page.getByLabel("From", { exact: true }).fill("2026-09-01");
  await expect(page).toHaveURL(/from=2026-09-01/);
  await expect(value).toHaveText(expectedLiveChatKpis("2026-09-01", TO, "3").total);
  await page.getByLabel("To", { exact: true }).fill("2026-09-30");
  await expect(page).toHaveURL(/from=2026-09-01.*to=2026-09-30|to=2026-09-30.*from=2026-09-01/);
  const september = expectedLiveChatKpis("2026-09-01", "2026-09-30", "3");
  await expect(value).toHaveText(september.total);

  await page.reload();
  await expect(value).toHaveText(september.total);
  await expect(page.getByLabel("Group")).toHaveValue("3");
});

test("date presets resolve and keep the state in the URL", async ({ page }) => {
  await page.goto("/?source=livechat");
  // Interact only once the page is hydrated (a number on screen), or the change may be lost.
  await expect(page.getByTestId("kpi-chats.total").getByTestId("kpi-value")).toHaveText(
    /^\d[\d,]*$/,
  );
  await page.getByLabel("Date range").selectOption({ label: "Last 30 days" });
  await expect(page).toHaveURL(/range=last30/);
  await expect(page.getByTestId("kpi-chats.total").getByTestId("kpi-value")).toHaveText(
    /^\d[\d,]*$/,
  );
  await page.getByLabel("Date range").selectOption({ label: "Yesterday" });
  await expect(page).toHaveURL(/range=yesterday/);
  await expect(page.getByTestId("kpi-chats.total").getByTestId("kpi-value")).toHaveText(
    /^\d[\d,]*$/,
  );
  // One day: hourly buckets by default.
  await expect(page.getByRole("radio", { name: "Hour" })).toBeChecked();
});

test("a failing upstream shows an error in that widget only", async ({ page, request }) => {
  // A week no other test loads: the server caches answers, and a cached answer would hide
  // the fault.
  const [from, to] = ["2026-09-14", "2026-09-20"];
  await injectFault(request, { vendor: "livechat", path: "/reports/chats/ratings", status: 500 });
  await page.goto(`/?source=livechat&range=custom&from=${from}&to=${to}`);

  await expect(page.getByTestId("kpi-chats.csat").getByRole("alert")).toContainText(
    /LiveChat answered/,
  );
  await expect(page.getByTestId("chart-chats.csat").getByRole("alert")).toBeVisible();
  await expect(page.getByTestId("kpi-chats.total").getByTestId("kpi-value")).toHaveText(
    expectedLiveChatKpis(from, to, null).total,
  );
  await expect(page.getByTestId("kpi-chats.total").getByRole("alert")).toHaveCount(0);

  // Recovery: the upstream comes back, Retry shows the number (the server answers a failure
  // it has just seen for a moment without asking again, so Retry may take a second try).
  await clearFaults(request);
  const card = page.getByTestId("kpi-chats.csat");
  await expect(async () => {
    const retry = card.getByRole("button", { name: /retry/i });
    if (await retry.isVisible()) await retry.click();
    await expect(card.getByTestId("kpi-value")).toHaveText(
      expectedLiveChatKpis(from, to, null).csat,
      { timeout: 1_000 },
    );
  }).toPass({ timeout: 15_000 });
});

test("Rocket.Chat: CSAT is not available, never shown as zero", async ({ page }) => {
  await page.goto(`/?source=rocketchat&range=custom&from=${FROM}&to=${TO}`);
  await expect(page.getByTestId("kpi-chats.csat")).toContainText("Not available from Rocket.Chat");
  await expect(page.getByTestId("kpi-chats.total").getByTestId("kpi-value")).toHaveText(
    /^\d[\d,]*$/,
  );
  await expect(page.getByLabel("Department")).toBeVisible();
});

test("the dashboard is rendered once, never with a second hidden copy streamed in", async ({
  browser,
}) => {
  // Regression: a <Suspense> around the client dashboard made React stream a hidden duplicate
  // (div[hidden]#S:0) next to the client-rendered one on some loads.
  for (let i = 0; i < 8; i++) {
    const context = await browser.newContext({ storageState: "playwright/.auth/demo.json" });
    await context.addInitScript(() => {
      const w = window as unknown as { __maxCopies: number };
      w.__maxCopies = 0;
      new MutationObserver(() => {
        const n = document.querySelectorAll('[data-testid="kpi-chats.total"]').length;
        w.__maxCopies = Math.max(w.__maxCopies, n);
      }).observe(document, { childList: true, subtree: true });
    });
    const page = await context.newPage();
    await page.goto(`/?source=livechat&range=custom&from=${FROM}&to=${TO}`);
    await expect(page.getByTestId("kpi-chats.total").getByTestId("kpi-value")).toHaveText(/\d/);
    expect(
      await page.evaluate(() => (window as unknown as { __maxCopies: number }).__maxCopies),
    ).toBe(1);
    await context.close();
  }
});
