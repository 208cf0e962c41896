import { PrefetchBoundary } from "@/components/layout/prefetch-boundary";
import { loadPrefetchedReport, type SearchParams } from "../dashboard-data";
import { ChatsPage } from "./chats-page";

/** `/chats`: session check, configured sources, prefetch of its queries, then the client report. */
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { sources, sourcesError, prefetched } = await loadPrefetchedReport(
    "chats",
    "/chats",
    searchParams,
  );
  return (
    <PrefetchBoundary state={prefetched}>
      <ChatsPage sources={sources} sourcesError={sourcesError} />
    </PrefetchBoundary>
  );
}
