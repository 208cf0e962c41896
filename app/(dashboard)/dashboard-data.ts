import "server-only";
import type { DehydratedState } from "@tanstack/react-query";
import { redirect } from "next/navigation";
import type { SourcesResponse } from "@/lib/metrics/types";
import { prefetchReportPage, type PageSearchParams } from "@/lib/prefetch";
import type { ReportPageId } from "@/lib/queries/pages";
import { getSourcesInfo } from "@/lib/sources";
import { getSession } from "../session";

export type SearchParams = PageSearchParams;

function toQueryString(params: SearchParams): string {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
      qs.append(key, v);
  }
  return qs.toString();
}

/**
 * Every dashboard page checks the session itself (see the layout for why) and sends a visitor
 * without one to sign-in, with a `callbackUrl` that brings them back to this very URL.
 */
export async function requireSession(
  pathname: string,
  searchParams: Promise<SearchParams>,
): Promise<void> {
  if (await getSession()) return;
  const qs = toQueryString(await searchParams);
  redirect(`/signin?callbackUrl=${encodeURIComponent(qs ? `${pathname}?${qs}` : pathname)}`);
}

/**
 * The configured sources for the page. An upstream being down must not take the page with
 * it: the client shows a notice and keeps retrying through /api/sources.
 */
export async function loadSources(): Promise<{
  sources: SourcesResponse | null;
  sourcesError: string | null;
}> {
  try {
    return { sources: await getSourcesInfo(), sourcesError: null };
  } catch (error) {
    console.error("getSourcesInfo failed", error);
    return {
      sources: null,
      sourcesError:
        error instanceof Error && error.message
          ? error.message
          : "The chat platform did not answer.",
    };
  }
}

/** Session check, then sources: what every report page starts with. */
export async function loadReportPage(
  pathname: string,
  searchParams: Promise<SearchParams>,
): Promise<{ sources: SourcesResponse | null; sourcesError: string | null }> {
  await requireSession(pathname, searchParams);
  return loadSources();
}

/**
 * Session check, sources, then the page's queries started on the server (not awaited: see
 * `lib/prefetch`). Without sources nothing is prefetched and the widgets fetch as usual.
 */
export async function loadPrefetchedReport(
  page: ReportPageId,
  pathname: string,
  searchParams: Promise<SearchParams>,
): Promise<{
  sources: SourcesResponse | null;
  sourcesError: string | null;
  prefetched: DehydratedState | null;
}> {
  const { sources, sourcesError } = await loadReportPage(pathname, searchParams);
  const prefetched = sources ? prefetchReportPage(page, sources, await searchParams) : null;
  return { sources, sourcesError, prefetched };
}
