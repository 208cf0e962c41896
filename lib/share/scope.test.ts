import { describe, expect, test } from "vitest";
import { resolveRange } from "@/lib/filters";
import {
  checkInput,
  createShareLinkInputSchema,
  renewShareLinkInputSchema,
  resolveShareGranularity,
  resolveShareRange,
  shareMetrics,
  shareScopeSchema,
  type ShareScopeInput,
} from "./scope";

const base: ShareScopeInput = {
  page: "overview",
  source: "livechat",
  range: { kind: "rolling", preset: "last7" },
};

describe("share scope", () => {
  test("defaults: all teams and agents, automatic granularity, compare on, names shown", () => {
    expect(shareScopeSchema.parse(base)).toEqual({
      page: "overview",
      source: "livechat",
      group: null,
      agent: null,
      range: { kind: "rolling", preset: "last7" },
      granularity: null,
      compare: true,
      hideAgentNames: false,
    });
  });

  test("a full scope round-trips", () => {
    const scope = {
      page: "response-times",
      source: "rocketchat",
      group: "support-1",
      agent: "jane.doe@example.com",
      metrics: ["chats.first_response_time", "chats.reaction_time"],
      range: { kind: "fixed", from: "2024-03-01", to: "2024-03-31" },
      granularity: "month",
      compare: false,
      hideAgentNames: true,
    } as const;
    expect(shareScopeSchema.parse(scope)).toEqual(scope);
  });

  test.each([
    ["the archive is not shareable", { ...base, page: "archive" }],
    ["unknown source", { ...base, source: "zendesk" }],
    ["unknown key", { ...base, tenant: "b" }],
    ["bad team id", { ...base, group: "1' OR 1=1" }],
    ["unknown preset", { ...base, range: { kind: "rolling", preset: "last90" } }],
    ["custom is not a rolling preset", { ...base, range: { kind: "rolling", preset: "custom" } }],
    [
      "day not YYYY-MM-DD",
      { ...base, range: { kind: "fixed", from: "1.3.2024", to: "2024-03-02" } },
    ],
    ["unknown metric", { ...base, metrics: ["chats.nope"] }],
    ["compare not a boolean", { ...base, compare: "yes" }],
  ])("malformed: %s", (_name, raw) => {
    const r = checkInput(shareScopeSchema, raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.kind).toBe("malformed");
  });

  test.each([
    ["team under all sources", { ...base, source: "all", group: "1" }, /group: a team/],
    ["agent under all sources", { ...base, source: "all", agent: "a@b.c" }, /agent: an agent/],
    ["metric of another page", { ...base, metrics: ["tickets.new"] }, /not on the overview page/],
    ["no metrics", { ...base, metrics: [] }, /at least one/],
    ["duplicate metrics", { ...base, metrics: ["chats.total", "chats.total"] }, /duplicates/],
    [
      "from after to",
      { ...base, range: { kind: "fixed", from: "2024-03-05", to: "2024-03-01" } },
      /from must not be after to/,
    ],
    [
      "more than 366 days",
      { ...base, range: { kind: "fixed", from: "2022-01-01", to: "2024-01-01" } },
      /at most 366 days/,
    ],
    [
      "impossible day",
      { ...base, range: { kind: "fixed", from: "2024-02-30", to: "2024-03-01" } },
      /calendar date/,
    ],
    [
      "hourly over 30 days",
      {
        ...base,
        granularity: "hour",
        range: { kind: "fixed", from: "2024-03-01", to: "2024-03-30" },
      },
      /hour granularity/,
    ],
  ])("invalid (422): %s", (_name, raw, message) => {
    const r = checkInput(shareScopeSchema, raw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.kind).toBe("invalid");
      expect(r.message).toMatch(message);
    }
  });

  test("create input: expiry defaults to 30 days, 1…365, optional password 8…200", () => {
    const ok = checkInput(createShareLinkInputSchema, { scope: base });
    expect(ok.ok && ok.value.expiresInDays).toBe(30);
    expect(ok.ok && ok.value.password).toBeUndefined();
    const withPassword = checkInput(createShareLinkInputSchema, {
      scope: base,
      expiresInDays: 365,
      password: "correct horse",
    });
    expect(withPassword.ok).toBe(true);
    for (const [raw, kind] of [
      [{ scope: base, expiresInDays: 0 }, "invalid"],
      [{ scope: base, expiresInDays: 366 }, "invalid"],
      [{ scope: base, password: "short" }, "invalid"],
      [{ scope: base, password: "x".repeat(201) }, "invalid"],
      [{ scope: base, expiresInDays: 1.5 }, "malformed"],
      [{ scope: base, expiresInDays: "30" }, "malformed"],
      [{ scope: base, password: 12345678 }, "malformed"],
      [{ expiresInDays: 30 }, "malformed"],
      [{ scope: base, token: "x" }, "malformed"],
      [null, "malformed"],
    ] as const) {
      const r = checkInput(createShareLinkInputSchema, raw);
      expect(r.ok, JSON.stringify(raw)).toBe(false);
      if (!r.ok) expect(r.kind, JSON.stringify(raw)).toBe(kind);
    }
  });

  test("renew input", () => {
    expect(renewShareLinkInputSchema.parse({})).toEqual({ expiresInDays: 30 });
    expect(renewShareLinkInputSchema.parse({ expiresInDays: 7 })).toEqual({ expiresInDays: 7 });
    const r = checkInput(renewShareLinkInputSchema, { expiresInDays: 400 });
    expect(!r.ok && r.kind).toBe("invalid");
  });
});

describe("resolveShareRange", () => {
  test("a fixed range is shown as stored, whatever the day", () => {
    const scope = shareScopeSchema.parse({
      ...base,
      range: { kind: "fixed", from: "2024-03-01", to: "2024-03-07" },
    });
    expect(resolveShareRange(scope, "2024-06-15")).toEqual({
      from: "2024-03-01",
      to: "2024-03-07",
    });
    expect(resolveShareRange(scope, "2030-01-01")).toEqual({
      from: "2024-03-01",
      to: "2024-03-07",
    });
  });

  test("a rolling range moves with today, exactly as the report pages resolve it", () => {
    const scope = shareScopeSchema.parse(base);
    expect(resolveShareRange(scope, "2024-03-10")).toEqual({
      from: "2024-03-04",
      to: "2024-03-10",
    });
    expect(resolveShareRange(scope, "2024-03-11")).toEqual({
      from: "2024-03-05",
      to: "2024-03-11",
    });
    for (const preset of [
      "today",
      "yesterday",
      "last7",
      "last30",
      "thisMonth",
      "lastMonth",
    ] as const) {
      for (const today of ["2024-01-01", "2024-02-29", "2024-03-31", "2024-12-31"]) {
        expect(resolveShareRange({ range: { kind: "rolling", preset } }, today)).toEqual(
          resolveRange(preset, null, null, today),
        );
      }
    }
    expect(
      resolveShareRange({ range: { kind: "rolling", preset: "lastMonth" } }, "2024-03-15"),
    ).toEqual({
      from: "2024-02-01",
      to: "2024-02-29",
    });
  });

  test("granularity: the locked one when the range allows it, else automatic", () => {
    const week = { from: "2024-03-01", to: "2024-03-07" };
    const day = { from: "2024-03-01", to: "2024-03-01" };
    const month = { from: "2024-03-01", to: "2024-03-31" };
    expect(resolveShareGranularity({ granularity: null }, week)).toBe("day");
    expect(resolveShareGranularity({ granularity: null }, day)).toBe("hour");
    expect(resolveShareGranularity({ granularity: "hour" }, week)).toBe("hour");
    expect(resolveShareGranularity({ granularity: "hour" }, month)).toBe("day");
    expect(resolveShareGranularity({ granularity: "month" }, month)).toBe("month");
    expect(resolveShareGranularity({ granularity: "month" }, week)).toBe("day");
  });

  test("metrics: the chosen subset in the page's order, or all of the page's", () => {
    expect(shareMetrics({ page: "satisfaction", metrics: undefined })).toEqual(["chats.csat"]);
    expect(shareMetrics({ page: "overview", metrics: ["chats.missed", "chats.total"] })).toEqual([
      "chats.total",
      "chats.missed",
    ]);
  });
});
