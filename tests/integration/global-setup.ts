/**
 * Integration harness: the simulator on a free port with a frozen clock, and the built app
 * (`next start`) configured for BOTH sources pointing at it — the "real upstream" path, not
 * demo mode. Tests read the URLs and the clock through `inject`.
 */
import type { TestProject } from "vitest/node";
import { createSimulator } from "../../simulator/server";
import {
  LIVECHAT_SERVICE_API_KEY,
  LIVECHAT_SERVICE_LOGIN,
  ROCKETCHAT_SERVICE_USER,
} from "../../simulator/accounts";
import { startApp } from "../support/app-server";

/** The frozen "now" of the integration run: a fixed instant keeps expectations exact. */
export const INTEGRATION_NOW = "2026-11-18T15:20:00.000Z";

declare module "vitest" {
  export interface ProvidedContext {
    appUrl: string;
    simulatorUrl: string;
    now: string;
  }
}

export default async function setup(project: TestProject) {
  const now = Date.parse(INTEGRATION_NOW);
  // The suite fires hundreds of Rocket.Chat calls and checks numbers, not pacing: limiter off
  // (tests that need it switch it on with `PUT /__simulator/rate-limit`).
  const simulator = createSimulator({ now: () => now, rocketchatRateLimit: { enabled: false } });
  const { url: simulatorUrl } = await simulator.listen(0, "127.0.0.1");
  const app = await startApp({
    LIVECHAT_API_URL: `${simulatorUrl}/livechat`,
    LIVECHAT_LOGIN: LIVECHAT_SERVICE_LOGIN,
    LIVECHAT_API_KEY: LIVECHAT_SERVICE_API_KEY,
    ROCKETCHAT_URL: `${simulatorUrl}/rocketchat`,
    ROCKETCHAT_USER_ID: ROCKETCHAT_SERVICE_USER._id,
    ROCKETCHAT_AUTH_TOKEN: ROCKETCHAT_SERVICE_USER.authToken,
    NEXTAUTH_SECRET: "integration-secret-0123456789-abcdefghijklmnop",
    CHATLENS_TIMEZONE: "Europe/Warsaw",
    // Short windows so the cache and resilience tests run in seconds (see resilience.test.ts).
    CHATLENS_CACHE_TODAY_SECONDS: "1",
    CHATLENS_UPSTREAM_TIMEOUT_MS: "4000",
    CHATLENS_CIRCUIT_RESET_SECONDS: "2",
    // Share links live in a throw-away database: runs never meet each other's (or a demo's).
    CHATLENS_DATA_DIR: "memory://",
  });
  project.provide("appUrl", app.url);
  project.provide("simulatorUrl", simulatorUrl);
  project.provide("now", INTEGRATION_NOW);
  return async () => {
    await app.stop();
    await simulator.close();
  };
}
