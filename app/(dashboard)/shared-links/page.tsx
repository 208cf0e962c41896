import { loadReportPage, type SearchParams } from "../dashboard-data";
import { SharedLinksPage } from "./shared-links-page";

/** `/shared-links`: the signed-in user's share links, to revoke or renew them. */
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // The sources only name teams and agents in the list; the list itself loads in the browser.
  const { sources } = await loadReportPage("/shared-links", searchParams);
  return <SharedLinksPage sources={sources} />;
}
