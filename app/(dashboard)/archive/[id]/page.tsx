import { ChatTranscript } from "@/components/archive/transcript";
import { PrefetchBoundary } from "@/components/layout/prefetch-boundary";
import { prefetchTranscript } from "@/lib/prefetch";
import { loadReportPage, type SearchParams } from "../../dashboard-data";

/**
 * `/archive/{id}`: session check, then one chat's transcript, prefetched (404 shows "Chat not
 * found").
 */
export default async function TranscriptPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { id } = await params;
  const { sources } = await loadReportPage(`/archive/${encodeURIComponent(id)}`, searchParams);
  const prefetched = prefetchTranscript(id, sources, await searchParams);
  return (
    <PrefetchBoundary state={prefetched}>
      <ChatTranscript id={id} sources={sources} />
    </PrefetchBoundary>
  );
}
