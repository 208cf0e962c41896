"use client";

import { StreamedWidget } from "@/components/layout/prefetch-boundary";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { DownloadCsvButton } from "@/components/ui/download-csv-button";
import { Freshness } from "@/components/ui/freshness";
import { CoverageLine } from "@/components/widgets/coverage";
import { WidgetCard, WidgetPlaceholder } from "@/components/widgets/widget-card";
import { csvFileName, headerWithUnit, tableCsv } from "@/lib/csv";
import type { ScopedFilters } from "@/lib/filters";
import type { OccupancyResponse, SourceInfo } from "@/lib/metrics/types";
import { useApiBase } from "@/lib/queries/api-base";
import { occupancyPlan } from "@/lib/queries/pages";
import { occupancyQueryOptions, type ReportWindow } from "@/lib/queries/reports";
import { QueryBody } from "./query-body";

type Cell = OccupancyResponse["cells"][number];

const TITLE = "Simultaneous chats by weekday and hour";
const TEST_ID = "heatmap-occupancy";
const HEADING_ID = "heatmap-occupancy-heading";
const INFO =
  "The highest number of chats agents handled at the same time, per weekday and local hour, over the selected days (LiveChat agents occupancy report). The mean is the average over the matching days of each day's maximum.";

export const WEEKDAYS = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;
const HOURS = Array.from({ length: 24 }, (_, h) => h);

function hourLabel(h: number): string {
  return `${String(h).padStart(2, "0")}:00`;
}

function cellLabel(c: Cell): string {
  const when = `${WEEKDAYS[c.weekday] ?? c.weekday} ${hourLabel(c.hour)}–${hourLabel((c.hour + 1) % 24)}`;
  if (c.max === null) return `${when}: no data`;
  const mean = c.mean === null ? "" : `, mean ${c.mean.toFixed(1)}`;
  return `${when}: up to ${c.max} simultaneous chats${mean} over ${c.days} ${c.days === 1 ? "day" : "days"}`;
}

/**
 * LiveChat's occupancy as a weekday × hour heat map (CSS grid; every cell is labelled with its
 * numbers), with a "show as table" toggle for a plain table of the same values.
 */
export function OccupancyHeatmap({ filters }: { filters: ScopedFilters }) {
  const base = useApiBase();
  // The same plan (and query) as the server prefetch of this page.
  const plan = occupancyPlan(filters);
  if (plan.kind !== "ready") {
    return (
      <WidgetCard
        testId={TEST_ID}
        headingId={HEADING_ID}
        title={TITLE}
        info={{ text: INFO }}
        className="lg:col-span-2"
      >
        <WidgetPlaceholder compact>{plan.message}</WidgetPlaceholder>
      </WidgetCard>
    );
  }
  return (
    <StreamedWidget queryKeys={[occupancyQueryOptions(plan.query, base).queryKey]}>
      <Heatmap source={plan.source} query={plan.query} />
    </StreamedWidget>
  );
}

function Heatmap({ source, query }: { source: SourceInfo; query: ReportWindow }) {
  const [asTable, setAsTable] = useState(false);
  const base = useApiBase();
  const result = useQuery({
    ...occupancyQueryOptions(query, base),
    placeholderData: keepPreviousData,
  });
  const data = result.data;
  const ordered = data ? orderCells(data.cells) : [];

  const build =
    data && ordered.length > 0
      ? () => ({
          filename: csvFileName("occupancy", data.source, data.from, data.to),
          csv: tableCsv(
            [
              { header: "Weekday", value: (c: Cell) => WEEKDAYS[c.weekday] ?? c.weekday },
              { header: `Hour (${data.timezone})`, value: (c: Cell) => c.hour },
              {
                header: headerWithUnit("Highest simultaneous chats", "count"),
                value: (c: Cell) => c.max,
              },
              {
                header: headerWithUnit("Mean of daily highest", "count"),
                value: (c: Cell) => c.mean,
              },
              { header: headerWithUnit("Days", "count"), value: (c: Cell) => c.days },
            ],
            ordered,
          ),
        })
      : null;

  return (
    <WidgetCard
      testId={TEST_ID}
      headingId={HEADING_ID}
      title={TITLE}
      info={{ text: INFO }}
      className="lg:col-span-2"
      actions={
        <>
          <button
            type="button"
            disabled={!data}
            onClick={() => setAsTable((t) => !t)}
            className="inline-flex h-7 items-center rounded-md border border-line-strong bg-surface px-2 text-xs font-medium text-fg hover:bg-surface-2 disabled:opacity-50"
          >
            {asTable ? "Show as heat map" : "Show as table"}
          </button>
          <DownloadCsvButton build={build} subject={TITLE} />
        </>
      }
      meta={
        <div className="flex flex-col gap-0.5">
          <span>
            Highest number of simultaneous chats per hour{data ? ` (${data.timezone})` : ""}
          </span>
          <CoverageLine covered={[source.id]} missing={[]} />
          <Freshness answers={data} refreshError={result.isRefetchError ? result.error : null} />
        </div>
      }
    >
      <QueryBody
        result={result}
        isEmpty={(d) => d.cells.every((c) => c.max === null)}
        emptyText="No chats in this period"
      >
        {(d) => (asTable ? <OccupancyTable data={d} /> : <Grid data={d} />)}
      </QueryBody>
    </WidgetCard>
  );
}

function orderCells(cells: readonly Cell[]): Cell[] {
  return [...cells].sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
}

function lookup(data: OccupancyResponse): (weekday: number, hour: number) => Cell {
  const map = new Map(data.cells.map((c) => [`${c.weekday}-${c.hour}`, c]));
  return (weekday, hour) =>
    map.get(`${weekday}-${hour}`) ?? { weekday, hour, max: null, mean: null, days: 0 };
}

function Grid({ data }: { data: OccupancyResponse }) {
  const cell = lookup(data);
  const peak = Math.max(1, ...data.cells.map((c) => c.max ?? 0));
  return (
    <div className="overflow-x-auto">
      <div
        role="group"
        aria-label={`${TITLE} (${data.timezone})`}
        className="grid min-w-[40rem] gap-0.5 text-[0.65rem] text-muted"
        style={{ gridTemplateColumns: "3.25rem repeat(24, minmax(0, 1fr))" }}
      >
        <span aria-hidden="true" />
        {HOURS.map((h) => (
          <span key={h} aria-hidden="true" className="text-center tabular-nums">
            {h % 3 === 0 ? String(h).padStart(2, "0") : ""}
          </span>
        ))}
        {WEEKDAYS.map((day, weekday) => (
          <div key={day} className="contents">
            <span aria-hidden="true" className="flex items-center pr-1 font-medium">
              {day.slice(0, 3)}
            </span>
            {HOURS.map((hour) => {
              const c = cell(weekday, hour);
              const label = cellLabel(c);
              const share = c.max === null ? 0 : c.max / peak;
              return (
                <div
                  key={hour}
                  role="img"
                  aria-label={label}
                  title={label}
                  data-testid="heatmap-cell"
                  data-weekday={weekday}
                  data-hour={hour}
                  data-max={c.max ?? ""}
                  className="flex h-7 items-center justify-center rounded-sm tabular-nums"
                  style={{
                    background:
                      c.max === null
                        ? "var(--surface-2)"
                        : `color-mix(in srgb, var(--chart-heat) ${Math.round(8 + share * 92)}%, var(--surface))`,
                    // One text colour on every shade: --chart-heat is picked per scheme so the
                    // number keeps 4.5:1 on the strongest cell, and every mix towards the
                    // surface only gains contrast.
                    color: "var(--foreground)",
                  }}
                >
                  {c.max ?? ""}
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}

function OccupancyTable({ data }: { data: OccupancyResponse }) {
  const cell = lookup(data);
  return (
    <div className="overflow-x-auto rounded-md border border-line">
      <table className="w-full text-xs" data-testid="occupancy-table">
        <caption className="sr-only">
          {TITLE}: highest simultaneous chats, weekdays by hour ({data.timezone})
        </caption>
        <thead className="bg-surface-2 text-muted">
          <tr>
            <th scope="col" className="px-2 py-1.5 text-left font-medium">
              Weekday
            </th>
            {HOURS.map((h) => (
              <th key={h} scope="col" className="px-1 py-1.5 text-right font-medium tabular-nums">
                {hourLabel(h)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((day, weekday) => (
            <tr key={day} className="border-t border-line">
              <th scope="row" className="px-2 py-1 text-left font-medium">
                {day}
              </th>
              {HOURS.map((hour) => {
                const c = cell(weekday, hour);
                return (
                  <td key={hour} className="px-1 py-1 text-right tabular-nums" title={cellLabel(c)}>
                    {c.max ?? "—"}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
