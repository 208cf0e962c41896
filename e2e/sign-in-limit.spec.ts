/**
 * Brute-force limit on sign-in, in the browser: after 5 wrong passwords for one account the
 * sign-in page says how long to wait, and even the right password is refused without being
 * checked. Every run locks a fresh, made-up account name: the "demo" account that every other
 * spec signs in with is never locked (the limit is per account; the shared no-proxy bucket
 * holds 100 failures per 15 minutes and this spec spends 5 of them).
 */
import { expect, test, type Page } from "@playwright/test";

test.use({ storageState: { cookies: [], origins: [] } });

async function submit(page: Page, username: string, password: string) {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  const answered = page.waitForResponse((r) => r.url().includes("/api/auth/callback/demo"));
  await page.getByRole("button", { name: /sign in/i }).click();
  await answered;
}

test("5 wrong passwords lock the account; the right one is refused while locked", async ({
  page,
}) => {
  const account = `e2e-locked-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const alert = page.locator("form").getByRole("alert");
  await page.goto("/signin");

  for (let i = 0; i < 5; i++) {
    await submit(page, account, `wrong-${i}`);
    await expect(alert).toContainText("Sign-in failed: check your credentials");
  }

  await submit(page, account, "wrong-again");
  await expect(alert).toHaveText(
    /^Too many failed sign-ins for this account\. Try again in 1[45] minutes\.$/,
  );

  // The demo password with the locked name: had it been checked it would say "check your
  // credentials"; the limit answers first.
  await submit(page, account, "chatlens-demo");
  await expect(alert).toHaveText(/^Too many failed sign-ins for this account\./);
  await expect(page).toHaveURL(/\/signin/);

  // Another account is not affected.
  await submit(page, "demo", "chatlens-demo");
  await expect(page).not.toHaveURL(/\/signin/);
});

test("the limit code in ?error= is shown in words, other text is not echoed", async ({ page }) => {
  await page.goto("/signin?error=TooManyAttempts%3Aaccount%3A840");
  await expect(page.locator("form").getByRole("alert")).toHaveText(
    "Too many failed sign-ins for this account. Try again in 14 minutes.",
  );
  await page.goto("/signin?error=TooManyAttempts%3Aaccount%3A840%3Cb%3Ex");
  await expect(page.locator("form").getByRole("alert")).toHaveText("Sign-in failed.");
});
