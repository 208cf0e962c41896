/**
 * Accessibility scans with axe-core in a real Chromium: every page, signed in and not, after
 * its data has loaded, and the dashboard pages in both colour schemes (contrast differs).
 * A page passes with no serious or critical WCAG 2.1 A/AA violation; moderate and minor ones
 * are printed (with the pages scanned) for the report, not failed on.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { WEEK, weekUrl, anonymousContext } from "./support";

type Impact = "critical" | "serious" | "moderate" | "minor";

interface Finding {
  page: string;
  rule: string;
  impact: Impact;
  targets: string[];
}

const scanned: string[] = [];
const findings: Finding[] = [];

test.afterAll(() => {
  const byImpact: Record<Impact, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const f of findings) byImpact[f.impact] += 1;
  console.log(`a11y: ${scanned.length} page scans:\n  ${scanned.join("\n  ")}`);
  console.log(`a11y: violations by impact ${JSON.stringify(byImpact)}`);
  for (const f of findings) {
    console.log(`  [${f.impact}] ${f.rule} on ${f.page}: ${f.targets.slice(0, 5).join(" | ")}`);
  }
});

/** Scans the page as it is now; records everything, fails on serious or critical. */
async function scan(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  scanned.push(name);
  const counts: Record<Impact, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  const blocking: string[] = [];
  for (const v of result.violations) {
    const impact = (v.impact ?? "minor") as Impact;
    const targets = v.nodes.map((n) => n.target.join(" "));
    findings.push({ page: name, rule: v.id, impact, targets });
    counts[impact] += 1;
    console.log(`  [${impact}] ${v.id} on ${name}: ${targets.slice(0, 5).join(" | ")}`);
    if (impact === "serious" || impact === "critical") {
      blocking.push(`${v.id} (${impact}): ${v.help}\n    ${targets.slice(0, 8).join("\n    ")}`);
    }
  }
  console.log(`a11y: scanned ${name}: ${JSON.stringify(counts)}`);
  // Best practices beyond WCAG (landmarks, heading order): printed for the report, never failed.
  const advice = await new AxeBuilder({ page }).withTags(["best-practice"]).analyze();
  for (const v of advice.violations) {
    const targets = v.nodes.map((n) => n.target.join(" "));
    console.log(
      `  [best-practice ${v.impact ?? "minor"}] ${v.id} on ${name}: ${targets.slice(0, 5).join(" | ")}`,
    );
  }
  expect(blocking, `serious/critical violations on ${name}`).toEqual([]);
}

/** Every widget card of a report page. */
const WIDGETS =
  'article[data-testid^="kpi-"], section[data-testid^="chart-"], section[data-testid^="table-"], section[data-testid^="heatmap-"], section[data-testid="archive-list"]';

/** Waits until every widget shows its data or a final message (as the prefetch spec does). */
async function widgetsLoaded(page: Page): Promise<void> {
  const widgets = page.locator(WIDGETS);
  await expect(widgets.first()).toBeVisible();
  const total = await widgets.count();
  for (let i = 0; i < total; i++) {
    await expect(
      widgets
        .nth(i)
        .locator(
          '[data-testid="freshness"], [data-testid="widget-message"], [data-testid="kpi-value"][data-state], [role="alert"]',
        )
        .first(),
    ).toBeVisible({ timeout: 20_000 });
  }
  // The interactive charts have replaced the server's drawings.
  await expect(page.locator("[data-static-chart]")).toHaveCount(0, { timeout: 10_000 });
}

const REPORTS: { name: string; url: string }[] = [
  { name: "overview", url: weekUrl("/") },
  { name: "chats", url: weekUrl("/chats") },
  { name: "satisfaction", url: weekUrl("/satisfaction") },
  { name: "response-times", url: weekUrl("/response-times") },
  { name: "agents", url: weekUrl("/agents") },
  { name: "tickets", url: weekUrl("/tickets") },
  { name: "archive", url: `/archive?source=livechat&from=${WEEK.from}&to=${WEEK.from}` },
];

for (const scheme of ["light", "dark"] as const) {
  for (const { name, url } of REPORTS) {
    test(`${name} (${scheme}) has no serious or critical violations`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(url);
      await widgetsLoaded(page);
      await scan(page, `${name} (${scheme})`);
    });
  }

  test(`a chart's data table (${scheme}) has no serious or critical violations`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(weekUrl("/"));
    await widgetsLoaded(page);
    const chart = page.getByTestId("chart-chats.total");
    await chart.getByRole("button", { name: "Show table" }).click();
    await expect(chart.locator("table")).toBeVisible();
    await scan(page, `overview, chart table open (${scheme})`);
  });

  test(`every data table of /response-times (${scheme}) has no serious or critical violations`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(weekUrl("/response-times"));
    await widgetsLoaded(page);
    // The time series' tables and the distribution's (a category chart).
    const toggles = page.getByRole("button", { name: "Show table", exact: true });
    const count = await toggles.count();
    expect(count).toBeGreaterThan(1);
    for (let i = 0; i < count; i++) await toggles.first().click();
    await expect(page.locator('[data-testid="series-table"]')).toHaveCount(count);
    await scan(page, `/response-times, ${count} tables open (${scheme})`);
  });

  test(`chat transcript (${scheme}) has no serious or critical violations`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`/archive?source=livechat&from=${WEEK.from}&to=${WEEK.from}`);
    const link = page.getByTestId("archive-chat-link").first();
    await expect(link).toBeVisible({ timeout: 20_000 });
    await link.click();
    await expect(
      page.getByTestId("transcript").getByTestId("transcript-messages").locator("li").first(),
    ).toBeVisible({ timeout: 20_000 });
    await scan(page, `transcript (${scheme})`);
  });

  for (const path of ["/definitions", "/shared-links", "/screens"]) {
    test(`${path} (${scheme}) has no serious or critical violations`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      await expect(page.locator("main h1").first()).toBeVisible();
      // Lists load on the client: wait until none is busy loading any more.
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 20_000 });
      await scan(page, `${path} (${scheme})`);
    });
  }
}

const anonymous = anonymousContext;

async function createShareLink(
  request: APIRequestContext,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await request.post("/api/share-links", {
    data: {
      scope: {
        source: "livechat",
        range: { kind: "fixed", from: WEEK.from, to: WEEK.to },
        page: "overview",
      },
      ...extra,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { url: string }).url;
}

async function createScreen(request: APIRequestContext): Promise<string> {
  const suffix = `${Date.now().toString(36)}-a11y`;
  const board = await request.post("/api/boards", {
    data: {
      name: `A11y board ${suffix}`,
      source: "livechat",
      range: "last7",
      tiles: [
        { metric: "chats.total" },
        { metric: "chats.first_response_time", goal: { green: 30, amber: 90 } },
      ],
    },
  });
  expect(board.status()).toBe(201);
  const { board: created } = (await board.json()) as { board: { id: string } };
  const res = await request.post("/api/screens", {
    data: {
      name: `A11y TV ${suffix}`,
      boardIds: [created.id],
      rotationSeconds: 30,
      refreshSeconds: 30,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { url: string }).url;
}

for (const scheme of ["light", "dark"] as const) {
  test(`sign-in page (${scheme}) has no serious or critical violations`, async ({ browser }) => {
    const context = await anonymous(browser);
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/signin");
    await expect(page.getByRole("button").first()).toBeVisible();
    await scan(page, `/signin (${scheme})`);
    await context.close();
  });

  test(`share link page (${scheme}) has no serious or critical violations`, async ({
    browser,
    request,
  }) => {
    const path = await createShareLink(request);
    const context = await anonymous(browser);
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(path);
    await widgetsLoaded(page);
    await scan(page, `/share/<token> (${scheme})`);
    await context.close();
  });

  test(`share password page (${scheme}) has no serious or critical violations`, async ({
    browser,
    request,
  }) => {
    const path = await createShareLink(request, {
      password: "correct horse 42",
      expiresInDays: 1,
    });
    const context = await anonymous(browser);
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "This report is protected" })).toBeVisible();
    await scan(page, `/share/<token> password (${scheme})`);
    // The wrong-password state too: its alert must be announced and readable.
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Open report" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong password." })).toBeVisible();
    await scan(page, `/share/<token> wrong password (${scheme})`);
    await context.close();
  });
}

test("TV screen has no serious or critical violations", async ({ browser, request }) => {
  const url = await createScreen(request);
  const context = await anonymous(browser);
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByTestId("tv-screen")).toBeVisible();
  await expect(page.getByTestId("tv-value")).toHaveCount(2, { timeout: 20_000 });
  await scan(page, "/tv/<token>");
  await context.close();
});

test("refused TV link has no serious or critical violations", async ({ browser }) => {
  const context = await anonymous(browser);
  const page = await context.newPage();
  await page.goto("/tv/not-a-token");
  await expect(page.getByTestId("tv-stopped")).toContainText("This screen link is not valid");
  await scan(page, "/tv/not-a-token");
  await context.close();
});
