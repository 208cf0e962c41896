import { PrefetchBoundary } from "@/components/layout/prefetch-boundary";
import { loadPrefetchedReport, type SearchParams } from "../dashboard-data";
import { ResponseTimesPage } from "./response-times-page";

/** `/response-times`: session check, configured sources, prefetch of its queries, then the client report. */
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { sources, sourcesError, prefetched } = await loadPrefetchedReport(
    "response-times",
    "/response-times",
    searchParams,
  );
  return (
    <PrefetchBoundary state={prefetched}>
      <ResponseTimesPage sources={sources} sourcesError={sourcesError} />
    </PrefetchBoundary>
  );
}
