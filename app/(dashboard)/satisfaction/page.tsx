import { loadReportPage, type SearchParams } from "../dashboard-data";
import { SatisfactionPage } from "./satisfaction-page";

/** `/satisfaction`: session check, configured sources, then the client report. */
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { sources, sourcesError } = await loadReportPage("/satisfaction", searchParams);
  return <SatisfactionPage sources={sources} sourcesError={sourcesError} />;
}
