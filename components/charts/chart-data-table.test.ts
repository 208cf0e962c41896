import { describe, expect, it } from "vitest";
import { chartTableRows, columnHeader, type DataTableColumn } from "./chart-data-table";

const COLUMNS: DataTableColumn[] = [
  { key: "value", name: "Chats", unit: "count" },
  { key: "part_frt", name: "First response time", unit: "seconds" },
  { key: "part_csat", name: "CSAT", unit: "percent" },
];

describe("chartTableRows", () => {
  it("formats each series in its unit, one row per bucket, labels from the key", () => {
    const rows = chartTableRows(
      [
        { key: "2026-10-05", value: 1234, part_frt: 65, part_csat: 87.25 },
        { key: "2026-10-06", value: 0, part_frt: 4.24, part_csat: 100 },
      ],
      COLUMNS,
      (key) => `day ${key}`,
    );
    expect(rows).toEqual([
      { key: "2026-10-05", label: "day 2026-10-05", cells: ["1,234", "1m 05s", "87.3%"] },
      { key: "2026-10-06", label: "day 2026-10-06", cells: ["0", "4.2s", "100.0%"] },
    ]);
  });

  it("shows gaps as a dash, never as 0", () => {
    const rows = chartTableRows(
      [{ key: "k", value: null, part_frt: Number.NaN }],
      COLUMNS,
      (k) => k,
    );
    expect(rows[0]?.cells).toEqual(["—", "—", "—"]);
  });
});

describe("columnHeader", () => {
  it("names the unit", () => {
    expect(COLUMNS.map(columnHeader)).toEqual([
      "Chats (count)",
      "First response time (duration)",
      "CSAT (%)",
    ]);
  });
});
