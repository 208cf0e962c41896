import { PrefetchBoundary } from "@/components/layout/prefetch-boundary";
import { loadPrefetchedReport, type SearchParams } from "./dashboard-data";
import { OverviewPage } from "./overview-page";

/** The overview (`/`): session check, configured sources, prefetch, then the client dashboard. */
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { sources, sourcesError, prefetched } = await loadPrefetchedReport(
    "overview",
    "/",
    searchParams,
  );
  return (
    // No <Suspense> here: the page is dynamic (it reads the session), so useSearchParams needs
    // no boundary, and a boundary made React stream a second, hidden copy of the dashboard.
    // The prefetched answers need none either: they stream in as data, not as HTML.
    <PrefetchBoundary state={prefetched}>
      <OverviewPage sources={sources} sourcesError={sourcesError} />
    </PrefetchBoundary>
  );
}
