import { loadReportPage, type SearchParams } from "../dashboard-data";
import { ChatsPage } from "./chats-page";

/** `/chats`: session check, configured sources, then the client report. */
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { sources, sourcesError } = await loadReportPage("/chats", searchParams);
  return <ChatsPage sources={sources} sourcesError={sourcesError} />;
}
