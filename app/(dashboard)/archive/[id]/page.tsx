import { ChatTranscript } from "@/components/archive/transcript";
import { loadReportPage, type SearchParams } from "../../dashboard-data";

/** `/archive/{id}`: session check, then one chat's transcript (404 shows "Chat not found"). */
export default async function TranscriptPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { id } = await params;
  const { sources } = await loadReportPage(`/archive/${encodeURIComponent(id)}`, searchParams);
  return <ChatTranscript id={id} sources={sources} />;
}
