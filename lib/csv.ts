/**
 * CSV exports of what a chart or table shows: the same rows, in the same order, with the API's
 * own values (never the formatted strings on screen). Header cells carry units
 * (`First response time (seconds)`, `Rated good (count)`, `Bucket (Europe/Warsaw)`).
 * Pure functions, client- and server-safe; the browser download lives in the UI.
 *
 * Quoting follows RFC 4180 (Papa.unparse): fields with commas, quotes or line breaks are
 * quoted, quotes doubled; `null` is an empty cell. Text that a spreadsheet would run as a
 * formula (`=`, `+`, `-`, `@` first) is prefixed with `'`; numbers are written as they are.
 */
import Papa from "papaparse";
import type { MetricBucket, MetricUnit, SourceSelector } from "./metrics/types";

export type CsvCell = string | number | null;

const UNIT_WORDS: Record<MetricUnit, string> = {
  count: "count",
  seconds: "seconds",
  percent: "percent",
};

/** The unit as a header word: `count`, `seconds`, `percent`. */
export function unitWord(unit: MetricUnit): string {
  return UNIT_WORDS[unit];
}

/** `First response time (seconds)`. */
export function headerWithUnit(label: string, unit: MetricUnit | string): string {
  const word = unit in UNIT_WORDS ? UNIT_WORDS[unit as MetricUnit] : unit;
  return `${label} (${word})`;
}

/** A CSV document (CRLF line ends, no trailing newline) from a header row and data rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  for (const row of rows) {
    if (row.length !== header.length)
      throw new Error(`CSV row has ${row.length} cells, header has ${header.length}`);
  }
  return Papa.unparse(
    {
      fields: [...header],
      data: rows.map((row) => row.map((cell) => (cell === null ? "" : cell))),
    },
    { newline: "\r\n", escapeFormulae: true, quotes: false },
  );
}

/** One column of a metric series export: the bucket value, or one of its parts. */
export interface SeriesColumn {
  label: string;
  unit: MetricUnit;
  /** Part id (`good`, `auto_invite`…); absent for the bucket's own value. */
  part?: string;
}

/** The value a series column reads from a bucket. */
export function seriesValue(bucket: Pick<MetricBucket, "value" | "parts">, column: SeriesColumn) {
  if (column.part === undefined) return bucket.value;
  return bucket.parts?.[column.part] ?? null;
}

/**
 * The CSV of a metric chart: one row per bucket (the API's key, in the API's order), one
 * column per series shown.
 */
export function metricSeriesCsv(
  data: { timezone: string; buckets: readonly Pick<MetricBucket, "key" | "value" | "parts">[] },
  columns: readonly SeriesColumn[],
): string {
  const header = [
    `Bucket (${data.timezone})`,
    ...columns.map((c) => headerWithUnit(c.label, c.unit)),
  ];
  const rows = data.buckets.map((b) => [b.key, ...columns.map((c) => seriesValue(b, c))]);
  return toCsv(header, rows);
}

/** A generic table export: each column has a header (with its unit) and reads a row. */
export interface TableColumn<Row> {
  header: string;
  value: (row: Row) => CsvCell;
}

export function tableCsv<Row>(columns: readonly TableColumn<Row>[], rows: readonly Row[]): string {
  return toCsv(
    columns.map((c) => c.header),
    rows.map((row) => columns.map((c) => c.value(row))),
  );
}

/** `chatlens-chats.first_response_time-livechat-2026-11-12_2026-11-18.csv` */
export function csvFileName(
  subject: string,
  source: SourceSelector,
  from: string,
  to: string,
): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, "-");
  return `chatlens-${safe(subject)}-${safe(source)}-${safe(from)}_${safe(to)}.csv`;
}
