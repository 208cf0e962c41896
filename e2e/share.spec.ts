/**
 * Share links end to end: created from a report page, opened in a browser with no session
 * (the same numbers, read-only, nothing leading into the app), widened requests refused,
 * revocation immediate, bad tokens refused with a clear page, the password flow, and hidden
 * agent names that never reach the HTML or the JSON.
 */
import { createHash, hkdfSync } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { SignJWT } from "jose";
import { E2E_AUTH_SECRET } from "../playwright.config";
import { LIVECHAT_AGENTS } from "../simulator/accounts";
import { expectedLiveChatKpis, WEEK, weekUrl, anonymousContext } from "./support";

const KPIS = ["chats.total", "chats.csat", "chats.first_response_time", "chats.response_time"];

/** The week's overview query string for the share API (as the share page's widgets send it). */
function weekQuery(extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    source: "livechat",
    from: WEEK.from,
    to: WEEK.to,
    granularity: "day",
    compare: "previous",
    ...extra,
  }).toString();
}

const anonymous = anonymousContext;

/** Creates a link through the API with the signed-in `request`; returns its path and id. */
async function createLink(
  request: APIRequestContext,
  scope: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Promise<{ path: string; token: string; id: string }> {
  const res = await request.post("/api/share-links", {
    data: {
      scope: {
        source: "livechat",
        range: { kind: "fixed", from: WEEK.from, to: WEEK.to },
        ...scope,
      },
      ...extra,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as { url: string; link: { id: string } };
  return { path: body.url, token: body.url.replace("/share/", ""), id: body.link.id };
}

async function kpiValues(page: Page): Promise<string[]> {
  const values: string[] = [];
  for (const id of KPIS) {
    const value = page.getByTestId(`kpi-${id}`).getByTestId("kpi-value");
    await expect(value).toHaveText(/^\d/);
    values.push((await value.textContent())?.trim() ?? "");
  }
  return values;
}

/** Share tokens signed here, as the app signs them (lib/share/token.ts), for tokens it never issues. */
function shareKey(secret: string): { key: Uint8Array; kid: string } {
  const key = new Uint8Array(hkdfSync("sha256", secret, "", "chatlens share-link token v1", 32));
  return { key, kid: createHash("sha256").update(key).digest("base64url").slice(0, 16) };
}

async function signToken(linkId: string, secret: string, expSeconds: number): Promise<string> {
  const { key, kid } = shareKey(secret);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ pur: "share" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT", kid })
    .setIssuer("chatlens")
    .setAudience("chatlens:share")
    .setJti(linkId)
    .setIssuedAt(Math.min(now, expSeconds) - 3600)
    .setExpirationTime(expSeconds)
    .sign(key);
}

function unsignedToken(linkId: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: "none", typ: "JWT", kid: shareKey(E2E_AUTH_SECRET).kid };
  const payload = {
    pur: "share",
    iss: "chatlens",
    aud: "chatlens:share",
    jti: linkId,
    iat: now,
    exp: now + 3600,
  };
  return `${part(header)}.${part(payload)}.`;
}

test("a link made with Share shows the same numbers to a browser with no session, read-only; revoking stops it at once", async ({
  page,
  browser,
}) => {
  const expected = expectedLiveChatKpis(WEEK.from, WEEK.to, "3");
  await page.goto(weekUrl("/", { group: "3" }));
  const appValues = await kpiValues(page);
  expect(appValues[0]).toBe(expected.total);

  await page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: /Share/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel(/^Fixed: Oct 5 – Oct 11, 2026/)).toBeChecked();
  await expect(dialog.getByLabel("Link expires after")).toHaveValue("30");
  await dialog.getByRole("button", { name: "Create link" }).click();
  const url = await dialog.getByTestId("share-url").inputValue();
  expect(url).toMatch(/^http:\/\/localhost:\d+\/share\/[\w-]+\.[\w-]+\.[\w-]+$/);
  await expect(dialog.getByTestId("share-created-note")).toContainText(
    "Anyone with this link can see this report until",
  );
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  const token = new URL(url).pathname.replace("/share/", "");

  const context = await anonymous(browser);
  const viewer = await context.newPage();
  const dataRequests: string[] = [];
  viewer.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith("/api/") && !path.startsWith("/api/auth/")) dataRequests.push(path);
  });
  const response = await viewer.goto(url);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  expect(response?.headers()["x-robots-tag"]).toContain("noindex");

  // The same numbers, streamed with the page (no request of its own).
  expect(await kpiValues(viewer)).toEqual(appValues);
  expect(dataRequests).toEqual([]);
  await expect(viewer.getByTestId("share-byline")).toHaveText(
    /^Shared by Demo manager · valid until \w{3} \d{1,2}, \d{4}, \d\d:\d\d$/,
  );
  await expect(viewer.getByTestId("share-scope")).toContainText("Billing");
  await expect(viewer.getByTestId("share-scope")).toContainText("Oct 5 – Oct 11, 2026");
  // Read-only: no filter controls, no navigation, no link into the app.
  await expect(viewer.getByTestId("filter-bar")).toHaveCount(0);
  await expect(viewer.locator("select, input")).toHaveCount(0);
  await expect(viewer.getByRole("navigation", { name: "Reports" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Share", exact: true })).toHaveCount(0);
  await expect(viewer.locator("a[href]")).toHaveCount(0);
  await expect(viewer.locator('meta[name="referrer"]')).toHaveAttribute("content", "no-referrer");
  await expect(viewer.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);

  // The share API: the link's own request is served; anything wider is refused, with no data.
  const api = context.request;
  const own = await api.get(`/api/share/${token}/metrics/chats.total?${weekQuery({ group: "3" })}`);
  expect(own.status()).toBe(200);
  expect(own.headers()["cache-control"]).toBe("private, no-store");
  expect(own.headers()["referrer-policy"]).toBe("no-referrer");
  expect(((await own.json()) as { total: { value: number } }).total.value).toBe(
    Number(expected.total.replace(/,/g, "")),
  );
  for (const [path, status] of [
    [`metrics/chats.total?${weekQuery({ group: "1" })}`, 403],
    [`metrics/chats.total?${weekQuery()}`, 403],
    [`metrics/chats.total?${weekQuery({ group: "3", from: "2026-09-01" })}`, 403],
    [`metrics/chats.total?${weekQuery({ group: "3", granularity: "hour" })}`, 403],
    [`metrics/agents.availability?${weekQuery({ group: "3" })}`, 403],
    [`reports/agents?source=livechat&from=${WEEK.from}&to=${WEEK.to}&group=3`, 403],
    [`chats?source=livechat&from=${WEEK.from}&to=${WEEK.to}&group=3`, 403],
    [`metrics/chats.total?${weekQuery({ group: "3", debug: "1" })}`, 400],
  ] as const) {
    const res = await api.get(`/api/share/${token}/${path}`);
    expect(res.status(), path).toBe(status);
    const body = await res.text();
    expect(body, path).not.toContain('"buckets"');
    expect(body, path).toContain(status === 403 ? "not_allowed_by_link" : "invalid_parameter");
  }
  // And no session came with the link.
  expect((await api.get(`/api/metrics/chats.total?${weekQuery()}`)).status()).toBe(401);

  // The owner revokes it on the Shared links page: the very next view and request are refused.
  await page.goto("/shared-links");
  const row = page.getByTestId("shared-link-row").first();
  await expect(row).toContainText("Overview");
  await expect(row.getByTestId("shared-link-views")).toHaveText("1");
  await row.getByRole("button", { name: /^Revoke/ }).click();
  await page.getByRole("button", { name: "Revoke link", exact: true }).click();
  await expect(row.getByTestId("shared-link-status")).toHaveText("revoked");

  await viewer.reload();
  await expect(
    viewer.getByRole("heading", { name: "This link was revoked by its owner" }),
  ).toBeVisible();
  await expect(viewer.locator('[data-testid^="kpi-"]')).toHaveCount(0);
  const revoked = await api.get(
    `/api/share/${token}/metrics/chats.total?${weekQuery({ group: "3" })}`,
  );
  expect(revoked.status()).toBe(410);
  expect(await revoked.json()).toEqual({
    error: { code: "link_revoked", message: "This share link was revoked by its owner." },
  });
  await context.close();
});

test("expired, tampered, alg none and foreign-key tokens get a clear page and no data", async ({
  browser,
  request,
}) => {
  const { token, id } = await createLink(request, { page: "overview" });
  const [header, payload, signature] = token.split(".") as [string, string, string];
  const flipped = `${signature.slice(0, -2)}${signature.at(-2) === "A" ? "B" : "A"}${signature.at(-1)}`;
  const cases = [
    {
      name: "expired",
      token: await signToken(id, E2E_AUTH_SECRET, Math.floor(Date.now() / 1000) - 60),
      status: 200,
      heading: "This link has expired",
      api: [410, "link_expired"],
    },
    {
      name: "tampered",
      token: `${header}.${payload}.${flipped}`,
      status: 404,
      heading: "This link is not valid",
      api: [404, "not_found"],
    },
    {
      name: "alg none",
      token: unsignedToken(id),
      status: 404,
      heading: "This link is not valid",
      api: [404, "not_found"],
    },
    {
      name: "foreign key",
      token: await signToken(id, "another-secret-0123456789-abcdefghijklmnop", 2_000_000_000),
      status: 404,
      heading: "This link is not valid",
      api: [404, "not_found"],
    },
  ] as const;

  const context = await anonymous(browser);
  const viewer = await context.newPage();
  for (const c of cases) {
    const res = await viewer.goto(`/share/${c.token}`);
    expect(res?.status(), c.name).toBe(c.status);
    await expect(viewer.getByRole("heading", { name: c.heading }), c.name).toBeVisible();
    await expect(viewer.locator('[data-testid^="kpi-"]'), c.name).toHaveCount(0);
    expect(await res?.text(), c.name).not.toContain("kpi-value");
    const api = await context.request.get(
      `/api/share/${c.token}/metrics/chats.total?${weekQuery()}`,
    );
    expect(api.status(), c.name).toBe(c.api[0]);
    expect(((await api.json()) as { error: { code: string } }).error.code, c.name).toBe(c.api[1]);
  }
  // The genuine token still works (the cases above changed nothing).
  await viewer.goto(`/share/${token}`);
  await expect(viewer.getByTestId("kpi-chats.total").getByTestId("kpi-value")).toHaveText(
    expectedLiveChatKpis(WEEK.from, WEEK.to, null).total,
  );
  await context.close();
});

test("a link with a password: wrong, then right, then the data", async ({ browser, request }) => {
  const { path, token } = await createLink(
    request,
    { page: "overview" },
    { password: "correct horse 42", expiresInDays: 1 },
  );
  const context = await anonymous(browser);
  const viewer = await context.newPage();
  await viewer.goto(path);
  await expect(viewer.getByRole("heading", { name: "This report is protected" })).toBeVisible();
  await expect(viewer.locator('[data-testid^="kpi-"]')).toHaveCount(0);
  const locked = await context.request.get(
    `/api/share/${token}/metrics/chats.total?${weekQuery()}`,
  );
  expect(locked.status()).toBe(401);

  await viewer.getByLabel("Password").fill("not the password");
  await viewer.getByRole("button", { name: "Open report" }).click();
  await expect(viewer.getByRole("alert").filter({ hasText: "Wrong password." })).toBeVisible();

  await viewer.getByLabel("Password").fill("correct horse 42");
  await viewer.getByRole("button", { name: "Open report" }).click();
  await expect(viewer.getByTestId("kpi-chats.total").getByTestId("kpi-value")).toHaveText(
    expectedLiveChatKpis(WEEK.from, WEEK.to, null).total,
  );
  const cookies = await context.cookies();
  expect(cookies.find((c) => c.name.startsWith("chatlens_share_"))?.httpOnly).toBe(true);
  const unlocked = await context.request.get(
    `/api/share/${token}/metrics/chats.total?${weekQuery()}`,
  );
  expect(unlocked.status()).toBe(200);
  await context.close();
});

test("hidden agent names never reach the page's HTML nor any JSON of the share API", async ({
  browser,
  request,
}) => {
  const { path, token } = await createLink(request, { page: "agents", hideAgentNames: true });
  const real = LIVECHAT_AGENTS.flatMap((a) => [a.login, a.name]);

  const context = await anonymous(browser);
  const viewer = await context.newPage();
  const bodies: Promise<string>[] = [];
  viewer.on("response", (r) => {
    if (new URL(r.url()).pathname.startsWith("/api/share/")) bodies.push(r.text());
  });
  const res = await viewer.goto(path);
  const raw = (await res?.text()) ?? "";
  const table = viewer.getByTestId("agents-table");
  await expect(table).toContainText(/Agent \d+/);
  await expect(viewer.getByTestId("table-ranking-chats-rows")).toContainText(/Agent \d+/);
  // Sorting by name works on pseudonyms (and asks nothing).
  await table.getByRole("button", { name: "Agent", exact: true }).click();

  const base = `/api/share/${token}`;
  const window = `source=livechat&from=${WEEK.from}&to=${WEEK.to}`;
  for (const p of [
    `${base}/reports/agents?${window}`,
    `${base}/reports/ranking?${window}&kind=chats`,
    `${base}/metrics/agents.availability?${weekQuery()}`,
    `${base}/metrics/agents.chatting_time?${weekQuery()}`,
  ]) {
    const answer = await context.request.get(p);
    expect(answer.status(), p).toBe(200);
    bodies.push(answer.text());
  }
  const json = await Promise.all(bodies);
  const html = await viewer.content();
  for (const text of [raw, html, ...json]) {
    expect(text.length).toBeGreaterThan(0);
    for (const secret of real) expect(text).not.toContain(secret);
  }
  // The real id is not a way in either.
  const probe = await context.request.get(
    `${base}/metrics/agents.availability?${weekQuery({ agent: LIVECHAT_AGENTS[2]!.login })}`,
  );
  expect(probe.status()).toBe(403);
  await context.close();
});
