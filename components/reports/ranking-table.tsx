"use client";

import { StreamedWidget } from "@/components/layout/prefetch-boundary";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { DownloadCsvButton } from "@/components/ui/download-csv-button";
import { definitionHref } from "@/components/ui/definition-links";
import { Freshness } from "@/components/ui/freshness";
import { CoverageLine } from "@/components/widgets/coverage";
import { WidgetCard, WidgetPlaceholder } from "@/components/widgets/widget-card";
import { csvFileName, tableCsv } from "@/lib/csv";
import type { ScopedFilters } from "@/lib/filters";
import { METRICS } from "@/lib/metrics/definitions";
import type { RankingResponse, SourceInfo } from "@/lib/metrics/types";
import { useApiBase } from "@/lib/queries/api-base";
import { RANKING_METRIC, rankingPlan } from "@/lib/queries/pages";
import { rankingQueryOptions, type RankingKind, type RankingQuery } from "@/lib/queries/reports";
import { QueryBody } from "./query-body";
import { csvColumns, SortableTable, useSortedRows, type ReportColumn } from "./sortable-table";

type RankingRow = RankingResponse["rows"][number] & { rank: number };

const CONFIG = {
  chats: {
    title: "Agent ranking (chat ratings)",
    metric: RANKING_METRIC.chats,
    noun: "chats",
    info: "Agents ranked by LiveChat's ranking score over chat ratings (LiveChat ranking report): best first. CSAT = good ÷ (good + bad) × 100.",
  },
  tickets: {
    title: "Agent ranking (ticket ratings)",
    metric: RANKING_METRIC.tickets,
    noun: "tickets",
    info: "Agents ranked by LiveChat's ranking score over ticket ratings (LiveChat ticket ranking report): best first. CSAT = good ÷ (good + bad) × 100.",
  },
} as const;

/** LiveChat's agent ranking by ratings, best first; sortable by any column. */
export function RankingTable({ filters, kind }: { filters: ScopedFilters; kind: RankingKind }) {
  const config = CONFIG[kind];
  const testId = `table-ranking-${kind}`;
  const headingId = `ranking-${kind}-heading`;
  const info = { text: config.info, href: definitionHref(config.metric) };
  const base = useApiBase();
  // The same plan (and query) as the server prefetch of this page.
  const plan = rankingPlan(filters, kind);

  if (plan.kind !== "ready") {
    return (
      <WidgetCard testId={testId} headingId={headingId} title={config.title} info={info}>
        <WidgetPlaceholder compact>{plan.message}</WidgetPlaceholder>
      </WidgetCard>
    );
  }
  return (
    <StreamedWidget queryKeys={[rankingQueryOptions(plan.query, base).queryKey]}>
      <Ranking source={plan.source} query={plan.query} filters={filters} kind={kind} />
    </StreamedWidget>
  );
}

function Ranking({
  source,
  query,
  filters,
  kind,
}: {
  source: SourceInfo;
  query: RankingQuery;
  filters: ScopedFilters;
  kind: RankingKind;
}) {
  const config = CONFIG[kind];
  const base = useApiBase();
  const result = useQuery({
    ...rankingQueryOptions(query, base),
    placeholderData: keepPreviousData,
  });
  const data = result.data;
  const rows = useMemo<RankingRow[]>(
    () => (data?.rows ?? []).map((r, i) => ({ ...r, rank: i + 1 })),
    [data?.rows],
  );
  const columns = useMemo<ReportColumn<RankingRow>[]>(
    () => [
      { id: "rank", label: "Rank", numeric: true, value: (r) => r.rank },
      {
        id: "name",
        label: "Agent",
        value: (r) => r.name,
        render: (r) => <span title={r.agent}>{r.name}</span>,
      },
      { id: "good", label: "Rated good", unit: "count", numeric: true, value: (r) => r.good },
      { id: "bad", label: "Rated bad", unit: "count", numeric: true, value: (r) => r.bad },
      {
        id: "total",
        label: `Rated ${config.noun}`,
        unit: "count",
        numeric: true,
        value: (r) => r.total,
      },
      {
        id: "csat",
        label: "CSAT",
        unit: "percent",
        numeric: true,
        value: (r) => r.csat,
        info: METRICS[config.metric].definition,
      },
      {
        id: "score",
        label: "Score",
        csvUnit: "0–1",
        numeric: true,
        value: (r) => r.score,
        render: (r) => r.score.toFixed(3),
        info: "LiveChat's ranking score as reported (0–1; higher is better).",
      },
    ],
    [config],
  );
  const { sorted, sort, toggle } = useSortedRows(rows, columns);
  const testId = `table-ranking-${kind}`;

  const build =
    data && rows.length > 0
      ? () => ({
          filename: csvFileName(`ranking-${kind}`, data.source, data.from, data.to),
          csv: tableCsv(
            [
              ...csvColumns(columns).slice(0, 1),
              { header: "Agent ID", value: (r: RankingRow) => r.agent },
              ...csvColumns(columns).slice(1),
            ],
            sorted,
          ),
        })
      : null;

  return (
    <WidgetCard
      testId={testId}
      headingId={`ranking-${kind}-heading`}
      title={config.title}
      info={{ text: config.info, href: definitionHref(config.metric) }}
      actions={<DownloadCsvButton build={build} subject={config.title} />}
      meta={
        <div className="flex flex-col gap-0.5">
          <span>Best first by LiveChat&apos;s score; click a column header to sort.</span>
          <CoverageLine covered={[source.id]} missing={[]} />
          <Freshness answers={data} refreshError={result.isRefetchError ? result.error : null} />
        </div>
      }
    >
      <QueryBody
        result={result}
        isEmpty={(d) => d.rows.length === 0}
        emptyText={`No rated ${config.noun} in this period`}
      >
        {() => (
          <SortableTable
            testId={`${testId}-rows`}
            caption={config.title}
            columns={columns}
            rows={sorted}
            rowKey={(r) => r.agent}
            sort={sort}
            onSort={toggle}
            highlight={(r) => r.agent === filters.agent}
          />
        )}
      </QueryBody>
    </WidgetCard>
  );
}
