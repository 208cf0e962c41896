import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import {
  csvFileName,
  headerWithUnit,
  metricSeriesCsv,
  tableCsv,
  toCsv,
  unitWord,
  type TableColumn,
} from "./csv";

describe("toCsv", () => {
  it("writes a header and rows with CRLF line ends", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          [1, 2.5],
          ["x", 0],
        ],
      ),
    ).toBe("a,b\r\n1,2.5\r\nx,0");
  });

  it("quotes values with commas, quotes and newlines, and doubles the quotes", () => {
    const csv = toCsv(["name", "note"], [["Reyes, Sofia", 'said "hi"\nthen left']]);
    expect(csv).toBe('name,note\r\n"Reyes, Sofia","said ""hi""\nthen left"');
    // And it reads back to the same cells.
    const parsed = Papa.parse<string[]>(csv, { newline: "\r\n" });
    expect(parsed.data[1]).toEqual(["Reyes, Sofia", 'said "hi"\nthen left']);
  });

  it("writes null as an empty cell, and keeps zero", () => {
    expect(toCsv(["a", "b", "c"], [[null, 0, null]])).toBe("a,b,c\r\n,0,");
  });

  it("neutralises spreadsheet formulas in text but leaves negative numbers alone", () => {
    expect(toCsv(["t", "n"], [["=SUM(A1)", -3]])).toBe('t,n\r\n"\'=SUM(A1)",-3');
  });

  it("refuses rows that do not fit the header", () => {
    expect(() => toCsv(["a"], [[1, 2]])).toThrow(/2 cells/);
  });
});

describe("metric series", () => {
  const data = {
    timezone: "Europe/Warsaw",
    buckets: [
      { key: "2026-11-12", value: 41.25, parts: { good: 10, bad: 2 } },
      { key: "2026-11-13", value: null, parts: { good: null, bad: 0 } },
      { key: "2026-11-14", value: 12 },
    ],
  };

  it("has units in the header and the API's values, in the API's order", () => {
    expect(metricSeriesCsv(data, [{ label: "First response time", unit: "seconds" }])).toBe(
      [
        "Bucket (Europe/Warsaw),First response time (seconds)",
        "2026-11-12,41.25",
        "2026-11-13,",
        "2026-11-14,12",
      ].join("\r\n"),
    );
  });

  it("reads parts; a missing part is empty", () => {
    expect(
      metricSeriesCsv(data, [
        { label: "Rated good", unit: "count", part: "good" },
        { label: "Rated bad", unit: "count", part: "bad" },
      ]),
    ).toBe(
      [
        "Bucket (Europe/Warsaw),Rated good (count),Rated bad (count)",
        "2026-11-12,10,2",
        "2026-11-13,,0",
        "2026-11-14,,",
      ].join("\r\n"),
    );
  });
});

describe("tables and names", () => {
  it("exports rows through column readers", () => {
    const columns: TableColumn<{ name: string; csat: number | null }>[] = [
      { header: "Name", value: (r) => r.name },
      { header: headerWithUnit("CSAT", "percent"), value: (r) => r.csat },
    ];
    expect(
      tableCsv(columns, [
        { name: "Ava", csat: 90.5 },
        { name: "Liam", csat: null },
      ]),
    ).toBe("Name,CSAT (percent)\r\nAva,90.5\r\nLiam,");
  });

  it("words units", () => {
    expect(unitWord("seconds")).toBe("seconds");
    expect(headerWithUnit("Score", "0–1")).toBe("Score (0–1)");
  });

  it("names files after the subject, source and range", () => {
    expect(csvFileName("chats.first_response_time", "livechat", "2026-11-12", "2026-11-18")).toBe(
      "chatlens-chats.first_response_time-livechat-2026-11-12_2026-11-18.csv",
    );
    expect(csvFileName("agents table/x", "all", "2026-11-12", "2026-11-12")).toBe(
      "chatlens-agents-table-x-all-2026-11-12_2026-11-12.csv",
    );
  });
});
