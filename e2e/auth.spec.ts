/** Sessions: sign-out, unauthenticated pages and API calls, wrong credentials. */
import { expect, test } from "@playwright/test";

test("sign out returns to the sign-in page and the dashboard is closed again", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("kpi-chats.total")).toBeVisible();
  await page.getByRole("button", { name: /sign out/i }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/?source=livechat&range=last7");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
});

test.describe("without a session", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("a page redirects to sign-in and comes back to the same filters after signing in", async ({
    page,
  }) => {
    await page.goto("/?source=livechat&range=last30");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill("chatlens-demo");
    await page.getByRole("button", { name: /sign in/i }).click();
    await expect(page).toHaveURL(/range=last30/);
    await expect(page.getByTestId("kpi-chats.total")).toBeVisible();
  });

  test("wrong credentials show a clear message", async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill("wrong");
    await page.getByRole("button", { name: /sign in/i }).click();
    await expect(page.getByRole("alert").filter({ hasText: /sign-in failed/i })).toContainText(
      /check your credentials/i,
    );
    await expect(page).toHaveURL(/\/signin/);
  });

  test("the API answers 401", async ({ request }) => {
    const res = await request.get(
      "/api/metrics/chats.total?source=livechat&from=2026-10-05&to=2026-10-11",
    );
    expect(res.status()).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: "unauthenticated", message: "Sign in to use the Chatlens API." },
    });
    expect((await request.get("/api/sources")).status()).toBe(401);
  });

  test("an external callbackUrl is not followed", async ({ page }) => {
    await page.goto("/signin?callbackUrl=https%3A%2F%2Fevil.example%2F");
    await page.getByLabel("Username").fill("demo");
    await page.getByLabel("Password").fill("chatlens-demo");
    await page.getByRole("button", { name: /sign in/i }).click();
    await expect(page).toHaveURL(/localhost:\d+\/$/);
  });
});
