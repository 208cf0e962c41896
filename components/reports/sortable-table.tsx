"use client";

import { useMemo, useState, type ReactNode } from "react";
import { InfoTip } from "@/components/ui/info-tip";
import { headerWithUnit, type TableColumn } from "@/lib/csv";
import { formatValue } from "@/lib/format";
import type { MetricUnit } from "@/lib/metrics/types";

/** One column of a report table: how to read, sort, show and export a cell. */
export interface ReportColumn<Row> {
  id: string;
  label: string;
  /** Values with a unit are formatted by it on screen and headed `Label (unit)` in CSV. */
  unit?: MetricUnit;
  /** Unit words for CSV headers that are not metric units (e.g. `0–1`). */
  csvUnit?: string;
  /** Definition shown in the header's ⓘ. */
  info?: string;
  /** The raw value: sorted on and exported (never the formatted text). */
  value: (row: Row) => string | number | null;
  /** What the cell shows; default: the value formatted by unit, `—` for null. */
  render?: (row: Row) => ReactNode;
  /** Numbers align right. */
  numeric?: boolean;
  sortable?: boolean;
}

export type SortDirection = "ascending" | "descending";
export interface SortState {
  column: string;
  direction: SortDirection;
}

function compare(a: string | number | null, b: string | number | null): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), "en", { numeric: true, sensitivity: "base" });
}

/**
 * Sorting for a report table; rows without a value always go last. Exposes the sorted rows so
 * the CSV export has exactly the order on screen.
 */
export function useSortedRows<Row>(
  rows: readonly Row[],
  columns: readonly ReportColumn<Row>[],
  initial: SortState | null = null,
) {
  const [sort, setSort] = useState<SortState | null>(initial);
  const sorted = useMemo(() => {
    const column = sort ? columns.find((c) => c.id === sort.column) : undefined;
    if (!sort || !column) return [...rows];
    const sign = sort.direction === "ascending" ? 1 : -1;
    return rows
      .map((row, index) => ({ row, index, value: column.value(row) }))
      .sort((x, y) => {
        if (x.value === null || y.value === null) {
          if (x.value === y.value) return x.index - y.index;
          return x.value === null ? 1 : -1;
        }
        return sign * compare(x.value, y.value) || x.index - y.index;
      })
      .map((x) => x.row);
  }, [rows, columns, sort]);

  const toggle = (column: string) =>
    setSort((current) =>
      current?.column === column
        ? {
            column,
            direction: current.direction === "ascending" ? "descending" : "ascending",
          }
        : { column, direction: "ascending" },
    );

  return { sorted, sort, toggle };
}

/** CSV columns for a report table: headers with units, raw values. */
export function csvColumns<Row>(columns: readonly ReportColumn<Row>[]): TableColumn<Row>[] {
  return columns.map((c) => ({
    header: c.unit
      ? headerWithUnit(c.label, c.unit)
      : c.csvUnit
        ? headerWithUnit(c.label, c.csvUnit)
        : c.label,
    value: c.value,
  }));
}

/**
 * A report table whose column headers sort it (click or Enter/Space on the header button);
 * the sorted column carries `aria-sort`. Null values read `—`.
 */
export function SortableTable<Row>({
  testId,
  caption,
  columns,
  rows,
  rowKey,
  sort,
  onSort,
  highlight,
}: {
  testId: string;
  caption: string;
  columns: readonly ReportColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  sort: SortState | null;
  onSort: (column: string) => void;
  highlight?: (row: Row) => boolean;
}) {
  return (
    <div className="overflow-x-auto rounded-md border border-line">
      <table className="w-full text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-surface-2 text-xs text-muted">
          <tr>
            {columns.map((c) => {
              const sortable = c.sortable !== false;
              const ariaSort =
                sort?.column === c.id ? sort.direction : sortable ? "none" : undefined;
              return (
                <th
                  key={c.id}
                  scope="col"
                  aria-sort={ariaSort}
                  data-column={c.id}
                  className={`px-3 py-2 font-medium whitespace-nowrap ${c.numeric ? "text-right" : "text-left"}`}
                >
                  <span
                    className={`inline-flex items-center gap-1 ${c.numeric ? "flex-row-reverse" : ""}`}
                  >
                    {sortable ? (
                      <button
                        type="button"
                        onClick={() => onSort(c.id)}
                        className="inline-flex items-center gap-1 rounded font-medium hover:text-fg"
                      >
                        {c.label}
                        <SortMark direction={sort?.column === c.id ? sort.direction : null} />
                      </button>
                    ) : (
                      c.label
                    )}
                    {c.info && <InfoTip label={c.label} text={c.info} />}
                  </span>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={rowKey(row)}
              className={`border-t border-line ${highlight?.(row) ? "bg-accent-soft" : ""}`}
              data-highlighted={highlight?.(row) ? "true" : undefined}
            >
              {columns.map((c, i) => {
                const content = c.render ? c.render(row) : formatCell(c.value(row), c.unit);
                const cls = `px-3 py-1.5 ${c.numeric ? "text-right tabular-nums" : "text-left"}`;
                return i === 0 ? (
                  <th key={c.id} scope="row" className={`${cls} font-medium`}>
                    {content}
                  </th>
                ) : (
                  <td key={c.id} className={cls}>
                    {content}
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

function formatCell(value: string | number | null, unit: MetricUnit | undefined): string {
  if (value === null) return "—";
  if (typeof value === "number") return unit ? formatValue(value, unit) : String(value);
  return value;
}

function SortMark({ direction }: { direction: SortDirection | null }) {
  return (
    <span aria-hidden="true" className="text-[0.7em]">
      {direction === "ascending" ? "▲" : direction === "descending" ? "▼" : "↕"}
    </span>
  );
}
