/**
 * End-to-end tests in a real Chromium against `next start` in demo mode (the launcher starts
 * the simulator). Uses Playwright's own Chromium when it is installed, else Debian's
 * `/usr/bin/chromium` (CI installs it with apt). Charts render without animation
 * (`reducedMotion: "reduce"`), so screenshots never catch half-drawn charts.
 */
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, systemChromium } from "./tests/support/chromium";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_SIMULATOR_PORT = Number(process.env.E2E_SIMULATOR_PORT ?? 4210);
/** The e2e server's app secret (the share specs sign tokens of their own with it). */
export const E2E_AUTH_SECRET = "e2e-secret-0123456789-abcdefghijklmnopqrstuv";

const executablePath = systemChromium();

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  // Several specs inject faults into the one shared simulator: run them one at a time.
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    trace: "on-first-retry",
    reducedMotion: "reduce",
    timezoneId: "UTC",
    locale: "en-US",
    launchOptions: {
      executablePath,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], storageState: "playwright/.auth/demo.json" },
      dependencies: ["setup"],
      testIgnore: /auth\.setup\.ts/,
    },
  ],
  webServer: {
    command: "npx tsx scripts/launch.ts start",
    url: `http://localhost:${E2E_PORT}/signin`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    env: {
      PORT: String(E2E_PORT),
      SIMULATOR_PORT: String(E2E_SIMULATOR_PORT),
      NEXTAUTH_URL: `http://localhost:${E2E_PORT}`,
      NEXTAUTH_SECRET: E2E_AUTH_SECRET,
      // A throw-away app database per run: concurrent runs (other ports, other build
      // directories) must never open the same embedded database directory.
      CHATLENS_DATA_DIR: process.env.CHATLENS_DATA_DIR ?? "memory://",
      CHATLENS_TIMEZONE: "UTC",
      // Limiter off so specs can navigate freely; a dedicated spec switches it on through
      // `PUT /__simulator/rate-limit` to model a normal session.
      SIMULATOR_RC_RATE_LIMIT: "off",
    },
  },
});
