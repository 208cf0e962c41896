import { ChatArchive } from "@/components/archive/chat-list";
import { PrefetchBoundary } from "@/components/layout/prefetch-boundary";
import { prefetchArchive } from "@/lib/prefetch";
import { loadReportPage, type SearchParams } from "../dashboard-data";

/** `/archive`: session check, sources (for names), prefetch of the list, then the chat list. */
export default async function ArchivePage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const { sources, sourcesError } = await loadReportPage("/archive", searchParams);
  const prefetched = sources ? prefetchArchive(sources, await searchParams) : null;
  return (
    <PrefetchBoundary state={prefetched}>
      <ChatArchive sources={sources} sourcesError={sourcesError} />
    </PrefetchBoundary>
  );
}
