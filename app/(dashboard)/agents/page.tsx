import { loadReportPage, type SearchParams } from "../dashboard-data";
import { AgentsPage } from "./agents-page";

/** `/agents`: session check, configured sources, then the client report. */
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { sources, sourcesError } = await loadReportPage("/agents", searchParams);
  return <AgentsPage sources={sources} sourcesError={sourcesError} />;
}
