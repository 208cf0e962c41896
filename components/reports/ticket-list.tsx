"use client";

import { StreamedWidget } from "@/components/layout/prefetch-boundary";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { DownloadCsvButton } from "@/components/ui/download-csv-button";
import { Freshness } from "@/components/ui/freshness";
import { Pagination } from "@/components/ui/pagination";
import { CoverageLine } from "@/components/widgets/coverage";
import { WidgetCard, WidgetPlaceholder } from "@/components/widgets/widget-card";
import { csvFileName, tableCsv } from "@/lib/csv";
import type { ScopedFilters } from "@/lib/filters";
import { formatCount, formatDateTime } from "@/lib/format";
import type { SourceInfo, TicketListResponse } from "@/lib/metrics/types";
import { useApiBase } from "@/lib/queries/api-base";
import { firstTicketPage, ticketListPlan } from "@/lib/queries/pages";
import {
  TICKET_STATUSES,
  ticketListQueryOptions,
  type ReportWindow,
  type TicketStatus,
} from "@/lib/queries/reports";
import { QueryBody } from "./query-body";

type Ticket = TicketListResponse["tickets"][number];

const TITLE = "Tickets";
const TEST_ID = "table-tickets";
const HEADING_ID = "ticket-list-heading";

const SOURCE_LABELS: Record<Ticket["source"], string> = {
  chat_window: "Chat window form",
  mail: "E-mail",
  chat: "From a chat",
  other: "Other",
};

/** The tickets created in the period, 25 a page, with a status filter. */
export function TicketList({ filters, timezone }: { filters: ScopedFilters; timezone: string }) {
  const base = useApiBase();
  // The same plan (and first page) as the server prefetch of this page.
  const plan = ticketListPlan(filters);
  if (plan.kind !== "ready") {
    return (
      <WidgetCard testId={TEST_ID} headingId={HEADING_ID} title={TITLE} className="lg:col-span-2">
        <WidgetPlaceholder compact>{plan.message}</WidgetPlaceholder>
      </WidgetCard>
    );
  }
  const { source, query } = plan;
  return (
    <StreamedWidget queryKeys={[ticketListQueryOptions(firstTicketPage(query), base).queryKey]}>
      <Tickets
        // A new window starts again at page 1.
        key={`${source.id}|${query.from}|${query.to}|${query.group ?? ""}`}
        source={source}
        window={query}
        timezone={timezone}
      />
    </StreamedWidget>
  );
}

function Tickets({
  source,
  window,
  timezone,
}: {
  source: SourceInfo;
  window: ReportWindow;
  timezone: string;
}) {
  const [status, setStatus] = useState<TicketStatus | null>(null);
  const [page, setPage] = useState(1);
  const query = { ...window, status, page };
  const base = useApiBase();
  const result = useQuery({
    ...ticketListQueryOptions(query, base),
    placeholderData: keepPreviousData,
  });
  const data = result.data;

  const build =
    data && data.tickets.length > 0
      ? () => ({
          filename: csvFileName(
            `tickets${status ? `-${status}` : ""}-page${data.page}`,
            data.source,
            data.from,
            data.to,
          ),
          csv: tableCsv(
            [
              { header: "Ticket ID", value: (t: Ticket) => t.id },
              { header: "Subject", value: (t: Ticket) => t.subject },
              { header: "Status", value: (t: Ticket) => t.status },
              { header: "Source", value: (t: Ticket) => t.source },
              { header: "Created (UTC, ISO 8601)", value: (t: Ticket) => t.createdAt },
              { header: "Requester", value: (t: Ticket) => t.requester },
              { header: "Assignee", value: (t: Ticket) => t.assignee?.name ?? null },
              { header: "Groups", value: (t: Ticket) => t.groups.map((g) => g.name).join("; ") },
            ],
            data.tickets,
          ),
        })
      : null;

  return (
    <WidgetCard
      testId={TEST_ID}
      headingId={HEADING_ID}
      title={TITLE}
      className="lg:col-span-2"
      actions={
        <>
          <label className="flex items-center gap-1.5 text-xs text-muted">
            Status
            <select
              className="h-7 rounded-md border border-line-strong bg-surface px-1.5 text-xs text-fg"
              value={status ?? ""}
              onChange={(e) => {
                setStatus(TICKET_STATUSES.find((s) => s === e.target.value) ?? null);
                setPage(1);
              }}
            >
              <option value="">All</option>
              {TICKET_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s.charAt(0).toUpperCase() + s.slice(1)}
                </option>
              ))}
            </select>
          </label>
          <DownloadCsvButton build={build} subject="this page of tickets" />
        </>
      }
      meta={
        <div className="flex flex-col gap-0.5">
          <span>
            {data
              ? `${formatCount(data.total)} tickets created in the period · page ${data.page} of ${Math.max(1, data.pages)}`
              : "Tickets created in the period"}
          </span>
          <CoverageLine covered={[source.id]} missing={[]} />
          <Freshness answers={data} refreshError={result.isRefetchError ? result.error : null} />
        </div>
      }
    >
      <QueryBody
        result={result}
        isEmpty={(d) => d.tickets.length === 0}
        emptyText="No tickets in this period"
      >
        {(d) => (
          <div className="flex flex-col gap-3">
            <div className="overflow-x-auto rounded-md border border-line">
              <table className="w-full text-sm" data-testid="ticket-rows">
                <caption className="sr-only">Tickets, page {d.page}</caption>
                <thead className="bg-surface-2 text-xs text-muted">
                  <tr>
                    {[
                      "Subject",
                      "Status",
                      "Source",
                      "Created",
                      "Requester",
                      "Assignee",
                      "Group",
                    ].map((h) => (
                      <th key={h} scope="col" className="px-3 py-2 text-left font-medium">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {d.tickets.map((t) => (
                    <tr key={t.id} className="border-t border-line">
                      <th scope="row" className="px-3 py-1.5 text-left font-medium">
                        {t.subject}
                        <span className="block text-xs font-normal text-muted">#{t.id}</span>
                      </th>
                      <td className="px-3 py-1.5">
                        <StatusBadge status={t.status} />
                      </td>
                      <td className="px-3 py-1.5">{SOURCE_LABELS[t.source] ?? t.source}</td>
                      <td className="px-3 py-1.5 whitespace-nowrap tabular-nums">
                        {formatDateTime(t.createdAt, timezone)}
                      </td>
                      <td className="px-3 py-1.5">{t.requester}</td>
                      <td className="px-3 py-1.5">{t.assignee?.name ?? "—"}</td>
                      <td className="px-3 py-1.5">
                        {t.groups.map((g) => g.name).join(", ") || "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination page={d.page} pages={d.pages} onPage={setPage} label="Ticket pages" />
          </div>
        )}
      </QueryBody>
    </WidgetCard>
  );
}

const STATUS_CLASS: Record<Ticket["status"], string> = {
  open: "bg-accent-soft text-accent",
  pending: "bg-surface-2 text-fg",
  solved: "bg-surface-2 text-positive",
  spam: "bg-danger-soft text-negative",
};

function StatusBadge({ status }: { status: Ticket["status"] }) {
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_CLASS[status] ?? ""}`}>
      {status}
    </span>
  );
}
