import { PrefetchBoundary } from "@/components/layout/prefetch-boundary";
import { loadPrefetchedReport, type SearchParams } from "../dashboard-data";
import { SatisfactionPage } from "./satisfaction-page";

/** `/satisfaction`: session check, configured sources, prefetch of its queries, then the client report. */
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { sources, sourcesError, prefetched } = await loadPrefetchedReport(
    "satisfaction",
    "/satisfaction",
    searchParams,
  );
  return (
    <PrefetchBoundary state={prefetched}>
      <SatisfactionPage sources={sources} sourcesError={sourcesError} />
    </PrefetchBoundary>
  );
}
