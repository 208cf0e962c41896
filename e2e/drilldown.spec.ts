/**
 * From a chart bucket to the chats behind it and into one transcript; CSV downloads that hold
 * exactly the chart's data.
 */
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { formatCount } from "../lib/format";
import type { ChatListResponse, MetricResponse } from "../lib/metrics/types";
import { expectedChatCount, WEEK, weekUrl } from "./support";

test("clicking a day of the chats chart lists that day's chats; a row opens its transcript", async ({
  page,
}) => {
  await page.goto(weekUrl("/"));
  const chart = page.getByTestId("chart-chats.total");
  const bars = chart.locator(".recharts-bar-rectangle");
  await expect(bars).toHaveCount(7);
  await bars.nth(2).click();

  const day = "2026-10-07";
  await expect(page).toHaveURL(new RegExp(`/archive\\?source=livechat&from=${day}&to=${day}$`));
  const list = page.getByTestId("archive-list");
  const expected = expectedChatCount("livechat", day, day);
  await expect(list).toContainText(`${formatCount(expected)} chats`);
  const rows = list.locator("tbody tr");
  await expect(rows).toHaveCount(Math.min(25, expected));

  // Page 2 holds other chats; Prev comes back.
  if (expected > 25) {
    const firstId = await rows.first().getAttribute("data-chat-id");
    await list.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(list.getByRole("button", { name: "Page 2" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(rows.first()).not.toHaveAttribute("data-chat-id", firstId ?? "");
    await list.getByRole("button", { name: "Prev" }).click();
    await expect(rows.first()).toHaveAttribute("data-chat-id", firstId ?? "");
  }

  const id = await rows.first().getAttribute("data-chat-id");
  await rows.first().getByTestId("archive-chat-link").click();
  await expect(page).toHaveURL(new RegExp(`/archive/${id}\\?`));
  const transcript = page.getByTestId("transcript");
  await expect(transcript.getByTestId("transcript-details")).toContainText("Visitor");
  await expect(transcript.getByTestId("transcript-messages").locator("li").first()).toBeVisible();
  await expect(transcript.locator('li[data-role="visitor"]').first()).toBeVisible();

  await page.getByRole("link", { name: "← Back to the chat list" }).click();
  await expect(page).toHaveURL(new RegExp(`/archive\\?.*from=${day}`));
});

test("a CSAT bucket drills into that day's rated chats", async ({ page }) => {
  await page.goto(weekUrl("/satisfaction"));
  const chart = page.getByTestId("chart-chats.csat");
  await chart.getByRole("button", { name: "Show table" }).click();
  await chart.getByRole("link", { name: "Chats" }).first().click();
  await expect(page).toHaveURL(
    new RegExp(`/archive\\?source=livechat&from=${WEEK.from}&to=${WEEK.from}&rate=rated$`),
  );
  const res = await page.request.get(
    `/api/chats?source=livechat&from=${WEEK.from}&to=${WEEK.from}&rate=rated`,
  );
  const body = (await res.json()) as ChatListResponse;
  await expect(page.getByTestId("archive-list")).toContainText(`${formatCount(body.total)} chats`);
  await expect(page.getByTestId("archive-list").locator("tbody tr").first()).toContainText(
    /Rated (good|bad)/,
  );
});

test("an unknown chat id says the chat was not found", async ({ page }) => {
  await page.goto("/archive/NOSUCHCHAT?source=livechat");
  await expect(page.getByTestId("chat-not-found")).toContainText("Chat not found");
});

test("Download CSV holds exactly the chart's buckets and values, with units", async ({ page }) => {
  await page.goto(weekUrl("/response-times"));
  const chart = page.getByTestId("chart-chats.first_response_time");
  await expect(chart.locator("svg.recharts-surface").first()).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    chart.getByRole("button", { name: /Download CSV/ }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(
    `chatlens-chats.first_response_time-livechat-${WEEK.from}_${WEEK.to}.csv`,
  );
  const csv = await readFile((await download.path())!, "utf8");

  const res = await page.request.get(
    `/api/metrics/chats.first_response_time?source=livechat&from=${WEEK.from}&to=${WEEK.to}&granularity=day&compare=previous`,
  );
  const data = (await res.json()) as MetricResponse;
  expect(csv.split("\r\n")).toEqual([
    `Bucket (${data.timezone}),First response time (seconds)`,
    ...data.buckets.map((b) => `${b.key},${b.value ?? ""}`),
  ]);
});
