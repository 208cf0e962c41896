/**
 * The security headers of proxy.ts on every page and on API answers, and the proof that the
 * app works under its Content-Security-Policy: each page is opened in Chromium with every CSP
 * violation recorded (console errors and `securitypolicyviolation` events), must report none,
 * and must hydrate and do its job (numbers, charts, a click that only a hydrated page handles).
 */
import { expect, test, type APIRequestContext, type Page, type Response } from "@playwright/test";
import { WEEK, weekUrl, anonymousContext } from "./support";

/**
 * Starts recording CSP violations on `page`, and the browser's complaints about our other
 * policy headers (an unknown Permissions-Policy feature is logged on every page); the returned
 * function reads them.
 */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Permissions-Policy/.test(message.text())) {
      fromConsole.push(message.text());
    }
  });
  // Init scripts are injected by the browser's automation protocol, not subject to the CSP.
  await page.addInitScript(() => {
    const target = window as unknown as { __csp: string[] };
    target.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      target.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI} ${e.sample}`);
    });
  });
  return async () => [
    ...fromConsole,
    ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])),
  ];
}

/** The headers every HTML page must carry; returns the page's script nonce. */
function expectPageHeaders(response: Response | null, referrer: string): string {
  expect(response, "navigation response").not.toBeNull();
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+=*' 'strict-dynamic'(;|$)/);
  expect(csp).not.toContain("unsafe-eval");
  for (const directive of [
    "default-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ]) {
    expect(csp).toContain(directive);
  }
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe(referrer);
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["permissions-policy"]).toContain("microphone=()");
  expect(headers["permissions-policy"]).toContain("geolocation=()");
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  // Served over plain http://localhost: never pinned to HTTPS.
  expect(headers["strict-transport-security"]).toBeUndefined();
  return /'nonce-([^']+)'/.exec(csp)![1]!;
}

/** Waits for hydration and a quiet network; asserts the nonce is applied and nothing was refused. */
async function settle(page: Page, nonce: string, violations: () => Promise<string[]>) {
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll("body *")).some((el) =>
      Object.keys(el).some((key) => key.startsWith("__reactFiber")),
    ),
  );
  // Next stamped this response's nonce on every inline script (ours and its own; the browser
  // hides the attribute, the property keeps it). Chunks its loader inserts later need none:
  // 'strict-dynamic' trusts them.
  const inline = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLScriptElement>("script:not([src])"), (s) => s.nonce),
  );
  expect(inline.length).toBeGreaterThan(0);
  expect(inline.every((n) => n === nonce)).toBe(true);
  await page.waitForLoadState("networkidle");
  expect(await violations()).toEqual([]);
}

const anonymous = anonymousContext;

async function createScreen(request: APIRequestContext): Promise<{ name: string; url: string }> {
  const suffix = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const board = await request.post("/api/boards", {
    data: {
      name: `CSP board ${suffix}`,
      source: "livechat",
      range: "today",
      tiles: [{ metric: "chats.total" }],
    },
  });
  expect(board.status(), await board.text()).toBe(201);
  const { board: created } = (await board.json()) as { board: { id: string } };
  const name = `CSP screen ${suffix}`;
  const res = await request.post("/api/screens", {
    data: { name, boardIds: [created.id], rotationSeconds: 30, refreshSeconds: 30 },
  });
  expect(res.status(), await res.text()).toBe(201);
  return { name, url: ((await res.json()) as { url: string }).url };
}

test("the overview works under the CSP: numbers, charts, and a chart click", async ({ page }) => {
  const violations = await recordViolations(page);
  const nonce = expectPageHeaders(await page.goto(weekUrl("/")), "strict-origin-when-cross-origin");
  await expect(page.getByTestId("kpi-chats.total").getByTestId("kpi-value")).toHaveText(/^\d/);
  const bars = page.getByTestId("chart-chats.total").locator(".recharts-bar-rectangle");
  await expect(bars).toHaveCount(7);
  await settle(page, nonce, violations);
  // Only a hydrated chart handles the click (the drill-down into the archive).
  await bars.nth(2).click();
  await expect(page).toHaveURL(/\/archive\?/);
  await expect(page.getByTestId("archive-list")).toContainText("chats");
  await page.waitForLoadState("networkidle");
  expect(await violations()).toEqual([]);
});

const REPORT_PAGES: { path: string; ready: (page: Page) => Promise<void> }[] = [
  {
    path: "/chats",
    ready: (page) =>
      expect(page.locator("svg.recharts-surface").first()).toBeVisible({ timeout: 15_000 }),
  },
  {
    path: "/satisfaction",
    ready: (page) =>
      expect(page.getByTestId("kpi-chats.csat").getByTestId("kpi-value")).toHaveText(/^\d/),
  },
  {
    path: "/response-times",
    ready: (page) => expect(page.locator("svg.recharts-surface").first()).toBeVisible(),
  },
  {
    path: "/agents",
    ready: (page) =>
      expect(page.getByTestId("table-agents").locator("tbody tr").first()).toBeVisible(),
  },
  {
    path: "/tickets",
    ready: (page) => expect(page.getByTestId("table-tickets")).toBeVisible(),
  },
  {
    path: "/definitions",
    ready: (page) => expect(page.locator('[id="metric-chats.csat"]')).toBeVisible(),
  },
  {
    path: "/shared-links",
    ready: (page) => expect(page.getByRole("heading").first()).toBeVisible(),
  },
];

for (const { path, ready } of REPORT_PAGES) {
  test(`${path} works under the CSP`, async ({ page }) => {
    const violations = await recordViolations(page);
    const nonce = expectPageHeaders(
      await page.goto(weekUrl(path)),
      "strict-origin-when-cross-origin",
    );
    await ready(page);
    await settle(page, nonce, violations);
  });
}

test("/screens works under the CSP, with its data: QR code", async ({ page, request }) => {
  const screen = await createScreen(request);
  const violations = await recordViolations(page);
  const nonce = expectPageHeaders(await page.goto("/screens"), "strict-origin-when-cross-origin");
  await settle(page, nonce, violations);
  await page.getByRole("button", { name: `New link for ${screen.name}` }).click();
  await page.getByRole("button", { name: "Make a new link" }).click();
  const qr = page.getByRole("img", { name: "QR code of the screen link" });
  await expect(qr).toBeVisible();
  // Drawn, not blocked: a refused data: image has no natural size.
  await expect
    .poll(() => qr.evaluate((img) => (img as HTMLImageElement).naturalWidth))
    .toBeGreaterThan(0);
  expect(await violations()).toEqual([]);
});

test("/signin works under the CSP without a session", async ({ browser }) => {
  const context = await anonymous(browser);
  try {
    const page = await context.newPage();
    const violations = await recordViolations(page);
    const nonce = expectPageHeaders(await page.goto("/signin"), "strict-origin-when-cross-origin");
    await expect(page.getByLabel("Username")).toBeVisible();
    await settle(page, nonce, violations);
    // A wrong password answered in the form proves the client handler ran.
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: /sign in/i }).click();
    await expect(page.getByText(/^Sign-in failed/)).toBeVisible();
    expect(await violations()).toEqual([]);
  } finally {
    await context.close();
  }
});

test("a share link page works under the CSP", async ({ browser, request }) => {
  const res = await request.post("/api/share-links", {
    data: {
      scope: {
        page: "overview",
        source: "livechat",
        range: { kind: "fixed", from: WEEK.from, to: WEEK.to },
      },
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { url } = (await res.json()) as { url: string };
  const context = await anonymous(browser);
  try {
    const page = await context.newPage();
    const violations = await recordViolations(page);
    const nonce = expectPageHeaders(await page.goto(url), "no-referrer");
    await expect(page.getByTestId("kpi-chats.total").getByTestId("kpi-value")).toHaveText(/^\d/);
    await settle(page, nonce, violations);
  } finally {
    await context.close();
  }
});

test("a TV page works under the CSP", async ({ browser, request }) => {
  const screen = await createScreen(request);
  const context = await anonymous(browser);
  try {
    const page = await context.newPage();
    const violations = await recordViolations(page);
    const nonce = expectPageHeaders(await page.goto(screen.url), "no-referrer");
    await expect(page.getByTestId("tv-screen")).toBeVisible();
    await settle(page, nonce, violations);
  } finally {
    await context.close();
  }
});

test("API answers: no-store when authenticated, nosniff and a no-load CSP everywhere", async ({
  request,
  browser,
}) => {
  for (const path of [
    "/api/sources",
    `/api/metrics/chats.total?source=livechat&from=${WEEK.from}&to=${WEEK.to}`,
    "/api/share-links",
    "/api/screens",
    "/api/metrics/no.such.metric?source=livechat",
  ]) {
    const res = await request.get(path);
    const headers = res.headers();
    expect(headers["cache-control"], path).toBe("private, no-store");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["content-security-policy"], path).toMatch(/^default-src 'none'/);
    expect(headers["content-security-policy"], path).not.toContain("nonce-");
  }
  // A client-sent X-Forwarded-Proto is not trusted without CHATLENS_TRUST_PROXY (unset here).
  const forged = await request.get("/api/sources", { headers: { "x-forwarded-proto": "https" } });
  expect(forged.headers()["strict-transport-security"]).toBeUndefined();
  // Without a session: a 401 that no cache may keep either.
  const context = await anonymous(browser);
  try {
    const res = await context.request.get("/api/sources");
    expect(res.status()).toBe(401);
    expect(res.headers()["cache-control"]).toBe("private, no-store");
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  } finally {
    await context.close();
  }
});
