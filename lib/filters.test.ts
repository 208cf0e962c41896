import { describe, expect, it } from "vitest";
import { createLoader } from "nuqs/server";
import type { SourceInfo } from "./metrics/types";
import {
  allowedGranularities,
  customDatesUpdate,
  filterParsers,
  rangeUpdate,
  resolveFilters,
  safeCallbackUrl,
  sourceUpdate,
} from "./filters";

const load = createLoader(filterParsers);
const TODAY = "2024-03-15";

const livechat: SourceInfo = {
  id: "livechat",
  name: "LiveChat",
  teamLabel: "group",
  teams: [
    { id: "1", name: "Sales" },
    { id: "2", name: "Support" },
  ],
  metrics: ["chats.total", "chats.csat", "chats.first_response_time", "chats.response_time"],
  fixedTimezone: null,
};
const rocketchat: SourceInfo = {
  id: "rocketchat",
  name: "Rocket.Chat",
  teamLabel: "department",
  teams: [{ id: "d1", name: "Helpdesk" }],
  metrics: ["chats.total", "chats.first_response_time", "chats.response_time"],
  fixedTimezone: "UTC",
};
const SOURCES = [livechat, rocketchat];

const resolve = (qs: string, sources: SourceInfo[] = SOURCES) =>
  resolveFilters(load(qs), sources, TODAY);

describe("resolveFilters", () => {
  it("defaults to the first source, all teams, the last 7 days by day", () => {
    const f = resolve("");
    expect(f.source?.id).toBe("livechat");
    expect(f.group).toBeNull();
    expect(f.range).toBe("last7");
    expect([f.from, f.to, f.days]).toEqual(["2024-03-09", "2024-03-15", 7]);
    expect(f.granularity).toBe("day");
  });

  it("reads a full URL", () => {
    const f = resolve(
      "?source=rocketchat&group=d1&range=custom&from=2024-01-01&to=2024-02-29&granularity=month",
    );
    expect(f.source?.id).toBe("rocketchat");
    expect(f.group).toBe("d1");
    expect([f.from, f.to]).toEqual(["2024-01-01", "2024-02-29"]);
    expect(f.granularity).toBe("month");
  });

  it("drops what does not fit", () => {
    expect(resolve("?source=nope").source?.id).toBe("livechat");
    expect(resolve("?group=d1").group).toBeNull(); // a Rocket.Chat department on LiveChat
    expect(resolve("?range=last30&granularity=hour").granularity).toBe("day");
    expect(resolve("?range=last7&granularity=month").granularity).toBe("day");
    expect(resolve("?range=today").granularity).toBe("hour");
  });

  it("keeps an unverifiable team when the team list failed to load", () => {
    const broken = { ...livechat, teams: [], teamsError: "Could not load groups: timeout" };
    expect(resolve("?group=7", [broken]).group).toBe("7");
  });

  it("falls back to last 7 days for an incomplete custom range and orders swapped days", () => {
    expect(resolve("?range=custom&from=2024-02-30&to=2024-03-01")).toMatchObject({
      from: "2024-03-09",
      to: "2024-03-15",
    });
    expect(resolve("?range=custom&from=2024-03-10&to=2024-03-01")).toMatchObject({
      from: "2024-03-01",
      to: "2024-03-10",
    });
  });

  it("has no source when none is configured", () => {
    expect(resolve("", []).source).toBeNull();
  });
});

describe("allowedGranularities", () => {
  it("allows hour up to 7 days and month from 28 days", () => {
    expect(allowedGranularities("2024-03-01", "2024-03-07")).toEqual({
      hour: true,
      day: true,
      month: false,
    });
    expect(allowedGranularities("2024-03-01", "2024-03-08").hour).toBe(false);
    expect(allowedGranularities("2024-02-01", "2024-02-28").month).toBe(true);
    expect(allowedGranularities("2024-02-01", "2024-02-27").month).toBe(false);
  });
});

describe("updates", () => {
  it("resets the team when the source changes", () => {
    expect(sourceUpdate("rocketchat")).toEqual({ source: "rocketchat", group: null });
  });

  it("starts a custom range from the dates on screen", () => {
    const state = load("?range=last30");
    const f = resolveFilters(state, SOURCES, TODAY);
    expect(rangeUpdate("custom", f, state, TODAY)).toEqual({
      range: "custom",
      from: "2024-02-15",
      to: TODAY,
    });
  });

  it("clears custom dates and a granularity the new preset does not allow", () => {
    const state = load("?range=today&granularity=hour");
    const f = resolveFilters(state, SOURCES, TODAY);
    expect(rangeUpdate("last30", f, state, TODAY)).toEqual({
      range: "last30",
      from: null,
      to: null,
      granularity: null,
    });
    expect(rangeUpdate("yesterday", f, state, TODAY).granularity).toBe("hour");
  });

  it("keeps a custom range ordered while editing", () => {
    const state = load("?range=custom&from=2024-03-01&to=2024-03-05");
    const f = resolveFilters(state, SOURCES, TODAY);
    expect(customDatesUpdate({ from: "2024-03-09" }, f, state)).toMatchObject({
      from: "2024-03-09",
      to: "2024-03-09",
    });
    expect(customDatesUpdate({ to: "2024-02-20" }, f, state)).toMatchObject({
      from: "2024-02-20",
      to: "2024-02-20",
    });
  });
});

describe("safeCallbackUrl", () => {
  it.each([
    ["/", "/"],
    ["/?range=last30&source=rocketchat", "/?range=last30&source=rocketchat"],
    ["/reports#top", "/reports#top"],
  ])("keeps the same-origin path %s", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });

  it.each([
    undefined,
    null,
    "",
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "relative/path",
  ])("rejects %s", (input) => {
    expect(safeCallbackUrl(input)).toBe("/");
  });

  it("takes the first of repeated params", () => {
    expect(safeCallbackUrl(["/a", "https://evil.example"])).toBe("/a");
  });
});
