"use client";

import { StreamedWidget } from "@/components/layout/prefetch-boundary";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { useSearchParams } from "next/navigation";
import { PageTitle } from "@/components/layout/report-shell";
import { Freshness, ReportingTimeZoneProvider } from "@/components/ui/freshness";
import { Skeleton, WidgetError } from "@/components/ui/widget-states";
import { formatDateTime, formatDuration, formatTimeOfDay } from "@/lib/format";
import type { ChatMessage, ChatTranscriptResponse, SourcesResponse } from "@/lib/metrics/types";
import { ApiError, sourcesQueryOptions } from "@/lib/queries/metrics";
import { transcriptSource } from "@/lib/queries/pages";
import { chatTranscriptQueryOptions } from "@/lib/queries/reports";
import { chatTypeText, listText, RatingText } from "./chat-format";

const ROLE_CLASS: Record<ChatMessage["role"], string> = {
  agent: "border-accent/40 bg-accent-soft",
  supervisor: "border-line-strong bg-surface-2",
  visitor: "border-line bg-surface",
  system: "border-dashed border-line bg-surface text-muted",
};

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || /not_found$/.test(error.code));
}

/** `/archive/{id}`: one chat's details and its messages (author, role, time). */
export function ChatTranscript({
  id,
  sources: initial,
}: {
  id: string;
  sources: SourcesResponse | null;
}) {
  const search = useSearchParams();
  const sourcesResult = useQuery({ ...sourcesQueryOptions(), initialData: initial ?? undefined });
  // The same choice as the server prefetch of this page.
  const source = transcriptSource(search.get("source"), sourcesResult.data?.sources);
  const timezone = sourcesResult.data?.timezone ?? "UTC";
  // Back to the very list page this chat was opened from (only ever a query string of /archive).
  const list = search.get("list");
  const backHref = list ? `/archive?${new URLSearchParams(list).toString()}` : "/archive";

  return (
    <ReportingTimeZoneProvider timeZone={timezone}>
      <div className="flex flex-col gap-6">
        <div className="flex flex-col gap-2">
          <Link
            href={backHref}
            className="w-fit text-sm font-medium text-accent underline-offset-2 hover:underline"
          >
            ← Back to the chat list
          </Link>
          <PageTitle title="Chat transcript" pageId="transcript" subtitle={`Chat ${id}`} />
        </div>
        <StreamedWidget queryKeys={[chatTranscriptQueryOptions({ source, id }).queryKey]}>
          <TranscriptSection source={source} id={id} timezone={timezone} backHref={backHref} />
        </StreamedWidget>
      </div>
    </ReportingTimeZoneProvider>
  );
}

/** The transcript's card: loading, not found, error + Retry, or the chat. */
function TranscriptSection({
  source,
  id,
  timezone,
  backHref,
}: {
  source: ReturnType<typeof transcriptSource>;
  id: string;
  timezone: string;
  backHref: string;
}) {
  const result = useQuery(chatTranscriptQueryOptions({ source, id }));
  return (
    <section
      data-testid="transcript"
      aria-label="Transcript"
      className="flex flex-col gap-4 rounded-xl border border-line bg-surface p-4 shadow-sm sm:p-5"
    >
      {result.isPending ? (
        <div aria-busy="true" className="flex flex-col gap-3">
          <span className="sr-only">Loading…</span>
          <Skeleton className="h-24 w-full" />
          <Skeleton className="h-64 w-full" />
        </div>
      ) : result.isLoadingError ? (
        isNotFound(result.error) ? (
          <div role="alert" className="flex flex-col gap-2 text-sm" data-testid="chat-not-found">
            <p className="text-base font-semibold">Chat not found</p>
            <p className="text-muted">
              There is no chat with the id <code className="font-mono">{id}</code> in the archive.
              It may have been deleted, or the link is wrong.
            </p>
            <Link
              href={backHref}
              className="w-fit font-medium text-accent underline-offset-2 hover:underline"
            >
              Back to the chat list
            </Link>
          </div>
        ) : (
          <WidgetError
            error={result.error}
            onRetry={() => void result.refetch()}
            retrying={result.isFetching}
          />
        )
      ) : (
        <>
          <Freshness
            answers={result.data}
            refreshError={result.isRefetchError ? result.error : null}
          />
          <TranscriptBody data={result.data} timezone={timezone} />
        </>
      )}
    </section>
  );
}

function TranscriptBody({ data, timezone }: { data: ChatTranscriptResponse; timezone: string }) {
  const chat = data.chat;
  return (
    <>
      <dl
        data-testid="transcript-details"
        className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2 xl:grid-cols-4"
      >
        <Detail label="Started">{formatDateTime(chat.startedAt, timezone)}</Detail>
        <Detail label="Ended">{formatDateTime(chat.endedAt, timezone)}</Detail>
        <Detail label="Duration">{formatDuration(chat.durationSeconds)}</Detail>
        <Detail label="Type">{chatTypeText(chat.type)}</Detail>
        <Detail label="Visitor">{chat.visitorName}</Detail>
        <Detail label="Agents">{listText(chat.agents.map((a) => a.name))}</Detail>
        <Detail label="Group">{listText(chat.groups.map((g) => g.name))}</Detail>
        <Detail label="Rating">
          <RatingText rating={chat.rating} />
        </Detail>
        <Detail label="Goals">{listText(chat.goals.map((g) => g.name))}</Detail>
        <Detail label="Tags">{listText(chat.tags)}</Detail>
        <Detail label="Messages">{String(chat.messageCount)}</Detail>
        <Detail label="Times in">{timezone}</Detail>
      </dl>
      <h2 className="text-base font-semibold">Messages</h2>
      {chat.messages.length === 0 ? (
        <p className="text-sm text-muted">This chat has no messages.</p>
      ) : (
        <ol className="flex flex-col gap-2" data-testid="transcript-messages">
          {chat.messages.map((m, i) => (
            <li
              key={`${m.at}-${i}`}
              className={`flex flex-col gap-1 rounded-lg border p-3 text-sm ${ROLE_CLASS[m.role]} ${m.role === "visitor" ? "mr-8" : m.role === "system" ? "" : "ml-8"}`}
              data-role={m.role}
            >
              <p className="flex flex-wrap items-baseline gap-x-2 text-xs text-muted">
                <span className="font-semibold text-fg">{m.author}</span>
                <span className="rounded bg-surface-2 px-1.5 py-0.5">{m.role}</span>
                <time dateTime={m.at} className="tabular-nums">
                  {formatTimeOfDay(m.at, timezone)}
                </time>
              </p>
              <p className="whitespace-pre-wrap">{m.text}</p>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}
