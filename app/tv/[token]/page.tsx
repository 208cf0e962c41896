import type { Metadata } from "next";
import { TvMessage } from "@/components/tv/tv-message";
import { TvScreen } from "@/components/tv/tv-screen";
import type { ScreenAnswer } from "@/components/tv/tv-api";
import { getConfig } from "@/lib/env";
import { screenTeamNames } from "@/lib/screens/http";
import { appScreenService, type OpenScreenResult } from "@/lib/screens/service";
import { APP_VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

/** A TV's URL carries its credential: never indexed, never sent on as a Referer. */
export const metadata: Metadata = {
  title: "Chatlens screen",
  robots: { index: false, follow: false, nocache: true },
  referrer: "no-referrer",
};

const REFUSED = {
  invalid: { reason: "invalid", detail: "This screen link is not valid." },
  revoked: { reason: "switched_off", detail: "This screen was switched off by its owner." },
  stale_version: {
    reason: "switched_off",
    detail: "This screen link was replaced by a newer one.",
  },
  not_found: { reason: "switched_off", detail: "This screen no longer exists." },
} as const;

/** The screen behind `token`, or null when the app's database cannot be read right now. */
async function openOrNull(token: string): Promise<OpenScreenResult | null> {
  try {
    return await (await appScreenService()).openScreen(token);
  } catch (error) {
    console.error("[tv] opening a screen failed", error instanceof Error ? error.message : error);
    return null;
  }
}

/**
 * `/tv/<token>`: a wall-mounted screen, opened with no sign-in — the token in the URL is the
 * credential (lib/screens/token.ts), checked against the database on every request. A
 * refused token gets a whole-screen message and no numbers. When the app's database cannot
 * be read right now, the TV starts anyway and keeps asking (its banner says so).
 */
export default async function TvPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const config = getConfig();
  const opened = await openOrNull(token);
  if (opened !== null && !opened.ok) {
    const refused = REFUSED[opened.reason];
    return <TvMessage reason={refused.reason} detail={refused.detail} />;
  }
  const initial: ScreenAnswer | null = opened
    ? {
        screen: opened.screen,
        boards: opened.boards,
        teams: await screenTeamNames(opened.boards),
        appVersion: APP_VERSION,
      }
    : null;
  return (
    <TvScreen
      token={token}
      initial={initial}
      timeZone={config.timezone}
      heapLimitMb={config.screenHeapLimitMb}
      version={APP_VERSION}
    />
  );
}
