/**
 * The wall screen end to end, in a browser with no session and a fast clock (Playwright's
 * `page.clock`): the TV opens by its URL alone, rotates its boards, keeps the last good
 * numbers marked stale with their age when a refresh fails (our server unreachable, or the
 * upstream not answering) and recovers by itself, goes blank with a clear message within one
 * refresh of a revocation or a new link, and refuses tampered and foreign tokens.
 *
 * Boards and screens are made through the signed-in API (`request` carries the demo session);
 * the TV pages run in fresh contexts without cookies.
 */
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { SignJWT } from "jose";
import { anonymousContext } from "./support";

const REFRESH_MS = 30_000;
const ROTATION_MS = 30_000;

interface Screen {
  id: string;
  url: string;
  boards: { id: string; name: string }[];
}

const TWO_TILES = [
  { metric: "chats.total" },
  { metric: "chats.first_response_time", goal: { green: 30, amber: 90 } },
];

async function makeScreen(
  request: APIRequestContext,
  boardsCount = 1,
  tiles: { metric: string; goal?: { green: number; amber: number } }[] = TWO_TILES,
): Promise<Screen> {
  const suffix = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const boards: Screen["boards"] = [];
  for (let i = 0; i < boardsCount; i++) {
    const res = await request.post("/api/boards", {
      data: {
        name: `TV board ${i + 1} ${suffix}`,
        source: "livechat",
        range: i === 0 ? "today" : "last7",
        tiles,
      },
    });
    expect(res.status()).toBe(201);
    boards.push(((await res.json()) as { board: { id: string; name: string } }).board);
  }
  const res = await request.post("/api/screens", {
    data: {
      name: `TV ${suffix}`,
      boardIds: boards.map((b) => b.id),
      rotationSeconds: ROTATION_MS / 1000,
      refreshSeconds: REFRESH_MS / 1000,
    },
  });
  expect(res.status()).toBe(201);
  const body = (await res.json()) as { screen: { id: string }; url: string };
  return { id: body.screen.id, url: body.url, boards };
}

const anonymous = (browser: Browser) =>
  anonymousContext(browser, { viewport: { width: 1920, height: 1080 } });

/** Opens the TV with a fake clock and waits until every tile shows a number. */
async function openTv(browser: Browser, url: string): Promise<Page> {
  const page = await (await anonymous(browser)).newPage();
  await page.clock.install();
  await page.goto(url);
  await expect(page.getByTestId("tv-screen")).toBeVisible();
  await expect(page.getByTestId("tv-value")).toHaveCount(2);
  return page;
}

/** One refresh interval, plus the one quick retry of a failed request. */
async function oneRefresh(page: Page): Promise<void> {
  await page.clock.fastForward(REFRESH_MS);
  await page.clock.fastForward(2_500);
}

test("a screen opened by its URL, with no session, shows its board and rotates", async ({
  browser,
  request,
}) => {
  const screen = await makeScreen(request, 2);
  const [first, second] = screen.boards as [Screen["boards"][0], Screen["boards"][0]];
  const page = await openTv(browser, screen.url);

  await expect(page.getByTestId("tv-board-name")).toHaveText(first.name);
  const tiles = page.getByTestId("tv-tile");
  await expect(tiles).toHaveCount(2);
  await expect(tiles.nth(0)).toHaveAttribute("aria-label", "Total chats");
  await expect(tiles.nth(1).getByTestId("tv-goal-status")).toHaveText(/On goal|Near goal|Off goal/);
  await expect(tiles.nth(0).getByTestId("tv-delta")).toContainText(/until \d\d:00 vs last \w{3}/);
  await expect(tiles.nth(0).getByTestId("tv-freshness")).toHaveText("Updated just now");
  // The screen's own clock in the corner.
  await expect(page.getByTestId("tv-clock")).toHaveText(/^\d\d:\d\d$/);

  await page.clock.fastForward(ROTATION_MS);
  await expect(page.getByTestId("tv-board-name")).toHaveText(second.name);
  await expect(page.getByTestId("tv-value")).toHaveCount(2);
  await expect(page.getByTestId("tv-tile").nth(0).getByTestId("tv-delta")).toContainText(
    "vs previous 7 days",
  );
  await page.clock.fastForward(ROTATION_MS);
  await expect(page.getByTestId("tv-board-name")).toHaveText(first.name);
  // Only the board on screen is in the DOM: rotation never stacks boards up.
  await expect(page.getByTestId("tv-tile")).toHaveCount(2);

  // The TV reported in: the manager's list shows it online, with its build.
  await expect
    .poll(async () => {
      const res = await request.get("/api/screens");
      const { screens } = (await res.json()) as {
        screens: { id: string; status: string; lastVersion: string | null }[];
      };
      return screens.find((s) => s.id === screen.id);
    })
    .toMatchObject({ status: "online", lastVersion: expect.stringMatching(/\S/) });
  await page.context().close();
});

test("a failed refresh keeps the last numbers, marked stale with their age, and recovers by itself", async ({
  browser,
  request,
}) => {
  const screen = await makeScreen(request);
  const page = await openTv(browser, screen.url);
  const values = await page.getByTestId("tv-value").allTextContents();

  // Our server unreachable: every request of the TV fails without an answer.
  await page.route("**/api/screen/**", (route) => route.abort("connectionrefused"));
  await oneRefresh(page);
  const banner = page.getByTestId("tv-banner");
  await expect(banner).toHaveAttribute("data-kind", "app");
  await expect(banner).toContainText("Chatlens server unreachable");
  await expect(banner).toContainText("Showing the last good numbers, from");
  for (const tile of await page.getByTestId("tv-tile").all()) {
    await expect(tile).toHaveAttribute("data-stale", "true");
  }
  // The last good values stay on screen.
  expect(await page.getByTestId("tv-value").allTextContents()).toEqual(values);
  // …and their age keeps counting while the outage lasts.
  await page.clock.fastForward(3 * 60_000);
  await expect(page.getByTestId("tv-freshness").first()).toHaveText(/^⚠ Stale · [34] min ago$/);

  // Back: the next refresh recovers without anyone touching the TV.
  await page.unroute("**/api/screen/**");
  await oneRefresh(page);
  await expect(banner).toBeHidden();
  for (const tile of await page.getByTestId("tv-tile").all()) {
    await expect(tile).toHaveAttribute("data-stale", "false");
  }
  await expect(page.getByTestId("tv-freshness").first()).toHaveText(
    /^Updated (just now|1 min ago)$/,
  );

  // Our server up, the chat platform down: the banner says which, the tiles stay and age.
  await page.route("**/api/screen/*/metrics/**", (route) =>
    route.fulfill({
      status: 503,
      json: { error: { code: "upstream_unreachable", message: "LiveChat did not answer." } },
    }),
  );
  await oneRefresh(page);
  await expect(banner).toHaveAttribute("data-kind", "upstream");
  await expect(banner).toContainText("LiveChat did not answer.");
  await expect(page.getByTestId("tv-tile").first()).toHaveAttribute("data-stale", "true");
  await page.unroute("**/api/screen/*/metrics/**");
  await oneRefresh(page);
  await expect(banner).toBeHidden();
  await page.context().close();
});

test("revoking a screen blanks it with a clear message within one refresh", async ({
  browser,
  request,
}) => {
  const screen = await makeScreen(request);
  const page = await openTv(browser, screen.url);

  expect((await request.delete(`/api/screens/${screen.id}`)).status()).toBe(204);
  await oneRefresh(page);
  const stopped = page.getByTestId("tv-stopped");
  await expect(stopped).toBeVisible();
  await expect(stopped).toHaveAttribute("data-reason", "switched_off");
  await expect(stopped).toContainText("This screen was switched off");
  await expect(stopped).toContainText("switched off by its owner");
  // Nothing that could pass for live numbers is left.
  await expect(page.getByTestId("tv-tile")).toHaveCount(0);
  await expect(page.getByTestId("tv-value")).toHaveCount(0);

  // And it stays so: no more requests after the stop.
  let requests = 0;
  page.on("request", (r) => {
    if (r.url().includes("/api/screen/")) requests++;
  });
  await page.clock.fastForward(5 * REFRESH_MS);
  expect(requests).toBe(0);

  // A reload (or a new TV with the old URL) gets the same message from the server.
  await page.reload();
  await expect(page.getByTestId("tv-stopped")).toContainText("switched off by its owner");
  await page.context().close();
});

test("a new link replaces the old one within one refresh", async ({ browser, request }) => {
  const screen = await makeScreen(request);
  const page = await openTv(browser, screen.url);
  const res = await request.post(`/api/screens/${screen.id}/token`);
  expect(res.status()).toBe(200);
  const { url } = (await res.json()) as { url: string };

  await oneRefresh(page);
  await expect(page.getByTestId("tv-stopped")).toContainText("replaced by a newer one");

  const fresh = await openTv(browser, url);
  await expect(fresh.getByTestId("tv-tile")).toHaveCount(2);
  await page.context().close();
  await fresh.context().close();
});

test("a tampered or foreign token is refused, page and API alike", async ({ browser, request }) => {
  const screen = await makeScreen(request);
  const token = screen.url.slice("/tv/".length);
  const [header, payload, signature] = token.split(".") as [string, string, string];
  const flipped = `${signature.slice(0, -2)}${signature.at(-2) === "A" ? "B" : "A"}${signature.at(-1)}`;
  const screenId = JSON.parse(Buffer.from(payload, "base64url").toString()) as { jti: string };
  const foreign = await new SignJWT({ pur: "screen", ver: 1 })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer("chatlens")
    .setAudience("chatlens:screen")
    .setJti(screenId.jti)
    .setIssuedAt()
    .sign(new TextEncoder().encode("another-secret-0123456789-abcdefghijklmnop"));
  const unsigned = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${payload}.`;

  const context = await anonymous(browser);
  const page = await context.newPage();
  for (const bad of [`${header}.${payload}.${flipped}`, foreign, unsigned, "not-a-token"]) {
    await page.goto(`/tv/${bad}`);
    const stopped = page.getByTestId("tv-stopped");
    await expect(stopped).toHaveAttribute("data-reason", "invalid");
    await expect(stopped).toContainText("This screen link is not valid");
    await expect(page.getByTestId("tv-tile")).toHaveCount(0);

    const api = await context.request.get(
      `/api/screen/${bad}/metrics/chats.total?board=${screen.boards[0]!.id}&range=today`,
    );
    expect(api.status()).toBe(401);
    expect(await api.json()).toMatchObject({ error: { code: "invalid_screen_token" } });
  }
  // The real one still works.
  expect((await request.get(`/api/screen/${token}`)).status()).toBe(200);
  await context.close();
});

test("hidden, the screen asks for nothing; visible again, it refreshes at once, once", async ({
  browser,
  request,
}) => {
  const screen = await makeScreen(request);
  const page = await openTv(browser, screen.url);
  const asked: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith("/api/screen/") && !url.pathname.endsWith("/heartbeat")) {
      asked.push(url.pathname.split("/").slice(4).join("/") || "config");
    }
  });
  const setVisibility = (state: "hidden" | "visible") =>
    page.evaluate((s) => {
      Object.defineProperty(document, "visibilityState", { value: s, configurable: true });
      // Bubbles, as the browser's own does (TanStack listens on window).
      document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
    }, state);

  await setVisibility("hidden");
  await page.clock.fastForward(10 * 60_000);
  await page.clock.fastForward(REFRESH_MS);
  expect(asked).toEqual([]);

  await setVisibility("visible");
  await expect.poll(() => asked.length).toBe(3);
  expect(asked.sort()).toEqual([
    "config",
    "metrics/chats.first_response_time",
    "metrics/chats.total",
  ]);
  await page.waitForTimeout(500);
  expect(asked).toHaveLength(3);
  await page.context().close();
});

test("on a 1080p screen every tile shows its number, delta and trend, in every layout", async ({
  browser,
  request,
}) => {
  const metrics = ["chats.total", "chats.missed", "chats.first_response_time", "chats.csat"];
  for (const count of [1, 2, 4]) {
    const screen = await makeScreen(
      request,
      1,
      metrics.slice(0, count).map((metric) => ({ metric })),
    );
    const page = await (
      await anonymousContext(browser, { viewport: { width: 1920, height: 1080 } })
    ).newPage();
    await page.goto(screen.url);
    await expect(page.getByTestId("tv-value")).toHaveCount(count);
    for (const tile of await page.getByTestId("tv-tile").all()) {
      // Readable from across the room: big digits, and nothing squeezed to nothing (2-row
      // layouts once lost their delta and trend line).
      expect((await tile.getByTestId("tv-value").boundingBox())!.height).toBeGreaterThan(60);
      expect((await tile.getByTestId("tv-delta").boundingBox())!.height).toBeGreaterThan(20);
      expect((await tile.getByTestId("tv-sparkline").boundingBox())!.height).toBeGreaterThan(40);
    }
    await page.context().close();
  }
});
