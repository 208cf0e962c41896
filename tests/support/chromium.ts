/**
 * Which Chromium the e2e tests and the benchmarks drive, and how: Playwright's own build when
 * it is installed, else Debian's `/usr/bin/chromium` (CI installs it with apt; browsers cannot
 * be downloaded there). The flags keep a headless run quiet and lean: no sandbox (CI runs as
 * root), no GPU, no background updates or sync.
 */
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** The system Chromium to launch, or undefined to use Playwright's own build. */
export function systemChromium(): string | undefined {
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // no bundled browser registered
  }
  return ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
}
