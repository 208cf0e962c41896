import { describe, expect, it } from "vitest";
import type { SourcesResponse } from "@/lib/metrics/types";
import {
  boardToDraft,
  boundPreview,
  draftToPayload,
  goalSummary,
  goalToInput,
  metricsFor,
  parseDurationInput,
  parseGoalBound,
  teamLabel,
  type BoardDraft,
} from "./board-model";

const SOURCES: SourcesResponse = {
  timezone: "Europe/Berlin",
  demo: true,
  sources: [
    {
      id: "livechat",
      name: "LiveChat",
      teamLabel: "group",
      teams: [{ id: "3", name: "Sales" }],
      agents: [],
      metrics: ["chats.total", "chats.first_response_time", "chats.csat", "agents.availability"],
      agentFilterMetrics: [],
      archive: true,
      tickets: true,
      fixedTimezone: null,
    },
    {
      id: "rocketchat",
      name: "Rocket.Chat",
      teamLabel: "department",
      teams: [],
      agents: [],
      metrics: ["chats.total", "chats.reaction_time"],
      agentFilterMetrics: [],
      archive: false,
      tickets: false,
      fixedTimezone: "UTC",
    },
  ],
};

const draft = (over: Partial<BoardDraft> = {}): BoardDraft => ({
  name: "Floor",
  source: "livechat",
  group: null,
  range: "today",
  tiles: [{ metric: "chats.total", green: "", amber: "" }],
  ...over,
});

describe("parseDurationInput", () => {
  it.each([
    ["90", 90],
    ["90s", 90],
    ["1:30", 90],
    ["1m 30s", 90],
    ["1m30", 90],
    ["2m", 120],
    ["2 min", 120],
    ["1h 5m", 3900],
    ["1:02:03", 3723],
    ["4.5s", 4.5],
    [" 45 ", 45],
  ])("%s → %d s", (text, seconds) => {
    expect(parseDurationInput(text)).toBe(seconds);
  });

  it.each(["", "abc", "1:75", "-5", "m", "1x"])("%j is not a duration", (text) => {
    expect(parseDurationInput(text)).toBeNull();
  });
});

describe("goal bounds", () => {
  it("round-trips durations through the text the editor shows", () => {
    for (const s of [0, 5, 45, 90, 600, 3723, 4.5]) {
      const text = goalToInput(s, "chats.first_response_time");
      expect(parseDurationInput(text)).toBe(s);
    }
    expect(goalToInput(90, "chats.first_response_time")).toBe("1m 30s");
    expect(goalToInput(85, "chats.csat")).toBe("85");
  });

  it("reads percentages 0–100 and refuses more", () => {
    expect(parseGoalBound("85", "chats.csat")).toEqual({ ok: true, value: 85 });
    expect(parseGoalBound("92.5%", "chats.csat")).toEqual({ ok: true, value: 92.5 });
    expect(parseGoalBound("120", "chats.csat").ok).toBe(false);
    expect(parseGoalBound("lots", "chats.total").ok).toBe(false);
  });

  it("previews what was understood, formatted", () => {
    expect(boundPreview("90", "chats.first_response_time")).toBe("1m 30s");
    expect(boundPreview("85", "chats.csat")).toBe("85.0%");
    expect(boundPreview("?", "chats.first_response_time")).toBeNull();
  });

  it("summarises a goal with the direction's comparison", () => {
    expect(
      goalSummary({ metric: "chats.first_response_time", goal: { green: 30, amber: 60 } }),
    ).toBe("green ≤ 30s, amber ≤ 1m 00s");
    expect(goalSummary({ metric: "chats.csat", goal: { green: 90, amber: 80 } })).toBe(
      "green ≥ 90.0%, amber ≥ 80.0%",
    );
    expect(goalSummary({ metric: "chats.csat" })).toBeNull();
  });
});

describe("metricsFor", () => {
  it("offers what the source provides, and the union under all", () => {
    expect(metricsFor("rocketchat", SOURCES)).toEqual(["chats.total", "chats.reaction_time"]);
    expect(metricsFor("all", SOURCES)).toEqual([
      "chats.total",
      "chats.csat",
      "chats.first_response_time",
      "chats.reaction_time",
      "agents.availability",
    ]);
  });

  it("falls back on the dictionary without a source list", () => {
    expect(metricsFor("rocketchat", null)).not.toContain("agents.availability");
    expect(metricsFor("livechat", null)).toContain("agents.availability");
  });
});

describe("draftToPayload", () => {
  it("maps the form to the API body, goals in seconds", () => {
    const result = draftToPayload(
      draft({
        group: "3",
        range: "last7",
        tiles: [
          { metric: "chats.total", green: "", amber: "" },
          { metric: "chats.first_response_time", green: "30s", amber: "1:00" },
        ],
      }),
      SOURCES,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        name: "Floor",
        source: "livechat",
        group: "3",
        range: "last7",
        tiles: [
          { metric: "chats.total" },
          { metric: "chats.first_response_time", goal: { green: 30, amber: 60 } },
        ],
      },
    });
  });

  it("explains a goal pointing the wrong way with the metric's label", () => {
    const result = draftToPayload(
      draft({ tiles: [{ metric: "chats.first_response_time", green: "2m", amber: "1m" }] }),
      SOURCES,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        "Tile 1 (First response time): lower is better for First response time: green must be at most amber",
      ],
    });
  });

  it("refuses half a goal, unreadable bounds, goals on neutral metrics, missing metrics", () => {
    const result = draftToPayload(
      draft({
        source: "rocketchat",
        tiles: [
          { metric: "chats.total", green: "5", amber: "" },
          { metric: "chats.reaction_time", green: "soon", amber: "1m" },
          { metric: "chats.csat", green: "", amber: "" },
        ],
      }),
      SOURCES,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.stringMatching(/^Tile 1 \(Total chats\): .*cannot have a goal/),
      expect.stringMatching(/^Tile 2 \(Reaction time\): green: write a duration/),
      "Tile 3 (CSAT): not available from Rocket.Chat; remove it",
    ]);
  });

  it("drops the team under all sources and needs a name and a tile", () => {
    const all = draftToPayload(draft({ source: "all", group: "3" }), SOURCES);
    expect(all.ok && all.value.group).toBeNull();
    const empty = draftToPayload(draft({ name: " ", tiles: [] }), SOURCES);
    expect(empty).toEqual({
      ok: false,
      errors: ["Name: must not be empty", "Tiles: a board needs at least one tile"],
    });
  });

  it("turns a stored board back into the form", () => {
    expect(
      boardToDraft({
        name: "B",
        source: "livechat",
        group: "3",
        range: "last30",
        tiles: [{ metric: "chats.first_response_time", goal: { green: 45, amber: 90 } }],
      }),
    ).toEqual({
      name: "B",
      source: "livechat",
      group: "3",
      range: "last30",
      tiles: [{ metric: "chats.first_response_time", green: "45s", amber: "1m 30s" }],
    });
    expect(teamLabel("livechat", "3", SOURCES)).toBe("Sales");
    expect(teamLabel("livechat", "9", SOURCES)).toBe("Team 9");
    expect(teamLabel("livechat", null, SOURCES)).toBe("All teams");
  });
});
