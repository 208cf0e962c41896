/**
 * Helpers for the end-to-end specs: the simulator's control API and ground-truth values
 * computed from the same deterministic dataset the simulator serves.
 */
import {
  expect,
  test,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
} from "@playwright/test";
import { getDataset } from "../simulator/dataset";
import { formatCount, formatDuration, formatPercent } from "../lib/format";
import { chatsIn, mean } from "../tests/support/expected";

const SIMULATOR = `http://127.0.0.1:${process.env.E2E_SIMULATOR_PORT ?? 4210}/__simulator`;

export async function injectFault(request: APIRequestContext, fault: Record<string, unknown>) {
  const res = await request.post(`${SIMULATOR}/faults`, { data: fault });
  if (!res.ok()) throw new Error(`fault injection failed: ${res.status()}`);
}

export async function clearFaults(request: APIRequestContext) {
  await request.delete(`${SIMULATOR}/faults`);
}

/** Latency the simulator adds to every vendor request, ms (0 = none). */
export async function setUpstreamLatency(request: APIRequestContext, ms: number) {
  const res = await request.put(`${SIMULATOR}/latency`, { data: { ms } });
  if (!res.ok()) throw new Error(`setting the latency failed: ${res.status()}`);
}

/** What the four KPI cards must show for LiveChat over [from, to] (UTC), one team or all. */
export function expectedLiveChatKpis(from: string, to: string, group: string | null) {
  const chats = chatsIn(getDataset(Date.now()).livechat, from, to, "UTC", group);
  const good = chats.filter((c) => c.rating === "good").length;
  const bad = chats.filter((c) => c.rating === "bad").length;
  const frt = chats.flatMap((c) =>
    c.firstResponseSeconds === null ? [] : [c.firstResponseSeconds],
  );
  const rt = chats.flatMap((c) => c.responseTimes);
  // The API averages 2-decimal bucket values; accept the formatting of the exact mean ± 0.01 s.
  const durations = (values: number[]) => {
    const m = mean(values)!;
    return [...new Set([formatDuration(m - 0.01), formatDuration(m), formatDuration(m + 0.01)])];
  };
  return {
    total: formatCount(chats.length),
    csat: formatPercent((good / (good + bad)) * 100),
    rated: good + bad,
    frt: durations(frt),
    rt: durations(rt),
    frtCount: frt.length,
    rtCount: rt.length,
  };
}

/** A closed, fixed past week: its numbers never change (whatever the simulator's clock). */
export const WEEK = { from: "2026-10-05", to: "2026-10-11" } as const;

/** Chats started in [from, to] (UTC days) for one source, one team or all. */
export function expectedChatCount(
  source: "livechat" | "rocketchat",
  from: string,
  to: string,
  group: string | null = null,
): number {
  return chatsIn(getDataset(Date.now())[source], from, to, "UTC", group).length;
}

/** The report URL for the fixed week. */
export function weekUrl(path: string, extra: Record<string, string> = {}): string {
  const qs = new URLSearchParams({
    source: "livechat",
    range: "custom",
    from: WEEK.from,
    to: WEEK.to,
    ...extra,
  });
  return `${path}?${qs.toString()}`;
}

/**
 * A browser context with no session at all, as a share link's recipient or a TV has, with the
 * project's base URL and the suite's settings (reduced motion, UTC, en-US); `options` adds to
 * them (e.g. a TV's 1920×1080 viewport).
 */
export async function anonymousContext(
  browser: Browser,
  options: Parameters<Browser["newContext"]>[0] = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    baseURL: test.info().project.use.baseURL,
    reducedMotion: "reduce",
    timezoneId: "UTC",
    locale: "en-US",
    ...options,
  });
  expect(await context.cookies()).toEqual([]);
  return context;
}
