// Signs in once through the real sign-in page with the demo credentials it shows, and saves
// the session for the other specs.
import { expect, test as setup } from "@playwright/test";

setup("sign in with the demo credentials shown on the page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByText("chatlens-demo")).toBeVisible();
  await page.getByLabel("Username").fill("demo");
  await page.getByLabel("Password").fill("chatlens-demo");
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/(\?.*)?$/);
  await expect(page.getByTestId("kpi-chats.total")).toBeVisible();
  await page.context().storageState({ path: "playwright/.auth/demo.json" });
});
