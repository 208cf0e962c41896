"use client";

import { StreamedWidget } from "@/components/layout/prefetch-boundary";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { useState } from "react";
import { bucketTooltipLabel, formatDateRange } from "@/components/format-dates";
import { PageTitle } from "@/components/layout/report-shell";
import { QueryBody } from "@/components/reports/query-body";
import { DownloadCsvButton } from "@/components/ui/download-csv-button";
import { Freshness, ReportingTimeZoneProvider } from "@/components/ui/freshness";
import { Pagination } from "@/components/ui/pagination";
import { errorMessage } from "@/components/ui/widget-states";
import { WidgetCard } from "@/components/widgets/widget-card";
import { csvFileName, headerWithUnit, tableCsv } from "@/lib/csv";
import { todayIn } from "@/lib/dates";
import { archiveParsers, resolveArchive } from "@/lib/filters";
import { formatCount, formatDateTime, formatDuration } from "@/lib/format";
import type { ChatSummary, SourceInfo, SourcesResponse } from "@/lib/metrics/types";
import { sourcesQueryOptions } from "@/lib/queries/metrics";
import {
  CHAT_RATE_FILTERS,
  CHAT_TYPE_FILTERS,
  chatListQueryOptions,
  type ChatRateFilter,
  type ChatTypeFilter,
} from "@/lib/queries/reports";
import { chatTypeText, listText, RATING_TEXT, RatingText } from "./chat-format";

const RATE_LABELS: Record<ChatRateFilter, string> = {
  rated: "Rated",
  not_rated: "Not rated",
  rated_good: "Rated good",
  rated_bad: "Rated bad",
};
const TYPE_LABELS: Record<ChatTypeFilter, string> = { chat: "Chats", missed_chat: "Missed chats" };

const SELECT =
  "h-9 rounded-md border border-line-strong bg-surface px-2.5 text-sm text-fg hover:border-muted";

/**
 * `/archive`: the chats behind a chart bucket (or any window), 25 a page, with Prev/Next and
 * page numbers; every row opens its transcript. All state is in the URL, so Back works.
 */
export function ChatArchive({
  sources: initial,
  sourcesError,
}: {
  sources: SourcesResponse | null;
  sourcesError: string | null;
}) {
  const sourcesResult = useQuery({ ...sourcesQueryOptions(), initialData: initial ?? undefined });
  const sources = sourcesResult.data;
  if (!sources) {
    return (
      <div className="flex flex-col gap-6">
        <PageTitle title="Chat archive" pageId="archive" subtitle={null} />
        <div role="alert" className="rounded-xl border border-line bg-danger-soft p-4 text-sm">
          <p className="font-medium text-negative">Could not load your chat sources.</p>
          <p className="mt-1">
            {sourcesResult.isError
              ? errorMessage(sourcesResult.error)
              : (sourcesError ?? "Loading…")}
          </p>
        </div>
      </div>
    );
  }
  return (
    <ReportingTimeZoneProvider timeZone={sources.timezone}>
      <Archive sources={sources} />
    </ReportingTimeZoneProvider>
  );
}

function Archive({ sources }: { sources: SourcesResponse }) {
  const [params, setParams] = useQueryStates(archiveParsers, { history: "push" });
  const [today] = useState(() => todayIn(sources.timezone));
  // The same resolution (and query) as the server prefetch of this page.
  const archive = resolveArchive(params, sources.sources, today);

  if (archive === null) {
    return (
      <div className="flex flex-col gap-6">
        <PageTitle title="Chat archive" pageId="archive" subtitle={null} />
        <p className="rounded-xl border border-line bg-surface p-6 text-sm text-muted">
          None of the configured sources has a browsable chat archive (only LiveChat has one).
        </p>
      </div>
    );
  }

  const { source, query } = archive;
  const { from, to, hour, group, agent } = query;
  const teamName = source.teams.find((t) => t.id === group)?.name ?? group;
  const agentName = source.agents.find((a) => a.id === agent)?.name ?? agent;

  const when =
    hour !== null
      ? bucketTooltipLabel(`${from}T${String(hour).padStart(2, "0")}:00`, "hour")
      : formatDateRange(from, to);
  const subtitle = [
    source.name,
    when,
    teamName && `${source.teamLabel === "group" ? "Group" : "Department"} ${teamName}`,
    agentName && `Agent ${agentName}`,
    params.type && TYPE_LABELS[params.type],
    params.rate && RATE_LABELS[params.rate],
  ]
    .filter(Boolean)
    .join(" · ");

  return (
    <div className="flex flex-col gap-6">
      <PageTitle title="Chat archive" pageId="archive" subtitle={subtitle} />
      <section
        aria-label="Archive filters"
        className="flex flex-wrap items-end gap-x-4 gap-y-3 rounded-xl border border-line bg-surface p-4 shadow-sm"
      >
        <label className="flex flex-col gap-1 text-xs font-medium text-muted">
          Type
          <select
            className={SELECT}
            value={params.type ?? ""}
            onChange={(e) =>
              void setParams({
                type: CHAT_TYPE_FILTERS.find((t) => t === e.target.value) ?? null,
                page: null,
              })
            }
          >
            <option value="">All chats</option>
            {CHAT_TYPE_FILTERS.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-muted">
          Rating
          <select
            className={SELECT}
            value={params.rate ?? ""}
            onChange={(e) =>
              void setParams({
                rate: CHAT_RATE_FILTERS.find((r) => r === e.target.value) ?? null,
                page: null,
              })
            }
          >
            <option value="">Any rating</option>
            {CHAT_RATE_FILTERS.map((r) => (
              <option key={r} value={r}>
                {RATE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        {hour !== null && (
          <button
            type="button"
            onClick={() => void setParams({ hour: null, page: null })}
            className="h-9 rounded-md border border-line-strong px-3 text-sm hover:bg-surface-2"
          >
            Whole day
          </button>
        )}
        <p className="flex h-9 items-center text-xs text-muted">Times in {sources.timezone}</p>
      </section>
      <StreamedWidget queryKeys={[chatListQueryOptions(query).queryKey]}>
        <ChatTable
          source={source}
          timezone={sources.timezone}
          query={query}
          onPage={(page) => void setParams({ page: page === 1 ? null : page })}
        />
      </StreamedWidget>
    </div>
  );
}

function ChatTable({
  source,
  timezone,
  query,
  onPage,
}: {
  source: SourceInfo;
  timezone: string;
  query: Parameters<typeof chatListQueryOptions>[0];
  onPage: (page: number) => void;
}) {
  const result = useQuery({ ...chatListQueryOptions(query), placeholderData: keepPreviousData });
  const data = result.data;
  // The list's own URL, so the transcript can link back to this very page.
  const listQs = new URLSearchParams(
    Object.entries(query).flatMap(([k, v]) =>
      v === null || (k === "page" && v === 1) ? [] : [[k, String(v)]],
    ),
  ).toString();

  const build =
    data && data.chats.length > 0
      ? () => ({
          filename: csvFileName(`chats-page${data.page}`, data.source, data.from, data.to),
          csv: tableCsv(
            [
              { header: "Chat ID", value: (c: ChatSummary) => c.id },
              { header: "Type", value: (c: ChatSummary) => c.type },
              { header: "Started (UTC, ISO 8601)", value: (c: ChatSummary) => c.startedAt },
              { header: "Visitor", value: (c: ChatSummary) => c.visitorName },
              {
                header: "Agents",
                value: (c: ChatSummary) => c.agents.map((a) => a.name).join("; "),
              },
              {
                header: "Groups",
                value: (c: ChatSummary) => c.groups.map((g) => g.name).join("; "),
              },
              {
                header: headerWithUnit("Duration", "seconds"),
                value: (c: ChatSummary) => c.durationSeconds,
              },
              { header: "Rating", value: (c: ChatSummary) => c.rating },
              { header: "Goals", value: (c: ChatSummary) => c.goals.map((g) => g.name).join("; ") },
              { header: "Tags", value: (c: ChatSummary) => c.tags.join("; ") },
              {
                header: headerWithUnit("Messages", "count"),
                value: (c: ChatSummary) => c.messageCount,
              },
            ],
            data.chats,
          ),
        })
      : null;

  return (
    <WidgetCard
      testId="archive-list"
      headingId="archive-list-heading"
      title="Chats"
      actions={<DownloadCsvButton build={build} subject="this page of chats" />}
      meta={
        <div className="flex flex-col gap-0.5">
          <span>
            {data
              ? `${formatCount(data.total)} ${data.total === 1 ? "chat" : "chats"} · page ${data.page} of ${Math.max(1, data.pages)} · ${source.name}`
              : source.name}
          </span>
          <Freshness answers={data} refreshError={result.isRefetchError ? result.error : null} />
        </div>
      }
    >
      <QueryBody
        result={result}
        isEmpty={(d) => d.chats.length === 0}
        emptyText="No chats match these filters"
      >
        {(d) => (
          <div className="flex flex-col gap-3">
            <div className="overflow-x-auto rounded-md border border-line">
              <table className="w-full text-sm" data-testid="archive-rows">
                <caption className="sr-only">Chats, page {d.page}</caption>
                <thead className="bg-surface-2 text-xs text-muted">
                  <tr>
                    {[
                      "Start time",
                      "Visitor",
                      "Agents",
                      "Group",
                      "Duration",
                      "Rating",
                      "Goals",
                      "Tags",
                    ].map((h) => (
                      <th
                        key={h}
                        scope="col"
                        className="px-3 py-2 text-left font-medium whitespace-nowrap"
                      >
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {d.chats.map((c) => (
                    <tr key={c.id} className="border-t border-line" data-chat-id={c.id}>
                      <th
                        scope="row"
                        className="px-3 py-1.5 text-left font-medium whitespace-nowrap"
                      >
                        <Link
                          href={`/archive/${encodeURIComponent(c.id)}?${new URLSearchParams({ source: d.source, list: listQs }).toString()}`}
                          className="text-accent underline-offset-2 hover:underline"
                          data-testid="archive-chat-link"
                        >
                          {formatDateTime(c.startedAt, timezone)}
                        </Link>
                        {c.type === "missed_chat" && (
                          <span className="ml-2 text-xs font-normal text-negative">
                            {chatTypeText(c.type)}
                          </span>
                        )}
                      </th>
                      <td className="px-3 py-1.5">{c.visitorName}</td>
                      <td className="px-3 py-1.5">{listText(c.agents.map((a) => a.name))}</td>
                      <td className="px-3 py-1.5">{listText(c.groups.map((g) => g.name))}</td>
                      <td className="px-3 py-1.5 tabular-nums">
                        {formatDuration(c.durationSeconds)}
                      </td>
                      <td className="px-3 py-1.5" title={RATING_TEXT[c.rating]}>
                        <RatingText rating={c.rating} />
                      </td>
                      <td className="px-3 py-1.5">{listText(c.goals.map((g) => g.name))}</td>
                      <td className="px-3 py-1.5">
                        {c.tags.length === 0 ? (
                          "—"
                        ) : (
                          <span className="flex flex-wrap gap-1">
                            {c.tags.map((t) => (
                              <span key={t} className="rounded bg-surface-2 px-1.5 py-0.5 text-xs">
                                {t}
                              </span>
                            ))}
                          </span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination page={d.page} pages={d.pages} onPage={onPage} label="Chat pages" />
          </div>
        )}
      </QueryBody>
    </WidgetCard>
  );
}
