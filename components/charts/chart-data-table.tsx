import type { ReactNode } from "react";
import { formatValue } from "@/lib/format";
import type { MetricUnit } from "@/lib/metrics/types";

/**
 * The text alternative of a chart: the same buckets and series as a real table (caption,
 * column headers with units, one row per bucket, formatted values). Pure markup with no state,
 * so the server and the browser render it identically and it serves the server's static
 * drawing and the interactive Recharts one alike.
 */

/** One value column of a chart's table: a series, with the unit its values are in. */
export interface DataTableColumn {
  /** The field of each point the column reads. */
  key: string;
  name: string;
  unit: MetricUnit;
}

/** One row: the bucket's key, its readable label and one formatted cell per column. */
export interface DataTableRow {
  key: string;
  label: string;
  cells: string[];
}

const UNIT_HEADERS: Record<MetricUnit, string> = {
  count: "count",
  percent: "%",
  // Values read "1m 05s", so the unit is a duration rather than a number of seconds.
  seconds: "duration",
};

/** A column header that names its unit: `Chats (count)`, `CSAT (%)`. */
export function columnHeader(column: Pick<DataTableColumn, "name" | "unit">): string {
  return `${column.name} (${UNIT_HEADERS[column.unit]})`;
}

function numberOf(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/**
 * The table rows of a chart: per point, its label (`labelOf(key)`) and each column's value
 * formatted in its unit (`—` for a gap, never 0).
 */
export function chartTableRows(
  points: readonly ({ key: string } & Record<string, unknown>)[],
  columns: readonly DataTableColumn[],
  labelOf: (key: string) => string,
): DataTableRow[] {
  return points.map((p) => ({
    key: p.key,
    label: labelOf(p.key),
    cells: columns.map((c) => formatValue(numberOf(p[c.key]), c.unit)),
  }));
}

/** The id of a chart's data table, for the toggle's `aria-controls`. */
export function dataTableId(base: string): string {
  return `${base}-data-table`;
}

/**
 * The "Show table" toggle of a chart: a disclosure button (`aria-expanded`) for the chart's
 * data table. The visible words say what a press does; `aria-expanded` says the state.
 */
export function DataTableToggle({
  open,
  onToggle,
  controls,
  disabled = false,
}: {
  open: boolean;
  onToggle: () => void;
  /** The table's id (only referenced while it is in the document). */
  controls: string;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      aria-expanded={open}
      aria-controls={open ? controls : undefined}
      disabled={disabled}
      onClick={onToggle}
      className="inline-flex h-7 items-center rounded-md border border-line-strong bg-surface px-2 text-xs font-medium text-fg hover:bg-surface-2 disabled:cursor-not-allowed disabled:opacity-50"
    >
      {open ? "Hide table" : "Show table"}
    </button>
  );
}

/**
 * A chart's data as a table: `caption` names it, `rowHeader` heads the bucket column,
 * `action` adds a last column (e.g. a drill-down link per row).
 */
export function ChartDataTable({
  id,
  caption,
  rowHeader,
  columns,
  rows,
  action,
}: {
  id: string;
  caption: string;
  rowHeader: string;
  columns: readonly DataTableColumn[];
  rows: readonly DataTableRow[];
  action?: { header: string; cell: (key: string) => ReactNode };
}) {
  return (
    <div className="max-h-80 overflow-auto rounded-md border border-line" id={id}>
      <table className="w-full text-sm" data-testid="series-table">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-surface-2 text-xs text-muted">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium">
              {rowHeader}
            </th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className="px-3 py-2 text-right font-medium">
                {columnHeader(c)}
              </th>
            ))}
            {action && (
              <th scope="col" className="px-3 py-2 text-right font-medium">
                <span className="sr-only">{action.header}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className="border-t border-line">
              <th scope="row" className="px-3 py-1.5 text-left font-normal">
                {r.label}
              </th>
              {r.cells.map((cell, i) => (
                <td key={columns[i]?.key ?? i} className="px-3 py-1.5 text-right tabular-nums">
                  {cell}
                </td>
              ))}
              {action && <td className="px-3 py-1.5 text-right">{action.cell(r.key)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
