import { loadReportPage, type SearchParams } from "./dashboard-data";
import { OverviewPage } from "./overview-page";

/** The overview (`/`): session check, configured sources, then the client dashboard. */
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { sources, sourcesError } = await loadReportPage("/", searchParams);
  return (
    // No <Suspense> here: the page is dynamic (it reads the session), so useSearchParams needs
    // no boundary, and a boundary made React stream a second, hidden copy of the dashboard.
    <OverviewPage sources={sources} sourcesError={sourcesError} />
  );
}
