import { loadReportPage, type SearchParams } from "../dashboard-data";
import { ScreensPage } from "./screens-page";

/** `/screens`: the signed-in user's TV boards and screens (create, edit, links, revoke). */
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  // The sources name teams and say which metrics each source has; the lists load in the browser.
  const { sources } = await loadReportPage("/screens", searchParams);
  return <ScreensPage sources={sources} />;
}
