import { ChatArchive } from "@/components/archive/chat-list";
import { loadReportPage, type SearchParams } from "../dashboard-data";

/** `/archive`: session check, sources (for names), then the chat list. */
export default async function ArchivePage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const { sources, sourcesError } = await loadReportPage("/archive", searchParams);
  return <ChatArchive sources={sources} sourcesError={sourcesError} />;
}
