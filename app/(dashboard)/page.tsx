import { redirect } from "next/navigation";
import type { SourcesResponse } from "@/lib/metrics/types";
import { getSourcesInfo } from "@/lib/sources";
import { getSession } from "../session";
import { OverviewPage } from "./overview-page";

type SearchParams = Record<string, string | string[] | undefined>;

function toQueryString(params: SearchParams): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
      qs.append(key, v);
  }
  return qs.toString();
}

/** The overview (`/`): session check, configured sources, then the client dashboard. */
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  if (!(await getSession())) {
    const qs = toQueryString(await searchParams);
    redirect(`/signin?callbackUrl=${encodeURIComponent(qs ? `/?${qs}` : "/")}`);
  }

  let sources: SourcesResponse | null = null;
  let sourcesError: string | null = null;
  try {
    sources = await getSourcesInfo();
  } catch (error) {
    // An upstream being down must not take the page with it: the client shows a notice and
    // keeps retrying through /api/sources.
    console.error("getSourcesInfo failed", error);
    sourcesError =
      error instanceof Error && error.message ? error.message : "The chat platform did not answer.";
  }

  return (
    // No <Suspense> here: the page is dynamic (it reads the session), so useSearchParams needs
    // no boundary, and a boundary made React stream a second, hidden copy of the dashboard.
    <OverviewPage sources={sources} sourcesError={sourcesError} />
  );
}
