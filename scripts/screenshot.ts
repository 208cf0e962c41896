/**
 * Captures `docs/overview.png` for the README from a running Chatlens in demo mode:
 *   PORT=3300 npm start &   then   tsx scripts/screenshot.ts http://localhost:3300
 * Signs in with the demo credentials, opens the overview (reduced motion: no half-drawn charts).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { DEMO_SIGNIN } from "../simulator/accounts";

async function main() {
  const base = process.argv[2] ?? "http://localhost:3000";
  const query = process.argv[3] ?? "?source=livechat&range=last30";
  const out = process.argv[4] ?? path.resolve(__dirname, "../docs/overview.png");
  const colorScheme = (process.env.COLOR_SCHEME as "light" | "dark" | undefined) ?? "light";
  const width = Number(process.env.WIDTH ?? 1440);
  const executablePath = ["/usr/bin/chromium"].find((p) => existsSync(p));
  const browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu"],
  });
  const page = await browser.newPage({
    viewport: { width, height: 1000 },
    reducedMotion: "reduce",
    colorScheme,
  });
  await page.goto(`${base}/signin`);
  await page.getByLabel("Username").fill(DEMO_SIGNIN.username);
  await page.getByLabel("Password").fill(DEMO_SIGNIN.password);
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
  await page.goto(`${base}/${query}`);
  await page
    .getByTestId("chart-chats.response_time")
    .locator("svg.recharts-surface")
    .first()
    .waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: out, fullPage: true });
  await browser.close();
  console.log(`wrote ${out}`);
}

void main();
