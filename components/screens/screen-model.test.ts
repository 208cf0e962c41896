import { describe, expect, it } from "vitest";
import {
  draftToScreenPayload,
  emptyScreenDraft,
  formatInterval,
  intervalHint,
  newestFirst,
  relativeTime,
  screenToDraft,
} from "./screen-model";

const BOARD = "AAAAAAAAAAAAAAAAAAAAAA";
const OTHER = "BBBBBBBBBBBBBBBBBBBBBB";

describe("draftToScreenPayload", () => {
  it("maps the defaults: 60 s / 60 s, dark, no quiet hours", () => {
    const draft = { ...emptyScreenDraft("Europe/Berlin", [BOARD, OTHER]), name: "Desk TV" };
    expect(draftToScreenPayload(draft)).toEqual({
      ok: true,
      value: {
        name: "Desk TV",
        boardIds: [BOARD, OTHER],
        rotationSeconds: 60,
        refreshSeconds: 60,
        theme: "dark",
        quietHours: null,
      },
    });
  });

  it("keeps low intervals as typed (the server raises them) and sends quiet hours", () => {
    const draft = {
      ...emptyScreenDraft("UTC", [BOARD]),
      name: "TV",
      rotationSeconds: "10",
      refreshSeconds: "15 s",
      theme: "light" as const,
      quiet: true,
      quietFrom: "22:00",
      quietTo: "06:30",
      quietTz: " Europe/Berlin ",
    };
    const result = draftToScreenPayload(draft);
    expect(result.ok && result.value).toMatchObject({
      rotationSeconds: 10,
      refreshSeconds: 15,
      theme: "light",
      quietHours: { from: "22:00", to: "06:30", tz: "Europe/Berlin" },
    });
  });

  it("lists what to fix", () => {
    const draft = {
      ...emptyScreenDraft("UTC"),
      rotationSeconds: "1.5",
      quiet: true,
      quietFrom: "08:00",
      quietTo: "08:00",
      quietTz: "Mars/Base",
    };
    const result = draftToScreenPayload(draft);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      "Rotation: write whole seconds, such as 60",
      "Name: must not be empty",
      "Boards: a screen shows at least one board",
      "Quiet hours (tz): must be an IANA time zone",
      "Quiet hours: quiet hours must not start and end at the same time",
    ]);
  });

  it("round-trips a stored screen", () => {
    const draft = screenToDraft(
      {
        name: "TV",
        boardIds: [BOARD],
        rotationSeconds: 30,
        refreshSeconds: 120,
        theme: "dark",
        quietHours: { from: "20:00", to: "08:00", tz: "Europe/Paris" },
      },
      "UTC",
    );
    expect(draftToScreenPayload(draft)).toEqual({
      ok: true,
      value: {
        name: "TV",
        boardIds: [BOARD],
        rotationSeconds: 30,
        refreshSeconds: 120,
        theme: "dark",
        quietHours: { from: "20:00", to: "08:00", tz: "Europe/Paris" },
      },
    });
    const none = screenToDraft(
      { ...draft, rotationSeconds: 60, refreshSeconds: 60, quietHours: null },
      "UTC",
    );
    expect(none.quiet).toBe(false);
    expect(none.quietTz).toBe("UTC");
  });
});

describe("intervals", () => {
  it("hints at the minimum and what a lower value becomes", () => {
    expect(intervalHint("60", 30)).toBe("At least 30 s; lower values are raised.");
    expect(intervalHint("10", 30)).toBe(
      "At least 30 s; lower values are raised. 10 s will be stored as 30 s.",
    );
  });

  it("reads seconds in words", () => {
    expect(formatInterval(45)).toBe("45 s");
    expect(formatInterval(60)).toBe("1 min");
    expect(formatInterval(90)).toBe("1 min 30 s");
    expect(formatInterval(7200)).toBe("2 h");
  });
});

describe("relativeTime", () => {
  const now = Date.parse("2026-11-21T12:00:00Z");
  it.each([
    [null, "never"],
    ["garbage", "—"],
    ["2026-11-21T12:00:30Z", "just now"],
    ["2026-11-21T11:59:40Z", "just now"],
    ["2026-11-21T11:58:00Z", "2 min ago"],
    ["2026-11-21T09:00:00Z", "3 h ago"],
    ["2026-11-20T10:00:00Z", "yesterday"],
    ["2026-11-16T12:00:00Z", "5 days ago"],
  ])("%s → %s", (iso, text) => {
    expect(relativeTime(iso, now)).toBe(text);
  });
});

describe("newestFirst", () => {
  it("reverses the API's oldest-first list without touching it", () => {
    const errors = [
      { at: "2026-11-21T10:00:00Z", message: "a" },
      { at: "2026-11-21T11:00:00Z", message: "b" },
    ];
    expect(newestFirst(errors).map((e) => e.message)).toEqual(["b", "a"]);
    expect(errors[0]?.message).toBe("a");
  });
});
