"use client";

import { StreamedWidget } from "@/components/layout/prefetch-boundary";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { DownloadCsvButton } from "@/components/ui/download-csv-button";
import { Freshness } from "@/components/ui/freshness";
import { CoverageLine } from "@/components/widgets/coverage";
import { WidgetCard, WidgetPlaceholder } from "@/components/widgets/widget-card";
import { csvFileName, tableCsv } from "@/lib/csv";
import type { ScopedFilters } from "@/lib/filters";
import type { AgentTableResponse, SourceInfo } from "@/lib/metrics/types";
import { useApiBase } from "@/lib/queries/api-base";
import { agentTablePlan } from "@/lib/queries/pages";
import { agentTableQueryOptions, type ReportWindow } from "@/lib/queries/reports";
import { QueryBody } from "./query-body";
import { csvColumns, SortableTable, useSortedRows, type ReportColumn } from "./sortable-table";

type AgentRow = AgentTableResponse["rows"][number];

const TITLE = "Agents";
const TEST_ID = "table-agents";

/**
 * One row per agent with the source's own per-agent figures (LiveChat: ratings, chats,
 * availability, chatting time; Rocket.Chat: its agent overview). Click a header to sort.
 */
export function AgentsTable({ filters }: { filters: ScopedFilters }) {
  const base = useApiBase();
  // The same plan (and query) as the server prefetch of this page.
  const plan = agentTablePlan(filters);
  if (plan.kind !== "ready") {
    return (
      <WidgetCard testId={TEST_ID} headingId="agents-table-heading" title={TITLE}>
        <WidgetPlaceholder compact>{plan.message}</WidgetPlaceholder>
      </WidgetCard>
    );
  }
  return (
    <StreamedWidget queryKeys={[agentTableQueryOptions(plan.query, base).queryKey]}>
      <AgentsTableFor source={plan.source} query={plan.query} filters={filters} />
    </StreamedWidget>
  );
}

function AgentsTableFor({
  source,
  query,
  filters,
}: {
  source: SourceInfo;
  query: ReportWindow;
  filters: ScopedFilters;
}) {
  const base = useApiBase();
  const result = useQuery({
    ...agentTableQueryOptions(query, base),
    placeholderData: keepPreviousData,
  });
  const data = result.data;

  const columns = useMemo<ReportColumn<AgentRow>[]>(
    () => [
      {
        id: "name",
        label: "Agent",
        value: (r) => r.name,
        render: (r) => <span title={r.agent}>{r.name}</span>,
      },
      ...(data?.columns ?? []).map((c): ReportColumn<AgentRow> => ({
        id: c.id,
        label: c.label,
        unit: c.unit,
        info: c.definition,
        numeric: true,
        value: (r) => r.values[c.id] ?? null,
      })),
    ],
    [data?.columns],
  );
  const rows = useMemo(() => data?.rows ?? [], [data?.rows]);
  const { sorted, sort, toggle } = useSortedRows(rows, columns);
  const selected = filters.agent;
  const selectedName = source.agents.find((a) => a.id === selected)?.name ?? selected;

  const build =
    data && rows.length > 0
      ? () => ({
          filename: csvFileName("agents", data.source, data.from, data.to),
          csv: tableCsv(
            [{ header: "Agent ID", value: (r: AgentRow) => r.agent }, ...csvColumns(columns)],
            sorted,
          ),
        })
      : null;

  return (
    <WidgetCard
      testId={TEST_ID}
      headingId="agents-table-heading"
      title={TITLE}
      className="lg:col-span-2"
      actions={<DownloadCsvButton build={build} subject="the agents table" />}
      meta={
        <div className="flex flex-col gap-0.5">
          <span>Click a column header to sort.</span>
          {selected !== null && (
            <span data-testid="agent-highlight-note">
              All agents are listed (this report has no agent filter); {selectedName} is
              highlighted.
            </span>
          )}
          <CoverageLine covered={[source.id]} missing={[]} />
          <Freshness answers={data} refreshError={result.isRefetchError ? result.error : null} />
        </div>
      }
    >
      <QueryBody
        result={result}
        isEmpty={(d) => d.rows.length === 0}
        emptyText="No agent activity in this period"
      >
        {() => (
          <SortableTable
            testId="agents-table"
            caption="Agents"
            columns={columns}
            rows={sorted}
            rowKey={(r) => r.agent}
            sort={sort}
            onSort={toggle}
            highlight={(r) => r.agent === selected}
          />
        )}
      </QueryBody>
    </WidgetCard>
  );
}
