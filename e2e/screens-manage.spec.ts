/**
 * The Screens page end to end: a board with two tiles and a goal (a goal pointing the wrong
 * way is refused with the schema's words), a screen over it whose link and QR code are shown
 * once and open the TV page in a browser with no session, its status in the list, a board in
 * use that cannot be deleted, a new link, and revocation.
 */
import { expect, test } from "@playwright/test";
import { anonymousContext } from "./support";

const anonymous = anonymousContext;

test("a manager builds a board, puts it on a screen, opens the TV link without a session, and revokes it", async ({
  page,
  browser,
}) => {
  const suffix = Date.now().toString(36);
  const boardName = `Floor ${suffix}`;
  const screenName = `Desk TV ${suffix}`;

  await page.goto("/screens");
  await expect(page.getByRole("heading", { level: 1, name: "Screens" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Screens" })).toHaveAttribute("aria-current", "page");

  // A board: LiveChat, last 7 days, two tiles, a goal on the first response time.
  await page.getByRole("button", { name: "New board" }).click();
  const boardForm = page.getByTestId("board-editor");
  await boardForm.getByLabel("Name").fill(boardName);
  await boardForm.getByLabel("Source").selectOption("livechat");
  await boardForm.getByLabel("Date range").selectOption("last7");
  await boardForm.getByLabel("Metric to add").selectOption("chats.first_response_time");
  await boardForm.getByRole("button", { name: "Add tile" }).click();
  await boardForm.getByLabel("Metric to add").selectOption("chats.csat");
  await boardForm.getByRole("button", { name: "Add tile" }).click();
  await expect(boardForm.getByTestId("board-tile")).toHaveCount(2);

  // Neutral metrics cannot have goals: their inputs are disabled. CSAT can.
  await expect(boardForm.getByLabel("Green goal for CSAT")).toBeEnabled();

  // Wrong way round for a lower-is-better metric: refused before anything is sent.
  await boardForm.getByLabel("Green goal for First response time").fill("2m");
  await boardForm.getByLabel("Amber goal for First response time").fill("1m");
  await boardForm.getByRole("button", { name: "Create board" }).click();
  await expect(boardForm.getByRole("alert")).toContainText(
    "lower is better for First response time: green must be at most amber",
  );

  await boardForm.getByLabel("Green goal for First response time").fill("30s");
  await boardForm.getByLabel("Amber goal for First response time").fill("1:30");
  await expect(boardForm.getByText("= 1m 30s")).toBeVisible();
  await boardForm.getByRole("button", { name: "Create board" }).click();
  await expect(boardForm).toBeHidden();
  const boardRow = page.getByTestId("board-row").filter({ hasText: boardName });
  await expect(boardRow).toContainText("LiveChat");
  await expect(boardRow).toContainText("Last 7 days");
  await expect(boardRow).toContainText("First response time — goal: green ≤ 30s, amber ≤ 1m 30s");
  await expect(boardRow).toContainText("CSAT");

  // A screen over that board; a 10 s rotation is raised to the 30 s minimum.
  await page.getByRole("button", { name: "New screen" }).click();
  const screenForm = page.getByTestId("screen-editor");
  await screenForm.getByLabel("Name").fill(screenName);
  const chosen = screenForm
    .getByTestId("screen-boards")
    .getByRole("listitem")
    .filter({ hasText: boardName });
  if ((await chosen.count()) === 0) {
    await screenForm.getByLabel("Board to add").selectOption({ label: boardName });
    await screenForm.getByRole("button", { name: "Add board" }).click();
  }
  await expect(chosen).toBeVisible();
  await screenForm.getByLabel("Rotation", { exact: true }).fill("10");
  await expect(screenForm.getByText("10 s will be stored as 30 s.")).toBeVisible();
  await screenForm.getByRole("button", { name: "Create screen" }).click();

  const issued = page.getByTestId("screen-issued");
  await expect(issued).toContainText("shown only now");
  await expect(issued.getByTestId("screen-stored-intervals")).toContainText(
    "rotate every 30 s, the data refreshes every 1 min",
  );
  const url = await issued.getByTestId("share-url").inputValue();
  expect(url).toMatch(/^http:\/\/localhost:\d+\/tv\/[^/]+$/);
  await expect(issued.getByRole("img", { name: "QR code of the screen link" })).toBeVisible();
  await expect(issued.getByTestId("screen-open")).toHaveAttribute("href", url);
  await expect(issued.getByTestId("screen-open")).toHaveAttribute("target", "_blank");

  // The TV: no session, the link alone.
  const tv = await anonymous(browser);
  try {
    const tvPage = await tv.newPage();
    const response = await tvPage.goto(url);
    expect(response?.status()).toBe(200);
    await expect(tvPage.locator('[data-testid="tv-screen"]')).toBeVisible();
  } finally {
    await tv.close();
  }

  await issued.getByRole("button", { name: "Done, hide the link" }).click();
  await expect(issued).toBeHidden();

  const screenRow = page.getByTestId("screen-row").filter({ hasText: screenName });
  await expect(screenRow.getByTestId("screen-status")).toHaveText(/Never connected|Online/);
  await expect(screenRow).toContainText(`Boards: ${boardName}`);
  await expect(screenRow).toContainText("Rotates every 30 s · refreshes every 1 min · Dark");

  // A board shown on a screen cannot be deleted: the server names the screen.
  await boardRow.getByRole("button", { name: `Delete board ${boardName}` }).click();
  await page.getByRole("button", { name: "Delete board", exact: true }).click();
  await expect(page.getByTestId("board-error")).toContainText(`Shown on "${screenName}"`);
  await expect(boardRow).toBeVisible();

  // A new link replaces the old one (confirm first).
  await screenRow.getByRole("button", { name: `New link for ${screenName}` }).click();
  await page.getByRole("button", { name: "Make a new link" }).click();
  const renewed = page.getByTestId("screen-issued");
  await expect(renewed).toContainText("The old link stops working");
  const newUrl = await renewed.getByTestId("share-url").inputValue();
  expect(newUrl).toMatch(/\/tv\/[^/]+$/);
  expect(newUrl).not.toBe(url);

  // Revoke (confirm first): the status says so and the actions are gone.
  await screenRow.getByRole("button", { name: `Revoke screen ${screenName}` }).click();
  await page.getByRole("button", { name: "Revoke screen", exact: true }).click();
  await expect(screenRow.getByTestId("screen-status")).toHaveText("Revoked");
  await expect(screenRow.getByRole("button", { name: /Revoke/ })).toHaveCount(0);
});
