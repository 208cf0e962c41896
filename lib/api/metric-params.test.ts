import { describe, expect, test } from "vitest";
import { parseMetricParams } from "./metric-params";

const q = (s: string) => new URLSearchParams(s);

describe("metric parameters", () => {
  test("valid request with defaults", () => {
    const r = parseMetricParams("chats.total", q("from=2024-03-01&to=2024-03-07"));
    expect(r).toEqual({
      ok: true,
      value: {
        metric: "chats.total",
        source: undefined,
        from: "2024-03-01",
        to: "2024-03-07",
        granularity: "day",
        group: null,
        agent: null,
        tz: undefined,
        compare: false,
      },
    });
    const single = parseMetricParams(
      "chats.csat",
      q("from=2024-03-01&to=2024-03-01&compare=previous&tz=Europe/Warsaw"),
    );
    expect(single.ok && single.value.granularity).toBe("hour");
    expect(single.ok && single.value.compare).toBe(true);
    const all = parseMetricParams(
      "chats.total",
      q("source=all&from=2024-03-01&to=2024-03-02&agent=jane.doe@example.com"),
    );
    expect(all.ok && [all.value.source, all.value.agent]).toEqual(["all", "jane.doe@example.com"]);
  });

  test.each([
    ["chats.nope", "from=2024-03-01&to=2024-03-02", /unknown metric/],
    ["chats.total", "to=2024-03-02", /from is required/],
    ["chats.total", "from=2024-02-30&to=2024-03-02", /from must be a calendar date/],
    ["chats.total", "from=2024-03-05&to=2024-03-02", /from must not be after to/],
    ["chats.total", "from=2023-01-01&to=2024-03-02", /at most 366 days/],
    [
      "chats.total",
      "from=2024-03-01&to=2024-03-10&granularity=hour",
      /hour granularity allows at most 7 days/,
    ],
    ["chats.total", "from=2024-03-01&to=2024-03-02&granularity=week", /granularity must be one of/],
    ["chats.total", "from=2024-03-01&to=2024-03-02&source=zendesk", /source must be one of/],
    ["chats.total", "from=2024-03-01&to=2024-03-02&tz=Mars/Base", /IANA time zone/],
    [
      "chats.total",
      "from=2024-03-01&to=2024-03-02&group=1%27%20OR%201=1",
      /group must be a team id/,
    ],
    ["chats.total", "from=2024-03-01&to=2024-03-02&from=2024-03-01", /given 2 times/],
    ["chats.total", "from=2024-03-01&to=2024-03-02&path=/admin", /unknown parameter "path"/],
    ["chats.total", "from=2024-03-01&to=2024-03-02&compare=yes", /compare must be "previous"/],
  ])("%s?%s → 400 %s", (metric, search, message) => {
    const r = parseMetricParams(metric, q(search));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});
