import { loadReportPage, type SearchParams } from "../dashboard-data";
import { ResponseTimesPage } from "./response-times-page";

/** `/response-times`: session check, configured sources, then the client report. */
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { sources, sourcesError } = await loadReportPage("/response-times", searchParams);
  return <ResponseTimesPage sources={sources} sourcesError={sourcesError} />;
}
