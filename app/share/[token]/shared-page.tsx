"use client";

import type { ComponentType, ReactNode } from "react";
import { AgentsPage } from "@/app/(dashboard)/agents/agents-page";
import { ChatsPage } from "@/app/(dashboard)/chats/chats-page";
import { OverviewPage } from "@/app/(dashboard)/overview-page";
import { ResponseTimesPage } from "@/app/(dashboard)/response-times/response-times-page";
import { SatisfactionPage } from "@/app/(dashboard)/satisfaction/satisfaction-page";
import { TicketsPage } from "@/app/(dashboard)/tickets/tickets-page";
import { ReadOnlyProvider } from "@/components/layout/read-only";
import type { SharedReportView } from "@/components/layout/report-shell";
import type { SourcesResponse } from "@/lib/metrics/types";
import { ApiBaseProvider } from "@/lib/queries/api-base";
import type { ReportPageId } from "@/lib/queries/pages";

type ReportPage = ComponentType<{
  sources: SourcesResponse | null;
  sourcesError: string | null;
  share?: SharedReportView;
}>;

const PAGES: Record<ReportPageId, ReportPage> = {
  overview: OverviewPage,
  chats: ChatsPage,
  satisfaction: SatisfactionPage,
  "response-times": ResponseTimesPage,
  agents: AgentsPage,
  tickets: TicketsPage,
};

/**
 * The widgets of a share page fetch from the link's scoped API and render read-only. Wraps
 * the server's `PrefetchBoundary` so the prefetched keys (built with the same base) match.
 */
export function ShareProviders({ base, children }: { base: string; children: ReactNode }) {
  return (
    <ApiBaseProvider base={base}>
      <ReadOnlyProvider>{children}</ReadOnlyProvider>
    </ApiBaseProvider>
  );
}

/** The very page component of the app for the link's page, over the link's fixed filters. */
export function SharedPage({
  page,
  sources,
  share,
}: {
  page: ReportPageId;
  sources: SourcesResponse;
  share: SharedReportView;
}) {
  const Page = PAGES[page];
  return <Page sources={sources} sourcesError={null} share={share} />;
}
