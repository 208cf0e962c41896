import { PrefetchBoundary } from "@/components/layout/prefetch-boundary";
import { loadPrefetchedReport, type SearchParams } from "../dashboard-data";
import { TicketsPage } from "./tickets-page";

/** `/tickets`: session check, configured sources, prefetch of its queries, then the client report. */
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { sources, sourcesError, prefetched } = await loadPrefetchedReport(
    "tickets",
    "/tickets",
    searchParams,
  );
  return (
    <PrefetchBoundary state={prefetched}>
      <TicketsPage sources={sources} sourcesError={sourcesError} />
    </PrefetchBoundary>
  );
}
