import type { ScreenTheme } from "@/lib/screens/schema";

/** Why a TV shows no numbers at all. */
export type TvStopReason = "switched_off" | "invalid";

const TITLES: Record<TvStopReason, string> = {
  switched_off: "This screen was switched off",
  invalid: "This screen link is not valid",
};

const NEXT_STEP: Record<TvStopReason, string> = {
  switched_off: "Ask the person who set up this screen for a new link.",
  invalid: "Check the address, or ask the person who set up this screen for a new link.",
};

/**
 * The whole-screen message of a TV that must not show numbers: revoked, its link replaced,
 * deleted (410) or a link that is not ours (401). No number, no board name, nothing that
 * could be mistaken for live data; readable from across the room. Server- and client-safe.
 */
export function TvMessage({
  reason,
  detail,
  theme = "dark",
}: {
  reason: TvStopReason;
  /** The server's own words (e.g. "This screen link was replaced by a newer one."). */
  detail: string;
  theme?: ScreenTheme;
}) {
  return (
    <main
      data-testid="tv-stopped"
      data-reason={reason}
      className={`tv-${theme} fixed inset-0 grid place-items-center bg-bg p-[6vmin] text-fg`}
    >
      <div role="alert" className="max-w-[70vw] text-center">
        <h1 className="text-[max(28px,6vmin)] leading-tight font-bold">{TITLES[reason]}</h1>
        <p className="mt-[3vmin] text-[max(16px,3.2vmin)] text-muted">{detail}</p>
        <p className="mt-[2vmin] text-[max(16px,3.2vmin)] text-muted">{NEXT_STEP[reason]}</p>
      </div>
    </main>
  );
}
