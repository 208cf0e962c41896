"use client";

import { PageTitle } from "@/components/layout/report-shell";
import { BoardsSection } from "@/components/screens/boards-section";
import { ScreensSection } from "@/components/screens/screens-section";
import type { SourcesResponse } from "@/lib/metrics/types";

/** The Screens page: boards (what a TV shows) above screens (the TVs and their links). */
export function ScreensPage({ sources }: { sources: SourcesResponse | null }) {
  return (
    <div className="flex flex-col gap-6">
      <PageTitle
        title="Screens"
        pageId="screens"
        subtitle={null}
        description="Wall-mounted TVs for the support floor. Build a board of large KPI tiles, then create a screen that shows one or more boards in rotation and open its link on the TV — no sign-in there."
      />
      <BoardsSection sources={sources} />
      <ScreensSection timeZone={sources?.timezone ?? "UTC"} />
    </div>
  );
}
