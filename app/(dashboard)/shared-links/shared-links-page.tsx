"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { formatDateRange } from "@/components/format-dates";
import { PageTitle } from "@/components/layout/report-shell";
import {
  CopyField,
  renewShareLinkRequest,
  revokeShareLinkRequest,
  shareLinksQueryOptions,
  type IssuedLink,
  type ShareLinkView,
} from "@/components/share/share-api";
import { EXPIRY_CHOICES } from "@/components/share/share-dialog";
import { ConfirmAction } from "@/components/ui/confirm-action";
import {
  ListRowError,
  ListRowPanel,
  ListRowToggle,
  ListStates,
  ListTable,
} from "@/components/ui/list-states";
import { DATE_PRESETS } from "@/lib/dates";
import { ALL_SOURCES_NAME } from "@/lib/filters";
import { formatCount, formatDateTime } from "@/lib/format";
import { SOURCE_NAMES } from "@/lib/metrics/definitions";
import type { SourcesResponse } from "@/lib/metrics/types";
import { PAGE_METRICS, type ReportPageId } from "@/lib/queries/pages";
import { DEFAULT_EXPIRES_IN_DAYS } from "@/lib/share/scope";

const PAGE_LABELS: Record<ReportPageId, string> = {
  overview: "Overview",
  chats: "Chats",
  satisfaction: "Satisfaction",
  "response-times": "Response times",
  agents: "Agents",
  tickets: "Tickets",
};

const PRESET_LABELS = new Map<string, string>(DATE_PRESETS.map((p) => [p.id, p.label]));

const STATUS_CLASS: Record<ShareLinkView["status"], string> = {
  active: "bg-accent-soft text-positive",
  expired: "bg-surface-2 text-muted",
  revoked: "bg-danger-soft text-negative",
};

/** What a link shows, in words: source, team, agent, dates, and its options. */
function scopeSummary(link: ShareLinkView, sources: SourcesResponse | null): string[] {
  const { scope } = link;
  const source = sources?.sources.find((s) => s.id === scope.source);
  const sourceName = scope.source === "all" ? ALL_SOURCES_NAME : SOURCE_NAMES[scope.source];
  const team =
    scope.group === null
      ? "All teams"
      : (source?.teams.find((t) => t.id === scope.group)?.name ?? `Team ${scope.group}`);
  const agent =
    scope.agent === null
      ? null
      : `Agent ${source?.agents.find((a) => a.id === scope.agent)?.name ?? scope.agent}`;
  const range =
    scope.range.kind === "fixed"
      ? `Fixed: ${formatDateRange(scope.range.from, scope.range.to)}`
      : `Rolling: ${PRESET_LABELS.get(scope.range.preset) ?? scope.range.preset}`;
  const all = PAGE_METRICS[scope.page].length;
  return [
    sourceName,
    team,
    ...(agent ? [agent] : []),
    range,
    ...(scope.metrics ? [`${scope.metrics.length} of ${all} metrics`] : []),
    scope.hideAgentNames ? "Agent names hidden" : "Agent names shown",
    link.hasPassword ? "Password" : "No password",
  ];
}

/** The signed-in user's share links: what each shows, its life and use, revoke and renew. */
export function SharedLinksPage({ sources }: { sources: SourcesResponse | null }) {
  const result = useQuery(shareLinksQueryOptions());
  const timeZone = sources?.timezone ?? "UTC";
  const links = result.data?.links;

  return (
    <div className="flex flex-col gap-6">
      <PageTitle
        title="Shared links"
        pageId="shared-links"
        subtitle={null}
        description="Links you created with Share on a report page. Revoking stops a link at once; renewing gives it a new expiry and a new URL."
      />
      <section
        aria-label="Your shared links"
        className="rounded-xl border border-line bg-surface p-4 shadow-sm sm:p-5"
      >
        <ListStates
          query={result}
          items={links}
          emptyTestId="shared-links-empty"
          empty={
            <>
              You have not shared any report yet. Use <strong>Share</strong> on a report page to
              create a link.
            </>
          }
        >
          {(links) => (
            <ListTable
              testId="shared-links"
              caption="Your shared links, newest first"
              columns={["Report", "Created", "Expires", "Last access", "Views", "Status"]}
            >
              {links.map((link) => (
                <LinkRow key={link.id} link={link} sources={sources} timeZone={timeZone} />
              ))}
            </ListTable>
          )}
        </ListStates>
      </section>
    </div>
  );
}

type Action = "none" | "revoke" | "renew";

function LinkRow({
  link,
  sources,
  timeZone,
}: {
  link: ShareLinkView;
  sources: SourcesResponse | null;
  timeZone: string;
}) {
  const id = useId();
  const client = useQueryClient();
  const [action, setAction] = useState<Action>("none");
  const [days, setDays] = useState<number>(DEFAULT_EXPIRES_IN_DAYS);
  const [renewed, setRenewed] = useState<IssuedLink | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: shareLinksQueryOptions().queryKey });
  const revoke = useMutation({
    mutationFn: () => revokeShareLinkRequest(link.id),
    onSuccess: async () => {
      setAction("none");
      await refresh();
    },
  });
  const renew = useMutation({
    mutationFn: () => renewShareLinkRequest(link.id, days),
    onSuccess: async (issued) => {
      setAction("none");
      setRenewed(issued);
      await refresh();
    },
  });
  const page = PAGE_LABELS[link.scope.page];
  const error = revoke.error ?? renew.error;

  return (
    <>
      <tr
        className="border-t border-line align-top"
        data-testid="shared-link-row"
        data-link-id={link.id}
        data-status={link.status}
      >
        <th scope="row" className="px-3 py-2 text-left font-medium">
          {page}
          <span className="block text-xs font-normal text-muted">
            {scopeSummary(link, sources).join(" · ")}
          </span>
        </th>
        <td className="px-3 py-2 whitespace-nowrap tabular-nums">
          {formatDateTime(link.createdAt, timeZone)}
        </td>
        <td className="px-3 py-2 whitespace-nowrap tabular-nums">
          {formatDateTime(link.expiresAt, timeZone)}
        </td>
        <td className="px-3 py-2 whitespace-nowrap tabular-nums">
          {link.lastAccessedAt === null ? "Never" : formatDateTime(link.lastAccessedAt, timeZone)}
        </td>
        <td className="px-3 py-2 tabular-nums" data-testid="shared-link-views">
          {formatCount(link.viewCount)}
        </td>
        <td className="px-3 py-2">
          <span
            className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_CLASS[link.status]}`}
            data-testid="shared-link-status"
          >
            {link.status}
          </span>
        </td>
        <td className="px-3 py-2">
          {link.status !== "revoked" && (
            <div className="flex flex-wrap gap-2">
              <ListRowToggle
                expanded={action === "renew"}
                controls={`${id}-panel`}
                onClick={() => setAction(action === "renew" ? "none" : "renew")}
              >
                Renew<span className="sr-only"> the {page} link</span>
              </ListRowToggle>
              <ListRowToggle
                expanded={action === "revoke"}
                controls={`${id}-panel`}
                onClick={() => setAction(action === "revoke" ? "none" : "revoke")}
              >
                Revoke<span className="sr-only"> the {page} link</span>
              </ListRowToggle>
            </div>
          )}
        </td>
      </tr>
      {(action !== "none" || renewed !== null || error) && (
        <ListRowPanel id={`${id}-panel`} colSpan={7}>
          {action === "revoke" && (
            <ConfirmAction
              label="Confirm revoking"
              message="Revoke this link? Anyone using it loses access at once. This cannot be undone."
              action="Revoke link"
              pendingAction="Revoking…"
              pending={revoke.isPending}
              onConfirm={() => revoke.mutate()}
              onCancel={() => setAction("none")}
            />
          )}
          {action === "renew" && (
            <ConfirmAction
              label="Renew"
              tone="plain"
              action="Renew link"
              pendingAction="Renewing…"
              pending={renew.isPending}
              onConfirm={() => renew.mutate()}
              onCancel={() => setAction("none")}
            >
              <div className="flex flex-col gap-1">
                <label htmlFor={`${id}-days`} className="text-xs font-medium text-muted">
                  Valid for
                </label>
                <select
                  id={`${id}-days`}
                  className="h-8 rounded-md border border-line-strong bg-surface px-2 text-sm"
                  value={days}
                  onChange={(e) => setDays(Number(e.target.value))}
                >
                  {EXPIRY_CHOICES.map((c) => (
                    <option key={c.days} value={c.days}>
                      {c.label} from now
                    </option>
                  ))}
                </select>
              </div>
            </ConfirmAction>
          )}
          {renewed !== null && action === "none" && (
            <div className="flex flex-col gap-1 pt-2" data-testid="shared-link-renewed">
              <CopyField label="New link" url={renewed.url} />
              <p className="text-sm text-muted">
                The new link works until {formatDateTime(renewed.link.expiresAt, timeZone)}. The
                previous URL keeps working until its own expiry date (or this one, if earlier);
                revoke the link to stop both.
              </p>
            </div>
          )}
          {error && <ListRowError error={error} />}
        </ListRowPanel>
      )}
    </>
  );
}
