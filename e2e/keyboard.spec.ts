/**
 * Keyboard-only use of the overview: every filter changed with Tab, Shift+Tab, arrows and
 * letters (no mouse), the URL and the KPI numbers following each change, focus always visible
 * and never dropped into <body>; and a chart's data table opened from the keyboard, its rows
 * checked against the dataset.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { resolvePreset } from "../lib/dates";
import { formatCount } from "../lib/format";
import type { MetricResponse } from "../lib/metrics/types";
import { expectedChatCount, expectedLiveChatKpis, WEEK, weekUrl } from "./support";

/** The focused element: what it is, whether it shows a focus ring. */
async function focusState(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (el === null || el === document.body) return { id: "body", ring: false };
    const ringOf = (e: Element) => {
      const s = getComputedStyle(e);
      return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 && s.opacity !== "0";
    };
    // A visually hidden native control (the granularity radios) paints its ring on its label.
    const label = el.closest("label");
    const ring = el.matches(":focus-visible") && (ringOf(el) || (label !== null && ringOf(label)));
    const labelled =
      el instanceof HTMLInputElement ? (el.labels?.[0]?.textContent?.trim() ?? "") : "";
    const name =
      el.id || el.getAttribute("aria-label") || labelled || el.textContent?.trim() || el.tagName;
    return { id: name, ring };
  });
}

/** Focus is on `id` (an element id or accessible text) with a visible ring. */
async function expectFocusOn(page: Page, id: string | RegExp) {
  await expect(async () => {
    const state = await focusState(page);
    expect(state.id).toMatch(id);
    expect(state.ring, `focus ring on ${state.id}`).toBe(true);
  }).toPass({ timeout: 5_000 });
}

/** Presses `key` until `target` has the focus (at most 60 presses). */
async function moveFocusTo(page: Page, target: Locator, key: string) {
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`focus never reached the target with ${key}`);
}

function tabTo(page: Page, id: string, back = false) {
  return moveFocusTo(page, page.locator(`#${id}`), back ? "Shift+Tab" : "Tab");
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

test("every filter of the overview works from the keyboard; URL and KPIs follow", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto(weekUrl("/"));
  const total = page.getByTestId("kpi-chats.total").getByTestId("kpi-value");
  await expect(total).toHaveText(expectedLiveChatKpis(WEEK.from, WEEK.to, null).total);

  // Source: arrows on the focused select change it at once.
  await tabTo(page, "filter-source");
  await expectFocusOn(page, "filter-source");
  await page.keyboard.press("ArrowDown");
  await expect(page).toHaveURL(/source=rocketchat/);
  await expect(total).toHaveText(formatCount(expectedChatCount("rocketchat", WEEK.from, WEEK.to)));
  await expectFocusOn(page, "filter-source");
  await page.keyboard.press("ArrowUp");
  await expect(page).toHaveURL(/source=livechat/);
  await expect(total).toHaveText(expectedLiveChatKpis(WEEK.from, WEEK.to, null).total);
  await expectFocusOn(page, "filter-source");

  // Team: type-ahead picks "Billing".
  await tabTo(page, "filter-group");
  await expectFocusOn(page, "filter-group");
  await page.keyboard.press("b");
  await expect(page).toHaveURL(/group=3/);
  await expect(total).toHaveText(expectedLiveChatKpis(WEEK.from, WEEK.to, "3").total);
  await expectFocusOn(page, "filter-group");

  // Custom dates: the date field's month segment, one month back, then the end date too.
  await tabTo(page, "filter-from");
  await expectFocusOn(page, "filter-from");
  await page.keyboard.press("ArrowDown");
  await expect(page).toHaveURL(/from=2026-09-05/);
  await expect(total).toHaveText(expectedLiveChatKpis("2026-09-05", WEEK.to, "3").total);
  await expectFocusOn(page, "filter-from");
  await tabTo(page, "filter-to");
  await expectFocusOn(page, "filter-to");
  await page.keyboard.press("ArrowDown");
  await expect(page).toHaveURL(/to=2026-09-11/);
  await expect(total).toHaveText(expectedLiveChatKpis("2026-09-05", "2026-09-11", "3").total);
  await expectFocusOn(page, "filter-to");

  // Preset: back to the range select, one option up from "Custom" is "Last month".
  await tabTo(page, "filter-range", true);
  await expectFocusOn(page, "filter-range");
  await page.keyboard.press("ArrowUp");
  await expect(page).toHaveURL(/range=lastMonth/);
  const lastMonth = resolvePreset("lastMonth", todayUtc());
  await expect(total).toHaveText(expectedLiveChatKpis(lastMonth.from, lastMonth.to, "3").total);
  await expectFocusOn(page, "filter-range");

  // Granularity: Tab lands on the checked radio; arrows move and check (hour is disabled
  // for a month, so → goes from Day to Month).
  await page.keyboard.press("Tab");
  await expectFocusOn(page, /^(Day|day)$/);
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/granularity=month/);
  await expect(page.getByRole("radio", { name: "Month" })).toBeChecked();
  await expectFocusOn(page, /^(Month|month)$/);
  await expect(total).toHaveText(expectedLiveChatKpis(lastMonth.from, lastMonth.to, "3").total);

  // And back to a custom range with the keyboard: the dates of the month stay.
  await tabTo(page, "filter-range", true);
  await page.keyboard.press("ArrowDown");
  await expect(page).toHaveURL(/range=custom/);
  await expect(page.getByLabel("From", { exact: true })).toHaveValue(lastMonth.from);
  await expect(total).toHaveText(expectedLiveChatKpis(lastMonth.from, lastMonth.to, "3").total);
  await expectFocusOn(page, "filter-range");
});

test("a chart's data table opens from the keyboard and holds the chart's numbers", async ({
  page,
}) => {
  await page.goto(weekUrl("/"));
  const kpi = expectedLiveChatKpis(WEEK.from, WEEK.to, null);
  await expect(page.getByTestId("kpi-chats.total").getByTestId("kpi-value")).toHaveText(kpi.total);
  const chart = page.getByTestId("chart-chats.total");
  await expect(chart.getByRole("figure")).toHaveAccessibleName("Chats over time");
  const toggle = chart.getByRole("button", { name: "Show table" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(chart.locator("table")).toHaveCount(0);

  await moveFocusTo(page, toggle, "Tab");
  await expectFocusOn(page, "Show table");
  await page.keyboard.press("Enter");
  const expanded = chart.getByRole("button", { name: "Hide table" });
  await expect(expanded).toHaveAttribute("aria-expanded", "true");
  await expectFocusOn(page, "Hide table");

  const table = chart.getByRole("table");
  await expect(table).toBeVisible();
  await expect(table.locator("caption")).toHaveText(/Chats over time/);
  await expect(table.getByRole("columnheader")).toHaveText([
    "Bucket (UTC)",
    "Total chats (count)",
    "Chats",
  ]);
  const res = await page.request.get(
    `/api/metrics/chats.total?source=livechat&from=${WEEK.from}&to=${WEEK.to}&granularity=day&compare=previous`,
  );
  const data = (await res.json()) as MetricResponse;
  const rows = table.locator("tbody tr");
  await expect(rows).toHaveCount(data.buckets.length);
  await expect(rows.first().getByRole("rowheader")).toHaveText(/Oct 5/);
  const values = await rows.locator("td:nth-of-type(1)").allTextContents();
  expect(values).toEqual(data.buckets.map((b) => formatCount(b.value)));
  const sum = values.reduce((n, v) => n + Number(v.replace(/,/g, "")), 0);
  expect(formatCount(sum)).toBe(kpi.total);

  // Closing it returns to the chart alone; focus stays on the toggle.
  await page.keyboard.press("Space");
  await expect(chart.locator("table")).toHaveCount(0);
  await expectFocusOn(page, "Show table");
});
