import { loadReportPage, type SearchParams } from "../dashboard-data";
import { TicketsPage } from "./tickets-page";

/** `/tickets`: session check, configured sources, then the client report. */
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { sources, sourcesError } = await loadReportPage("/tickets", searchParams);
  return <TicketsPage sources={sources} sourcesError={sourcesError} />;
}
