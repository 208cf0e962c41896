/**
 * The report pages as a manager uses them: real numbers on every page (from the dataset, or
 * from our API's JSON where the expected value rests on derived simulator data), filters that
 * travel with the navigation, "All sources", the agent filter, sorting and tooltips.
 */
import { expect, test, type Page } from "@playwright/test";
import { formatCount, formatDuration } from "../lib/format";
import type { MetricResponse } from "../lib/metrics/types";
import { expectedChatCount, expectedLiveChatKpis, WEEK, weekUrl } from "./support";

const kpiValue = (page: Page, metric: string) =>
  page.getByTestId(`kpi-${metric}`).getByTestId("kpi-value");

async function apiMetric(page: Page, metric: string, extra: Record<string, string> = {}) {
  const qs = new URLSearchParams({
    source: "livechat",
    from: WEEK.from,
    to: WEEK.to,
    granularity: "day",
    ...extra,
  });
  const res = await page.request.get(`/api/metrics/${metric}?${qs.toString()}`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as MetricResponse;
}

test("the navigation carries the filters; Chats shows the week's total chats", async ({ page }) => {
  await page.goto(weekUrl("/", { group: "3" }));
  await expect(kpiValue(page, "chats.total")).toHaveText(
    formatCount(expectedChatCount("livechat", WEEK.from, WEEK.to, "3")),
  );

  await page
    .getByRole("navigation", { name: "Reports" })
    .getByRole("link", { name: "Chats" })
    .click();
  await expect(page).toHaveURL(/\/chats\?/);
  await expect(page).toHaveURL(/group=3/);
  await expect(page).toHaveURL(new RegExp(`from=${WEEK.from}`));
  await expect(page.getByRole("link", { name: "Chats", exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(kpiValue(page, "chats.total")).toHaveText(
    formatCount(expectedChatCount("livechat", WEEK.from, WEEK.to, "3")),
  );
  // LiveChat-only metrics have numbers; Rocket.Chat-only ones say so instead of 0.
  await expect(kpiValue(page, "chats.missed")).toHaveText(/^\d[\d,]*$/);
  await expect(kpiValue(page, "chats.duration")).toHaveText("Not available from LiveChat");
  await expect(
    page.getByTestId("chart-chats.engagement").locator("svg.recharts-surface").first(),
  ).toBeVisible();
  // The occupancy heat map: 7 × 24 labelled cells, and a table view of the same numbers.
  const heatmap = page.getByTestId("heatmap-occupancy");
  await expect(heatmap.getByTestId("heatmap-cell")).toHaveCount(168);
  await expect(heatmap.getByTestId("heatmap-cell").first()).toHaveAttribute(
    "aria-label",
    /^Monday 00:00–01:00: /,
  );
  await heatmap.getByRole("button", { name: "Show as table" }).click();
  await expect(heatmap.getByRole("table")).toContainText("Sunday");
});

test("Satisfaction: CSAT from the dataset, ratings chart and ranking", async ({ page }) => {
  const expected = expectedLiveChatKpis(WEEK.from, WEEK.to, null);
  await page.goto(weekUrl("/satisfaction"));
  await expect(kpiValue(page, "chats.csat")).toHaveText(expected.csat);
  await expect(page.getByTestId("kpi-chats.csat").getByTestId("sources")).toHaveText(
    "Source: LiveChat",
  );
  await expect(
    page.getByTestId("chart-chats.csat").locator("svg.recharts-surface").first(),
  ).toBeVisible();
  const ranking = page.getByTestId("table-ranking-chats");
  await expect(ranking.locator("tbody tr").first()).toBeVisible();
  // Every ranked agent's rated total is good + bad.
  const res = await page.request.get(
    `/api/reports/ranking?source=livechat&kind=chats&from=${WEEK.from}&to=${WEEK.to}`,
  );
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { rows: { name: string }[] };
  await expect(ranking.locator("tbody tr")).toHaveCount(body.rows.length);
  await expect(ranking.locator("tbody tr").first()).toContainText(body.rows[0]!.name);
});

test("Response times: first response time from the dataset; distribution of the days", async ({
  page,
}) => {
  const expected = expectedLiveChatKpis(WEEK.from, WEEK.to, null);
  await page.goto(weekUrl("/response-times"));
  const frt = await kpiValue(page, "chats.first_response_time").textContent();
  expect(expected.frt).toContain(frt?.trim());
  await expect(kpiValue(page, "chats.reaction_time")).toHaveText("Not available from LiveChat");
  await expect(page.getByTestId("chart-chats.reaction_time")).toContainText(
    "Not available from LiveChat",
  );
  const distribution = page.getByTestId("chart-chats.first_response_time-distribution");
  await expect(distribution).toContainText("Buckets by average first response time");
  await expect(distribution.getByTestId("distribution-summary")).toContainText("7 days");
});

test("Agents: the table sorts by a clicked column and says so with aria-sort", async ({ page }) => {
  await page.goto(weekUrl("/agents"));
  const table = page.getByTestId("table-agents");
  const rows = table.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  const names = async () =>
    (await table.locator("tbody tr th").allTextContents()).map((s) => s.trim());

  const agentHeader = table.locator('th[data-column="name"]');
  await agentHeader.getByRole("button").click();
  await expect(agentHeader).toHaveAttribute("aria-sort", "ascending");
  const ascending = await names();
  expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b)));

  await agentHeader.getByRole("button").click();
  await expect(agentHeader).toHaveAttribute("aria-sort", "descending");
  expect(await names()).toEqual([...ascending].reverse());

  // A numeric column: the API's values in ascending order, nulls last.
  const numeric = table.locator("thead th").nth(1);
  const column = await numeric.getAttribute("data-column");
  // The header's first button sorts; the second is its ⓘ.
  await numeric.getByRole("button").first().click();
  await expect(numeric).toHaveAttribute("aria-sort", "ascending");
  await expect(agentHeader).toHaveAttribute("aria-sort", "none");
  const res = await page.request.get(
    `/api/reports/agents?source=livechat&from=${WEEK.from}&to=${WEEK.to}`,
  );
  expect(res.status()).toBe(200);
  const body = (await res.json()) as {
    rows: { name: string; values: Record<string, number | null> }[];
  };
  const expectedOrder = body.rows
    .map((r) => ({ name: r.name, v: r.values[column!] ?? null }))
    .sort((a, b) => (a.v === null ? (b.v === null ? 0 : 1) : b.v === null ? -1 : a.v - b.v))
    .map((r) => r.v);
  const shownOrder = (await names()).map(
    (name) => body.rows.find((r) => r.name === name)?.values[column!] ?? null,
  );
  expect(shownOrder).toEqual(expectedOrder);

  // Real numbers: the availability card shows the API's total.
  const availability = await apiMetric(page, "agents.availability");
  expect(availability.total.value).not.toBeNull();
  await expect(kpiValue(page, "agents.availability")).toHaveText(
    formatDuration(availability.total.value),
  );
});

test("Tickets: KPIs match the API and the list pages", async ({ page }) => {
  const [created, solved] = await Promise.all([
    apiMetric(page, "tickets.new"),
    apiMetric(page, "tickets.solved"),
  ]);
  await page.goto(weekUrl("/tickets"));
  await expect(kpiValue(page, "tickets.new")).toHaveText(formatCount(created.total.value));
  await expect(kpiValue(page, "tickets.solved")).toHaveText(formatCount(solved.total.value));

  const list = page.getByTestId("table-tickets");
  await expect(list.locator("tbody tr").first()).toBeVisible();
  const first = await list.locator("tbody tr th").first().textContent();
  const pager = list.getByRole("navigation", { name: "Ticket pages" });
  if ((created.total.value ?? 0) > 25) {
    await pager.getByRole("button", { name: "Next" }).click();
    await expect(pager.getByRole("button", { name: "Page 2" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(list.locator("tbody tr th").first()).not.toHaveText(first ?? "");
  }
});

test("All sources: combined totals that say which sources they cover", async ({ page }) => {
  await page.goto(weekUrl("/"));
  await page.getByLabel("Source", { exact: true }).selectOption({ label: "All sources" });
  await expect(page).toHaveURL(/source=all/);

  const total =
    expectedChatCount("livechat", WEEK.from, WEEK.to) +
    expectedChatCount("rocketchat", WEEK.from, WEEK.to);
  const card = page.getByTestId("kpi-chats.total");
  await expect(card.getByTestId("kpi-value")).toHaveText(formatCount(total));
  await expect(card.getByTestId("sources")).toHaveText("Sources: LiveChat + Rocket.Chat");
  await expect(card.getByTestId("kpi-by-source")).toContainText(
    `LiveChat ${formatCount(expectedChatCount("livechat", WEEK.from, WEEK.to))}`,
  );
  // CSAT covers LiveChat only, and says Rocket.Chat has none.
  await expect(page.getByTestId("kpi-chats.csat").getByTestId("sources")).toHaveText(
    "Source: LiveChat · not available from Rocket.Chat",
  );
  // First response time: both sources, each one's own figure shown.
  const frt = page.getByTestId("kpi-chats.first_response_time");
  await expect(frt).toContainText(/LiveChat \d/);
  await expect(frt).toContainText(/Rocket\.Chat \d/);
  // No team filter across sources.
  await expect(page.getByTestId("team-all-note")).toBeVisible();
});

test("the agent filter narrows supported reports and flags the others", async ({ page }) => {
  const sources = (await (await page.request.get("/api/sources")).json()) as {
    sources: { id: string; agents: { id: string; name: string }[] }[];
  };
  const agent = sources.sources.find((s) => s.id === "livechat")!.agents[2]!;
  await page.goto(weekUrl("/chats"));
  await page.getByLabel("Agent", { exact: true }).selectOption({ label: agent.name });
  await expect(page).toHaveURL(/agent=/);

  const api = await apiMetric(page, "chats.total", { agent: agent.id });
  await expect(kpiValue(page, "chats.total")).toHaveText(formatCount(api.total.value));
  expect(api.total.value).toBeLessThan(expectedChatCount("livechat", WEEK.from, WEEK.to));
  await expect(kpiValue(page, "chats.queued")).toHaveText(
    "Agent filter not supported by this report",
  );
  await expect(page.getByTestId("heatmap-occupancy")).toContainText(
    "Agent filter not supported by this report",
  );
});

test("metric tooltips show the definition and link to it, by mouse and keyboard", async ({
  page,
}) => {
  await page.goto(weekUrl("/"));
  const card = page.getByTestId("kpi-chats.csat");
  const tip = card.getByRole("button", { name: "About CSAT" });
  await tip.hover();
  await expect(card.getByRole("tooltip")).toBeVisible();
  await expect(card.getByRole("tooltip")).toContainText("good ratings ÷ (good + bad ratings)");

  // Keyboard: focus opens it, Tab reaches the Definition link, Enter follows it.
  await page.mouse.move(0, 0);
  await tip.focus();
  await expect(card.getByRole("tooltip")).toBeVisible();
  await page.keyboard.press("Tab");
  const link = card.getByRole("link", { name: "Definition" });
  await expect(link).toBeFocused();
  await expect(link).toHaveAttribute("href", "/definitions#metric-chats.csat");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/definitions#metric-chats\.csat$/);
  const entry = page.locator('[id="metric-chats.csat"]');
  await expect(entry).toBeInViewport();
  await expect(entry).toContainText("Rocket.Chat");
  await expect(page.getByTestId("definition-chats.csat-rocketchat")).toHaveText(
    "not available from Rocket.Chat",
  );
});
