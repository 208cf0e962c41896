import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { PrefetchBoundary } from "@/components/layout/prefetch-boundary";
import type { SharedReportView } from "@/components/layout/report-shell";
import { isStorageUnavailable } from "@/lib/db/index";
import { formatDateTime } from "@/lib/format";
import type { SourcesResponse } from "@/lib/metrics/types";
import { prefetchSharePage } from "@/lib/prefetch";
import { shareApiBase } from "@/lib/queries/metrics";
import { shareFilters } from "@/lib/share/access";
import { openShareLink, recordShareView, unlockCookieName, verifyUnlock } from "@/lib/share/links";
import { scrubSources } from "@/lib/share/redact";
import { shareAccessFor } from "@/lib/share/serve";
import { getSourcesInfo } from "@/lib/sources";
import { SharePasswordForm } from "./password-form";
import { ShareNotice } from "./share-notice";
import { SharedPage, ShareProviders } from "./shared-page";

export const dynamic = "force-dynamic";

/** Tokens longer than this are not ours (about 250 characters); refused unread. */
const MAX_TOKEN_LENGTH = 2048;

async function sourcesOrNull(): Promise<SourcesResponse | null> {
  try {
    return await getSourcesInfo();
  } catch (error) {
    // The error names the vendor and its failure, never the link.
    console.error(
      "[share] listing the sources failed",
      error instanceof Error ? error.message : "",
    );
    return null;
  }
}

/** The link behind `token`, or `storage_unavailable` while the app's database is down. */
async function openOrUnavailable(
  token: string,
): Promise<Awaited<ReturnType<typeof openShareLink>> | "storage_unavailable"> {
  try {
    return await openShareLink(token);
  } catch (error) {
    if (isStorageUnavailable(error)) return "storage_unavailable";
    throw error;
  }
}

/**
 * `/share/<token>`: a share link's read-only report, for anyone with the link, no account.
 *
 * The token is verified and its link read fresh on every view (revocation is immediate): not a
 * valid link → 404 "not valid"; expired or revoked → a page saying so, with no data. A link
 * with a password asks for it first (an HttpOnly unlock cookie). Then the view is counted and
 * the page's queries are prefetched through the link's own checks and redaction, so the
 * browser sees exactly what the share-scoped API would serve it, under the same query keys.
 */
export default async function SharePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) notFound();
  const opened = await openOrUnavailable(token);
  if (opened === "storage_unavailable") {
    return (
      <ShareNotice title="This report cannot be shown right now" reason="unavailable">
        <p>Chatlens cannot reach its database at the moment. Reload the page in a minute.</p>
      </ShareNotice>
    );
  }
  if (!opened.ok) {
    if (opened.reason === "expired") {
      return (
        <ShareNotice title="This link has expired" reason="expired">
          <p>Shared reports stop working on the date their owner chose.</p>
          <p>Ask the person who shared it for a new link.</p>
        </ShareNotice>
      );
    }
    if (opened.reason === "revoked") {
      return (
        <ShareNotice title="This link was revoked by its owner" reason="revoked">
          <p>The person who shared this report has turned the link off.</p>
          <p>Ask them for a new link if you still need it.</p>
        </ShareNotice>
      );
    }
    notFound();
  }

  const { link, scope } = opened;
  if (opened.needsPassword) {
    const proof = (await cookies()).get(unlockCookieName(link.id))?.value;
    if (!(await verifyUnlock(proof, link.id))) {
      return <SharePasswordForm unlockUrl={`${shareApiBase(token)}/unlock`} />;
    }
  }

  await recordShareView(link.id).catch((error: unknown) => {
    // Counting must never cost the viewer the report.
    console.error("[share] counting a view failed", error instanceof Error ? error.message : "");
  });

  const sources = await sourcesOrNull();
  if (sources === null) {
    return (
      <ShareNotice title="This report cannot be shown right now" reason="unavailable">
        <p>The chat platform behind it did not answer. Reload the page in a moment.</p>
      </ShareNotice>
    );
  }
  const access = await shareAccessFor(link, scope, sources);
  const shown = scrubSources(sources, scope, access.pseudonyms);
  const agent = scope.agent === null ? null : (access.pseudonyms?.id(scope.agent) ?? scope.agent);
  const filters = shareFilters(scope, shown.sources, access.todays[0]!, agent);
  if (filters === null) {
    return (
      <ShareNotice title="This report cannot be shown any more" reason="unavailable">
        <p>The chat platform it was shared from is no longer connected to Chatlens.</p>
      </ShareNotice>
    );
  }

  const base = shareApiBase(token);
  const view: SharedReportView = {
    filters,
    sharedBy: link.creatorName,
    validUntil: formatDateTime(link.expiresAt, sources.timezone),
  };
  return (
    <ShareProviders base={base}>
      <PrefetchBoundary state={prefetchSharePage(access, filters, base)}>
        <SharedPage page={scope.page} sources={shown} share={view} />
      </PrefetchBoundary>
    </ShareProviders>
  );
}
