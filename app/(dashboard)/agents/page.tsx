import { PrefetchBoundary } from "@/components/layout/prefetch-boundary";
import { loadPrefetchedReport, type SearchParams } from "../dashboard-data";
import { AgentsPage } from "./agents-page";

/** `/agents`: session check, configured sources, prefetch of its queries, then the client report. */
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { sources, sourcesError, prefetched } = await loadPrefetchedReport(
    "agents",
    "/agents",
    searchParams,
  );
  return (
    <PrefetchBoundary state={prefetched}>
      <AgentsPage sources={sources} sourcesError={sourcesError} />
    </PrefetchBoundary>
  );
}
